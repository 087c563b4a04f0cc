#!/usr/bin/env node
// The server console's live Monitor at scale (issue 8): "the monitor with 10,000 known
// centres and traffic running uses under 10% of one core when idle between refreshes".
//
// Setup (untimed, lib/monitor-fixture.mjs, the same as monitor.mjs): a fresh server
// database ds_bench_monconsole_<run>_server with --centres centres, --docs centralised
// documents, rejections, conflicts, quarantine, an hour of rate buckets, and the operator
// « moniteur »; the writer child (lib/monitor-writer.mjs) plays the running service
// throughout: 50 containers, ~500 documents and 1 rejection a second, a heartbeat every 5 s.
//
// The console: `node apps/server-tui/dist/bundle/main.js` (no subcommand) in a private tmux server,
// one pane of 80×24, DATABASE_URL the bench database, PGAPPNAME=ds-bench-console (so its
// PostgreSQL backends are told from the writer's). The benchmark logs in as an operator
// would (send-keys), then measures three phases of --seconds each (after --warmup seconds
// in the phase, untimed), nothing typed meanwhile:
//   1. Home (its figures re-read every 5 s: a count of the centralised documents);
//   2. the Monitor, live (Enter on its first entry): a snapshot 1 s after the previous ended;
//   3. the Monitor paused (`p`): no read, the screen unchanged.
// For each: CPU (utime + stime, /proc/<pid>/stat) of the console's node process and of its
// PostgreSQL backends (pg_stat_activity: application_name ds-bench-console, polled every
// second, each backend sampled at every poll), as a share of one core; beside them, the CPU
// of the PostgreSQL processes that ended during the phase (the postmaster's cutime +
// cstime: parallel workers, which live too briefly for a poll to find, autovacuum workers,
// closed connections, whoever's they were); its resident memory (VmRSS,
// VmHWM); what it wrote to the terminal (`tmux pipe-pane`): bytes, frames (Ink wraps each
// frame it writes in the synchronized-output marks ESC[?2026h … ESC[?2026l: one per frame)
// and refreshes (distinct "lu à HH:MM:SS" times in the output). The writer's and the tmux
// server's CPU are printed for context.
//
//   npm run bench:monitor-console -- [--centres 10000] [--docs 2000000] [--seconds 60]
//        [--warmup 10] [--serial] [--cpu-prof] [--node-env production] [--max-minutes 15] [--keep]
//
// --serial: no parallel query in the bench database (ALTER DATABASE … SET
//   max_parallel_workers_per_gather = 0), so that the console's statements are counted
//   whole in its backends (Home's count of 2,000,000 documents runs in parallel).
// --cpu-prof: the console runs under `node --cpu-prof`; after it quits, where its CPU went
//   in each phase (self time by function and by package). The profiler's own sampling
//   adds CPU: read the figures of a run without it.
// --node-env X: the console with NODE_ENV=X. The bundled binary has React's production
//   build built in whatever it says; the variable still reaches the console's own code.
//
// BENCH_ADMIN_URL: a PostgreSQL URL allowed to CREATE/DROP DATABASE (default
// postgresql://postgres@127.0.0.1:5432/postgres). tmux on the PATH. The database is dropped
// at the end (also on Ctrl-C or time-out) unless --keep. Exit status: 0 once measured
// (the verdict is printed), non-zero when the setup or the console failed.

import { execFile } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { ADMIN_URL, fixed, guard, int, machine, onCleanup, parseArgs, run, scratchDir, sleep } from './lib/env.mjs';
import { MONITOR_OPERATOR, monitorFixture, startWriter, TRAFFIC_TEXT } from './lib/monitor-fixture.mjs';
import { processChildren, processCpu, processMemory, processName } from './lib/proc.mjs';

const exec = promisify(execFile);
const BIN = fileURLToPath(new URL('../../apps/server-tui/dist/bundle/main.js', import.meta.url));
const APP = 'ds-bench-console';
const WRITER = 'ds-bench-writer';
const TARGET = 10; // % of one core (issue 8)

