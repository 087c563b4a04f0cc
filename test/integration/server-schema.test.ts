import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createServer, shippedForms, type Database } from '@docstream/core';
import { testDatabase, type TestDatabase } from '../support/test-db.js';
import { runCli, SERVER_BIN } from '../support/cli.js';

let tdb: TestDatabase;
let db: Database;

beforeAll(async () => {
  tdb = await testDatabase();
  db = tdb.open();
});

describe('the server catalog and its per-kind views', () => {
  it('installs the shipped kinds once, each with its xm_data view, audited', async () => {
    const server = createServer({ db });
    expect((await server.installShippedForms()).sort()).toEqual(shippedForms().map((f) => f.id).sort());
    expect(await server.installShippedForms()).toEqual([]);
    const cols = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'xm_data' AND table_name = 'v_acte_naissance' ORDER BY ordinal_position`,
    );
    expect(cols.map((c) => c.column_name)).toEqual(expect.arrayContaining(['niu', 'matricule', 'enfant_nom', 'enfant_prenoms', 'date_naissance', 'mere_nom']));
    expect((await server.verifyAudit())).toMatchObject({ ok: true, checked: 5 });
  });

  it('lets the reporting role read the views of xm_data', async () => {
    const c = new pg.Client({ connectionString: tdb.url });
    await c.connect();
    try {
      await c.query('SET ROLE docstream_reporting');
      await expect(c.query('SELECT count(*) FROM xm_data.v_pv_election')).resolves.toBeTruthy();
      await expect(c.query('SELECT count(*) FROM xm_system.audit')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await c.end();
    }
  });

  it('answers `docstream-server status` on that database', async () => {
    const r = await runCli(SERVER_BIN, ['--json', 'status'], { DATABASE_URL: tdb.url, DOCSTREAM_CONFIG_DIR: '/tmp' });
    expect(r.stderr).toBe('');
    expect(r.json<{ documents: number; pendingMigrations: string[] }>()).toMatchObject({ documents: 0, pendingMigrations: [] });
  });
});
