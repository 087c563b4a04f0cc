import type { Queryable } from '../db/database.js';

/**
 * People who log in: the centre's users and the server's operators share one shape
 * (DESIGN §3: privilege 0 suspended … 3 administrator), so one set of statements
 * serves both tables. The table is a code constant, never input.
 */
export type AccountTable = 'docstream.users' | 'xm_system.operators';

export interface AccountRow {
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

export function accountQueries(table: AccountTable) {
  return {
    async count(q: Queryable): Promise<number> {
      const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return r?.n ?? 0;
    },

    async byLogin(q: Queryable, login: string, lock = false): Promise<AccountRow | undefined> {
      const rows = await q.query<AccountRow>(`SELECT * FROM ${table} WHERE login = $1${lock ? ' FOR UPDATE' : ''}`, [login]);
      return rows[0];
    },

    async byId(q: Queryable, id: number, lock = false): Promise<AccountRow | undefined> {
      const rows = await q.query<AccountRow>(`SELECT * FROM ${table} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
      return rows[0];
    },

    list(q: Queryable): Promise<AccountRow[]> {
      return q.query<AccountRow>(`SELECT * FROM ${table} ORDER BY login`);
    },

    async insert(q: Queryable, u: { login: string; fullName: string; privilege: number; passwordHash: string; mustChange: boolean; at: Date }): Promise<AccountRow> {
      const rows = await q.query<AccountRow>(
        `INSERT INTO ${table} (login, full_name, privilege, password_hash, must_change_password, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
        [u.login, u.fullName, u.privilege, u.passwordHash, u.mustChange, u.at],
      );
      return rows[0]!;
    },

    async updateProfile(q: Queryable, id: number, fullName: string, privilege: number, at: Date): Promise<void> {
      await q.query(`UPDATE ${table} SET full_name = $2, privilege = $3, updated_at = $4 WHERE id = $1`, [id, fullName, privilege, at]);
    },

    async setPassword(q: Queryable, id: number, passwordHash: string, mustChange: boolean, at: Date): Promise<void> {
      await q.query(
        `UPDATE ${table} SET password_hash = $2, must_change_password = $3, failed_attempts = 0, locked_until = NULL, updated_at = $4 WHERE id = $1`,
        [id, passwordHash, mustChange, at],
      );
    },

    /** The same password stored with today's hashing parameters: nothing else changes. */
    async rehash(q: Queryable, id: number, passwordHash: string): Promise<void> {
      await q.query(`UPDATE ${table} SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
    },

    async setLoginFailures(q: Queryable, id: number, attempts: number, lockedUntil: Date | null): Promise<void> {
      await q.query(`UPDATE ${table} SET failed_attempts = $2, locked_until = $3 WHERE id = $1`, [id, attempts, lockedUntil]);
    },

    async recordLoginSuccess(q: Queryable, id: number, at: Date): Promise<void> {
      await q.query(`UPDATE ${table} SET failed_attempts = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1`, [id, at]);
    },

    /** Locks the administrators' rows so two concurrent demotions cannot both pass the check. */
    async countActiveAdmins(q: Queryable): Promise<number> {
      const rows = await q.query<{ id: number }>(`SELECT id FROM ${table} WHERE privilege = 3 ORDER BY id FOR UPDATE`);
      return rows.length;
    },
  };
}

export type AccountQueries = ReturnType<typeof accountQueries>;
