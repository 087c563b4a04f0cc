import type { Queryable } from '../../db/database.js';
import type { DocumentData } from '../../forms/types.js';

export interface AccountMirror {
  balance: number;
  query_quota: number;
  as_of: Date;
  received_at: Date;
}

/** Keeps the newer of two reports: messages may arrive out of order. */
export async function saveAccount(q: Queryable, a: { balance: number; quota: number; asOf: Date; at: Date }): Promise<void> {
  await q.query(
    `INSERT INTO docstream.account AS a (balance, query_quota, as_of, received_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (singleton) DO UPDATE SET balance = EXCLUDED.balance, query_quota = EXCLUDED.query_quota, as_of = EXCLUDED.as_of, received_at = EXCLUDED.received_at
     WHERE a.as_of <= EXCLUDED.as_of`,
    [a.balance, a.quota, a.asOf, a.at],
  );
}

export async function accountMirror(q: Queryable): Promise<AccountMirror | undefined> {
  const [r] = await q.query<AccountMirror>('SELECT balance, query_quota, as_of, received_at FROM docstream.account');
  return r;
}

export interface ProfileRow {
  name: string;
  city: string;
  region: string;
  phone: string;
  status: number;
  as_of: Date;
  received_at: Date;
}

/** Returns false when a newer profile is already held. */
export async function saveProfile(q: Queryable, p: Omit<ProfileRow, 'received_at'>, signatories: { id: number; name: string; title: string; national: boolean }[], at: Date): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO docstream.profile AS p (name, city, region, phone, status, as_of, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (singleton) DO UPDATE SET name = EXCLUDED.name, city = EXCLUDED.city, region = EXCLUDED.region, phone = EXCLUDED.phone,
       status = EXCLUDED.status, as_of = EXCLUDED.as_of, received_at = EXCLUDED.received_at
     WHERE p.as_of <= EXCLUDED.as_of RETURNING 1`,
    [p.name, p.city, p.region, p.phone, p.status, p.as_of, at],
  );
  if (rows.length === 0) return false;
  await q.query('UPDATE docstream.centre SET name = $1', [p.name]);
  await q.query('DELETE FROM docstream.signatories');
  await q.query(
    `INSERT INTO docstream.signatories (id, full_name, title, national)
     SELECT x.id, x.name, x.title, x.national FROM jsonb_to_recordset($1::jsonb) AS x(id int, name text, title text, national boolean)`,
    [JSON.stringify(signatories)],
  );
  return true;
}

export async function profile(q: Queryable): Promise<ProfileRow | undefined> {
  const [r] = await q.query<ProfileRow>('SELECT name, city, region, phone, status, as_of, received_at FROM docstream.profile');
  return r;
}

export async function signatories(q: Queryable): Promise<{ id: number; full_name: string; title: string; national: boolean }[]> {
  return q.query('SELECT id, full_name, title, national FROM docstream.signatories ORDER BY national, id');
}

export interface MessageRow {
  id: number;
  direction: 'in' | 'out';
  body: string;
  author: string;
  author_id: number | null;
  container_seq: number | null;
  at: Date;
  read_at: Date | null;
}

export async function insertMessage(q: Queryable, m: { direction: 'in' | 'out'; body: string; author: string; authorId: number | null; serverSeq: number | null; at: Date }): Promise<MessageRow> {
  const [r] = await q.query<MessageRow>(
    'INSERT INTO docstream.messages (direction, body, author, author_id, server_seq, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
    [m.direction, m.body, m.author, m.authorId, m.serverSeq, m.at],
  );
  return r!;
}

export async function listMessages(q: Queryable, unread: boolean, limit: number): Promise<MessageRow[]> {
  return q.query<MessageRow>(
    `SELECT id, direction, body, author, author_id, container_seq, at, read_at FROM docstream.messages
      WHERE NOT $1 OR (direction = 'in' AND read_at IS NULL) ORDER BY id DESC LIMIT $2`,
    [unread, limit],
  );
}

export async function markMessagesRead(q: Queryable, ids: number[], at: Date): Promise<number> {
  const rows = await q.query(`UPDATE docstream.messages SET read_at = $2 WHERE id = ANY($1::bigint[]) AND direction = 'in' AND read_at IS NULL RETURNING id`, [ids, at]);
  return rows.length;
}

export interface QueryRow {
  id: number;
  container_seq: number | null;
  criteria: Record<string, string>;
  asked_by: number;
  asked_at: Date;
  answered_at: Date | null;
  outcome: 'answered' | 'refused' | null;
  results: number | null;
  total: number | null;
  imported: number | null;
  error_code: string | null;
  reason_fr: string | null;
  reason_en: string | null;
}

export async function insertQuery(q: Queryable, criteria: unknown, askedBy: number, at: Date): Promise<QueryRow> {
  const [r] = await q.query<QueryRow>('INSERT INTO docstream.queries (criteria, asked_by, asked_at) VALUES ($1, $2, $3) RETURNING *', [JSON.stringify(criteria), askedBy, at]);
  return r!;
}

export async function listQueries(q: Queryable, limit: number): Promise<QueryRow[]> {
  return q.query<QueryRow>('SELECT * FROM docstream.queries ORDER BY id DESC LIMIT $1', [limit]);
}

export async function queryById(q: Queryable, id: number): Promise<QueryRow | undefined> {
  const [r] = await q.query<QueryRow>('SELECT * FROM docstream.queries WHERE id = $1', [id]);
  return r;
}

/** Queries and outgoing messages not yet sealed, locked for packing. */
export async function lockUnpackedRequests(q: Queryable, limit: number): Promise<{ queries: QueryRow[]; messages: MessageRow[] }> {
  const queries = await q.query<QueryRow>('SELECT * FROM docstream.queries WHERE container_seq IS NULL ORDER BY id LIMIT $1 FOR UPDATE', [limit]);
  const messages = await q.query<MessageRow>(
    `SELECT id, direction, body, author, author_id, container_seq, at, read_at FROM docstream.messages
      WHERE direction = 'out' AND container_seq IS NULL ORDER BY id LIMIT $1 FOR UPDATE`,
    [limit],
  );
  return { queries, messages };
}

export async function setRequestContainer(q: Queryable, table: 'queries' | 'messages', id: number, seq: number): Promise<void> {
  await q.query(`UPDATE docstream.${table} SET container_seq = $2 WHERE id = $1`, [id, seq]);
}

export async function answerQuery(
  q: Queryable,
  seq: number,
  a: { outcome: 'answered' | 'refused'; results: number; total: number; imported: number; errorCode: string | null; fr: string | null; en: string | null; at: Date },
): Promise<QueryRow | undefined> {
  const [r] = await q.query<QueryRow>(
    `UPDATE docstream.queries SET answered_at = $2, outcome = $3, results = $4, total = $5, imported = $6, error_code = $7, reason_fr = $8, reason_en = $9
      WHERE container_seq = $1 RETURNING *`,
    [seq, a.at, a.outcome, a.results, a.total, a.imported, a.errorCode, a.fr, a.en],
  );
  return r;
}

export interface ImportedDocument {
  niu: string;
  form_id: string;
  form_version: number;
  data: DocumentData;
  names_norm: string;
  names_display: string;
  event_date: string | null;
  validated_at: string;
}

/**
 * Stores documents received from the server with Status 2 (read-only). A NIU already
 * here is left as it is; `by` is the user who asked.
 */
export async function importDocuments(q: Queryable, docs: ImportedDocument[], by: number, at: Date): Promise<number> {
  if (docs.length === 0) return 0;
  const rows = await q.query(
    `INSERT INTO docstream.documents (form_id, form_version, status, stage, niu, data, names_norm, names_display, event_date,
                                      created_by, created_at, updated_by, updated_at, validated_at, imported_at)
     SELECT x.form_id, x.form_version, 2, 'validated', x.niu, x.data, x.names_norm, x.names_display, x.event_date, $2, $3, $2, $3, x.validated_at, $3
       FROM jsonb_to_recordset($1::jsonb) AS x(niu text, form_id text, form_version int, data jsonb, names_norm text, names_display text, event_date date, validated_at timestamptz)
     ON CONFLICT (niu) DO NOTHING RETURNING numero`,
    [JSON.stringify(docs), by, at],
  );
  return rows.length;
}

export interface CentreElection {
  id: string;
  name: string;
  date: string;
  candidates: { code: string; name: string }[];
  stations: { code: string; name: string; registered: number }[];
  received_at: Date;
}

export async function saveElection(q: Queryable, e: Omit<CentreElection, 'received_at'>, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO docstream.elections (id, name, date, candidates, stations, received_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, date = EXCLUDED.date, candidates = EXCLUDED.candidates, stations = EXCLUDED.stations, received_at = EXCLUDED.received_at`,
    [e.id, e.name, e.date, JSON.stringify(e.candidates), JSON.stringify(e.stations), at],
  );
}

export async function elections(q: Queryable): Promise<CentreElection[]> {
  return q.query<CentreElection>('SELECT id, name, date, candidates, stations, received_at FROM docstream.elections ORDER BY date DESC, id');
}
