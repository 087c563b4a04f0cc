import type { Queryable } from '../../db/database.js';
import type { DocumentData } from '../../forms/types.js';
import { SEARCH_RECENT_WINDOW, searchDocumentTable, type BaseSearchCriteria, type SearchTable } from '../../db/document-search.js';

export type Stage = 'draft' | 'verified' | 'validated';

export interface DocumentRow {
  numero: number;
  form_id: string;
  form_version: number;
  status: number;
  stage: Stage;
  niu: string | null;
  data: DocumentData;
  event_date: string | null;
  remark: string | null;
  created_by: number;
  created_at: Date;
  updated_by: number;
  updated_at: Date;
  verified_by: number | null;
  verified_at: Date | null;
  validated_by: number | null;
  validated_at: Date | null;
  cancelled_by: number | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
}

const COLUMNS = `numero, form_id, form_version, status, stage, niu, data, event_date, remark, created_by, created_at,
  updated_by, updated_at, verified_by, verified_at, validated_by, validated_at, cancelled_by, cancelled_at, cancel_reason`;

export async function documentByNumero(q: Queryable, numero: number, lock = false): Promise<DocumentRow | undefined> {
  const rows = await q.query<DocumentRow>(`SELECT ${COLUMNS} FROM docstream.documents WHERE numero = $1${lock ? ' FOR UPDATE' : ''}`, [numero]);
  return rows[0];
}

export async function documentByNiu(q: Queryable, niu: string): Promise<DocumentRow | undefined> {
  const rows = await q.query<DocumentRow>(`SELECT ${COLUMNS} FROM docstream.documents WHERE niu = $1`, [niu]);
  return rows[0];
}

export interface NewDocument {
  formId: string;
  formVersion: number;
  data: DocumentData;
  namesNorm: string;
  namesDisplay: string;
  eventDate: string | null;
  userId: number;
  at: Date;
}

export async function insertDocument(q: Queryable, d: NewDocument): Promise<DocumentRow> {
  const rows = await q.query<DocumentRow>(
    `INSERT INTO docstream.documents (form_id, form_version, data, names_norm, names_display, event_date, created_by, created_at, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8) RETURNING ${COLUMNS}`,
    [d.formId, d.formVersion, d.data, d.namesNorm, d.namesDisplay, d.eventDate, d.userId, d.at],
  );
  return rows[0]!;
}

export async function updateDraftData(
  q: Queryable,
  numero: number,
  d: Omit<NewDocument, 'formId' | 'formVersion'>,
): Promise<DocumentRow> {
  const rows = await q.query<DocumentRow>(
    `UPDATE docstream.documents SET data = $2, names_norm = $3, names_display = $4, event_date = $5, updated_by = $6, updated_at = $7
     WHERE numero = $1 RETURNING ${COLUMNS}`,
    [numero, d.data, d.namesNorm, d.namesDisplay, d.eventDate, d.userId, d.at],
  );
  return rows[0]!;
}

export async function markVerified(q: Queryable, numero: number, userId: number, at: Date): Promise<DocumentRow> {
  const rows = await q.query<DocumentRow>(
    `UPDATE docstream.documents SET stage = 'verified', verified_by = $2, verified_at = $3, remark = NULL, updated_by = $2, updated_at = $3
     WHERE numero = $1 RETURNING ${COLUMNS}`,
    [numero, userId, at],
  );
  return rows[0]!;
}

export async function sendBackToDraft(q: Queryable, numero: number, remark: string, userId: number, at: Date): Promise<DocumentRow> {
  const rows = await q.query<DocumentRow>(
    `UPDATE docstream.documents SET stage = 'draft', verified_by = NULL, verified_at = NULL, remark = $2, updated_by = $3, updated_at = $4
     WHERE numero = $1 RETURNING ${COLUMNS}`,
    [numero, remark, userId, at],
  );
  return rows[0]!;
}

/** Validation: NIU, stage and Status 3 (queued for transmission) in one statement. */
export async function markValidated(q: Queryable, numero: number, niu: string, userId: number, at: Date): Promise<DocumentRow> {
  const rows = await q.query<DocumentRow>(
    `UPDATE docstream.documents SET stage = 'validated', status = 3, niu = $2, validated_by = $3, validated_at = $4, updated_by = $3, updated_at = $4
     WHERE numero = $1 RETURNING ${COLUMNS}`,
    [numero, niu, userId, at],
  );
  return rows[0]!;
}

export async function markCancelled(q: Queryable, numero: number, reason: string, userId: number, at: Date): Promise<DocumentRow> {
  const rows = await q.query<DocumentRow>(
    `UPDATE docstream.documents SET status = 0, cancelled_by = $3, cancelled_at = $4, cancel_reason = $2, updated_by = $3, updated_at = $4
     WHERE numero = $1 RETURNING ${COLUMNS}`,
    [numero, reason, userId, at],
  );
  return rows[0]!;
}

export async function enqueueOutbox(q: Queryable, msgType: 'docs' | 'cancel', numero: number, niu: string, at: Date): Promise<void> {
  await q.query('INSERT INTO docstream.outbox (msg_type, document_numero, niu, created_at) VALUES ($1, $2, $3, $4)', [msgType, numero, niu, at]);
}

export async function pendingOutbox(q: Queryable): Promise<{ id: number; msg_type: string; niu: string; document_numero: number }[]> {
  return q.query('SELECT id, msg_type, niu, document_numero FROM docstream.outbox WHERE acked_at IS NULL ORDER BY id');
}

export interface SearchCriteria extends BaseSearchCriteria {
  stage?: Stage;
  createdBy?: number;
}

export interface SearchHit {
  numero: number;
  form_id: string;
  status: number;
  stage: Stage;
  niu: string | null;
  event_date: string | null;
  names_norm: string;
  /** The person names as typed, for lists. */
  names_display: string;
  remark: string | null;
  created_at: Date;
  updated_at: Date;
}

export { SEARCH_RECENT_WINDOW };

const CENTRE_SEARCH: SearchTable<SearchCriteria> = {
  table: 'docstream.documents',
  columns: 'numero, form_id, status, stage, niu, event_date, names_norm, names_display, remark, created_at, updated_at',
  extra: {
    stage: (p) => `stage = ${p}`,
    createdBy: (p) => `created_by = ${p}`,
  },
};

/** Newest first, keyset-paged on numero; the two-step date window is explained in `searchDocumentTable`. */
export function searchDocuments(q: Queryable, c: SearchCriteria): Promise<SearchHit[]> {
  return searchDocumentTable<SearchCriteria, SearchHit>(q, CENTRE_SEARCH, c);
}

export async function countByStage(q: Queryable): Promise<{ stage: Stage; status: number; n: number }[]> {
  return q.query('SELECT stage, status, count(*)::int AS n FROM docstream.documents GROUP BY stage, status ORDER BY stage, status');
}
