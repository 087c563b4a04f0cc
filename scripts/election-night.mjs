#!/usr/bin/env node
// Election night: N polling stations each send their report (procès-verbal, kind pv_election),
// through the real broker (a private Mosquitto) to the real server service
// (startServerService → ingest → recordReports in the same transaction → PostgreSQL), with a
// share of anomalies (figures that do not add up, carrying the Officer's remark), duplicates
// (the same report sent twice) and conflicts (a second report with other figures).
//
// Setup (untimed, each step's time printed): a fresh server database
// ds_bench_election_<run>_server with its CA; --centres centres registered and enrolled through
// the server's own enrolment path (one-time code, key pair, CSR, `enroll` message into
// server.ingest.receive); the election loaded with server.elections.load (candidates, the
// stations of a regions × departments × communes hierarchy, each station entered by one
// centre), the election notices to those centres sealed; every report generated and sealed
// beforehand into containers exactly as a centre seals them (encodePayload, then the core's CMS
// seal: signed by the centre, encrypted to the server), --per-container reports each, each
// centre's containers in order (its second reports last), interleaved across centres.
//
// Timed: a load-generator process (bench/lib/publisher.mjs: 4 MQTT clients, QoS 1) publishes
// every container as fast as the broker takes them; the clock runs from the first publish until
// the server's count shows every station counted (a count query every 250 ms), and then until
// every report is filed (duplicates and conflicts included) and every answer received. Then
// server.elections.results is checked against the sums this script computed from the reports it
// generated (exit 1 if anything differs): stations, registered, voters, null, valid, votes per
// candidate, per region, and the counts of duplicates, conflicts, anomalies, turnout over 100 %.
//
//   npx tsc -b && node scripts/election-night.mjs [--stations 25000] [--centres N] [--per-container 10]
//        [--anomalies 0.01] [--duplicates 0.02] [--conflicts 0.002] [--candidates 8] [--regions 10x5x10]
//        [--concurrency 8] [--keep] [--max-minutes 15]
//
// BENCH_ADMIN_URL: a PostgreSQL URL allowed to CREATE/DROP DATABASE
//   (default postgresql://postgres@127.0.0.1:5432/postgres). The database is dropped at the
//   end (also on Ctrl-C or time-out) unless --keep.

import { sealedDocsFrame } from './bench/lib/frames.mjs';
import { fork } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPair as generateKeyPairCb } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { createServer, decodePayload, encodePayload, formatNiu, shippedForms, startServerService } from '@docstream/core';
// Not part of the core's public API: what a centre uses to enrol and seal, done here without a
// centre database per simulated centre (as scripts/bench/ingest.mjs does).
import { createCsr } from '../core/dist/crypto/pki.js';
import { enrolmentKey, enrolmentMac } from '../core/dist/crypto/enrolment.js';
import { fixed, guard, int, machine, onCleanup, parseArgs, run, runId, scratchDatabase, scratchDir, sleep, startMosquitto, until } from './bench/lib/env.mjs';
import { cpuMeter } from './bench/lib/cpu.mjs';
import { benchSupervisor } from './bench/lib/supervisor.mjs';
import { FAMILY, FEMALE, MALE, rng, words } from './bench/lib/names.mjs';

const USAGE = `usage: node scripts/election-night.mjs [options]
  --stations N        polling stations, each sends its report (default 25000; up to 100000 and more)
  --centres N         centres entering the reports, each for a block of stations (default stations/50)
  --per-container N   reports per container (default 10; 1 = each report sent alone, as a centre
                      does right after validation in continuous mode)
  --anomalies X       share of reports whose figures do not add up (sum of votes ≠ valid ballots, or
                      voters over registered), carrying the Officer's anomalie remark (default 0.01)
  --duplicates X      share of stations whose report is sent twice, identical (default 0.02)
  --conflicts X       share of stations with a second report with other figures (default 0.002)
  --unknown X         share of extra reports for stations not on file (default 0)
  --candidates N      candidates (default 8)
  --regions RxDxC     regions × departments per region × communes per department (default 10x5x10)
  --concurrency N     startServerService concurrency (default 8; database pool of the same size)
  --publishers N      MQTT clients publishing in the load generator (default 4)
  --outstanding N     QoS 1 publishes awaiting PUBACK per publisher (default 200)
  --poll-ms N         how often the count is read during the run (default 250)
  --run-minutes N     give up the timed run after this (default 8)
  --max-minutes N     stop and clean up after this, whatever happens (default 20)
  --fresh-keys        generate the centres' RSA keys afresh instead of reusing the key cache
                      (${join(tmpdir(), 'ds-bench-election-keys.json')}: test keys only, no certificates)
  --skip-analyze      read the results without ANALYZE of the election tables first (on a PostgreSQL
                      with autovacuum off, or before autovacuum came by, the planner has no statistics
                      and the results queries take minutes: 69 s for 25,000 stations, see the report)
  --seed N            random seed of the generated reports (default 2026)
  --keep              keep the database`;