const USAGE = `usage: node scripts/bench/monitor-console.mjs [options]
  --centres N      registered centres (default 10000)
  --docs N         centralised documents (default 2000000)
  --seconds N      length of each measured phase: Home, Monitor live, Monitor paused (default 60)
  --warmup N       seconds in each phase before measuring (default 10)
  --serial         no parallel query in the bench database (every PostgreSQL CPU second counted)
  --cpu-prof       run the console under node --cpu-prof and say where its CPU went, per phase
  --node-env X     run the console with NODE_ENV=X (the bundle's React is production whatever X)
  --max-minutes N  stop and clean up after this (default 15)
  --keep           keep the database`;

const o = parseArgs(process.argv.slice(2), { centres: 10_000, docs: 2_000_000, seconds: 60, warmup: 10, serial: false, cpuProf: false, nodeEnv: '', maxMinutes: 15, keep: false }, USAGE);

// ---------------------------------------------------------------------------------------
// tmux: a private server, killed at the end

const socket = `ds-bench-moncon-${process.pid}`;
const dir = scratchDir('ds-bench-moncon-');
const conf = join(dir, 'tmux.conf');
writeFileSync(conf, 'set-option -g remain-on-exit on\n');
const tmux = async (...args) => (await exec('tmux', ['-L', socket, '-f', conf, ...args], { env: { ...process.env, LC_ALL: 'C.UTF-8', TMUX: '' } })).stdout;
const PANE = 'console';
const screen = async () => (await tmux('capture-pane', '-p', '-J', '-t', PANE)).split('\n').map((l) => l.trimEnd()).join('\n');
const show = async (f) => (await tmux('display-message', '-p', '-t', PANE, f)).trim();

async function waitFor(what, test, timeoutMs = 60_000) {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const s = await screen();
    if (test(s)) return s;
    if (performance.now() > end) throw new Error(`the console shows no ${what} after ${timeoutMs / 1000} s; its screen:\n${s}`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------
// What is measured

/** CPU of a changing set of processes: each sampled at every poll, counted from its first sample (0 if born during the window). */
function cpuSet() {
  const first = new Map();
  const last = new Map();
  return {
    add(pid, bornDuring) {
      if (!first.has(pid)) first.set(pid, bornDuring ? 0 : processCpu(pid));
    },
    sample() {
      for (const pid of first.keys()) {
        const v = processCpu(pid);
        if (v > 0) last.set(pid, v);
      }
    },
    seconds() {
      let s = 0;
      for (const [pid, v] of first) s += Math.max(0, (last.get(pid) ?? v) - v);
      return s;
    },
    size: () => first.size,
  };
}

const BSU = '\u001b[?2026h';

function readSlice(file, from) {
  const size = statSync(file).size;
  const buf = Buffer.alloc(size - from);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, buf.length, from);
  } finally {
    closeSync(fd);
  }
  return { text: buf.toString('utf8'), bytes: buf.length, end: size };
}

