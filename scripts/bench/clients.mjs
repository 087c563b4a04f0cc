#!/usr/bin/env node
// The server console's centres list (core `server.clients.page`, what the Clients screen
// asks for at each page and filter) with --centres registered centres (default 99,999:
// every 5-digit matricule, DESIGN §8), on a scratch database of the local PostgreSQL: the first page, a deep page, a
// matricule prefix, a place name (accents folded), a name that matches nothing. Each case
// runs --runs times after --warmup; median and 95th percentile of the whole call (the
// session check, the page and the count of the filter run side by side on the pool).
//
//   npx tsc -b && node scripts/bench/clients.mjs [--centres 99999] [--runs 50] [--warmup 5] [--keep]
//
// BENCH_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres) must be allowed
// to CREATE and DROP DATABASE.

import { createServer } from '@docstream/core';
import { guard, machine, parseArgs, run, scratchDatabase } from './lib/env.mjs';

const USAGE = `usage: node scripts/bench/clients.mjs [--centres N] [--runs N] [--warmup N] [--page N] [--keep] [--max-minutes N]`;
const opts = parseArgs(process.argv.slice(2), { centres: 99_999, runs: 50, warmup: 5, page: 15, keep: false, maxMinutes: 20 }, USAGE);

const PLACES = [
  ['Bamako', 'District de Bamako'], ['Kati', 'Koulikoro'], ['Ségou', 'Ségou'], ['Sikasso', 'Sikasso'], ['Mopti', 'Mopti'],
  ['Kayes', 'Kayes'], ['Tombouctou', 'Tombouctou'], ['Gao', 'Gao'], ['Kidal', 'Kidal'], ['Koutiala', 'Sikasso'],
  ['Niono', 'Ségou'], ['Bougouni', 'Sikasso'], ['Nioro du Sahel', 'Kayes'], ['Djenné', 'Mopti'], ['Bandiagara', 'Mopti'],
];

const ms = (ns) => Number(ns) / 1e6;
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

await run(async () => {
  guard(opts.maxMinutes);
  const m = await machine();
  const { db } = await scratchDatabase('clients', 'list', 'server', 4, opts.keep);
  const server = createServer({ db });
  await server.operators.firstSupervisor({ login: 'bench', fullName: 'Banc d’essai', password: 'Banc-Essai-Registre-2026' });
  const session = await server.operators.login('bench', 'Banc-Essai-Registre-2026');

  const t0 = process.hrtime.bigint();
  // The registry as registerClient leaves it (client, traffic and account rows), in bulk.
  await db.query(
    `INSERT INTO xm_system.clients (matricule, name, city, region, phone, status)
     SELECT lpad(i::text, 5, '0'), 'Centre d’état civil ' || p.city || ' ' || i, p.city, p.region, '', (i % 4)::smallint
       FROM generate_series(1, $1::int) i
       JOIN unnest($2::text[], $3::text[]) WITH ORDINALITY AS p(city, region, n) ON p.n = 1 + i % $4`,
    [opts.centres, PLACES.map((p) => p[0]), PLACES.map((p) => p[1]), PLACES.length],
  );
  await db.query('INSERT INTO xm_system.traffic (matricule, last_seen) SELECT matricule, now() - (random() * interval \'30 days\') FROM xm_system.clients');
  await db.query('INSERT INTO xm_system.accounts (matricule, balance) SELECT matricule, (random() * 1000000)::bigint FROM xm_system.clients');
  // As autovacuum leaves a registry that changes seldom: statistics and visibility map up to date.
  await db.query('VACUUM ANALYZE');
  console.log(`seeded ${opts.centres} centres in ${(ms(process.hrtime.bigint() - t0) / 1000).toFixed(1)} s`);

  const cases = [
    ['first page', {}],
    ['page 3,000 (offset 44,985)', { offset: 2999 * opts.page }],
    ['last page', { offset: Math.floor((opts.centres - 1) / opts.page) * opts.page }],
    ['matricule prefix "0420"', { filter: '0420' }],
    ['place "segou" (folded)', { filter: 'segou' }],
    ['place "segou", page 100', { filter: 'segou', offset: 99 * opts.page }],
    ['name matching nothing', { filter: 'introuvable' }],
  ];
  console.log(`\n${m.text}; ${m.software}; ${new Date().toISOString().slice(0, 10)}`);
  console.log(`${opts.centres} centres, page of ${opts.page}, ${opts.runs} runs after ${opts.warmup} warm-up\n`);
  console.log('case                              total   median ms   p95 ms');
  for (const [name, input] of cases) {
    const times = [];
    let total = 0;
    for (let i = 0; i < opts.warmup + opts.runs; i++) {
      const t = process.hrtime.bigint();
      const p = await server.clients.page(session, { ...input, limit: opts.page });
      const dt = ms(process.hrtime.bigint() - t);
      total = p.total;
      if (i >= opts.warmup) times.push(dt);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(32)} ${String(total).padStart(7)} ${pct(times, 50).toFixed(1).padStart(11)} ${pct(times, 95).toFixed(1).padStart(8)}`);
  }
  return 0;
});
