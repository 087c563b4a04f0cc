import { createHash, randomBytes } from 'node:crypto';
import { createDatabase, loadMigrations, migrate } from '../../core/src/index.js';
import { urlFor, withAdmin } from './pg-admin.js';

/**
 * Builds one migrated template database (named by a hash of the migrations, so it is
 * rebuilt only when they change); each test file then clones it in milliseconds.
 */
export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const all = [...loadMigrations('centre'), ...loadMigrations('server')];
  const digest = createHash('sha256').update(all.map((m) => m.checksum).join()).digest('hex').slice(0, 12);
  const template = `ds_tpl_${digest}`;
  await withAdmin(async (c) => {
    // Test databases carry their creation time (ds_t_<seconds>_<random>); only those left
    // over by a run that died hours ago go, so two runs at once never drop each other's.
    const cutoff = Math.floor(Date.now() / 1000) - 3 * 3600;
    // Another revision's template may be in use by a run at that revision: only old ones go.
    // (A database another run is dropping right now has no file left: missing_ok.)
    const found = await c.query<{ datname: string; old: boolean }>(
      `SELECT datname, coalesce((pg_stat_file('base/' || oid || '/PG_VERSION', true)).modification < now() - interval '3 hours', false) AS old
         FROM pg_database WHERE datname LIKE 'ds\\_tpl\\_%' OR datname LIKE 'ds\\_t\\_%'`,
    );
    const stale = found.rows.filter(({ datname, old }) => {
      if (datname.startsWith('ds_tpl_')) return datname !== template && old;
      const born = Number(/^ds_t_(\d+)_/.exec(datname)?.[1] ?? 0);
      return born < cutoff;
    });
    for (const { datname } of stale) {
      await c.query(`UPDATE pg_database SET datistemplate = false WHERE datname = $1`, [datname]);
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      // Built under a private name and renamed when complete: a run starting meanwhile
      // never clones a half-migrated template.
      const building = `ds_t_${Math.floor(Date.now() / 1000)}_tpl${process.pid}`;
      await c.query(`CREATE DATABASE "${building}"`);
      const db = createDatabase({ connectionString: urlFor(building), max: 1, embedded: false, description: building });
      try {
        await migrate(db, 'centre');
        await migrate(db, 'server');
      } finally {
        await db.close();
      }
      try {
        await c.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
        await c.query(`UPDATE pg_database SET datistemplate = true WHERE datname = $1`, [template]);
      } catch (e) {
        if ((e as { code?: string }).code !== '42P04') throw e;
        await c.query(`DROP DATABASE "${building}"`); // another run finished first
      }
    }
  });
  provide('templateDb', template);
  const runId = randomBytes(3).toString('hex');
  provide('runId', runId);
  // Whatever a file could not drop (a crash, a killed worker) goes at the end of the run.
  return async () => {
    await withAdmin(async (c) => {
      const left = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`ds\\_t\\_%\\_${runId}\\_%`]);
      for (const { datname } of left.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
    runId: string;
  }
}
