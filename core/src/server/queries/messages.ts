import type { Queryable } from '../../db/database.js';

export interface MessageRow {
  id: number;
  matricule: string;
  direction: 'in' | 'out';
  body: string;
  author: string;
  operator_id: number | null;
  src_seq: number | null;
  at: Date;
  read_at: Date | null;
}

export async function insertMessage(
  q: Queryable,
  m: { matricule: string; direction: 'in' | 'out'; body: string; author: string; operatorId: number | null; srcSeq: number | null; at: Date },
): Promise<MessageRow> {
  const [r] = await q.query<MessageRow>(
    `INSERT INTO xm_system.messages (matricule, direction, body, author, operator_id, src_seq, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [m.matricule, m.direction, m.body, m.author, m.operatorId, m.srcSeq, m.at],
  );
  return r!;
}

/** Newest first; `unread` keeps only incoming messages not yet read. */
export async function listMessages(q: Queryable, f: { matricule?: string; unread?: boolean; limit: number }): Promise<MessageRow[]> {
  return q.query<MessageRow>(
    `SELECT * FROM xm_system.messages
      WHERE ($1::text IS NULL OR matricule = $1) AND (NOT $2 OR (direction = 'in' AND read_at IS NULL))
      ORDER BY id DESC LIMIT $3`,
    [f.matricule ?? null, f.unread ?? false, f.limit],
  );
}

export async function markMessagesRead(q: Queryable, ids: number[], at: Date): Promise<number> {
  const rows = await q.query('UPDATE xm_system.messages SET read_at = $2 WHERE id = ANY($1::bigint[]) AND direction = $3 AND read_at IS NULL RETURNING id', [ids, at, 'in']);
  return rows.length;
}

export async function insertQueryRecord(
  q: Queryable,
  r: { src: string; seq: number; criteria: unknown; at: Date; outcome: 'answered' | 'refused'; reason: string | null; results: number; billed: number },
): Promise<void> {
  await q.query(
    'INSERT INTO xm_system.queries (src, seq, criteria, at, outcome, reason, results, billed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [r.src, r.seq, JSON.stringify(r.criteria), r.at, r.outcome, r.reason, r.results, r.billed],
  );
}

export async function queriesOf(q: Queryable, matricule: string, limit: number): Promise<{ seq: number; criteria: unknown; at: Date; outcome: string; reason: string | null; results: number; billed: number }[]> {
  return q.query('SELECT seq, criteria, at, outcome, reason, results, billed FROM xm_system.queries WHERE src = $1 ORDER BY at DESC, seq DESC LIMIT $2', [matricule, limit]);
}
