#!/usr/bin/env node
// The live transmission monitor at scale: what `server.monitor.snapshot` costs with 10,000
// known centres, millions of centralised documents, and traffic running.
//
// Setup (untimed, lib/monitor-fixture.mjs, shared with monitor-console.mjs): a fresh server
// database ds_bench_monitor_<run>_server; --centres clients (names from lib/names.mjs
// places, 2% suspended) with per-centre counters (8% never seen, the others seen over the
// last two days, most recently the busiest); --docs centralised documents received over a
// year; their containers in the inbox (10 documents each) with their acknowledgements in the
// outbox (300 not yet published); 20,000 logged rejections; 2,000 conflicts (200 open);
// 1,000 quarantined containers (150 held); the rate buckets of the last hour. Then ANALYZE.
//
// Traffic running: a child process (lib/monitor-writer.mjs) plays the service on its own
// connections: every 100 ms it moves the counters of 5 random centres and the rate bucket
// through the core's own statement (addTraffic, as for a `hello`), logs a rejection
// every second, and writes the service heartbeat every 5 s (announceService): 50
// containers and ~500 documents a second.
//
// Timed, in this process (the monitor, on its own pool, application_name ds-bench-monitor):
//   1. snapshot latency, median / p95 / max, for several sorts, filters and pages;
//   2. each of the snapshot's statements alone (median), to see which one costs;
//   3. refreshing every --refresh ms (1000 and 2000 by default) for --seconds: CPU of this
//      process (process.cpuUsage) and of its PostgreSQL backends (/proc/<pid>/stat), as a
//      share of one core;
//   4. for the decision (docs/DECISIONS.md): the rates computed from the existing tables
//      instead of the counter table (documents.received_at, inbox.received_at, no index).
//
//   npx tsc -b && node scripts/bench/monitor.mjs [--centres 10000] [--docs 2000000]
//        [--samples 200] [--seconds 30] [--refresh 1000,2000] [--no-writer] [--serial] [--explain]
//        [--max-minutes 20] [--keep]
//
// BENCH_ADMIN_URL: a PostgreSQL URL allowed to CREATE/DROP DATABASE
//   (default postgresql://postgres@127.0.0.1:5432/postgres). The database is dropped at the
//   end (also on Ctrl-C or time-out) unless --keep.

import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createDatabase, createServer } from '@docstream/core';
// Not the public API: the statements the monitor runs, called one by one.
import * as mq from '../../core/dist/server/queries/monitor.js';
import { monitorCriteria } from '../../core/dist/server/monitor.js';
import { admin, fixed, guard, int, machine, onCleanup, parseArgs, run, sleep } from './lib/env.mjs';
import { MONITOR_OPERATOR, monitorFixture, startWriter, TRAFFIC_TEXT } from './lib/monitor-fixture.mjs';
import { processCpu } from './lib/proc.mjs';

const USAGE = `usage: node scripts/bench/monitor.mjs [options]
  --centres N      registered centres (default 10000)
  --docs N         centralised documents (default 2000000)
  --samples N      snapshots timed per scenario (default 200)
  --seconds N      length of each refresh run (default 30)
  --refresh LIST   refresh intervals in ms, comma-separated (default 1000,2000)
  --no-writer      no traffic while measuring
  --serial         no parallel query for the monitor's connections (parallel workers are
                   processes too short-lived to sample: their CPU would go uncounted)
  --explain        print EXPLAIN (ANALYZE, BUFFERS) of the per-centre page
  --max-minutes N  stop and clean up after this (default 20)
  --keep           keep the database`;

