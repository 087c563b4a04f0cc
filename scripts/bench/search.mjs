#!/usr/bin/env node
// Document search benchmark (centre side, real PostgreSQL).
//
// Seeds N validated birth certificates (default 1,000,000) into a fresh database
// `ds_bench_search`, then times the core service `centre.documents.search` by NIU, by full
// name, by surname alone and by name + date range, and prints p50/p95/p99/max per kind.
//
//   npx tsc -b && node scripts/bench/search.mjs [--docs N] [--searches N] [--seed N]
//                                               [--max-minutes N] [--keep]
//
// BENCH_ADMIN_URL: a PostgreSQL URL allowed to CREATE/DROP DATABASE
//   (default postgresql://postgres@127.0.0.1:5432/postgres).
// The database is dropped at the end (and on Ctrl-C or time-out) unless --keep is given.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  BULK_BATCH_SIZE,
  createCentre,
  displayNames,
  formatNiu,
  insertValidatedDocuments,
  normaliseName,
  openDatabase,
  searchableNames,
  validateDocument,
} from '@docstream/core';

// ---------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const opts = { docs: 1_000_000, searches: 300, warmup: 20, seed: 42, maxMinutes: 60, keep: false };
  const ints = { '--docs': 'docs', '--searches': 'searches', '--warmup': 'warmup', '--seed': 'seed', '--max-minutes': 'maxMinutes' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--keep') opts.keep = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/bench/search.mjs [--docs N] [--searches N] [--warmup N] [--seed N] [--max-minutes N] [--keep]');
      process.exit(0);
    } else if (a in ints) {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${a} needs a whole number`);
      opts[ints[a]] = v;
    } else throw new Error(`unknown argument ${a} (see --help)`);
  }
  if (opts.docs < 1 || opts.docs > 50_000_000) throw new Error('--docs: 1 to 50,000,000');
  if (opts.searches < 1 || opts.searches > 100_000) throw new Error('--searches: 1 to 100,000');
  if (opts.maxMinutes < 1) throw new Error('--max-minutes: at least 1');
  return opts;
}

// Names, places, occupations and the seeded random helpers: shared with the transmission
// benchmarks.
import { FAMILY, FEMALE, JOBS_F, JOBS_M, MALE, PLACES, rng, weighted, words } from './lib/names.mjs';

// ---------------------------------------------------------------------------------------
// Document generator

const DAY = 86_400_000;
const MATRICULE = '00042';

function isoDate(t) {
  return new Date(t).toISOString().slice(0, 10);
}

function createGenerator({ total, seed, users, form }) {
  const r = rng(seed);
  const family = words(FAMILY);
  const male = words(MALE);
  const female = words(FEMALE);
  const places = words(PLACES, /\|/);
  const pickFamily = weighted(family);
  const pickMale = weighted(male);
  const pickFemale = weighted(female);
  const pickPlace = weighted(places, 5);

  // Validations spread evenly up to shortly before the benchmark date, so that numero
  // grows with time, over enough years for the NIU's 6-digit sequence (≤ 900,000 a year).
  const end = Date.UTC(2026, 10, 20, 17, 0, 0);
  const years = Math.max(10, Math.ceil(total / 900_000));
  const start = Date.UTC(2026 - years + 1, 0, 2, 8, 0, 0);
  const step = (end - start) / total;
  const seqByYear = new Map();
  const queuedFrom = total - Math.min(500, Math.ceil(total / 2000)); // the newest few still await the server's ack

  const givenNames = (pick) => {
    const first = pick(r);
    if (!r.chance(0.35)) return first;
    let second = pick(r);
    while (second === first) second = pick(r);
    return `${first} ${second}`;
  };
  const person = (nom, sex) => ({ nom, prenoms: givenNames(sex === 'M' ? pickMale : pickFemale) });

  function make(i) {
    const validatedAt = new Date(Math.floor(start + i * step + r.next() * step));
    const verifiedAt = new Date(validatedAt.getTime() - r.int(10, 3 * 24 * 60) * 60_000);
    const createdAt = new Date(verifiedAt.getTime() - r.int(5, 4 * 24 * 60) * 60_000);
    const declaration = isoDate(createdAt.getTime() - r.int(0, 3) * DAY);
    // Most births are declared within the legal delay; some are late registrations.
    const birthT = r.chance(0.85)
      ? Date.parse(declaration) - r.int(0, 60) * DAY
      : Date.parse(declaration) - r.int(60, 40 * 365) * DAY;
    const birth = isoDate(birthT);

    const sexe = r.chance(0.5) ? 'M' : 'F';
    const hasFather = r.chance(0.9);
    const mere = person(pickFamily(r), 'F');
    const pere = hasFather ? person(pickFamily(r), 'M') : undefined;
    const enfant = person(pere ? pere.nom : mere.nom, sexe);
    const data = { enfant, sexe, date_naissance: birth };
    if (r.chance(0.7)) data.heure_naissance = `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;
    data.lieu_naissance = pickPlace(r);
    if (pere) {
      data.pere = pere;
      if (r.chance(0.8)) data.pere_profession = r.pick(JOBS_M);
    }
    data.mere = mere;
    if (r.chance(0.8)) data.mere_profession = r.pick(JOBS_F);
    const d = r.next();
    if (pere && d < 0.6) data.declarant = { ...pere };
    else if (d < 0.8) data.declarant = { ...mere };
    else if (d < 0.95) data.declarant = person(pickFamily(r), r.chance(0.6) ? 'M' : 'F');
    data.date_declaration = declaration;

    const year = validatedAt.getFullYear();
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    return {
      formId: form.id,
      formVersion: form.version,
      status: i >= queuedFrom ? 3 : 4,
      niu: formatNiu(MATRICULE, year, seq),
      data,
      namesNorm: searchableNames(form, data),
      namesDisplay: displayNames(form, data),
      eventDate: birth,
      createdBy: users.agent,
      createdAt,
      verifiedBy: users.secretary,
      verifiedAt,
      validatedBy: users.officer,
      validatedAt,
    };
  }

  return { make, family, male, female, years: [new Date(start).getUTCFullYear(), 2026] };
}

