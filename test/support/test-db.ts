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

/** A private database for one test file, cloned from the migrated template. */
export async function testDatabase(): Promise<TestDatabase> {
  const name = `ds_t_${Math.floor(Date.now() / 1000)}_${randomBytes(5).toString('hex')}`;
  const template = inject('templateDb');
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = urlFor(name);
  const pools: Database[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });
  return {
    url,
    name,
    open(max = 4) {
      const db = createDatabase({ connectionString: url, max, embedded: false, description: name });
      pools.push(db);
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
