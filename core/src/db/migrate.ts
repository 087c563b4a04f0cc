import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Database, Queryable } from './database.js';
import { DocstreamError } from '../errors.js';

export type Side = 'centre' | 'server';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATIONS_ROOT = fileURLToPath(new URL('../../migrations/', import.meta.url));

export function loadMigrations(side: Side, root = MIGRATIONS_ROOT): Migration[] {
  const dir = join(root, side);
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

// Two processes starting at once (console and headless service) must not both migrate.
const LOCK_KEY: Record<Side, number> = { centre: 0x44530001, server: 0x44530002 };

/**
 * Applies the pending numbered SQL files of one side, each in its own transaction and
 * recorded with its checksum, under an advisory lock. Returns the names applied.
 */
export async function migrate(db: Database, side: Side, migrations = loadMigrations(side)): Promise<string[]> {
  return db.withConnection(async (q: Queryable) => {
    await q.query('SELECT pg_advisory_lock($1)', [LOCK_KEY[side]]);
    try {
      await q.query(`CREATE TABLE IF NOT EXISTS public.ds_schema_migrations (
        side text NOT NULL, version int NOT NULL, name text NOT NULL, checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (side, version))`);
      const done = await q.query<{ version: number; name: string; checksum: string }>(
        'SELECT version, name, checksum FROM public.ds_schema_migrations WHERE side = $1',
        [side],
      );
      const applied = new Map(done.map((r) => [r.version, r]));
      const ran: string[] = [];
      for (const m of migrations) {
        const prior = applied.get(m.version);
        if (prior) {
          if (prior.checksum !== m.checksum) {
            throw new DocstreamError(
              'db_error',
              `La migration ${m.name} a été modifiée après avoir été appliquée. Restaurez le fichier d'origine ; un changement de schéma se fait par une nouvelle migration.`,
              `Migration ${m.name} was changed after it was applied. Restore the original file; a schema change goes in a new migration.`,
            );
          }
          continue;
        }
        await q.query('BEGIN');
        try {
          await q.query(m.sql);
          await q.query('INSERT INTO public.ds_schema_migrations (side, version, name, checksum) VALUES ($1, $2, $3, $4)', [
            side,
            m.version,
            m.name,
            m.checksum,
          ]);
          await q.query('COMMIT');
        } catch (e) {
          await q.query('ROLLBACK');
          throw e;
        }
        ran.push(m.name);
      }
      return ran;
    } finally {
      await q.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY[side]]);
    }
  });
}

export async function pendingMigrations(db: Database, side: Side): Promise<string[]> {
  const all = loadMigrations(side);
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('public.ds_schema_migrations')::text AS t`);
  if (!exists[0]?.t) return all.map((m) => m.name);
  const done = await db.query<{ version: number }>('SELECT version FROM public.ds_schema_migrations WHERE side = $1', [side]);
  const seen = new Set(done.map((r) => r.version));
  return all.filter((m) => !seen.has(m.version)).map((m) => m.name);
}
