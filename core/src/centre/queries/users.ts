import type { Queryable } from '../../db/database.js';

export interface UserRow {
  id: number;
  login: string;
  full_name: string;
  privilege: number;
  password_hash: string;
  must_change_password: boolean;
  failed_attempts: number;
  locked_until: Date | null;
  created_at: Date;
  last_login_at: Date | null;
}

export async function countUsers(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM docstream.users');
  return r?.n ?? 0;
}

export async function userByLogin(q: Queryable, login: string, lock = false): Promise<UserRow | undefined> {
  const rows = await q.query<UserRow>(`SELECT * FROM docstream.users WHERE login = $1${lock ? ' FOR UPDATE' : ''}`, [login]);
  return rows[0];
}

export async function userById(q: Queryable, id: number, lock = false): Promise<UserRow | undefined> {
  const rows = await q.query<UserRow>(`SELECT * FROM docstream.users WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function listUsers(q: Queryable): Promise<UserRow[]> {
  return q.query<UserRow>('SELECT * FROM docstream.users ORDER BY login');
}

export async function insertUser(
  q: Queryable,
  u: { login: string; fullName: string; privilege: number; passwordHash: string; mustChange: boolean; at: Date },
): Promise<UserRow> {
  const rows = await q.query<UserRow>(
    `INSERT INTO docstream.users (login, full_name, privilege, password_hash, must_change_password, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
    [u.login, u.fullName, u.privilege, u.passwordHash, u.mustChange, u.at],
  );
  return rows[0]!;
}

export async function updateUserProfile(q: Queryable, id: number, fullName: string, privilege: number, at: Date): Promise<void> {
  await q.query('UPDATE docstream.users SET full_name = $2, privilege = $3, updated_at = $4 WHERE id = $1', [id, fullName, privilege, at]);
}

export async function setPassword(q: Queryable, id: number, passwordHash: string, mustChange: boolean, at: Date): Promise<void> {
  await q.query(
    `UPDATE docstream.users SET password_hash = $2, must_change_password = $3, failed_attempts = 0, locked_until = NULL, updated_at = $4
     WHERE id = $1`,
    [id, passwordHash, mustChange, at],
  );
}

export async function setLoginFailures(q: Queryable, id: number, attempts: number, lockedUntil: Date | null): Promise<void> {
  await q.query('UPDATE docstream.users SET failed_attempts = $2, locked_until = $3 WHERE id = $1', [id, attempts, lockedUntil]);
}

export async function recordLoginSuccess(q: Queryable, id: number, at: Date): Promise<void> {
  await q.query('UPDATE docstream.users SET failed_attempts = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1', [id, at]);
}

/** Locks the Officers' rows so two concurrent demotions cannot both pass the check. */
export async function countActiveOfficers(q: Queryable): Promise<number> {
  const rows = await q.query<{ id: number }>('SELECT id FROM docstream.users WHERE privilege = 3 ORDER BY id FOR UPDATE');
  return rows.length;
}