// ---------------------------------------------------------------------------------------
// Statistics

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function summary(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] };
}

const ms = (x) => x.toFixed(1).padStart(7);

// ---------------------------------------------------------------------------------------
// Main

const opts = parseArgs(process.argv.slice(2));
const ADMIN_URL = process.env.BENCH_ADMIN_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'ds_bench_search';
const benchUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

async function admin(fn) {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const dropDatabase = () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`));

let centre;
let dataDir;
let finishing = false;

async function cleanup() {
  if (centre) await centre.close().catch(() => {});
  centre = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (!opts.keep) await dropDatabase().catch((e) => console.error(`could not drop ${DB_NAME}: ${e.message}`));
}

async function abort(why, code) {
  if (finishing) return;
  finishing = true;
  console.error(`\n${why}${opts.keep ? '' : `; dropping ${DB_NAME}`}`);
  await cleanup();
  process.exit(code);
}

// The benchmark bounds its own work: a fixed number of documents and searches, and a
// watchdog that stops it (and cleans up) after --max-minutes whatever happens.
const watchdog = setTimeout(() => void abort(`stopped: over --max-minutes ${opts.maxMinutes}`, 2), opts.maxMinutes * 60_000);
watchdog.unref();
process.on('SIGINT', () => void abort('interrupted', 130));
process.on('SIGTERM', () => void abort('terminated', 143));

async function main() {
  const info = await admin(async (c) => {
    const v = await c.query('SHOW server_version');
    return v.rows[0].server_version;
  });
  const cpu = cpus();
  console.log('Docstream search benchmark');
  console.log(`machine:    ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}`);
  console.log(`software:   Node ${process.versions.node}, PostgreSQL ${info}`);
  console.log(`database:   ${DB_NAME} (fresh), ${opts.docs.toLocaleString('en')} documents, ${opts.searches} timed searches per kind, seed ${opts.seed}`);

  await dropDatabase();
  await admin((c) => c.query(`CREATE DATABASE "${DB_NAME}"`));
  dataDir = mkdtempSync(join(tmpdir(), 'ds-bench-'));
  const db = await openDatabase({ dataDir, databaseUrl: benchUrl, lang: 'fr' }, 'centre');
  centre = createCentre({ db });
  const password = 'banc-d-essai-2026';
  await centre.init({ matricule: MATRICULE, name: 'Centre de banc d’essai', officer: { login: 'officier', fullName: 'Awa Diallo', password } });
  const session = await centre.users.login('officier', password);
  const agent = await centre.users.create(session, { login: 'agent', fullName: 'Moussa Traoré', privilege: 1 });
  const secretary = await centre.users.create(session, { login: 'secretaire', fullName: 'Adjoua Kouassi', privilege: 2 });
  const form = await centre.forms.get('acte_naissance', 1);
  if (!form) throw new Error('form acte_naissance v1 is not installed');

  // ---- Seeding
  const gen = createGenerator({
    total: opts.docs,
    seed: opts.seed,
    users: { agent: agent.user.id, secretary: secretary.user.id, officer: session.userId },
    form,
  });
  const sample = []; // reservoir of documents the searches will look for
  const SAMPLE = Math.max(2000, opts.searches * 2);
  const sampler = rng(opts.seed ^ 0x5eed);
  const familyNorm = gen.family.map((f) => normaliseName(f));
  const substringHits = new Array(familyNorm.length).fill(0);
  let probed = 0;
  let invalid = 0;
  const today = '2026-11-23'; // the data stops on 2026-11-20; 'not in the future' is checked against this

  console.log(`\nseeding ${opts.docs.toLocaleString('en')} validated birth certificates (${gen.years[0]}–${gen.years[1]}), ${BULK_BATCH_SIZE} per statement…`);
  const t0 = performance.now();
  let pending = Promise.resolve();
  let lastReport = t0;
  for (let from = 0; from < opts.docs; from += BULK_BATCH_SIZE) {
    const n = Math.min(BULK_BATCH_SIZE, opts.docs - from);
    const batch = new Array(n);
    for (let k = 0; k < n; k++) {
      const i = from + k;
      const d = gen.make(i);
      batch[k] = d;
      // Reservoir sample (uniform over all documents).
      if (sample.length < SAMPLE) sample.push(d);
      else {
        const j = Math.floor(sampler.next() * (i + 1));
        if (j < SAMPLE) sample[j] = d;
      }
      // Every 50th document: check it passes the form, and measure surname selectivity.
      if (i % 50 === 0) {
        if (validateDocument(form, d.data, { complete: true, today }).problems.length > 0) invalid++;
        probed++;
        for (let s = 0; s < familyNorm.length; s++) if (d.namesNorm.includes(familyNorm[s])) substringHits[s]++;
      }
    }
    if (invalid > 0) throw new Error(`generator produced ${invalid} document(s) the form rejects`);
    await pending; // the previous batch was inserting while this one was generated
    pending = insertValidatedDocuments(db, batch);
    const now = performance.now();
    if (now - lastReport > 10_000) {
      lastReport = now;
      const done = from + n;
      console.log(`  ${done.toLocaleString('en').padStart(11)} generated, ${((done / (now - t0)) * 1000).toFixed(0)} docs/s`);
    }
  }
  await pending;
  const seedMs = performance.now() - t0;
  console.log(`seeded ${opts.docs.toLocaleString('en')} documents in ${(seedMs / 1000).toFixed(1)} s: ${((opts.docs / seedMs) * 1000).toFixed(0)} documents/s`);

  const frac = substringHits.map((h) => h / probed).sort((a, b) => a - b);
  const pct = (x) => `${(x * 100).toFixed(2)}%`;
  console.log(
    `surname selectivity (share of documents whose names contain it, ${gen.family.length} surnames): ` +
      `min ${pct(frac[0])}, median ${pct(percentile(frac, 50))}, p90 ${pct(percentile(frac, 90))}, max ${pct(frac[frac.length - 1])}`,
  );

  const ta = performance.now();
  await db.query('ANALYZE docstream.documents');
  console.log(`ANALYZE in ${((performance.now() - ta) / 1000).toFixed(1)} s`);

  // ---- Searches through the core service
  const q = rng(opts.seed + 7);
  const anyDoc = () => sample[Math.floor(q.next() * sample.length)];
  const firstGiven = (p) => p.prenoms.split(' ')[0];
  const addDays = (iso, days) => isoDate(Date.parse(iso) + days * DAY);
  const kinds = [
    {
      name: 'NIU',
      input: () => {
        const d = anyDoc();
        return { input: { niu: d.niu }, check: (page) => page.items.length === 1 && page.items[0].niu === d.niu };
      },
    },
    {
      name: 'full name (surname given-name)',
      input: () => {
        const d = anyDoc();
        const who = d.data.enfant;
        return { input: { name: `${who.nom} ${firstGiven(who)}`, limit: 20 }, check: (page) => page.items.length >= 1 };
      },
    },
    {
      name: 'surname alone (first page of 20)',
      input: () => ({ input: { name: q.pick(gen.family), limit: 20 }, check: (page) => page.items.length >= 1 }),
    },
    {
      name: 'surname + birth-date range',
      input: () => {
        const d = anyDoc();
        const span = q.pick([31, 92, 366]); // a month, a quarter or a year around the birth
        const before = q.int(0, span - 1);
        return {
          input: { name: d.data.enfant.nom, from: addDays(d.eventDate, -before), to: addDays(d.eventDate, span - 1 - before), limit: 20 },
          check: (page) => page.items.length >= 1,
        };
      },
    },
  ];

  console.log(`\nsearches through centre.documents.search (${opts.warmup} untimed warm-up + ${opts.searches} timed per kind):`);
  const results = [];
  for (const kind of kinds) {
    const times = [];
    let wrong = 0;
    let fullPages = 0;
    for (let i = 0; i < opts.warmup + opts.searches; i++) {
      const { input, check } = kind.input();
      const t = performance.now();
      const page = await centre.documents.search(session, input);
      const elapsed = performance.now() - t;
      if (i < opts.warmup) continue;
      times.push(elapsed);
      if (!check(page)) wrong++;
      if (page.nextCursor !== undefined) fullPages++;
    }
    const s = summary(times);
    results.push({ kind: kind.name, ...s, wrong, fullPages });
  }

  console.log(`\n${'kind'.padEnd(34)} ${'count'.padStart(5)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)}  more pages`);
  for (const r of results) {
    console.log(`${r.kind.padEnd(34)} ${String(r.n).padStart(5)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)}  ${String(r.fullPages).padStart(4)}/${r.n}`);
  }
  const bad = results.filter((r) => r.wrong > 0);
  for (const r of bad) console.log(`WARNING: ${r.kind}: ${r.wrong} search(es) did not find the document searched for`);
  const over = results.filter((r) => r.p95 > 50);
  console.log(over.length === 0 ? '\nall kinds under 50 ms at p95' : `\nover 50 ms at p95: ${over.map((r) => r.kind).join(', ')}`);
  return bad.length > 0 ? 1 : 0;
}

let code = 0;
try {
  code = await main();
} catch (e) {
  if (finishing) await new Promise(() => {}); // abort() is cleaning up and will exit
  console.error(e?.message ?? e);
  if (e?.problems?.length) console.error(e.problems);
  if (e?.stack) console.error(e.stack);
  code = 1;
}
if (!finishing) {
  finishing = true;
  await cleanup();
  if (opts.keep) console.log(`kept database ${DB_NAME} (${benchUrl.replace(/:[^:@/]*@/, ':***@')})`);
  process.exit(code);
}
