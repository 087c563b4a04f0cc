import { createHash } from 'node:crypto';
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
    const stale = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE (datname LIKE 'ds\\_tpl\\_%' AND datname <> $1) OR datname LIKE 'ds\\_t\\_%'`,
      [template],
    );
    for (const { datname } of stale.rows) {
      await c.query(`UPDATE pg_database SET datistemplate = false WHERE datname = $1`, [datname]);
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      await c.query(`CREATE DATABASE "${template}"`);
      const db = createDatabase({ connectionString: urlFor(template), max: 1, embedded: false, description: template });
      try {
        await migrate(db, 'centre');
        await migrate(db, 'server');
      } finally {
        await db.close();
      }
      await c.query(`UPDATE pg_database SET datistemplate = true WHERE datname = $1`, [template]);
    }
  });
  provide('templateDb', template);
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}
