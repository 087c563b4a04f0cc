#!/usr/bin/env node
// One refresh of the server console's live Elections screen, timed on an election-night
// database: what the screen reads every 2 s (server.elections.results with the options the
// screen passes: no missing-stations list, the 100 reports to examine; with the breakdown only
// in the areas view), for each view and level, nationally and within one region.
//
//   npm run sim:election -- --stations 25000 --keep      # prints "kept database NAME"
//   node scripts/bench/election-refresh.mjs --database NAME [--runs 20] [--drop]
//
// BENCH_ADMIN_URL: as the other benchmarks (default postgresql://postgres@127.0.0.1:5432/postgres).

import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createDatabase, createServer } from '@docstream/core';
import { admin, fixed, int, machine, parseArgs, run, urlFor } from './lib/env.mjs';
import { benchSupervisor } from './lib/supervisor.mjs';

const USAGE = `usage: node scripts/bench/election-refresh.mjs --database NAME [--runs 20] [--drop]
  --database NAME  a server database kept by npm run sim:election -- --keep
  --runs N         reads of each kind (default 20; the first is also reported apart)
  --drop           drop the database at the end`;

async function main() {
  const opts = parseArgs(process.argv.slice(2), { database: '', runs: 20, drop: false }, USAGE);
  if (!opts.database) throw new Error(`--database is required\n${USAGE}`);
  const m = await machine();
  console.log(`machine:  ${m.text}\nsoftware: ${m.software}\ndatabase: ${opts.database}`);
  const db = createDatabase({ connectionString: urlFor(opts.database), max: 2, embedded: false, description: opts.database });
  const server = createServer({ db });
  try {
    const session = await benchSupervisor(server);
    const [election] = await server.elections.list(session);
    if (!election) throw new Error('no election in this database');
    const regions = await server.elections.regions(session, election.id);
    const first = await server.elections.results(session, election.id);
    console.log(`election: ${election.id}, ${int(election.stations)} stations, ${int(first.reports.counted)} reports counted, ${first.candidates.length} candidates, ${regions.length} regions\n`);
    const screen = { missingLimit: 0, flaggedLimit: 100 };
    const cases = [
      ['candidates / to examine (national)', {}],
      ['areas: region (national)', { level: 'region' }],
      ['areas: department (national)', { level: 'department' }],
      ['areas: commune (national)', { level: 'commune' }],
      [`candidates within region ${regions[0]}`, { region: regions[0] }],
      [`areas: commune within region ${regions[0]}`, { region: regions[0], level: 'commune' }],
      ['(the CLI: level region, 50 missing stations)', { level: 'region', missingLimit: 50, flaggedLimit: 100 }],
    ];
    const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
    console.log(`load average before: ${load()} (${m.cores} cores)\n`);
    console.log('| refresh | first | min | median | p95 | max |');
    console.log('|---|---|---|---|---|---|');
    for (const [label, o] of cases) {
      const times = [];
      for (let i = 0; i < opts.runs; i++) {
        const t = performance.now();
        await server.elections.results(session, election.id, { ...screen, ...o });
        times.push(performance.now() - t);
      }
      const firstMs = times[0];
      const sorted = [...times].sort((a, b) => a - b);
      const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
      console.log(`| ${label} | ${fixed(firstMs, 0)} ms | ${fixed(sorted[0], 0)} ms | ${fixed(at(50), 0)} ms | ${fixed(at(95), 0)} ms | ${fixed(sorted.at(-1), 0)} ms |`);
    }
    console.log(`\nload average after: ${load()}`);
  } finally {
    await server.close();
    if (opts.drop) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${opts.database}" WITH (FORCE)`));
  }
  return 0;
}

await run(main);
