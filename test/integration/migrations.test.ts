import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createDatabase, loadMigrations, migrate, openDatabase, pendingMigrations, type Database } from '@docstream/core';
import { urlFor, withAdmin } from '../support/pg-admin.js';
import { testDatabaseName } from '../support/test-db.js';

const name = testDatabaseName();
const pools: Database[] = [];
const open = () => {
  const db = createDatabase({ connectionString: urlFor(name), max: 2, embedded: false, description: name });
  pools.push(db);
  return db;
};

beforeAll(async () => {
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
});

describe('migrations runner', () => {
  it('applies each file once when two processes start at the same moment', async () => {
    const [a, b] = await Promise.all([migrate(open(), 'centre'), migrate(open(), 'centre')]);
    const files = loadMigrations('centre').map((m) => m.name);
    expect([...a, ...b].sort()).toEqual(files.sort());
    const db = open();
    const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM public.ds_schema_migrations WHERE side = 'centre'`);
    expect(rows[0]!.n).toBe(files.length);
    expect(await migrate(db, 'centre')).toEqual([]);
    expect(await pendingMigrations(db, 'centre')).toEqual([]);
  });

  it('applies the server schemas beside the centre one, each side on its own', async () => {
    const db = open();
    await migrate(db, 'server');
    const schemas = await db.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname IN ('docstream', 'xm_system', 'xm_data') ORDER BY 1`);
    expect(schemas.map((s) => s.nspname)).toEqual(['docstream', 'xm_data', 'xm_system']);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const edited = loadMigrations('centre').map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(migrate(open(), 'centre', edited)).rejects.toMatchObject({ code: 'db_error', en: expect.stringContaining('was changed after it was applied') });
  });

  it('rolls back a failing migration whole, and records nothing for it', async () => {
    const db = open();
    const bad = [...loadMigrations('centre'), { version: 999, name: '999_broken', sql: 'CREATE TABLE docstream.half (x int); SELECT 1/0;', checksum: 'x' }];
    await expect(migrate(db, 'centre', bad)).rejects.toBeTruthy();
    expect(await db.query(`SELECT to_regclass('docstream.half') AS t`)).toEqual([{ t: null }]);
    expect(await pendingMigrations(db, 'centre')).toEqual([]);
  });

  it('gives the reporting role xm_data and nothing of xm_system', async () => {
    const c = new pg.Client({ connectionString: urlFor(name) });
    await c.connect();
    try {
      await c.query('SET ROLE docstream_reporting');
      await expect(c.query('SELECT count(*) FROM xm_data.documents')).resolves.toBeTruthy();
      await expect(c.query('SELECT count(*) FROM xm_system.operators')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await c.end();
    }
  });
});

describe('an unreachable database', () => {
  it('says so in French and English, with what to check', async () => {
    const settings = { dataDir: '/nonexistent', databaseUrl: 'postgresql://postgres@127.0.0.1:1/none', lang: 'fr' as const };
    const e = await openDatabase(settings, 'centre').catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'db_unavailable' });
    expect((e as { fr: string }).fr).toContain('DATABASE_URL');
    expect((e as { en: string }).en).toContain('DATABASE_URL');
  });
});
