import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { DocstreamError } from '../errors.js';

export interface EmbeddedServer {
  /** Directory holding the Unix socket `.s.PGSQL.5432`, for pg's `host`. */
  socketDir: string;
  stop(): Promise<void>;
}

const LOCK_FILE = 'embedded-socket.json';

function socketAnswers(socketDir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection(join(socketDir, '.s.PGSQL.5432'));
    s.once('connect', () => {
      s.end();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Opens the embedded PostgreSQL (PGlite) kept in `dataDir` and serves it on a private
 * Unix socket, so the same `pg` code path serves embedded and real databases. PGlite
 * allows one process per data directory: a second process (the headless service next
 * to a console) finds the first one's socket in `embedded-socket.json` and shares it.
 */
export async function startEmbedded(dataDir: string): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = join(dataDir, LOCK_FILE);
  if (existsSync(lockPath)) {
    try {
      const { socketDir } = JSON.parse(readFileSync(lockPath, 'utf8')) as { socketDir: string };
      if (await socketAnswers(socketDir)) return { socketDir, stop: async () => {} };
    } catch {
      // stale or unreadable: the process that wrote it is gone, take over below
    }
  }
  const [{ PGlite }, { pg_trgm }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite-socket'),
  ]);
  let db;
  try {
    db = await PGlite.create({ dataDir: join(dataDir, 'pgdata'), extensions: { pg_trgm } });
  } catch (e) {
    throw new DocstreamError(
      'db_unavailable',
      `Impossible d'ouvrir la base embarquée dans ${dataDir} : ${(e as Error).message}. Vérifiez l'espace disque et les droits du dossier.`,
      `Cannot open the embedded database in ${dataDir}: ${(e as Error).message}. Check disk space and the folder's permissions.`,
      { cause: e },
    );
  }
  // A short private directory: socket paths are limited to ~107 bytes, and 0700 keeps
  // other local users off a server that has no password.
  const socketDir = mkdtempSync(join(tmpdir(), 'ds-pg-'));
  const server = new PGLiteSocketServer({ db, path: join(socketDir, '.s.PGSQL.5432'), maxConnections: 8 });
  await server.start();
  writeFileSync(lockPath, JSON.stringify({ socketDir, pid: process.pid }), { mode: 0o600 });
  return {
    socketDir,
    async stop() {
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
      try {
        const cur = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number };
        if (cur.pid === process.pid) rmSync(lockPath, { force: true });
      } catch {
        // already gone
      }
    },
  };
}
