import type { Queryable } from '../../db/database.js';
import type { DocumentData } from '../../forms/types.js';

export async function centralDocumentCount(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM xm_data.documents');
  return r?.n ?? 0;
}

/**
 * The number of central documents for a screen that shows it again every few seconds: the
 * exact count while the table is small, PostgreSQL's estimate (kept by ANALYZE and
 * autovacuum) beyond `exactBelow` rows, where a count scans millions of rows each time.
 */
export async function centralDocumentTally(q: Queryable, exactBelow: number): Promise<{ n: number; estimated: boolean }> {
  const [r] = await q.query<{ n: number; estimated: boolean }>(
    `SELECT CASE WHEN c.reltuples >= $1 THEN c.reltuples::bigint ELSE (SELECT count(*) FROM xm_data.documents) END::bigint AS n,
            c.reltuples >= $1 AS estimated
       FROM pg_class c WHERE c.oid = 'xm_data.documents'::regclass`,
    [exactBelow],
  );
  return { n: Number(r?.n ?? 0), estimated: r?.estimated ?? false };
}

export interface CentralDocumentRow {
  numero: number;
  niu: string;
  matricule: string;
  centre_name: string | null;
  centre_region: string | null;
  centre_status: number | null;
  form_id: string;
  form_version: number;
  status: number;
  data: DocumentData;
  names_display: string;
  event_date: string | null;
  validated_at: Date;
  received_at: Date;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  /** The container it came in (from its centre); null for documents loaded otherwise. */
  src_seq: number | null;
  /** The container's signed content is archived (xm_system.evidence). */
  evidence: boolean;
}

export async function centralDocumentByNiu(q: Queryable, niu: string): Promise<CentralDocumentRow | undefined> {
  const [r] = await q.query<CentralDocumentRow>(
    `SELECT d.numero, d.niu, d.matricule, c.name AS centre_name, c.region AS centre_region, c.status AS centre_status,
            d.form_id, d.form_version, d.status, d.data, d.names_display, d.event_date, d.validated_at, d.received_at,
            d.cancelled_at, d.cancel_reason, d.src_seq,
            EXISTS (SELECT 1 FROM xm_system.evidence e WHERE e.src = d.matricule AND e.seq = d.src_seq) AS evidence
       FROM xm_data.documents d LEFT JOIN xm_system.clients c ON c.matricule = d.matricule
      WHERE d.niu = $1`,
    [niu],
  );
  return r;
}

/** Certified copies the centre reported for a document, for its history. */
export async function copiesOfNiu(q: Queryable, matricule: string, niu: string): Promise<{ copy_no: number; issued_at: Date; received_at: Date }[]> {
  return q.query('SELECT copy_no, issued_at, received_at FROM xm_system.copies WHERE matricule = $1 AND niu = $2 ORDER BY copy_no', [matricule, niu]);
}
