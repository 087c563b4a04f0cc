import type { Queryable } from '../../db/database.js';

export interface CentreRow {
  matricule: string;
  name: string;
  created_at: Date;
}

export async function centreInfo(q: Queryable): Promise<CentreRow | undefined> {
  const rows = await q.query<CentreRow>('SELECT matricule, name, created_at FROM docstream.centre');
  return rows[0];
}

export async function insertCentre(q: Queryable, matricule: string, name: string, at: Date): Promise<void> {
  await q.query('INSERT INTO docstream.centre (matricule, name, created_at) VALUES ($1, $2, $3)', [matricule, name, at]);
}

/** Next local sequence of the year; the row lock serialises concurrent validations. */
export async function nextNiuSequence(q: Queryable, year: number): Promise<number> {
  const rows = await q.query<{ last_value: number }>(
    `INSERT INTO docstream.niu_sequences AS s (year, last_value) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_value = s.last_value + 1
     RETURNING last_value`,
    [year],
  );
  return rows[0]!.last_value;
}