const opts = parseArgs(process.argv.slice(2), {
  stations: 25_000, centres: 0, perContainer: 10, anomalies: 0.01, duplicates: 0.02, conflicts: 0.002, unknown: 0,
  candidates: 8, regions: '10x5x10', concurrency: 8, publishers: 4, outstanding: 200, pollMs: 250, runMinutes: 8,
  maxMinutes: 20, freshKeys: false, skipAnalyze: false, seed: 2026, keep: false,
}, USAGE);

const STATIONS = Math.floor(opts.stations);
const CENTRES = Math.max(1, Math.floor(opts.centres || Math.ceil(STATIONS / 50)));
const PER_CONTAINER = Math.max(1, Math.floor(opts.perContainer));
const [REGIONS, DEPARTMENTS, COMMUNES] = opts.regions.split(/[x×,]/).map(Number);
if (STATIONS < 1) throw new Error('--stations must be at least 1');
if (CENTRES > 99_000) throw new Error('--centres: at most 99,000 (5-digit matricules from 01000)');
if (STATIONS / CENTRES > 999_000) throw new Error('too many stations per centre for the NIU sequence');
if (![REGIONS, DEPARTMENTS, COMMUNES].every((n) => Number.isInteger(n) && n >= 1)) throw new Error('--regions: R x D x C, e.g. 10x5x10');
for (const k of ['anomalies', 'duplicates', 'conflicts', 'unknown']) if (opts[k] > 1) throw new Error(`--${k}: a share between 0 and 1`);
if (opts.duplicates + opts.conflicts > 1) throw new Error('--duplicates + --conflicts: at most 1');
if (opts.candidates < 1 || opts.candidates > 40) throw new Error('--candidates: 1 to 40');

const ELECTION = 'PRES-2026-BENCH';
const PASSPHRASE = 'banc-d-essai-election-2026';
const KEY_CACHE = join(tmpdir(), 'ds-bench-election-keys.json');
const HERE = fileURLToPath(new URL('.', import.meta.url));
const generateKeyPair = promisify(generateKeyPairCb);
const localDate = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

// ---------------------------------------------------------------------------------------
// The election: candidates, the area hierarchy, the stations and which centre enters each.

const REGION_NAMES = ['Kayes', 'Koulikoro', 'Sikasso', 'Ségou', 'Mopti', 'Tombouctou', 'Gao', 'Kidal', 'Ménaka', 'Taoudénit', 'Bamako',
  'Dakar', 'Thiès', 'Saint-Louis', 'Kaolack', 'Ziguinchor', 'Tambacounda', 'Kédougou', 'Louga', 'Diourbel', 'Kolda', 'Matam', 'Fatick', 'Kaffrine', 'Sédhiou'];

function buildElection(r) {
  const family = words(FAMILY).map((n) => n.toLocaleUpperCase('fr'));
  const given = [...words(MALE), ...words(FEMALE)];
  const candidates = Array.from({ length: opts.candidates }, (_, i) => ({ code: `C${String(i + 1).padStart(2, '0')}`, name: `${r.pick(given)} ${family[(i * 37 + 11) % family.length]}` }));
  const regions = Array.from({ length: REGIONS }, (_, i) => (i < REGION_NAMES.length ? REGION_NAMES[i] : `Région ${i + 1}`));
  const communes = [];
  for (const region of regions) {
    for (let d = 1; d <= DEPARTMENTS; d++) {
      const department = `${region} ${d}`;
      for (let c = 1; c <= COMMUNES; c++) communes.push({ region, department, commune: `${department}.${c}` });
    }
  }
  // Stations in commune order; centre k enters a contiguous block of stations.
  const perCentre = Math.ceil(STATIONS / CENTRES);
  const stations = Array.from({ length: STATIONS }, (_, i) => {
    const a = communes[Math.floor((i * communes.length) / STATIONS)];
    const centre = Math.min(CENTRES - 1, Math.floor(i / perCentre));
    return {
      code: `BV-${String(i + 1).padStart(6, '0')}`, name: `Bureau ${i + 1} – école ${a.commune}`, region: a.region, department: a.department, commune: a.commune,
      registered: r.int(150, 900), matricule: matriculeOf(centre),
    };
  });
  return { candidates, regions, stations };
}

