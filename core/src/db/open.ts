import { join } from 'node:path';
import type { Settings } from '../settings.js';
import { createDatabase, describeUrl, type Database } from './database.js';
import { startEmbedded } from './embedded.js';
import { migrate, type Side } from './migrate.js';

/** What the database of these settings is, before opening it: for status lines. */
export function databaseIdentity(settings: Settings, side: Side): { embedded: boolean; description: string } {
  return settings.databaseUrl
    ? { embedded: false, description: describeUrl(settings.databaseUrl) }
    : { embedded: true, description: `PGlite ${embeddedDir(settings, side)}` };
}

const embeddedDir = (settings: Settings, side: Side) => join(settings.dataDir, `${side}-db`);

/**
 * Opens the database of one side: the real PostgreSQL named by the settings, or the
 * embedded one in the data directory. Migrations run on open, so a fresh machine
 * needs no separate setup step.
 */
export async function openDatabase(settings: Settings, side: Side, options: { migrate?: boolean } = {}): Promise<Database> {
  let db: Database;
  let publish = () => {};
  if (settings.databaseUrl) {
    db = createDatabase({
      connectionString: settings.databaseUrl,
      max: 10,
      ...databaseIdentity(settings, side),
    });
  } else {
    const server = await startEmbedded(embeddedDir(settings, side));
    publish = () => server.publish();
    db = createDatabase({
      host: server.socketDir,
      user: 'postgres',
      database: 'postgres',
      max: 1,
      ...databaseIdentity(settings, side),
      onClose: () => server.stop(),
    });
  }
  if (options.migrate !== false) {
    try {
      await migrate(db, side);
    } catch (e) {
      await db.close();
      throw e;
    }
  }
  // Other processes sharing an embedded database come in only once it is migrated.
  publish();
  return db;
}
