import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { createDatabase, type Database } from '@docstream/core';
import { urlFor, withAdmin } from './pg-admin.js';

export interface TestDatabase {
  url: string;
  name: string;
  /** A pool on the clone; closed and the clone dropped after the file's tests. */
  open(max?: number): Database;
}

const created: { name: string; pools: Database[] }[] = [];

// Registered when a test file imports this module, so it belongs to the file; a hook
// registered later, inside beforeAll or a test, would never run.
afterAll(async () => {
  for (const { name, pools } of created.splice(0)) {
    await Promise.all(pools.map((p) => p.close()));
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
});

/** Names carry the creation time and the run, so cleanup never touches another run's. */
export function testDatabaseName(): string {
  return `ds_t_${Math.floor(Date.now() / 1000)}_${inject('runId')}_${randomBytes(4).toString('hex')}`;
}

/** A private database for one test file, cloned from the migrated template. */
export async function testDatabase(): Promise<TestDatabase> {
  const name = testDatabaseName();
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDb')}"`));
  const url = urlFor(name);
  const entry = { name, pools: [] as Database[] };
  created.push(entry);
  return {
    url,
    name,
    open(max = 4) {
      const db = createDatabase({ connectionString: url, max, embedded: false, description: name });
      entry.pools.push(db);
      return db;
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-03-15T10:00:00Z')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}