const matriculeOf = (k) => String(1000 + k).padStart(5, '0');

// ---------------------------------------------------------------------------------------
// Reports: consistent figures, anomalies, duplicates, conflicts; what the totals must be.

function buildReports(r, el, date) {
  const { candidates, stations } = el;
  // Each candidate's national strength, shifted per region.
  const base = candidates.map((_, i) => 1 / (i + 1.5));
  const regional = new Map(el.regions.map((g) => [g, candidates.map((_, i) => base[i] * (0.6 + 0.8 * r.next()))]));
  const chairFamily = words(FAMILY).map((n) => n.toLocaleUpperCase('fr'));
  const chairGiven = words(MALE).concat(words(FEMALE));

  function figures(s, anomaly) {
    let voters = Math.round(s.registered * (0.35 + 0.5 * r.next()));
    if (anomaly === 'over') voters = s.registered + r.int(1, 25);
    const nuls = Math.min(voters, Math.round(voters * 0.03 * r.next()));
    const valid = voters - nuls;
    const w = regional.get(s.region).map((x) => x * (0.7 + 0.6 * r.next()));
    const sum = w.reduce((a, b) => a + b, 0);
    const votes = w.map((x) => Math.floor((valid * x) / sum));
    votes[0] += valid - votes.reduce((a, b) => a + b, 0);
    if (anomaly === 'sum') votes[r.int(0, votes.length - 1)] += r.int(1, 9);
    return { voters, nuls, valid, votes };
  }
  const data = (s, f, remark) => ({
    election: ELECTION, bureau: s.code, date_scrutin: date, inscrits: s.registered, votants: f.voters, bulletins_nuls: f.nuls, suffrages_exprimes: f.valid,
    resultats: candidates.map((c, i) => ({ candidat: c.code, voix: f.votes[i] })),
    president_bureau: { nom: r.pick(chairFamily), prenoms: r.pick(chairGiven) },
    ...(remark ? { anomalie: remark } : {}),
  });

  // What each centre sends, in order: its stations' first reports, then the second ones.
  const byCentre = new Map();
  const queue = (m, d) => {
    let l = byCentre.get(m);
    if (!l) byCentre.set(m, (l = { first: [], second: [] }));
    l[d.second ? 'second' : 'first'].push(d);
  };
  const expect = {
    registered: 0, voters: 0, nullBallots: 0, valid: 0, votes: new Map(candidates.map((c) => [c.code, 0])), regions: new Map(),
    anomalies: 0, over: 0, duplicates: 0, conflicts: 0, unknown: 0, reports: 0,
  };
  for (const s of stations) {
    const x = r.next();
    const anomaly = x < opts.anomalies ? (r.chance(0.5) ? 'sum' : 'over') : null;
    const remark = anomaly === 'sum' ? 'Somme des voix supérieure aux suffrages exprimés, constatée par la commission ; PV transmis tel quel'
      : anomaly === 'over' ? 'Votants en surnombre (électeurs omis de la liste admis par la commission) ; PV transmis tel quel' : null;
    const f = figures(s, anomaly);
    const d = data(s, f, remark);
    queue(s.matricule, { station: s, d });
    expect.registered += s.registered;
    expect.voters += f.voters;
    expect.nullBallots += f.nuls;
    expect.valid += f.valid;
    candidates.forEach((c, i) => expect.votes.set(c.code, expect.votes.get(c.code) + f.votes[i]));
    let g = expect.regions.get(s.region);
    if (!g) expect.regions.set(s.region, (g = { expected: 0, reported: 0, voters: 0, registered: 0, votes: new Map() }));
    g.expected++;
    g.reported++;
    g.voters += f.voters;
    g.registered += s.registered;
    candidates.forEach((c, i) => g.votes.set(c.code, (g.votes.get(c.code) ?? 0) + f.votes[i]));
    if (remark) expect.anomalies++;
    if (f.voters > s.registered) expect.over++;
    const y = r.next();
    if (y < opts.duplicates) {
      queue(s.matricule, { station: s, d: structuredClone(d), second: true });
      expect.duplicates++;
    } else if (y < opts.duplicates + opts.conflicts) {
      // Other figures, still consistent: up to ten votes moved from the first candidate to
      // the second (with one candidate: a vote counted null instead).
      const o = structuredClone(d);
      const moved = Math.min(o.resultats[0].voix, 10);
      if (o.resultats.length > 1 && moved > 0) {
        o.resultats[0].voix -= moved;
        o.resultats[1].voix += moved;
      } else if (o.resultats[0].voix > 0) {
        o.resultats[0].voix -= 1;
        o.suffrages_exprimes -= 1;
        o.bulletins_nuls += 1;
      } else {
        o.inscrits += 1;
      }
      queue(s.matricule, { station: s, d: o, second: true });
      expect.conflicts++;
    }
    if (opts.unknown > 0 && r.chance(opts.unknown)) {
      const ghost = { ...s, code: `BX-${s.code.slice(3)}` };
      queue(s.matricule, { station: ghost, d: data(ghost, figures(ghost, null), null) });
      expect.unknown++;
    }
  }
  for (const l of byCentre.values()) expect.reports += l.first.length + l.second.length;
  return { byCentre, expect };
}

