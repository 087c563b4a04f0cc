import type { Database } from './database.js';

/** A Database that is still opening: `opened()` starts the opening (once) and says when it is done. */
export interface DeferredDatabase extends Database {
  opened(): Promise<Database>;
}

/**
 * A Database to hand out before it is open: `open` runs on the first query (or on
 * `opened()`), and every query waits for it, then goes to the real one. A console draws
 * its first screen this way while the database opens (PGlite takes a second or more).
 * A failed opening fails every query with its error; `close()` closes what was opened.
 */
export function deferDatabase(identity: { embedded: boolean; description: string }, open: () => Promise<Database>): DeferredDatabase {
  let opening: Promise<Database> | undefined;
  const opened = () => (opening ??= open());
  return {
    embedded: identity.embedded,
    description: identity.description,
    opened,
    async query(sql, params) {
      return (await opened()).query(sql, params);
    },
    async tx(fn) {
      return (await opened()).tx(fn);
    },
    async withConnection(fn) {
      return (await opened()).withConnection(fn);
    },
    async close() {
      if (!opening) return;
      const db = await opening.catch(() => undefined); // nothing was opened: nothing to close
      await db?.close();
    },
  };
}
