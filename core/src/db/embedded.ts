import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { DocstreamError } from '../errors.js';

export interface EmbeddedServer {
  /** Directory holding the Unix socket `.s.PGSQL.5432`, for pg's `host`. */
  socketDir: string;
  /** True when this process opened PGlite and serves it to the others. */
  owner: boolean;
  /** Lets other processes in; the owner calls it once the database is migrated. */
  publish(): void;
  stop(): Promise<void>;
}

const LOCK_FILE = 'embedded.lock';

let forThroughput = false;

/**
 * A long-running service (`run`) keeps V8's optimising compiler for PGlite (about a third
 * more throughput once warm) and 16 MB of shared buffers. Consoles and commands do not call
 * this: with V8's baseline compiler only, PGlite opens in half the CPU time and holds
 * 50–110 MiB less, and 2 MB of buffers keep 14 MiB more out of the console's memory
 * (docs/PERFORMANCE.md, Console start-up).
 */
export function embeddedForThroughput(): void {
  forThroughput = true;
}

interface LockInfo {
  pid: number;
  socketDir?: string;
}

function readLock(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return undefined; // being written, or gone
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

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

/** Removes a lock left by a process that is gone, unless someone replaced it meanwhile. */
function removeStale(path: string, seen: LockInfo): void {
  const now = readLock(path);
  if (now && now.pid === seen.pid && now.socketDir === seen.socketDir) rmSync(path, { force: true });
}

async function serve(dataDir: string, lockPath: string): Promise<EmbeddedServer> {
  // Before PGlite's WebAssembly is compiled: the flag applies to modules compiled after it.
  if (!forThroughput) setFlagsFromString('--liftoff-only');
  const [{ PGlite }, { pg_trgm }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite-socket'),
  ]);
  let db;
  try {
    db = await PGlite.create({
      dataDir: join(dataDir, 'pgdata'),
      extensions: { pg_trgm },
      // PGlite touches all of PostgreSQL's shared memory at start, so its size is resident
      // memory for as long as the process lives: the default 128 MB of buffers would put a
      // console near 300 MB. A smaller pool costs little here: the data files stay in the
      // system's page cache behind it. One backend serves every connection, so shared memory
      // sized for 100 (locks, processes) is 4 MB for nothing.
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${forThroughput ? '16MB' : '2MB'}`, '-c', 'max_connections=4'],
    });
  } catch (e) {
    // PGlite's file-system errors carry an errno and no message
    const why = (e as Error)?.message ?? `errno ${(e as { errno?: number })?.errno ?? '?'}`;
    throw new DocstreamError(
      'db_unavailable',
      `Impossible d'ouvrir la base embarquée dans ${dataDir} : ${why}. Vérifiez l'espace disque et les droits du dossier.`,
      `Cannot open the embedded database in ${dataDir}: ${why}. Check disk space and the folder's permissions.`,
      { cause: e },
    );
  }
  // A short private directory: socket paths are limited to ~107 bytes, and 0700 keeps
  // other local users off a server that has no password.
  const socketDir = mkdtempSync(join(tmpdir(), 'ds-pg-'));
  const server = new PGLiteSocketServer({ db, path: join(socketDir, '.s.PGSQL.5432'), maxConnections: 8 });
  await server.start();
  return {
    socketDir,
    owner: true,
    publish() {
      writeFileSync(lockPath, JSON.stringify({ pid: process.pid, socketDir } satisfies LockInfo), { mode: 0o600 });
    },
    async stop() {
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
      if (readLock(lockPath)?.pid === process.pid) rmSync(lockPath, { force: true });
    },
  };
}

/**
 * Opens the embedded PostgreSQL (PGlite) kept in `dataDir` and serves it on a private
 * Unix socket, so the same `pg` code path serves embedded and real databases.
 *
 * PGlite allows one process per data directory, and two opening it at once lose data. The
 * first process takes `embedded.lock` atomically (O_EXCL) and serves; the others wait
 * until it publishes its socket (after migrating) and connect to it. A lock whose process
 * is gone is taken over.
 */
export async function startEmbedded(dataDir: string, waitMs = 60_000): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = join(dataDir, LOCK_FILE);
  const deadline = Date.now() + waitMs;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lockPath, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (fd !== undefined) {
      writeSync(fd, JSON.stringify({ pid: process.pid } satisfies LockInfo));
      closeSync(fd);
      try {
        return await serve(dataDir, lockPath);
      } catch (e) {
        rmSync(lockPath, { force: true });
        throw e;
      }
    }
    const info = readLock(lockPath);
    if (info && !alive(info.pid)) {
      removeStale(lockPath, info);
      continue;
    }
    if (info?.socketDir) {
      if (await socketAnswers(info.socketDir)) {
        return { socketDir: info.socketDir, owner: false, publish() {}, async stop() {} };
      }
      // Published, yet its socket folder is gone: the pid was reused after a restart.
      if (!existsSync(info.socketDir)) {
        await sleep(500); // an owner that is stopping removes the lock right after its socket
        removeStale(lockPath, info);
        continue;
      }
    }
    if (Date.now() > deadline) {
      throw new DocstreamError(
        'db_unavailable',
        `La base embarquée de ${dataDir} est tenue par le processus ${info?.pid ?? '?'}, qui ne la sert pas. Fermez-le ; s'il n'existe plus, supprimez ${lockPath}.`,
        `The embedded database in ${dataDir} is held by process ${info?.pid ?? '?'}, which does not serve it. Close it; if it no longer exists, delete ${lockPath}.`,
      );
    }
    await sleep(200);
  }
}
