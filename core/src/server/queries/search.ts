import type { Queryable } from '../../db/database.js';
import type { DocumentData } from '../../forms/types.js';
import { searchDocumentTable, type BaseSearchCriteria, type SearchTable } from '../../db/document-search.js';

export interface CentralCriteria extends BaseSearchCriteria {
  /** The centre that validated the document. */
  matricule?: string;
  /** The region of the centre, as registered in xm_system.clients. */
  region?: string;
}

export interface CentralHit {
  numero: number;
  niu: string;
  matricule: string;
  form_id: string;
  form_version: number;
  status: number;
  event_date: string | null;
  /** The person names as typed, for lists. */
  names_display: string;
  validated_at: Date;
  received_at: Date;
}

const CENTRAL_SEARCH: SearchTable<CentralCriteria> = {
  table: 'xm_data.documents',
  columns: 'numero, niu, matricule, form_id, form_version, status, event_date, names_display, validated_at, received_at',
  extra: {
    matricule: (p) => `matricule = ${p}`,
    // A region is a property of the centre, not of the document: a centre moved to
    // another region takes its documents with it.
    region: (p) => `matricule IN (SELECT matricule FROM xm_system.clients WHERE region = ${p})`,
  },
};

/** Newest first, keyset-paged on the server's numero, with the centre's two-step date window. */
export function searchCentralDocuments(q: Queryable, c: CentralCriteria): Promise<CentralHit[]> {
  return searchDocumentTable<CentralCriteria, CentralHit>(q, CENTRAL_SEARCH, c);
}

export interface CentralDocument {
  numero: number;
  niu: string;
  matricule: string;
  form_id: string;
  form_version: number;
  status: number;
  data: DocumentData;
  validated_at: Date;
  cancelled_at: Date | null;
  cancel_reason: string | null;
}

/** Full documents for the given numeros, in the order asked; unknown numeros are left out. */
export async function centralDocumentsByNumero(q: Queryable, numeros: number[]): Promise<CentralDocument[]> {
  if (numeros.length === 0) return [];
  return q.query<CentralDocument>(
    `SELECT d.numero, d.niu, d.matricule, d.form_id, d.form_version, d.status, d.data, d.validated_at, d.cancelled_at, d.cancel_reason
     FROM unnest($1::bigint[]) WITH ORDINALITY AS a(numero, ord)
     JOIN xm_data.documents d ON d.numero = a.numero
     ORDER BY a.ord`,
    [numeros],
  );
}