const backendPids = () => admin(async (c) => (await c.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'ds-bench-monitor'`)).rows.map((r) => r.pid));

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

run(async () => {
  const o = parseArgs(process.argv.slice(2), { centres: 10_000, docs: 2_000_000, samples: 200, seconds: 30, refresh: '1000,2000', noWriter: false, serial: false, explain: false, maxMinutes: 20, keep: false }, USAGE);
  if (o.centres < 10 || o.centres > 99_999) throw new Error('--centres: 10 to 99,999');
  guard(o.maxMinutes);
  const m = await machine();
  console.log(`Machine: ${m.text}\nSoftware: ${m.software}\nDate: ${new Date().toISOString()}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`\nSetup: ${int(o.centres)} centres, ${int(o.docs)} documents`);
  const scratch = await monitorFixture('monitor', o);

  // --serial: no parallel workers for the monitor's statements. They are processes of their
  // own, too short-lived to sample, so only without them is every CPU second counted.
  const serial = o.serial ? `&options=${encodeURIComponent('-c max_parallel_workers_per_gather=0')}` : '';
  const db = createDatabase({ connectionString: `${scratch.url}?application_name=ds-bench-monitor${serial}`, max: 8, embedded: false, description: 'monitor' });
  onCleanup(() => db.close());
  const server = createServer({ db });
  const session = await server.operators.login(MONITOR_OPERATOR.login, MONITOR_OPERATOR.password);

  if (!o.noWriter) {
    await startWriter(scratch.url, o.centres);
    console.log(TRAFFIC_TEXT);
  }

  const snap = await server.monitor.snapshot(session);
  console.log(`First snapshot: service running ${snap.service.running}, ${snap.centres.registered} centres (${snap.centres.active} active), `
    + `outbox ${snap.queues.outboxUnsent}, quarantine ${snap.queues.quarantineHeld}, conflicts ${snap.queues.conflictsOpen}, `
    + `${snap.rates.total.documents} documents in 5 min`);
  for (let i = 0; i < 20; i++) await server.monitor.snapshot(session, { sort: ['documents', 'name', 'lastSeen'][i % 3] });

  // 1. Latency of a whole snapshot (session check included), one scenario at a time.
  const scenarios = [
    ['default (matricule, page 1 of 20)', {}],
    ['sort documents desc', { sort: 'documents' }],
    ['sort last seen desc', { sort: 'lastSeen' }],
    ['sort name asc', { sort: 'name' }],
    ['sort errors desc, 50 rows', { sort: 'errors', limit: 50 }],
    ['filter name "kayes"', { filter: 'kayes' }],
    ['filter matricule "012"', { filter: '012' }],
    ['page at offset 5,000', { offset: 5000 }],
    ['1 h in 60 buckets of 60 s', { rateBuckets: 60, rateBucketSeconds: 60 }],
  ];
  console.log(`\n1. Snapshot latency (${o.samples} each, ms)     p50     p95     max`);
  for (const [label, input] of scenarios) {
    const times = [];
    for (let i = 0; i < o.samples; i++) {
      const t = performance.now();
      await server.monitor.snapshot(session, input);
      times.push(performance.now() - t);
    }
    const s = stats(times);
    console.log(`   ${label.padEnd(38)} ${fixed(s.p50, 2).padStart(6)}  ${fixed(s.p95, 2).padStart(6)}  ${fixed(s.max, 2).padStart(6)}`);
  }

  // 2. Each statement alone.
  const now = () => new Date();
  const c = monitorCriteria({});
  const cSorted = monitorCriteria({ sort: 'documents' });
  const cName = monitorCriteria({ filter: 'kayes' });
  const parts = [
    ['session check (guard)', () => server.operators.guard(db, session, 1, { fr: '', en: '' })],
    ['overview (counts, totals, queues)', () => mq.overview(db, new Date(Date.now() - 300_000))],
    ['rates (60 × 5 s)', () => mq.rates(db, new Date(Date.now() - 300_000), now(), 5)],
    ['centre page, matricule', () => mq.centrePage(db, c)],
    ['centre page, documents desc', () => mq.centrePage(db, cSorted)],
    ['centre page, filter "kayes"', () => mq.centrePage(db, cName)],
    ['last rejections (10)', () => mq.lastRejections(db, 10)],
    ['last open conflicts (10)', () => mq.lastOpenConflicts(db, 10)],
    ['services', () => mq.services(db, new Date(Date.now() - 86_400_000))],
  ];
  console.log(`\n2. Each statement alone (${o.samples} each, ms)   p50     p95`);
  for (const [label, fn] of parts) {
    const times = [];
    for (let i = 0; i < o.samples; i++) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    const s = stats(times);
    console.log(`   ${label.padEnd(38)} ${fixed(s.p50, 2).padStart(6)}  ${fixed(s.p95, 2).padStart(6)}`);
  }
  if (o.explain) {
    const statements = [
      ['overview', { text: mq.OVERVIEW_SQL, params: [new Date(Date.now() - 300_000)] }],
      ['centre page, sort documents desc', mq.centrePageStatement(cSorted)],
      ['centre page, filter "kayes"', mq.centrePageStatement(cName)],
    ];
    for (const [label, { text, params }] of statements) {
      const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      console.log(`\n   Plan of the ${label}:\n${plan.map((r) => `   ${r['QUERY PLAN']}`).join('\n')}`);
    }
  }

  // 3. The console's loop: one snapshot per interval, never two at once.
  console.log('\n3. Refreshing (CPU as a share of one core)');
  for (const every of String(o.refresh).split(',').map(Number)) {
    // Every connection of the pool open and busy before the clock starts; each backend's CPU
    // is sampled after every snapshot, so one that the pool closes meanwhile still counts.
    await Promise.all(Array.from({ length: 4 }, () => server.monitor.snapshot(session, { sort: 'lastSeen' })));
    const start = new Map();
    const last = new Map();
    const track = (pids) => {
      for (const p of pids) {
        const v = processCpu(p);
        if (!start.has(p)) start.set(p, v);
        if (v > 0) last.set(p, v);
      }
    };
    track(await backendPids());
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let n = 0;
    const latencies = [];
    while (performance.now() - t0 < o.seconds * 1000) {
      const t = performance.now();
      await server.monitor.snapshot(session, { sort: 'lastSeen' });
      latencies.push(performance.now() - t);
      track(start.keys());
      n++;
      await sleep(Math.max(0, every - (performance.now() - t)));
    }
    const wall = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu0);
    // Backends opened during the run count from zero (their connection included).
    for (const p of await backendPids()) {
      if (!start.has(p)) start.set(p, 0);
      const v = processCpu(p);
      if (v > 0) last.set(p, v);
    }
    let backends = 0;
    for (const [p, v] of start) backends += (last.get(p) ?? v) - v;
    const node = (used.user + used.system) / 1e6;
    const s = stats(latencies);
    console.log(`   every ${every} ms for ${fixed(wall, 0)} s: ${n} snapshots (p50 ${fixed(s.p50, 1)} ms, p95 ${fixed(s.p95, 1)} ms); `
      + `CPU: monitor process ${fixed(node, 2)} s (${fixed((100 * node) / wall, 1)} %), its ${start.size} PostgreSQL backend(s) ${fixed(backends, 2)} s `
      + `(${fixed((100 * backends) / wall, 1)} %): total ${fixed((100 * (node + backends)) / wall, 1)} % of one core; machine load ${fixed(loadavg()[0], 1)}`);
  }

  // 4. The alternative: rates from the existing tables (no counter table, no new index).
  console.log('\n4. Rates from the existing tables instead (median of 5, ms)');
  const alternatives = [
    ['documents per 5 s, last 5 min (documents.received_at)', `SELECT to_timestamp(floor(extract(epoch FROM received_at) / 5) * 5), count(*) FROM xm_data.documents WHERE received_at >= now() - interval '5 minutes' GROUP BY 1`],
    ['containers per 5 s, last 5 min (inbox.received_at)', `SELECT to_timestamp(floor(extract(epoch FROM received_at) / 5) * 5), count(*) FROM xm_system.inbox WHERE received_at >= now() - interval '5 minutes' GROUP BY 1`],
    ['the counter table, last 5 min (traffic_rates)', `SELECT bucket, sum(containers), sum(documents) FROM xm_system.traffic_rates WHERE bucket >= now() - interval '5 minutes' GROUP BY 1`],
  ];
  for (const [label, sql] of alternatives) {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await db.query(sql);
      times.push(performance.now() - t);
    }
    console.log(`   ${label.padEnd(56)} ${fixed(stats(times).p50, 1).padStart(8)}`);
  }

  // 5. What the rate counter adds to the ingest: one addRate per batch transaction (32
  // containers), beside the 32 per-centre counter UPDATEs the batch runs anyway (timed
  // statement by statement inside the transaction, so that the commit's disk flush, the
  // same with or without, does not drown the difference).
  const plain = (q, m, now) => q.query(
    `UPDATE xm_system.traffic SET last_seen = greatest(coalesce(last_seen, $2), $2), containers_in = containers_in + 1,
            documents_in = documents_in + 10, acks_out = acks_out + 1, bytes_in = bytes_in + 5000, bytes_out = bytes_out + 900 WHERE matricule = $1`,
    [m, now]);
  const updates = [];
  const rateMs = [];
  const batches = Math.max(20, Math.round(o.samples / 2));
  for (let b = 0; b < batches; b++) {
    await db.tx(async (q) => {
      const now = new Date();
      let t = performance.now();
      for (let i = 0; i < 32; i++) await plain(q, String(1 + ((b * 32 + i) % o.centres)).padStart(5, '0'), now);
      updates.push(performance.now() - t);
      t = performance.now();
      await mq.addRate(q, now, { containers: 32, documents: 320, errors: 0, bytesIn: 160_000, bytesOut: 28_800 });
      rateMs.push(performance.now() - t);
    });
  }
  console.log(`\n5. In an ingest batch, ${batches} transactions (ms)                    p50     p95`);
  for (const [label, times] of [['32 per-centre counter UPDATEs (run anyway)', updates], ['the batch’s rate bucket (addRate, once)', rateMs]]) {
    const st = stats(times);
    console.log(`   ${label.padEnd(56)} ${fixed(st.p50, 3).padStart(6)}  ${fixed(st.p95, 3).padStart(6)}`);
  }
  return 0;
});
