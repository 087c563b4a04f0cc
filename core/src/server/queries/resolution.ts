import type { Queryable } from '../../db/database.js';
import type { DocumentData } from '../../forms/types.js';

export type ConflictState = 'open' | 'resolved' | 'all';
export type ConflictDecision = 'keep' | 'ask_cancel';

export interface ConflictRecord {
  id: number;
  niu: string;
  matricule: string;
  centre_name: string | null;
  form_id: string;
  form_version: number;
  data: DocumentData;
  validated_at: Date;
  src_seq: number;
  received_at: Date;
  evidence: boolean;
  resolved_at: Date | null;
  resolution: ConflictDecision | null;
  remark: string | null;
  resolved_by_login: string | null;
  resolved_by_name: string | null;
  /** The centralised document under the same NIU (always there: a conflict needs one). */
  stored_numero: number | null;
  stored_form_id: string | null;
  stored_form_version: number | null;
  stored_data: DocumentData | null;
  stored_validated_at: Date | null;
  stored_received_at: Date | null;
  stored_status: number | null;
  stored_src_seq: number | null;
  stored_evidence: boolean | null;
}

const CONFLICT_SELECT = `
  SELECT c.id, c.niu, c.matricule, cl.name AS centre_name, c.form_id, c.form_version, c.data, c.validated_at, c.src_seq, c.received_at,
         EXISTS (SELECT 1 FROM xm_system.evidence e WHERE e.src = c.matricule AND e.seq = c.src_seq) AS evidence,
         c.resolved_at, c.resolution, c.remark, o.login AS resolved_by_login, o.full_name AS resolved_by_name,
         d.numero AS stored_numero, d.form_id AS stored_form_id, d.form_version AS stored_form_version, d.data AS stored_data,
         d.validated_at AS stored_validated_at, d.received_at AS stored_received_at, d.status AS stored_status, d.src_seq AS stored_src_seq,
         CASE WHEN d.src_seq IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM xm_system.evidence e WHERE e.src = d.matricule AND e.seq = d.src_seq) END AS stored_evidence
    FROM xm_data.conflicts c
    LEFT JOIN xm_system.clients cl ON cl.matricule = c.matricule
    LEFT JOIN xm_system.operators o ON o.id = c.resolved_by
    LEFT JOIN xm_data.documents d ON d.niu = c.niu`;

// Constant clauses, so the open list can use its partial index.
const STATE_CLAUSE: Record<ConflictState, string> = {
  open: 'c.resolved_at IS NULL',
  resolved: 'c.resolved_at IS NOT NULL',
  all: 'true',
};

/** Newest first, keyset-paged on the id. */
export async function listConflicts(q: Queryable, f: { state: ConflictState; matricule?: string; niu?: string; before?: number; limit: number }): Promise<ConflictRecord[]> {
  return q.query<ConflictRecord>(
    `${CONFLICT_SELECT}
      WHERE ${STATE_CLAUSE[f.state]} AND ($1::text IS NULL OR c.matricule = $1) AND ($4::text IS NULL OR c.niu = $4) AND ($2::bigint IS NULL OR c.id < $2)
      ORDER BY c.id DESC LIMIT $3`,
    [f.matricule ?? null, f.before ?? null, f.limit, f.niu ?? null],
  );
}