// ---------------------------------------------------------------------------------------
// Centres, enrolled through the server's enrolment path (as ingest.mjs does). RSA keys take
// ~0.1 s each to generate: they are kept in a cache file between runs (keys only; the
// certificates are issued afresh by each run's CA).

async function centreKeys(count) {
  let pems = [];
  if (!opts.freshKeys && existsSync(KEY_CACHE)) {
    try {
      pems = JSON.parse(readFileSync(KEY_CACHE, 'utf8'));
    } catch {
      pems = [];
    }
  }
  const cached = Math.min(pems.length, count);
  const fresh = await Promise.all(Array.from({ length: count - cached }, () => generateKeyPair('rsa', { modulusLength: 2048 })));
  if (fresh.length > 0) {
    pems = [...pems.slice(0, cached), ...fresh.map((k) => k.privateKey.export({ type: 'pkcs8', format: 'pem' }))];
    writeFileSync(KEY_CACHE, JSON.stringify(pems), { mode: 0o600 });
    chmodSync(KEY_CACHE, 0o600);
  }
  const keys = pems.slice(0, count).map((p) => {
    const privateKey = createPrivateKey(p);
    return { privateKey, publicKey: createPublicKey(privateKey) };
  });
  return { keys, cached, generated: fresh.length };
}

async function enrolCentres(server, admin, count) {
  const { keys, cached, generated } = await centreKeys(count);
  const centres = [];
  for (let i = 0; i < count; i++) {
    const matricule = matriculeOf(i);
    await server.clients.add(admin, { matricule, name: `Centre de saisie ${i + 1}`, region: 'Bamako', status: 3 });
    const { code } = await server.pki.newEnrolmentCode(admin, matricule);
    const key = enrolmentKey(code, matricule);
    const csr = createCsr({ key: keys[i], commonName: matricule, organization: 'Docstream' });
    const request = encodePayload({
      header: { v: 1, typ: 'enroll', src: matricule, dst: 'server', seq: 0, ts: new Date().toISOString() },
      body: { csr, mac: enrolmentMac(key, 'enroll', matricule, csr) },
    });
    const answer = await server.ingest.receive(request, matricule);
    if (answer.outcome.kind !== 'enrolled') throw new Error(`enrolment of ${matricule}: ${JSON.stringify(answer.outcome)}`);
    const body = decodePayload(answer.replies[0].bytes).body;
    if (body.mac !== enrolmentMac(key, 'enrolled', matricule, body.cert, body.ca, body.server)) throw new Error('enrolment answer MAC');
    centres.push({ matricule, certPem: body.cert, privateKey: keys[i].privateKey, seq: 0 });
  }
  return { centres, cached, generated };
}

// ---------------------------------------------------------------------------------------
// Containers, sealed before the clock starts: each centre's in order, interleaved across centres.

