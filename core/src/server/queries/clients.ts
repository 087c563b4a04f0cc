import type { Queryable } from '../../db/database.js';

export interface ClientRow {
  matricule: string;
  name: string;
  city: string;
  region: string;
  phone: string;
  status: number;
  created_at: Date;
  updated_at: Date;
  last_seen: Date | null;
  enrol_key: string | null;
  enrol_expires_at: Date | null;
  down_seq: number;
}

const COLUMNS = 'matricule, name, city, region, phone, status, created_at, updated_at, last_seen, enrol_key, enrol_expires_at, down_seq';

export async function clientByMatricule(q: Queryable, matricule: string, lock = false): Promise<ClientRow | undefined> {
  const [r] = await q.query<ClientRow>(`SELECT ${COLUMNS} FROM xm_system.clients WHERE matricule = $1${lock ? ' FOR UPDATE' : ''}`, [matricule]);
  return r;
}

export async function listClients(q: Queryable): Promise<ClientRow[]> {
  return q.query<ClientRow>(`SELECT ${COLUMNS} FROM xm_system.clients ORDER BY matricule`);
}

export interface NewClient {
  matricule: string;
  name: string;
  city: string;
  region: string;
  phone: string;
  status: number;
}

export async function insertClient(q: Queryable, c: NewClient, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO xm_system.clients (matricule, name, city, region, phone, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [c.matricule, c.name, c.city, c.region, c.phone, c.status, at],
  );
  await q.query('INSERT INTO xm_system.traffic (matricule) VALUES ($1)', [c.matricule]);
}

/** The next free matricule: one above the highest, five digits. */
export async function nextMatricule(q: Queryable): Promise<string> {
  const [r] = await q.query<{ m: number }>(`SELECT coalesce(max(matricule::int), 0) + 1 AS m FROM xm_system.clients`);
  return String(r!.m).padStart(5, '0');
}

export async function setEnrolKey(q: Queryable, matricule: string, key: string | null, expires: Date | null, at: Date): Promise<void> {
  await q.query('UPDATE xm_system.clients SET enrol_key = $2, enrol_expires_at = $3, updated_at = $4 WHERE matricule = $1', [matricule, key, expires, at]);
}

export async function setClientStatus(q: Queryable, matricule: string, status: number, at: Date): Promise<void> {
  await q.query('UPDATE xm_system.clients SET status = $2, updated_at = $3 WHERE matricule = $1', [matricule, status, at]);
}


export async function updateClient(q: Queryable, matricule: string, c: { name: string; city: string; region: string; phone: string }, at: Date): Promise<void> {
  await q.query('UPDATE xm_system.clients SET name = $2, city = $3, region = $4, phone = $5, updated_at = $6 WHERE matricule = $1', [matricule, c.name, c.city, c.region, c.phone, at]);
}

/** One line of the centres list: the registry row with its last contact and account. */
export interface ClientListRow {
  matricule: string;
  name: string;
  city: string;
  region: string;
  status: number;
  last_contact: Date | null;
  balance: number;
  query_quota: number;
  enrolment_pending: boolean;
}

export interface ClientPageCriteria {
  /** The matricules a typed prefix covers, both ends included (`04200`, `04209`). */
  matriculeRange?: [string, string];
  /** `LIKE` pattern on the folded name, city and region (`%kati%`). */
  textContains?: string;
  offset: number;
  limit: number;
}

/**
 * The filter on clients (alias c), its parameters appended to `params`: a range of the
 * primary key for a matricule prefix, the trigram index for the text.
 */
function clientFilter(c: Pick<ClientPageCriteria, 'matriculeRange' | 'textContains'>, params: unknown[]): string {
  const either: string[] = [];
  if (c.matriculeRange !== undefined) {
    params.push(...c.matriculeRange);
    either.push(`c.matricule BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  if (c.textContains !== undefined) {
    params.push(c.textContains);
    either.push(`c.search_folded LIKE $${params.length}`);
  }
  return either.length ? `WHERE (${either.join(' OR ')})` : '';
}

/**
 * One page of the registry in matricule order, filtered in SQL: the page's matricules are
 * chosen on the clients table alone (a walk of its primary key), then only those rows are
 * joined to their traffic and account.
 */
export async function clientPage(q: Queryable, c: ClientPageCriteria): Promise<ClientListRow[]> {
  const params: unknown[] = [c.offset, c.limit];
  const filter = clientFilter(c, params);
  return q.query<ClientListRow>(
    `WITH page AS (SELECT c.matricule FROM xm_system.clients c ${filter} ORDER BY c.matricule OFFSET $1 LIMIT $2)
     SELECT c.matricule, c.name, c.city, c.region, c.status,
            coalesce(t.last_seen, c.last_seen) AS last_contact,
            coalesce(a.balance, 0)::bigint AS balance, coalesce(a.query_quota, 0) AS query_quota,
            c.enrol_key IS NOT NULL AS enrolment_pending
       FROM page JOIN xm_system.clients c USING (matricule)
       LEFT JOIN xm_system.traffic t USING (matricule)
       LEFT JOIN xm_system.accounts a USING (matricule)
      ORDER BY c.matricule`,
    params,
  );
}

/** How many centres the filter keeps, for paging. */
export async function clientCount(q: Queryable, c: Pick<ClientPageCriteria, 'matriculeRange' | 'textContains'>): Promise<number> {
  const params: unknown[] = [];
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM xm_system.clients c ${clientFilter(c, params)}`, params);
  return r!.n;
}
