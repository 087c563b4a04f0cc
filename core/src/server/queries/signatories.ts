import type { Queryable } from '../../db/database.js';

export interface SignatoryRow {
  id: number;
  matricule: string | null;
  full_name: string;
  title: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

/** The active officials printed on a centre's copies: its own, then the national ones. */
export async function signatoriesFor(q: Queryable, matricule: string): Promise<SignatoryRow[]> {
  return q.query<SignatoryRow>(
    'SELECT * FROM xm_system.signatories WHERE active AND (matricule = $1 OR matricule IS NULL) ORDER BY matricule NULLS LAST, id',
    [matricule],
  );
}

export async function listSignatories(q: Queryable, matricule?: string): Promise<SignatoryRow[]> {
  return q.query<SignatoryRow>(
    'SELECT * FROM xm_system.signatories WHERE $1::text IS NULL OR matricule = $1 OR matricule IS NULL ORDER BY matricule NULLS FIRST, id',
    [matricule ?? null],
  );
}

export async function insertSignatory(q: Queryable, s: { matricule: string | null; fullName: string; title: string; at: Date }): Promise<SignatoryRow> {
  const [r] = await q.query<SignatoryRow>(
    'INSERT INTO xm_system.signatories (matricule, full_name, title, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING *',
    [s.matricule, s.fullName, s.title, s.at],
  );
  return r!;
}

export async function signatoryById(q: Queryable, id: number, lock = false): Promise<SignatoryRow | undefined> {
  const [r] = await q.query<SignatoryRow>(`SELECT * FROM xm_system.signatories WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return r;
}

export async function updateSignatory(q: Queryable, id: number, s: { fullName: string; title: string; active: boolean; at: Date }): Promise<void> {
  await q.query('UPDATE xm_system.signatories SET full_name = $2, title = $3, active = $4, updated_at = $5 WHERE id = $1', [id, s.fullName, s.title, s.active, s.at]);
}

/** The clients whose profile shows this signatory: one centre, or all of them. */
export async function clientsOfSignatory(q: Queryable, matricule: string | null): Promise<string[]> {
  const rows = await q.query<{ matricule: string }>('SELECT matricule FROM xm_system.clients WHERE $1::text IS NULL OR matricule = $1 ORDER BY matricule', [matricule]);
  return rows.map((r) => r.matricule);
}