function sealAll(centres, byCentre, serverPem, file) {
  const form = shippedForms().find((f) => f.id === 'pv_election');
  if (!form) throw new Error('the shipped form pv_election is missing');
  const t = performance.now();
  const perCentre = centres.map((c) => {
    const l = byCentre.get(c.matricule) ?? { first: [], second: [] };
    const all = [...l.first, ...l.second];
    const containers = [];
    for (let i = 0; i < all.length; i += PER_CONTAINER) containers.push(all.slice(i, i + PER_CONTAINER));
    return { c, containers, niu: 0 };
  });
  const chunks = [];
  let bytes = 0;
  let count = 0;
  let docs = 0;
  const rounds = Math.max(...perCentre.map((p) => p.containers.length));
  const validated = Date.now() - 3_600_000;
  for (let k = 0; k < rounds; k++) {
    for (const p of perCentre) {
      const reports = p.containers[k];
      if (!reports) continue;
      const { c } = p;
      const list = reports.map((x) => {
        const n = ++p.niu;
        return { n: formatNiu(c.matricule, 2026, n), f: form.id, fv: form.version, va: new Date(validated + n * 1000).toISOString(), d: x.d };
      });
      const { head, sdc } = sealedDocsFrame(c, list, serverPem);
      chunks.push(head, sdc);
      bytes += sdc.length;
      count++;
      docs += list.length;
    }
  }
  writeFileSync(file, Buffer.concat(chunks));
  return { count, docs, bytes, sealMs: performance.now() - t };
}

// ---------------------------------------------------------------------------------------
// The check: results against the sums of what was generated.

function compare(res, el, expect) {
  const problems = [];
  const eq = (what, got, want) => {
    if (got !== want) problems.push(`${what}: ${got} on the server, ${want} generated`);
  };
  eq('stations expected', res.stations.expected, STATIONS);
  eq('stations reported', res.stations.reported, STATIONS);
  eq('stations missing', res.stations.missing, 0);
  eq('registered', res.registered, expect.registered);
  eq('voters', res.voters, expect.voters);
  eq('null ballots', res.nullBallots, expect.nullBallots);
  eq('valid ballots', res.valid, expect.valid);
  const votes = new Map(res.candidates.map((c) => [c.code, c.votes]));
  for (const c of el.candidates) eq(`votes of ${c.code}`, votes.get(c.code), expect.votes.get(c.code));
  eq('candidates', res.candidates.length, el.candidates.length);
  eq('regions', res.areas.length, expect.regions.size);
  for (const a of res.areas) {
    const g = expect.regions.get(a.area);
    if (!g) {
      problems.push(`region ${a.area} on the server, not generated`);
      continue;
    }
    eq(`${a.area}: stations expected`, a.expected, g.expected);
    eq(`${a.area}: stations reported`, a.reported, g.reported);
    eq(`${a.area}: voters`, a.voters, g.voters);
    eq(`${a.area}: registered`, a.registered, g.registered);
    const av = new Map(a.candidates.map((c) => [c.code, c.votes]));
    for (const c of el.candidates) eq(`${a.area}: votes of ${c.code}`, av.get(c.code) ?? 0, g.votes.get(c.code));
  }
  eq('reports counted', res.reports.counted, STATIONS);
  eq('duplicate reports', res.reports.duplicate, expect.duplicates);
  eq('conflicting reports', res.reports.conflict, expect.conflicts);
  eq('reports for unknown stations', res.reports.unknown, expect.unknown);
  eq('counted reports with an anomaly', res.reports.anomalies, expect.anomalies);
  eq('counted reports with turnout over 100 %', res.reports.turnoutOver100, expect.over);
  eq('cancelled reports', res.reports.cancelled, 0);
  return problems;
}

// ---------------------------------------------------------------------------------------

