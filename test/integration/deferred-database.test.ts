import { beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createDatabase, databaseIdentity, deferDatabase, DocstreamError, type Database } from '@docstream/core';
import { testDatabase, type TestDatabase } from '../support/test-db.js';

// The console hands out its centre before the database is open (the login screen draws
// meanwhile): the first query waits for the opening, a failed opening fails the queries.

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await testDatabase();
});

describe('deferDatabase', () => {
  it('opens on first use only, then every query and transaction goes to the real database', async () => {
    let opens = 0;
    const db = deferDatabase({ embedded: false, description: tdb.name }, async () => {
      opens++;
      // its own pool: this test closes it (the file's pools are closed by test-db)
      return createDatabase({ connectionString: tdb.url, max: 2, embedded: false, description: tdb.name });
    });
    expect(db.description).toBe(tdb.name);
    expect(opens).toBe(0);
    const centre = createCentre({ db });
    const [a, b] = await Promise.all([centre.info(), db.query<{ n: number }>('SELECT 1 AS n')]);
    expect(a).toBeUndefined(); // a migrated, uninitialised centre database
    expect(b).toEqual([{ n: 1 }]);
    expect(await db.tx((q) => q.query<{ n: number }>('SELECT 2 AS n'))).toEqual([{ n: 2 }]);
    expect(opens).toBe(1);
    await db.close();
    await expect(db.query('SELECT 1')).rejects.toThrow(); // the real pool is closed
  });

  it('a failed opening fails each query with its reason; closing then has nothing to close', async () => {
    const refused = new DocstreamError('not_initialised', 'Centre non initialisé.', 'Centre not initialised.');
    const db = deferDatabase({ embedded: true, description: 'PGlite /nowhere' }, () => Promise.reject(refused));
    await expect(db.query('SELECT 1')).rejects.toBe(refused);
    await expect(db.opened()).rejects.toBe(refused);
    await expect(db.close()).resolves.toBeUndefined();
  });

  it('closing a database never used opens nothing', async () => {
    let opened: Database | undefined;
    const db = deferDatabase({ embedded: false, description: 'x' }, async () => (opened = tdb.open(1)));
    await db.close();
    expect(opened).toBeUndefined();
  });

  it('says what the settings name before opening: the URL without its password, or the PGlite folder', () => {
    expect(databaseIdentity({ dataDir: '/d', lang: 'fr', databaseUrl: 'postgresql://u:secret@h/db' }, 'centre')).toEqual({
      embedded: false,
      description: 'postgresql://u:***@h/db',
    });
    expect(databaseIdentity({ dataDir: '/d', lang: 'fr' }, 'server')).toEqual({ embedded: true, description: 'PGlite /d/server-db' });
  });
});