export async function countConflicts(q: Queryable, f: { state: ConflictState; matricule?: string; niu?: string }): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM xm_data.conflicts c WHERE ${STATE_CLAUSE[f.state]} AND ($1::text IS NULL OR c.matricule = $1) AND ($2::text IS NULL OR c.niu = $2)`,
    [f.matricule ?? null, f.niu ?? null],
  );
  return r!.n;
}

export async function conflictById(q: Queryable, id: number): Promise<ConflictRecord | undefined> {
  const [r] = await q.query<ConflictRecord>(`${CONFLICT_SELECT} WHERE c.id = $1`, [id]);
  return r;
}

/** Locks the conflict's row for a decision; undefined when there is no such conflict. */
export async function lockConflict(q: Queryable, id: number): Promise<{ id: number; resolved_at: Date | null } | undefined> {
  const [r] = await q.query<{ id: number; resolved_at: Date | null }>('SELECT id, resolved_at FROM xm_data.conflicts WHERE id = $1 FOR UPDATE', [id]);
  return r;
}

/** Writes the decision once: false when the conflict was already resolved. */
export async function resolveConflict(q: Queryable, r: { id: number; decision: ConflictDecision; remark: string; operatorId: number; at: Date }): Promise<boolean> {
  const rows = await q.query(
    'UPDATE xm_data.conflicts SET resolution = $2, remark = $3, resolved_by = $4, resolved_at = $5 WHERE id = $1 AND resolved_at IS NULL RETURNING id',
    [r.id, r.decision, r.remark, r.operatorId, r.at],
  );
  return rows.length === 1;
}

/** The conflicts of one NIU, for its history. */
export async function conflictsOfNiu(q: Queryable, niu: string): Promise<{ id: number; src_seq: number; received_at: Date; resolved_at: Date | null; resolution: ConflictDecision | null }[]> {
  return q.query('SELECT id, src_seq, received_at, resolved_at, resolution FROM xm_data.conflicts WHERE niu = $1 ORDER BY id', [niu]);
}

export interface QuarantineSummaryRow {
  matricule: string;
  name: string | null;
  status: number | null;
  containers: number;
  /** NIUs carried, over the containers counted on arrival. */
  documents: number;
  /** Containers held from before the count was kept. */
  uncounted: number;
  oldest: Date;
  newest: Date;
}

/** Per centre, what is still held; by matricule, paged after a matricule. */
export async function quarantineSummary(q: Queryable, f: { matricule?: string; after?: string; limit: number }): Promise<QuarantineSummaryRow[]> {
  return q.query<QuarantineSummaryRow>(
    `SELECT q.src AS matricule, cl.name, cl.status, count(*)::int AS containers, coalesce(sum(q.documents), 0)::int AS documents,
            count(*) FILTER (WHERE q.documents IS NULL)::int AS uncounted, min(q.received_at) AS oldest, max(q.received_at) AS newest
       FROM xm_system.quarantine q LEFT JOIN xm_system.clients cl ON cl.matricule = q.src
      WHERE q.released_at IS NULL AND q.rejected_at IS NULL AND ($1::text IS NULL OR q.src = $1) AND ($2::text IS NULL OR q.src > $2)
      GROUP BY q.src, cl.name, cl.status ORDER BY q.src LIMIT $3`,
    [f.matricule ?? null, f.after ?? null, f.limit],
  );
}

export type HeldState = 'held' | 'released' | 'rejected' | 'all';

export interface QuarantinedContainerRow {
  seq: number;
  msg_type: string;
  documents: number | null;
  /** Only when `documents` was not counted on arrival: the payload to count from. */
  payload: Buffer | null;
  received_at: Date;
  released_at: Date | null;
  rejected_at: Date | null;
  reject_reason: string | null;
  rejected_by_login: string | null;
  evidence: boolean;
}

const HELD_CLAUSE: Record<HeldState, string> = {
  held: 'q.released_at IS NULL AND q.rejected_at IS NULL',
  released: 'q.released_at IS NOT NULL',
  rejected: 'q.rejected_at IS NOT NULL',
  all: 'true',
};

/** One centre's quarantined containers in seq order, paged after a seq. */
export async function quarantinedContainers(q: Queryable, f: { matricule: string; state: HeldState; after?: number; limit: number }): Promise<QuarantinedContainerRow[]> {
  return q.query<QuarantinedContainerRow>(
    `SELECT q.seq, q.msg_type, q.documents, CASE WHEN q.documents IS NULL THEN q.payload END AS payload,
            q.received_at, q.released_at, q.rejected_at, q.reject_reason, o.login AS rejected_by_login,
            EXISTS (SELECT 1 FROM xm_system.evidence e WHERE e.src = q.src AND e.seq = q.seq) AS evidence
       FROM xm_system.quarantine q LEFT JOIN xm_system.operators o ON o.id = q.rejected_by
      WHERE q.src = $1 AND ${HELD_CLAUSE[f.state]} AND ($2::bigint IS NULL OR q.seq > $2)
      ORDER BY q.seq LIMIT $3`,
    [f.matricule, f.after ?? null, f.limit],
  );
}

/** The held containers asked for (all held when `seqs` is null), locked for a decision. */
export async function lockHeld(q: Queryable, matricule: string, seqs: number[] | null): Promise<{ seq: number; msg_type: string; payload: Buffer }[]> {
  return q.query(
    `SELECT seq, msg_type, payload FROM xm_system.quarantine
      WHERE src = $1 AND released_at IS NULL AND rejected_at IS NULL AND ($2::bigint[] IS NULL OR seq = ANY($2::bigint[]))
      ORDER BY seq FOR UPDATE`,
    [matricule, seqs],
  );
}

export async function markRejected(q: Queryable, matricule: string, seqs: number[], r: { reason: string; operatorId: number; at: Date }): Promise<void> {
  await q.query(
    `UPDATE xm_system.quarantine SET rejected_at = $3, reject_reason = $4, rejected_by = $5
      WHERE src = $1 AND seq = ANY($2::bigint[]) AND released_at IS NULL AND rejected_at IS NULL`,
    [matricule, seqs, r.at, r.reason, r.operatorId],
  );
}