function count(text, needle) {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * One phase: `seconds` of the console left alone. The pg_stat_activity poll (every second,
 * on the probe's one connection) finds the console's backends and the writer's.
 */
async function measure(ctx, label, seconds) {
  const { probe, consolePid, tmuxPid, writerPid, postmasterPid, outFile, database } = ctx;
  const backends = cpuSet();
  const writerBackends = cpuSet();
  const poll = async (bornDuring) => {
    const { rows } = await probe.query(
      `SELECT pid, application_name FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`, [database]);
    for (const r of rows) {
      if (r.application_name === APP) backends.add(r.pid, bornDuring);
      else if (r.application_name === WRITER) writerBackends.add(r.pid, bornDuring);
    }
    backends.sample();
    writerBackends.sample();
  };
  await poll(false);
  const from = statSync(outFile).size;
  const c0 = processCpu(consolePid);
  const x0 = processCpu(tmuxPid);
  const w0 = processCpu(writerPid);
  const e0 = processChildren(postmasterPid).seconds;
  const t0 = performance.now();
  const h0 = process.hrtime.bigint();
  let rssMax = 0;
  while (performance.now() - t0 < seconds * 1000) {
    await sleep(Math.min(1000, seconds * 1000 - (performance.now() - t0)));
    await poll(true);
    rssMax = Math.max(rssMax, processMemory(consolePid).rss);
  }
  const c1 = processCpu(consolePid);
  const x1 = processCpu(tmuxPid);
  const w1 = processCpu(writerPid);
  const e1 = processChildren(postmasterPid).seconds;
  const wall = (performance.now() - t0) / 1000;
  const h1 = process.hrtime.bigint();
  await poll(true);
  const out = readSlice(outFile, from);
  const mem = processMemory(consolePid);
  const reads = new Set([...out.text.matchAll(/[Ll]u à (\d\d:\d\d:\d\d)/g)].map((m) => m[1]));
  const pct = (s) => (100 * s) / wall;
  return {
    label, wall, window: [h0, h1],
    console: pct(c1 - c0), consoleSeconds: c1 - c0,
    backends: pct(backends.seconds()), backendCount: backends.size(),
    rss: mem.rss, rssMax: Math.max(rssMax, mem.rss), hwm: mem.hwm,
    bytes: out.bytes, frames: count(out.text, BSU), refreshes: reads.size,
    ended: pct(e1 - e0), tmux: pct(x1 - x0), writer: pct(w1 - w0), writerBackends: pct(writerBackends.seconds()),
    load: loadavg()[0],
  };
}

// ---------------------------------------------------------------------------------------
// --cpu-prof: self time per function and per package inside each phase's window

function profileSummary(file, phases) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const where = (cf) => {
    const url = cf.url || '';
    if (!url) return cf.functionName || '(native)';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1];
    if (url.startsWith('node:')) return 'node (built-in)';
    const ours = /\/(core|apps\/[^/]+)\/dist\//.exec(url);
    return ours ? ours[1] : url;
  };
  const out = [];
  for (const ph of phases) {
    const [from, to] = ph.window.map((ns) => Number(ns / 1000n)); // µs, the profile's clock (CLOCK_MONOTONIC)
    const byFn = new Map();
    const byPkg = new Map();
    let t = p.startTime;
    let total = 0;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.timeDeltas[i];
      if (t < from || t > to) continue;
      const n = nodes.get(p.samples[i]);
      const dt = p.timeDeltas[i + 1] ?? 0; // the sample stands for the time until the next
      const cf = n.callFrame;
      if (cf.functionName === '(idle)') continue;
      total += dt;
      const fn = `${cf.functionName || '(anonymous)'} ${cf.url ? `${cf.url.replace(/^.*\/(node_modules\/|dist\/)/, '')}:${cf.lineNumber + 1}` : ''}`.trim();
      byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
      const pkg = where(cf);
      byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + dt);
    }
    const seconds = Number(ph.window[1] - ph.window[0]) / 1e9;
    const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
    out.push(`\n  ${ph.label}: ${fixed(total / 1e6, 2)} s of samples not idle in ${fixed(seconds, 0)} s (${fixed((100 * total) / 1e6 / seconds, 1)} %)`);
    out.push(`    by package:  ${top(byPkg, 8).map(([k, v]) => `${k} ${fixed((100 * v) / Math.max(1, total), 0)} %`).join(', ')}`);
    for (const [k, v] of top(byFn, 12)) out.push(`    ${fixed(v / 1e3, 0).padStart(6)} ms  ${k}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------

run(async () => {
  guard(o.maxMinutes);
  if (o.centres < 10 || o.centres > 99_999) throw new Error('--centres: 10 to 99,999');
  if (o.seconds < 5) throw new Error('--seconds: at least 5');
  const m = await machine();
  const tmuxVersion = (await exec('tmux', ['-V'])).stdout.trim();
  console.log('Server console, live Monitor: CPU, memory and frames (issue 8)');
  console.log(`Machine: ${m.text}\nSoftware: ${m.software}, ${tmuxVersion}\nDate: ${new Date().toISOString()}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`\nSetup: ${int(o.centres)} centres, ${int(o.docs)} documents`);
  const scratch = await monitorFixture('monconsole', o);
  if (o.serial) await scratch.db.query(`ALTER DATABASE "${scratch.name}" SET max_parallel_workers_per_gather = 0`);
  await scratch.db.close(); // the set-up pool: its idle connections have no business here
  const writer = await startWriter(scratch.url, o.centres);
  console.log(TRAFFIC_TEXT);

  const probe = new pg.Client({ connectionString: ADMIN_URL, application_name: 'ds-bench-probe' });
  await probe.connect();
  onCleanup(() => probe.end());
  // PostgreSQL's processes are the postmaster's children: those that end (parallel workers,
  // autovacuum workers, closed connections) add to its cutime + cstime.
  const postmasterPid = processChildren((await probe.query('SELECT pg_backend_pid() AS pid')).rows[0].pid).ppid;
  if (processName(postmasterPid) !== 'postgres') throw new Error(`cannot find PostgreSQL's postmaster (pid ${postmasterPid}: ${processName(postmasterPid) || 'not readable'})`);

  // The console, in its pane; everything it writes copied to a file.
  onCleanup(async () => {
    const path = await tmux('display-message', '-p', '#{socket_path}').then((p) => p.trim(), () => '');
    await tmux('kill-server').catch(() => {});
    if (path) rmSync(path, { force: true }); // tmux leaves its socket file behind
  });
  const home = scratchDir('ds-bench-moncon-home-');
  const profDir = join(dir, 'prof');
  const env = {
    TERM: 'screen', LANG: 'C.UTF-8', PATH: process.env.PATH, HOME: home,
    DOCSTREAM_CONFIG_DIR: join(home, 'config'), DOCSTREAM_DATA_DIR: join(home, 'data'),
    DATABASE_URL: scratch.url, PGAPPNAME: APP, ...(o.nodeEnv ? { NODE_ENV: o.nodeEnv } : {}),
  };
  const node = [process.execPath, ...(o.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []), BIN];
  await tmux('new-session', '-d', '-s', PANE, '-x', '80', '-y', '24', 'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...node);
  const outFile = join(dir, 'pane.out');
  writeFileSync(outFile, '');
  await tmux('pipe-pane', '-O', '-t', PANE, `cat >> '${outFile}'`);
  const consolePid = Number(await show('#{pane_pid}'));
  const tmuxPid = Number(await show('#{pid}'));
  if (processName(consolePid) !== 'node') throw new Error(`pane process ${consolePid} is ${processName(consolePid) || 'gone'}, not node`);

  // Log in as an operator would, one step at a time.
  await waitFor('login screen', (s) => s.includes('Mot de passe :'));
  await tmux('send-keys', '-t', PANE, '-l', MONITOR_OPERATOR.login);
  await waitFor('login typed', (s) => s.includes(`Identifiant  : ${MONITOR_OPERATOR.login}`));
  await tmux('send-keys', '-t', PANE, 'Tab');
  await waitFor('password field', (s) => /^> Mot de passe :/m.test(s));
  await tmux('send-keys', '-t', PANE, '-l', MONITOR_OPERATOR.password);
  await waitFor('password typed', (s) => /^> Mot de passe : \*+$/m.test(s));
  await tmux('send-keys', '-t', PANE, 'Enter');
  await waitFor('Home', (s) => /^Documents centralisés : \d/m.test(s) && /^> Moniteur des transmissions/m.test(s));
  const ctx = { probe, consolePid, tmuxPid, writerPid: writer.pid, postmasterPid, outFile, database: scratch.name };
  const phases = [];
  const phase = async (label, check) => {
    await sleep(o.warmup * 1000);
    const before = await screen();
    if (!check(before)) throw new Error(`${label}: unexpected screen before measuring:\n${before}`);
    console.log(`  measuring: ${label} (${o.seconds} s)…`);
    const r = await measure(ctx, label, o.seconds);
    const after = await screen();
    if (!check(after)) throw new Error(`${label}: unexpected screen after measuring:\n${after}`);
    phases.push({ ...r, screen: after });
  };

  console.log(`Console: pid ${consolePid} in an 80×24 tmux pane${o.nodeEnv ? `, NODE_ENV=${o.nodeEnv}` : ''}${o.serial ? ', no parallel query' : ''}${o.cpuProf ? ', under --cpu-prof' : ''}; each phase ${o.warmup} s untimed, then ${o.seconds} s measured`);
  await phase('Home (re-read every 5 s)', (s) => /^Lu à .*relu toutes les 5 s/m.test(s));
  await tmux('send-keys', '-t', PANE, 'Enter');
  await waitFor('Monitor', (s) => /^Actualisé chaque \d+ s — lu à/m.test(s));
  await phase('Monitor, live', (s) => /^Actualisé chaque \d+ s — lu à/m.test(s) && /^Service : en marche/m.test(s));
  await tmux('send-keys', '-t', PANE, 'p');
  await waitFor('Monitor paused', (s) => /EN PAUSE/.test(s));
  await phase('Monitor, paused (p)', (s) => /EN PAUSE/.test(s));

  // Quit as a user would (the profile is written on exit).
  await tmux('send-keys', '-t', PANE, 'q');
  const end = performance.now() + 20_000;
  while ((await show('#{pane_dead}')) !== '1') {
    if (performance.now() > end) throw new Error('the console did not quit on q');
    if (readFileSync(`/proc/${consolePid}/stat`, 'utf8').includes(') Z')) process.kill(tmuxPid, 'SIGCHLD'); // see test/support/tmux.ts
    await sleep(100);
  }

  // ---------------------------------------------------------------------------------------
  const live = phases[1];
  console.log('\nThe live Monitor, as shown at the end of its phase:');
  console.log(live.screen.replace(/\n+$/, '').split('\n').map((l) => `  | ${l}`).join('\n'));

  const head = ['', 'console CPU', 'PG backends', 'console + backends', 'PG ended', 'RSS MiB', 'frames/s', 'KiB/s out', 'reads/s', 'CPU/read'];
  const rows = phases.map((p) => [
    p.label,
    `${fixed(p.console, 2)} %`,
    `${fixed(p.backends, 2)} %`,
    `${fixed(p.console + p.backends, 2)} %`,
    `${fixed(p.ended, 2)} %`,
    `${fixed(p.rss, 0)} (max ${fixed(p.rssMax, 0)})`,
    fixed(p.frames / p.wall, 2),
    fixed(p.bytes / 1024 / p.wall, 2),
    fixed(p.refreshes / p.wall, 2),
    p.refreshes ? `${fixed((1000 * p.consoleSeconds) / p.refreshes, 1)} ms` : '–',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\nFigures (${int(o.centres)} centres, ${int(o.docs)} documents, traffic running; ${fixed(phases[0].wall, 0)} s per phase; CPU as a share of one core)`);
  console.log(`  ${line(head)}`);
  for (const r of rows) console.log(`  ${line(r)}`);
  console.log(`
  console CPU: utime + stime of the console's node process (/proc/<pid>/stat), all its threads.
  PG backends: its PostgreSQL connections (application_name ${APP}), sampled every second.
  PG ended: PostgreSQL processes that ended during the phase, whoever's (parallel workers of the
    console's statements, autovacuum, closed connections);
    ${o.serial ? 'no parallel query in this run (--serial)' : 'with --serial, the console\'s statements are counted whole in PG backends'}.
  frames: frames Ink wrote (ESC[?2026h marks in the pane's output); reads: distinct "lu à" times
    written; CPU/read: console CPU divided by those reads. RSS: VmRSS at the end (max during).`);
  for (const p of phases) {
    console.log(`  ${p.label}: ${p.backendCount} backend(s); peak RSS (VmHWM) ${fixed(p.hwm, 0)} MiB; `
      + `writer ${fixed(p.writer, 1)} % + its backends ${fixed(p.writerBackends, 1)} %; tmux server ${fixed(p.tmux, 2)} %; load average ${fixed(p.load, 1)}`);
  }
  const met = live.console < TARGET;
  console.log(`\nTarget (issue 8): the console showing the live Monitor under ${TARGET} % of one core: ${fixed(live.console, 2)} % — ${met ? 'met' : 'MISSED'}`
    + `; with its PostgreSQL backends ${fixed(live.console + live.backends, 2)} %.`);
  const fps = Math.max(...phases.map((p) => p.frames / p.wall));
  console.log(`Frames: at most ${fixed(fps, 2)} per second in any phase — ${fps <= 3 ? 'bounded' : 'MORE than a few per second'}.`);
  console.log(`Live cost (Monitor live − paused): console ${fixed(live.console - phases[2].console, 2)} %, backends ${fixed(live.backends - phases[2].backends, 2)} % of one core.`);

  if (o.cpuProf) {
    const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
    if (files.length === 0) console.log('\n--cpu-prof: no profile written');
    else console.log(`\nWhere the console's CPU went (node --cpu-prof, ${files[0]}):${profileSummary(join(profDir, files[0]), phases)}`);
  }
  return 0;
});
