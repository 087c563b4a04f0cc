import type { Queryable } from '../../db/database.js';
import type { DocumentData } from '../../forms/types.js';

export interface IncomingDocument {
  n: string;
  f: string;
  fv: number;
  va: string;
  d: DocumentData;
  names_norm: string;
  names_display: string;
  event_date: string | null;
}

export interface StoredDocument {
  niu: string;
  matricule: string;
  form_id: string;
  form_version: number;
  data: DocumentData;
  validated_at: Date;
  status: number;
}

export async function documentsByNiu(q: Queryable, nius: string[]): Promise<StoredDocument[]> {
  if (nius.length === 0) return [];
  return q.query<StoredDocument>(
    'SELECT niu, matricule, form_id, form_version, data, validated_at, status FROM xm_data.documents WHERE niu = ANY($1::text[])',
    [nius],
  );
}

export async function insertConflicts(q: Queryable, matricule: string, srcSeq: number, docs: IncomingDocument[], at: Date): Promise<void> {
  if (docs.length === 0) return;
  await q.query(
    `INSERT INTO xm_data.conflicts (niu, matricule, form_id, form_version, data, validated_at, src_seq, received_at)
     SELECT x.n, $2, x.f, x.fv, x.d, x.va, $3, $4 FROM jsonb_to_recordset($1::jsonb) AS x(n text, f text, fv int, va timestamptz, d jsonb)`,
    [JSON.stringify(docs), matricule, srcSeq, at],
  );
}

/** Cancels the centre's own documents; returns the NIUs it changed. */
export async function cancelDocuments(q: Queryable, matricule: string, cancels: { n: string; reason: string; at: string }[]): Promise<Set<string>> {
  if (cancels.length === 0) return new Set();
  const rows = await q.query<{ niu: string }>(
    `UPDATE xm_data.documents d SET status = 0, cancelled_at = x.at, cancel_reason = x.reason
       FROM jsonb_to_recordset($1::jsonb) AS x(n text, reason text, at timestamptz)
      WHERE d.niu = x.n AND d.matricule = $2 AND d.status <> 0 RETURNING d.niu`,
    [JSON.stringify(cancels), matricule],
  );
  return new Set(rows.map((r) => r.niu));
}

export interface ConflictRow {
  id: number;
  niu: string;
  matricule: string;
  form_id: string;
  data: DocumentData;
  received_at: Date;
}

export async function openConflicts(q: Queryable, limit = 100): Promise<ConflictRow[]> {
  return q.query<ConflictRow>('SELECT id, niu, matricule, form_id, data, received_at FROM xm_data.conflicts WHERE resolved_at IS NULL ORDER BY id LIMIT $1', [limit]);
}

/**
 * The common path of a container in one statement: claims (src, seq), archives the
 * signed content, and inserts the documents that are new. Nothing happens
 * (claimed = false) when the seq was already taken.
 */
export async function claimAndInsert(
  q: Queryable,
  e: { src: string; seq: number; msgType: string; digest: string; outcome: 'accepted' | 'quarantined'; signedData: Buffer; at: Date; docs: IncomingDocument[] },
): Promise<{ claimed: boolean; inserted: Set<string> }> {
  const [r] = await q.query<{ claimed: boolean; inserted: string[] }>(
    `WITH claimed AS (
       INSERT INTO xm_system.inbox (src, seq, msg_type, digest, outcome, received_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING src, seq
     ), archived AS (
       INSERT INTO xm_system.evidence (src, seq, signed_data, received_at) SELECT src, seq, $7, $6 FROM claimed
     ), docs AS (
       INSERT INTO xm_data.documents (niu, matricule, form_id, form_version, status, data, names_norm, names_display, event_date, validated_at, received_at, src_seq)
       SELECT x.n, $1, x.f, x.fv, 4, x.d, x.names_norm, x.names_display, x.event_date, x.va, $6, $2
         FROM jsonb_to_recordset($8::jsonb) AS x(n text, f text, fv int, va timestamptz, d jsonb, names_norm text, names_display text, event_date date)
        WHERE EXISTS (SELECT 1 FROM claimed)
       ON CONFLICT (niu) DO NOTHING RETURNING niu
     )
     SELECT EXISTS (SELECT 1 FROM claimed) AS claimed, ARRAY(SELECT niu FROM docs) AS inserted`,
    [e.src, e.seq, e.msgType, e.digest, e.outcome, e.at, e.signedData, JSON.stringify(e.docs)],
  );
  return { claimed: r!.claimed, inserted: new Set(r!.inserted) };
}

/** Inserts the documents that are new, for a container already claimed (a quarantine released). */
export async function insertDocuments(q: Queryable, src: string, seq: number, docs: IncomingDocument[], at: Date): Promise<Set<string>> {
  if (docs.length === 0) return new Set();
  const rows = await q.query<{ niu: string }>(
    `INSERT INTO xm_data.documents (niu, matricule, form_id, form_version, status, data, names_norm, names_display, event_date, validated_at, received_at, src_seq)
     SELECT x.n, $1, x.f, x.fv, 4, x.d, x.names_norm, x.names_display, x.event_date, x.va, $3, $2
       FROM jsonb_to_recordset($4::jsonb) AS x(n text, f text, fv int, va timestamptz, d jsonb, names_norm text, names_display text, event_date date)
     ON CONFLICT (niu) DO NOTHING RETURNING niu`,
    [src, seq, at, JSON.stringify(docs)],
  );
  return new Set(rows.map((r) => r.niu));
}

export interface QuarantinedRow {
  src: string;
  seq: number;
  msg_type: string;
  payload: Buffer;
  received_at: Date;
}

/** What a centre still has held (neither released nor rejected), locked, in seq order. */
export async function lockQuarantined(q: Queryable, src: string): Promise<QuarantinedRow[]> {
  return q.query<QuarantinedRow>(
    'SELECT src, seq, msg_type, payload, received_at FROM xm_system.quarantine WHERE src = $1 AND released_at IS NULL AND rejected_at IS NULL ORDER BY seq FOR UPDATE',
    [src],
  );
}

export async function markReleased(q: Queryable, src: string, seqs: number[], at: Date): Promise<void> {
  await q.query('UPDATE xm_system.quarantine SET released_at = $3 WHERE src = $1 AND seq = ANY($2::bigint[])', [src, seqs, at]);
}

export async function quarantineCount(q: Queryable, src: string): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM xm_system.quarantine WHERE src = $1 AND released_at IS NULL AND rejected_at IS NULL', [src]);
  return r!.n;
}