async function main() {
  guard(opts.maxMinutes);
  const m = await machine();
  const r = rng(opts.seed);
  console.log('Docstream election night: polling stations report through the real broker to the real server');
  console.log(`machine:    ${m.text}`);
  console.log(`software:   ${m.software}`);
  console.log(`scenario:   ${int(STATIONS)} stations entered by ${int(CENTRES)} centres, ${PER_CONTAINER} report(s) per container, ${opts.candidates} candidates, ` +
    `${REGIONS}×${DEPARTMENTS}×${COMMUNES} regions×departments×communes; anomalies ${opts.anomalies}, duplicates ${opts.duplicates}, conflicts ${opts.conflicts}${opts.unknown ? `, unknown ${opts.unknown}` : ''}`);

  const broker = await startMosquitto(['max_inflight_messages 100', 'max_queued_messages 0']);
  const root = scratchDir('ds-election-night-');
  const sdb = await scratchDatabase('election', 'server', 'server', opts.concurrency, opts.keep);
  const settings = await sdb.db.query(`SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'shared_buffers') ORDER BY name`);
  console.log(`database:   ${sdb.name}, pool ${opts.concurrency}; ${settings.map((x) => `${x.name} ${x.setting}`).join(', ')}`);
  console.log(`broker:     mosquitto on ${broker.url}`);
  const server = createServer({ db: sdb.db, keys: { dir: join(root, 'server-keys'), passphrase: PASSPHRASE } });
  await server.installShippedForms();
  await server.pki.init();
  const id = await server.identity();
  const admin = await benchSupervisor(server);

  let t = performance.now();
  const { centres, cached, generated } = await enrolCentres(server, admin, CENTRES);
  console.log(`centres:    ${int(CENTRES)} enrolled (${centres[0].matricule}…${centres.at(-1).matricule}; keys: ${int(cached)} from the cache, ${int(generated)} generated) in ${fixed((performance.now() - t) / 1000, 1)} s (untimed)`);

  const date = localDate(new Date());
  const el = buildElection(r);
  t = performance.now();
  const loaded = await server.elections.load(admin, { id: ELECTION, name: 'Élection présidentielle – banc d’essai', date, candidates: el.candidates, stations: el.stations });
  const loadS = (performance.now() - t) / 1000;
  t = performance.now();
  let notices = 0;
  for (let sealed = await server.sealNotices(); sealed.length > 0; sealed = await server.sealNotices()) {
    notices += sealed.length;
    await server.transport.markSent(sealed.map((x) => ({ dst: x.dst, seq: x.seq })));
  }
  console.log(`election:   ${ELECTION} of ${date} loaded with server.elections.load: ${loaded.candidates} candidates, ${int(loaded.stations)} stations, ${int(loaded.centres)} centres, in ${fixed(loadS, 2)} s (untimed); ` +
    `${int(notices)} election notices to the centres sealed in ${fixed((performance.now() - t) / 1000, 1)} s (untimed, not sent: the simulated centres do not listen)`);

  t = performance.now();
  const { byCentre, expect } = buildReports(r, el, date);
  console.log(`reports:    ${int(expect.reports)} generated in ${fixed((performance.now() - t) / 1000, 1)} s: ${int(STATIONS)} first reports (${int(expect.anomalies)} with an anomaly, ${int(expect.over)} of them voters over registered), ` +
    `${int(expect.duplicates)} duplicates, ${int(expect.conflicts)} conflicts${expect.unknown ? `, ${int(expect.unknown)} for unknown stations` : ''}`);
  const file = join(root, 'containers.bin');
  const sealed = sealAll(centres, byCentre, id.serverPem, file);
  console.log(`sealed:     ${int(sealed.count)} containers of ≤ ${PER_CONTAINER} report(s), ${fixed(sealed.bytes / sealed.count / 1024, 1)} KiB each on average (${fixed(sealed.bytes / sealed.docs, 0)} B/report), ` +
    `${fixed(sealed.bytes / 2 ** 20, 1)} MiB in all, in ${fixed(sealed.sealMs / 1000, 1)} s (untimed)`);
  if (sealed.docs !== expect.reports) throw new Error(`sealed ${sealed.docs} reports, generated ${expect.reports}`);

  const service = await startServerService(server, { link: { url: broker.url, clientId: `ds-election-server-${runId}` }, concurrency: opts.concurrency });
  onCleanup(() => service.stop());
  const child = fork(join(HERE, 'bench', 'lib', 'publisher.mjs'), [broker.url, String(opts.publishers), String(opts.outstanding)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  onCleanup(async () => {
    if (child.exitCode !== null) return;
    child.send({ cmd: 'stop' });
    await Promise.race([new Promise((res) => child.once('exit', res)), sleep(3000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const fromChild = [];
  let acks = 0;
  child.on('message', (msg) => {
    if (msg.ev === 'acks') acks = msg.count;
    else fromChild.push(msg);
  });
  const childEvent = async (ev, timeoutMs = 120_000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const i = fromChild.findIndex((x) => x.ev === ev);
      if (i >= 0) return fromChild.splice(i, 1)[0];
      if (Date.now() > end) throw new Error(`load generator: no ${ev}`);
      await sleep(20);
    }
  };
  await childEvent('ready');
  child.send({ cmd: 'load', file });
  await childEvent('loaded');
  await until('the server service to be idle', async () => service.stats().queued === 0, 30_000);
  console.log(`server:     startServerService concurrency ${opts.concurrency}; load generator: ${opts.publishers} MQTT publishers (QoS 1, ≤ ${opts.outstanding} awaiting PUBACK each) + 1 collector of the answers, in its own process;`);
  console.log(`            the load generator, Mosquitto, PostgreSQL and the server share the ${m.cores} cores`);

  // ---- Timed: from the first publish until every station is counted, then every report filed.
  const watch = new pg.Client({ connectionString: sdb.url });
  await watch.connect();
  onCleanup(() => watch.end().catch(() => {}));
  const countNow = async () => (await watch.query(
    `SELECT count(*) FILTER (WHERE state = 'counted')::int AS counted, count(*)::int AS filed FROM xm_data.election_reports WHERE election_id = $1`, [ELECTION])).rows[0];
  console.log(`\npublishing ${int(sealed.count)} containers (${int(expect.reports)} reports)…`);
  const meter = cpuMeter({
    server: (pid) => pid === process.pid,
    'load generator': (pid) => pid === child.pid,
    mosquitto: (pid) => pid === broker.pid,
    postgres: (_pid, comm) => comm.startsWith('postgres'),
  });
  const before = service.stats();
  const answersBefore = (await watch.query('SELECT count(*)::int AS n FROM xm_system.outbox')).rows[0].n;
  // Every container answered (the server answers once per centre per batch: answers do not
  // count containers), every answer published and received by the load generator's collector.
  const allAnswered = async () => {
    const { rows: [a] } = await watch.query(
      `SELECT (SELECT count(*)::int FROM xm_system.inbox WHERE ack_seq IS NOT NULL AND msg_type = 'docs') AS answered,
              (SELECT count(*)::int FROM xm_system.outbox) AS total, (SELECT count(*)::int FROM xm_system.outbox WHERE sent_at IS NULL) AS unsent`);
    return a.answered >= sealed.count && a.unsent === 0 && acks >= a.total - answersBefore;
  };
  const t0 = performance.now();
  child.send({ cmd: 'go', window: 0 });
  let countedAt = 0;
  let filedAt = 0;
  let answeredAt = 0;
  let finished = true;
  let lastPrint = t0;
  let last = { counted: 0, filed: 0 };
  const milestones = [];
  const marks = [0.25, 0.5, 0.75, 0.9];
  const queries = [];
  for (;;) {
    const q0 = performance.now();
    last = await countNow();
    const now = performance.now();
    queries.push(now - q0);
    while (marks.length && last.counted >= marks[0] * STATIONS) milestones.push([marks.shift(), now - t0]);
    if (!countedAt && last.counted >= STATIONS) countedAt = now;
    if (!filedAt && last.filed >= expect.reports) filedAt = now;
    const s = service.stats();
    if (filedAt && !answeredAt && s.accepted - before.accepted >= sealed.count && (await allAnswered())) answeredAt = performance.now();
    if (s.rejected - before.rejected > 0) throw new Error(`${s.rejected - before.rejected} containers rejected`);
    if (countedAt && filedAt && answeredAt) break;
    if (now - t0 > opts.runMinutes * 60_000) {
      finished = false;
      break;
    }
    if (now - lastPrint > 10_000) {
      lastPrint = now;
      console.log(`  ${fixed((now - t0) / 1000, 0)} s: ${int(last.counted)} stations counted, ${int(last.filed)} reports filed, ${int(s.accepted - before.accepted)} containers committed, ${int(acks)} answers received`);
    }
    await sleep(Math.max(0, opts.pollMs - (performance.now() - q0)));
  }
  const end = performance.now();
  const cpu = meter.stop();
  const published = await childEvent('published', 10_000).catch(() => undefined);
  const countedS = ((countedAt || end) - t0) / 1000;
  const filedS = ((filedAt || end) - t0) / 1000;
  const answeredS = ((answeredAt || end) - t0) / 1000;
  console.log(`  ${finished ? 'done' : `GIVEN UP after --run-minutes ${opts.runMinutes}`}: ${int(last.counted)} of ${int(STATIONS)} stations counted in ${fixed(countedS, 2)} s, ` +
    `${int(last.filed)} of ${int(expect.reports)} reports filed in ${fixed(filedS, 2)} s, every answer received at ${fixed(answeredS, 2)} s (publishers done at ${published ? fixed(published.ms / 1000, 2) : '–'} s)`);
  console.log(`  counted: ${milestones.map(([p, ms]) => `${p * 100}% at ${fixed(ms / 1000, 1)} s`).join(', ')}; count query ${fixed(queries.reduce((a, b) => a + b, 0) / queries.length, 1)} ms on average (every ${opts.pollMs} ms)`);
  console.log(`  ${int(STATIONS / countedS)} stations/s counted, ${int(expect.reports / filedS)} reports/s filed, ${int(sealed.count / answeredS)} containers/s`);
  const cores = Object.entries(cpu.seconds).map(([k, v]) => `${k} ${fixed(v, 1)} s (${fixed((100 * v) / cpu.wall, 0)}%)`).join(', ');
  console.log(`  CPU over ${fixed(cpu.wall, 1)} s of wall time (100% = one core): ${cores}${cpu.topOther ? ` [other: ${cpu.topOther}]` : ''}`);

  // ---- The results, against the sums of what was generated.
  const [{ autovacuum }] = (await watch.query('SHOW autovacuum')).rows;
  const stats = (await watch.query(
    `SELECT relname, coalesce(greatest(last_analyze, last_autoanalyze)::text, 'never') AS analyzed FROM pg_stat_user_tables
      WHERE schemaname = 'xm_data' AND relname IN ('polling_stations', 'election_reports', 'election_votes') ORDER BY relname`)).rows;
  console.log(`\nstatistics: autovacuum ${autovacuum}; last analyzed: ${stats.map((x) => `${x.relname} ${x.analyzed}`).join(', ')}`);
  if (!opts.skipAnalyze) {
    t = performance.now();
    await watch.query('ANALYZE xm_data.polling_stations, xm_data.election_reports, xm_data.election_votes');
    console.log(`            ANALYZE of the three election tables in ${fixed(performance.now() - t, 0)} ms (untimed; --skip-analyze to read the results without it)`);
  }
  t = performance.now();
  const res = await server.elections.results(admin, ELECTION, { level: 'region' });
  const resultsMs = performance.now() - t;
  const c = new pg.Client({ connectionString: sdb.url });
  await c.connect();
  const [{ documents }] = (await c.query(`SELECT count(*)::int AS documents FROM xm_data.documents WHERE form_id = 'pv_election'`)).rows;
  const [{ rejections }] = (await c.query('SELECT count(*)::int AS rejections FROM xm_system.rejections')).rows;
  await c.end();
  const pct = (x) => (x === null ? '–' : `${fixed(100 * x, 2)} %`);
  console.log(`\nresults (server.elections.results, level region, read in ${fixed(resultsMs, 0)} ms${opts.skipAnalyze ? ', without ANALYZE' : ''}):`);
  console.log(`  stations reported ${int(res.stations.reported)} of ${int(res.stations.expected)} (${int(res.stations.missing)} missing); registered ${int(res.registered)}, voters ${int(res.voters)}, turnout ${pct(res.turnout)}; null ${int(res.nullBallots)}, valid ${int(res.valid)}`);
  console.log(`  ${res.candidates.slice(0, 4).map((x) => `${x.code} ${x.name}: ${int(x.votes)} (${pct(x.share)})`).join('; ')}${res.candidates.length > 4 ? '; …' : ''}`);
  console.log(`  reports: ${int(res.reports.counted)} counted, ${int(res.reports.duplicate)} duplicate, ${int(res.reports.conflict)} conflict, ${int(res.reports.unknown)} unknown station, ` +
    `${int(res.reports.anomalies)} counted with an anomaly, ${int(res.reports.turnoutOver100)} over 100 % turnout; ${int(res.flagged.length)} flagged listed (limit 100)`);
  console.log(`  database: ${int(documents)} pv_election documents centralised (${int(expect.reports)} sent), ${rejections} rejections`);
  const problems = compare(res, el, expect);
  if (documents !== expect.reports) problems.push(`documents: ${documents} centralised, ${expect.reports} sent`);
  if (rejections !== 0) problems.push(`${rejections} rejections`);
  if (!finished) problems.push('the run did not finish');
  if (problems.length > 0) {
    console.log(`\nCHECK FAILED: ${problems.length} difference(s):`);
    for (const p of problems.slice(0, 30)) console.log(`  ${p}`);
  } else console.log('\ncheck:      totals, per-region figures and votes, duplicates, conflicts, anomalies, turnout over 100 %: all equal to what was generated');

  console.log('\nsummary:');
  console.log(`  ${int(STATIONS)} stations, ${PER_CONTAINER}/container: all counted in ${fixed(countedS, 1)} s (${int(STATIONS / countedS)} stations/s); all ${int(expect.reports)} reports filed in ${fixed(filedS, 1)} s`);
  const target = 100_000 / 120;
  console.log(`  target 100,000 stations in 2 min (${int(target)} stations/s): ${STATIONS / countedS >= target && finished ? 'met' : 'MISSED'} at this rate${STATIONS < 100_000 ? ' (extrapolated: run --stations 100000)' : ''}`);
  return problems.length === 0 ? 0 : 1;
}

await run(main);
