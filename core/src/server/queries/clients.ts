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
