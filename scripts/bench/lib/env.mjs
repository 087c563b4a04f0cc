// Shared plumbing of the transmission benchmarks (wire.mjs, ingest.mjs): scratch
// databases on the local PostgreSQL, a private Mosquitto on a free loopback port, the
// machine's description, and a cleanup that runs on success, error, Ctrl-C or time-out.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, migrate } from '@docstream/core';

export const ADMIN_URL = process.env.BENCH_ADMIN_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function until(what, check, timeoutMs, everyMs = 100) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// ---------------------------------------------------------------------------------------
// Cleanup: every resource registers how to release itself; released in reverse order once.

const cleanups = [];
let finishing = false;

export function onCleanup(fn) {
  cleanups.push(fn);
}

export async function cleanup() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (e) {
      console.error(`cleanup: ${e?.message ?? e}`);
    }
  }
}

/** Stops the benchmark after `minutes` whatever happens, and on Ctrl-C, cleaning up first. */
export function guard(minutes) {
  const abort = async (why, code) => {
    if (finishing) return;
    finishing = true;
    console.error(`\n${why}; cleaning up`);
    await cleanup();
    process.exit(code);
  };
  const t = setTimeout(() => void abort(`stopped: over --max-minutes ${minutes}`, 2), minutes * 60_000);
  t.unref();
  process.on('SIGINT', () => void abort('interrupted', 130));
  process.on('SIGTERM', () => void abort('terminated', 143));
}

/** Runs main(), then cleans up and exits with its code (1 on an exception). */
export async function run(main) {
  let code = 0;
  try {
    code = (await main()) ?? 0;
  } catch (e) {
    if (finishing) await new Promise(() => {}); // the guard is cleaning up and will exit
    console.error(e?.stack ?? e?.message ?? e);
    if (e?.problems?.length) console.error(e.problems);
    code = 1;
  }
  if (!finishing) {
    finishing = true;
    await cleanup();
    process.exit(code);
  }
}

// ---------------------------------------------------------------------------------------
// Options: --name value pairs and --flags, checked against a table of defaults.

export function parseArgs(argv, defaults, usage) {
  const opts = { ...defaults };
  const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(usage);
      process.exit(0);
    }
    if (!a.startsWith('--') || !(camel(a.slice(2)) in defaults)) throw new Error(`unknown argument ${a} (see --help)`);
    const key = camel(a.slice(2));
    if (typeof defaults[key] === 'boolean') opts[key] = true;
    else if (typeof defaults[key] === 'number') {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a number ≥ 0`);
      opts[key] = v;
    } else opts[key] = String(argv[++i]);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------
// The machine, as the figures need it said.

export async function machine() {
  const cpu = cpus();
  let model = cpu[0]?.model ?? 'unknown CPU';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) model = m[1].trim();
  } catch {
    // not Linux
  }
  const pgVersion = await admin(async (c) => (await c.query('SHOW server_version')).rows[0].server_version);
  let mosquitto = 'unknown';
  try {
    const out = await new Promise((resolve) => {
      const p = spawn('mosquitto', ['-h'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let s = '';
      p.stdout.on('data', (d) => (s += d));
      p.stderr.on('data', (d) => (s += d));
      p.on('close', () => resolve(s));
      p.on('error', () => resolve(''));
    });
    mosquitto = /mosquitto version (\S+)/.exec(out)?.[1] ?? 'unknown';
  } catch {
    // not installed: startMosquitto will say so
  }
  return {
    text: `${model}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}`,
    software: `Node ${process.versions.node}, PostgreSQL ${pgVersion}, Mosquitto ${mosquitto}`,
    cores: cpu.length,
  };
}

// ---------------------------------------------------------------------------------------
// Scratch databases: created fresh under a random name, migrated for one side, dropped at the end.

export async function admin(fn) {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export function urlFor(name) {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export const runId = randomBytes(3).toString('hex');

/**
 * A fresh database `ds_bench_<kind>_<run>_<label>`, migrated for `side`, with a pool of
 * `max` connections. Dropped (WITH FORCE) at cleanup unless `keep`.
 */
export async function scratchDatabase(kind, label, side, max, keep = false) {
  const name = `ds_bench_${kind}_${runId}_${label}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = urlFor(name);
  const db = createDatabase({ connectionString: url, max, embedded: false, description: name });
  onCleanup(async () => {
    await db.close().catch(() => {});
    if (!keep) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    else console.log(`kept database ${name}`);
  });
  await migrate(db, side);
  return { db, url, name };
}

export function scratchDir(prefix) {
  const d = mkdtempSync(join(tmpdir(), prefix));
  onCleanup(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

// ---------------------------------------------------------------------------------------
// A private Mosquitto on a free 127.0.0.1 port (never the machine's broker on 1883).

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(a.port));
    });
  });
}

async function waitForPort(port, timeoutMs = 10_000) {
  await until(`Mosquitto on port ${port}`, () => new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  }), timeoutMs, 50);
}

/** Starts `mosquitto -c <conf>` with the lines given (plus listener, anonymous, no persistence). */
export async function startMosquitto(extra = []) {
  const dir = scratchDir('ds-bench-mosq-');
  const port = await freePort();
  const lines = [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest none', ...extra];
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `${lines.join('\n')}\n`);
  const proc = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  const failed = new Promise((_, reject) => proc.once('error', (e) => reject(new Error(`cannot start mosquitto: ${e.message}`))));
  onCleanup(async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await Promise.race([exited, sleep(3000)]);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  await Promise.race([waitForPort(port), failed]);
  return { port, url: `mqtt://127.0.0.1:${port}`, config: lines.slice(1), pid: proc.pid };
}

// ---------------------------------------------------------------------------------------
// Formatting

export const int = (n) => Math.round(n).toLocaleString('en');
export const fixed = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
export const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
