import pg from 'pg';
import { translateDbError } from './sql-errors.js';

/** Anything that runs a parameterised statement: the pool, or a client inside a transaction. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Database extends Queryable {
  /**
   * Runs `fn` in one transaction on one connection. Inside, use only the `q` given:
   * in embedded mode there is a single connection, and waiting on the pool while
   * holding it would deadlock.
   */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** A dedicated connection for session-level work (advisory locks, LISTEN). */
  withConnection<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly embedded: boolean;
  /** Where the data lives, without any password, for status screens. */
  readonly description: string;
}

// int8 as JS number (our counters stay far below 2^53); DATE as the 'YYYY-MM-DD' text it
// is, so a date of birth never shifts by a time zone.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v);
    if (oid === 1082) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export interface PoolOptions {
  connectionString?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  max: number;
  embedded: boolean;
  description: string;
  onClose?: () => Promise<void>;
}

function wrap(client: { query: (text: string, values?: unknown[]) => Promise<pg.QueryResult> }): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      try {
        const res = await client.query(sql, params as unknown[]);
        return res.rows as R[];
      } catch (e) {
        throw translateDbError(e);
      }
    },
  };
}

export function createDatabase(opts: PoolOptions): Database {
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    host: opts.host,
    port: opts.port,
    database: opts.database,
    user: opts.user,
    max: opts.max,
    types,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client whose server went away must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const viaPool = wrap(pool);

  // A client checked out (inside a transaction, between two queries) has no pool listener:
  // a connection lost then (the embedded database's host process gone) must not crash the
  // process either; the next query on it fails and is reported.
  const guarded = new WeakSet<pg.PoolClient>();
  async function connect(): Promise<pg.PoolClient> {
    try {
      const client = await pool.connect();
      if (!guarded.has(client)) {
        client.on('error', () => {});
        guarded.add(client);
      }
      return client;
    } catch (e) {
      throw translateDbError(e);
    }
  }

  return {
    embedded: opts.embedded,
    description: opts.description,
    query: viaPool.query,
    async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      const client = await connect();
      const q = wrap(client);
      let broken = false;
      try {
        await q.query('BEGIN');
        const result = await fn(q);
        await q.query('COMMIT');
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw translateDbError(e);
      } finally {
        client.release(broken);
      }
    },
    async withConnection<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      const client = await connect();
      try {
        return await fn(wrap(client));
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
      await opts.onClose?.();
    },
  };
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://(invalid URL)';
  }
}
