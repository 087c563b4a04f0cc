#!/usr/bin/env node
// Server ingest under load: many centres' containers through the real Mosquitto into the
// real server service (startServerService → ingest → PostgreSQL → acknowledgement).
//
// Setup (untimed): a fresh server database ds_bench_ingest_<run>_server with its CA; --centres
// centres registered and enrolled through the server's own enrolment path (one-time code,
// key pair, CSR, `enroll` message into server.ingest.receive, certificate from the answer);
// realistic birth certificates (lib/births.mjs), sealed beforehand into containers exactly as
// a centre seals them (encodePayload, then the core's CMS seal: signed by the centre,
// encrypted to the server), interleaved across centres.
//
// Timed, twice (batched, then one document per container): a load-generator process
// (lib/publisher.mjs: --publishers MQTT clients, QoS 1) publishes every container as fast as
// the broker takes them, keeping at most --window containers unanswered (by default 3/4 of
// the server service's queue: beyond it the service stalls, see docs/PERFORMANCE.md); the
// server service (--concurrency, a pool of --pool connections) opens, checks, commits and
// acknowledges each. The clock runs from the
// first publish until the server has committed every document and every acknowledgement has
// been published (a collector subscribed to ds/v1/down/+ has received them all); the
// database count is checked at the end. The load generator, the broker, PostgreSQL and the
// server share the machine's cores: the CPU each used is printed.
//
//   npx tsc -b && node scripts/bench/ingest.mjs [--centres 50] [--docs 100000] [--per-container 100]
//        [--singles 10000] [--concurrency 8] [--pool N] [--publishers 4] [--window N] [--trace] [--profile]
//        [--nodelay] [--max-minutes 8] [--keep] [--tariff N]
//
// BENCH_ADMIN_URL: a PostgreSQL URL allowed to CREATE/DROP DATABASE
//   (default postgresql://postgres@127.0.0.1:5432/postgres). The database is dropped at the
//   end (also on Ctrl-C or time-out) unless --keep.

import { sealedDocsFrame } from './lib/frames.mjs';
import { fork } from 'node:child_process';
import { benchSupervisor } from './lib/supervisor.mjs';
import net from 'node:net';
import { generateKeyPair as generateKeyPairCb } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  createServer,
  decodePayload,
  displayNames,
  encodePayload,
  searchableNames,
  shippedForms,
  startServerService,
  validateDocument,
} from '@docstream/core';
// Not part of the core's public API: what a centre uses to enrol and seal, done here without
// a centre database per simulated centre, and the pieces the server runs, timed one by one.
import { decrypt, seal, verifySignature } from '../../core/dist/crypto/sdc.js';
import { checkIssuedBy, createCsr } from '../../core/dist/crypto/pki.js';
import { enrolmentKey, enrolmentMac } from '../../core/dist/crypto/enrolment.js';
import { fixed, guard, int, machine, onCleanup, parseArgs, run, runId, scratchDatabase, scratchDir, sleep, startMosquitto, until } from './lib/env.mjs';
import { birthGenerator } from './lib/births.mjs';
import { cpuMeter } from './lib/cpu.mjs';
import { traceReport, traceServer, tracedDatabase } from './lib/trace.mjs';

const USAGE = `usage: node scripts/bench/ingest.mjs [options]
  --centres N         enrolled centres publishing (default 50)
  --docs N            birth certificates in the batched run (default 100000; 0 = skip)
  --per-container N   documents per container in the batched run (default 100)
  --singles N         one-document containers in the second run (default 10000; 0 = skip)
  --concurrency N     startServerService concurrency (default 8)
  --pool N            server database pool size (default: = concurrency)
  --publishers N      MQTT clients publishing (default 4)
  --outstanding N     QoS 1 publishes awaiting PUBACK per publisher (default 200)
  --window N          containers published and not yet acknowledged, all centres together
                      (default 0 = no limit, as fast as the broker takes them; an answer may
                      acknowledge several containers of a centre, so a window counts loosely)
  --nodelay           TCP_NODELAY on the MQTT connections (this process's sockets, the load generator's,
                      and Mosquitto's set_tcp_nodelay): shows what Nagle's algorithm costs
  --trace             time every database call and each container's steps (adds a little overhead)
  --profile           CPU profile of the server's process during each timed run (top functions)
  --profile-dir DIR   also write the .cpuprofile files there
  --run-minutes N     give up a run after this (default 3)
  --max-minutes N     stop and clean up after this (default 8)
  --keep              keep the database
  --tariff N          bill each document centralised at N (a ledger row per container)`;

const opts = parseArgs(process.argv.slice(2), {
  centres: 50, docs: 100_000, perContainer: 100, singles: 10_000, concurrency: 8, pool: 0, publishers: 4, outstanding: 200, window: -1,
  nodelay: false, trace: false, profile: false, profileDir: '', runMinutes: 3, maxMinutes: 8, keep: false, seed: 42, tariff: 0,
}, USAGE);
const POOL = opts.pool || opts.concurrency;
// The server service's queue: while it is full, the service's MQTT handler waits, and with it
// every packet behind it on the connection — including the broker's PUBACKs for the answers
// the workers are publishing (see docs/PERFORMANCE.md, Transmission). The load generator
// keeps below it: 3/4 of concurrency × 8 (core/src/transport/server-service.ts up to
// 5d232b9) or of concurrency × INGEST_BATCH × 4 (from a325c74, lanes committing in batches).
let serverQueue = opts.concurrency * 8;
try {
  const { INGEST_BATCH } = await import('../../core/dist/server/ingest.js');
  if (Number.isInteger(INGEST_BATCH)) serverQueue = opts.concurrency * INGEST_BATCH * 4;
} catch {
  // an older core: the first bound
}
// The server answers once per centre per batch, so answers do not count containers: the
// window is off unless asked for, and a run ends when every container's answer is published.
const WINDOW = opts.window >= 0 ? opts.window : 0;
const PASSPHRASE = 'banc-d-essai-ingestion-2026';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const generateKeyPair = promisify(generateKeyPairCb);

// --nodelay: every TCP connection this process opens (mqtt.js uses net.createConnection)
// gets TCP_NODELAY. node-postgres sets it on its own sockets already.
if (opts.nodelay) {
  const original = net.createConnection;
  net.createConnection = (...args) => original.apply(net, args).setNoDelay(true);
}

// ---------------------------------------------------------------------------------------
// Centres: enrolled through the server's enrolment path, as a centre's transmission does it.

async function enrolCentres(server, count) {
  const centres = [];
  const admin = await benchSupervisor(server);
  const keys = await Promise.all(Array.from({ length: count }, () => generateKeyPair('rsa', { modulusLength: 2048 })));
  for (let i = 0; i < count; i++) {
    const matricule = String(1000 + i).padStart(5, '0');
    await server.clients.add(admin, { matricule, name: `Mairie de banc ${i + 1}`, region: 'Ségou', status: 3 });
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
    centres.push({ matricule, certPem: body.cert, privateKey: keys[i].privateKey, seq: 0, nextNiu: 1, make: birthGenerator({ matricule, seed: opts.seed + i }) });
  }
  return centres;
}

// ---------------------------------------------------------------------------------------
// Containers, sealed before the clock starts; interleaved across centres.

function sealAll(centres, serverPem, containersPerCentre, docsPerContainer, file) {
  const form = shippedForms().find((f) => f.id === 'acte_naissance');
  const chunks = [];
  let bytes = 0;
  let count = 0;
  let docs = 0;
  const t = performance.now();
  for (let k = 0; k < containersPerCentre; k++) {
    for (const c of centres) {
      const list = [];
      for (let j = 0; j < docsPerContainer; j++) {
        const { niu, data, validatedAt } = c.make(c.nextNiu++);
        list.push({ n: niu, f: form.id, fv: form.version, va: validatedAt.toISOString(), d: data });
      }
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
// CPU profile of this process (the server's), summarised by self time.

function summariseProfile(profile, top = 22) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    self.set(n.id, (self.get(n.id) ?? 0) + (dt[i + 1] ?? 0));
  }
  const byFn = new Map();
  const byArea = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame;
    const url = cf.url.replace(/^file:\/\//, '');
    const where = url ? `${url.includes('/core/dist/') ? url.slice(url.indexOf('/core/dist/') + 11) : url.includes('node_modules/') ? url.slice(url.lastIndexOf('node_modules/') + 13) : basename(url)}:${cf.lineNumber + 1}` : '';
    const key = `${cf.functionName || '(anonymous)'} ${where}`.trim();
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    const area = !url
      ? cf.functionName.startsWith('(') ? cf.functionName : `native ${cf.functionName}`
      : url.includes('/core/dist/') ? `core ${url.slice(url.indexOf('/core/dist/') + 11).split('/').slice(0, 2).join('/')}`
        : url.includes('node_modules/') ? `npm ${url.slice(url.lastIndexOf('node_modules/') + 13).split('/')[0]}`
          : url.startsWith('node:') ? `node ${url.slice(5).split('/')[0]}` : basename(url);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    total += us;
  }
  const fmt = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `    ${fixed((100 * us) / total, 1).padStart(5)}%  ${fixed(us / 1000, 0).padStart(6)} ms  ${k}`).join('\n');
  return `  by area (self time, ${fixed(total / 1e6, 1)} s sampled):\n${fmt(byArea)}\n  by function:\n${fmt(byFn)}`;
}

// ---------------------------------------------------------------------------------------
// The server's steps one by one, on this machine, without the database or the broker.

function phaseTimes(server, id, centre, docsPerContainer) {
  const form = shippedForms().find((f) => f.id === 'acte_naissance');
  const list = [];
  for (let j = 0; j < docsPerContainer; j++) {
    const { niu, data, validatedAt } = centre.make(900_000 + j);
    list.push({ n: niu, f: form.id, fv: form.version, va: validatedAt.toISOString(), d: data });
  }
  const at = new Date();
  const content = encodePayload({ header: { v: 1, typ: 'docs', src: centre.matricule, dst: 'server', seq: 1, ts: at.toISOString() }, body: { docs: list } });
  const sdc = seal({ content, signer: { certPem: centre.certPem, privateKey: centre.privateKey }, recipientCertPem: id.serverPem, signingTime: at });
  const time = (n, fn) => {
    for (let i = 0; i < Math.min(20, n); i++) fn();
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    return (performance.now() - t) / n;
  };
  const n = docsPerContainer > 10 ? 200 : 2000;
  const opened = decrypt(sdc, { certPem: id.serverPem, privateKey: id.serverKey });
  const msg = decodePayload(opened.content);
  const ackItems = list.map((d) => ({ n: d.n, r: 'accepted' }));
  const ackMsg = { header: { v: 1, typ: 'ack', src: 'server', dst: centre.matricule, seq: 1, ts: at.toISOString() }, body: { ack: [{ seq: 1, r: 'accepted', items: ackItems }] } };
  const good = msg.body.docs.map((d) => ({ ...d, names_norm: searchableNames(form, d.d), names_display: displayNames(form, d.d) }));
  const rows = [
    ['decrypt (RSA-OAEP unwrap, AES-GCM, parse)', time(n, () => decrypt(sdc, { certPem: id.serverPem, privateKey: id.serverKey }))],
    ['verifySignature (RSA verify, digest)', time(n, () => verifySignature(opened, centre.certPem))],
    ['decodePayload (inflate, JSON.parse)', time(n, () => decodePayload(opened.content))],
    ['checkIssuedBy (certificate under the CA)', time(n, () => checkIssuedBy(centre.certPem, id.caPem, at))],
    [`validateDocument × ${docsPerContainer}`, time(n, () => msg.body.docs.forEach((d) => validateDocument(form, d.d, { complete: true, today: '2026-11-25' })))],
    [`searchableNames + displayNames × ${docsPerContainer}`, time(n, () => msg.body.docs.forEach((d) => (searchableNames(form, d.d), displayNames(form, d.d))))],
    [`JSON.stringify of the rows for the INSERT`, time(n, () => JSON.stringify(good))],
    ['seal the ack (encodePayload, RSA sign, RSA-OAEP wrap)', time(n, () => seal({ content: encodePayload(ackMsg), signer: { certPem: id.serverPem, privateKey: id.serverKey }, recipientCertPem: centre.certPem, signingTime: at }))],
  ];
  return { rows, sdcBytes: sdc.length };
}

// ---------------------------------------------------------------------------------------

async function main() {
  guard(opts.maxMinutes);
  const m = await machine();
  console.log('Docstream transmission benchmark: server ingest under load');
  console.log(`machine:    ${m.text}`);
  console.log(`software:   ${m.software}`);

  const broker = await startMosquitto(['max_inflight_messages 100', 'max_queued_messages 0', ...(opts.nodelay ? ['set_tcp_nodelay true'] : [])]);
  console.log(`broker:     mosquitto on ${broker.url} (${broker.config.join('; ')})`);
  const root = scratchDir('ds-bench-ingest-');
  const sdb = await scratchDatabase('ingest', 'server', 'server', POOL, opts.keep);
  const settings = await sdb.db.query(`SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'shared_buffers', 'max_connections', 'wal_level') ORDER BY name`);
  console.log(`database:   ${sdb.name}, pool ${POOL}; ${settings.map((r) => `${r.name} ${r.setting}`).join(', ')}`);
  const dbTrace = opts.trace ? tracedDatabase(sdb.db) : undefined;
  const server = createServer({ db: dbTrace ? dbTrace.db : sdb.db, keys: { dir: join(root, 'server-keys'), passphrase: PASSPHRASE } });
  await server.installShippedForms();
  await server.pki.init();
  const id = await server.identity();

  let t = performance.now();
  const centres = await enrolCentres(server, opts.centres);
  console.log(`centres:    ${opts.centres} enrolled (${centres[0].matricule}…${centres.at(-1).matricule}) in ${fixed((performance.now() - t) / 1000, 1)} s`);
  // With a document tariff every container also moves its centre's account and writes a ledger row.
  if (opts.tariff > 0) await server.accounts.setTariff(await benchSupervisor(server), 'document', opts.tariff);
  console.log(`billing:    document tariff ${opts.tariff}${opts.tariff > 0 ? ' (a ledger row per container)' : ' (nothing billed)'}`);

  const runs = [];
  if (opts.docs > 0) runs.push({ name: `batched, ${opts.perContainer} docs/container`, perContainer: opts.perContainer, containers: Math.ceil(opts.docs / opts.perContainer / opts.centres) });
  if (opts.singles > 0) runs.push({ name: 'one document per container', perContainer: 1, containers: Math.ceil(opts.singles / opts.centres) });
  for (const r of runs) {
    r.file = join(root, `containers-${r.perContainer}.bin`);
    Object.assign(r, sealAll(centres, id.serverPem, r.containers, r.perContainer, r.file));
    console.log(`sealed:     ${r.name}: ${int(r.count)} containers, ${int(r.docs)} documents, ${fixed(r.bytes / r.count / 1024, 1)} KiB each on average, in ${fixed(r.sealMs / 1000, 1)} s (untimed)`);
  }

  const serverTrace = opts.trace ? traceServer(server) : undefined;
  const service = await startServerService(server, { link: { url: broker.url, clientId: `ds-bench-server-${runId}` }, concurrency: opts.concurrency });
  onCleanup(() => service.stop());
  const child = fork(join(HERE, 'lib', 'publisher.mjs'), [broker.url, String(opts.publishers), String(opts.outstanding)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, BENCH_NODELAY: opts.nodelay ? '1' : '' } });
  onCleanup(async () => {
    if (child.exitCode !== null) return;
    child.send({ cmd: 'stop' });
    await Promise.race([new Promise((r) => child.once('exit', r)), sleep(3000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const fromChild = [];
  const waiters = [];
  let acks = 0;
  child.on('message', (msg) => {
    if (msg.ev === 'acks') acks = msg.count;
    fromChild.push(msg);
    for (const w of waiters.splice(0)) w();
  });
  const childEvent = async (ev, timeoutMs = 60_000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const i = fromChild.findIndex((x) => x.ev === ev);
      if (i >= 0) return fromChild.splice(i, 1)[0];
      if (Date.now() > end) throw new Error(`load generator: no ${ev}`);
      await new Promise((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  await childEvent('ready');
  console.log(`server:     startServerService concurrency ${opts.concurrency}; load generator: ${opts.publishers} MQTT publishers (QoS 1, ≤ ${opts.outstanding} awaiting PUBACK each) + 1 collector of the acknowledgements, in their own process;`);
  console.log(`            ${WINDOW ? `at most ${WINDOW} containers published and not yet acknowledged (the server service queues up to ${serverQueue})` : 'no limit on containers published and not yet acknowledged'}`);
  console.log(`            the load generator, Mosquitto, PostgreSQL and the server share the ${m.cores} cores`);

  const results = [];
  for (const r of runs) {
    child.send({ cmd: 'load', file: r.file });
    await childEvent('loaded');
    await until('the server to be idle', async () => service.stats().queued === 0, 30_000);
    const before = service.stats();
    dbTrace?.reset();
    serverTrace?.reset();
    const profiler = opts.profile ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 500 });
      await profiler.post('Profiler.start');
    }
    console.log(`\n${r.name}: publishing ${int(r.count)} containers…`);
    const meter = cpuMeter({
      server: (pid) => pid === process.pid,
      'load generator': (pid) => pid === child.pid,
      mosquitto: (pid) => pid === broker.pid,
      postgres: (_pid, comm) => comm.startsWith('postgres'),
    });
    const t0 = performance.now();
    child.send({ cmd: 'go', window: WINDOW });
    let committedAt = 0;
    let ackedAt = 0;
    let published;
    let lastPrint = t0;
    let finished = true;
    const answers = new pg.Client({ connectionString: sdb.url });
    await answers.connect();
    const answersBefore = (await answers.query('SELECT count(*)::int AS n FROM xm_system.outbox')).rows[0].n;
    let lastPoll = 0;
    for (;;) {
      const s = service.stats();
      const now = performance.now();
      if (!committedAt && s.documents - before.documents >= r.docs) committedAt = now;
      // Done when every container is answered, every answer published and received by the collector.
      if (committedAt && !ackedAt && now - lastPoll > 100) {
        lastPoll = now;
        const { rows: [a] } = await answers.query(
          `SELECT (SELECT count(*)::int FROM xm_system.inbox WHERE ack_seq IS NOT NULL AND msg_type <> 'hello') AS answered,
                  (SELECT count(*)::int FROM xm_system.outbox) AS total, (SELECT count(*)::int FROM xm_system.outbox WHERE sent_at IS NULL) AS unsent`);
        const expectedAnswered = results.reduce((t, x) => t + x.count, 0) + r.count;
        if (a.answered >= expectedAnswered && a.unsent === 0 && acks >= a.total - answersBefore) ackedAt = now;
      }
      const p = fromChild.findIndex((x) => x.ev === 'published');
      if (p >= 0) published = fromChild.splice(p, 1)[0];
      if (committedAt && ackedAt) break;
      if (s.rejected - before.rejected > 0) throw new Error(`${s.rejected - before.rejected} containers rejected`);
      if (now - t0 > opts.runMinutes * 60_000) {
        finished = false;
        break;
      }
      if (now - lastPrint > 10_000) {
        lastPrint = now;
        console.log(`  ${fixed((now - t0) / 1000, 0)} s: ${int(s.documents - before.documents)} documents committed, ${int(acks)} acknowledgements received`);
      }
      await new Promise((res) => {
        waiters.push(res);
        setTimeout(res, 20);
      });
    }
    const end = performance.now();
    await answers.end();
    const cpu = meter.stop();
    let profileText = '';
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      profileText = summariseProfile(profile);
      if (opts.profileDir) writeFileSync(join(opts.profileDir, `ingest-${r.perContainer}-${runId}.cpuprofile`), JSON.stringify(profile));
    }
    published ??= await childEvent('published', 10_000).catch(() => undefined);
    const s = service.stats();
    const seconds = ((finished ? Math.max(committedAt, ackedAt) : end) - t0) / 1000;
    const res = {
      ...r, finished, seconds, commitSeconds: ((committedAt || end) - t0) / 1000, publishSeconds: published ? published.ms / 1000 : NaN,
      docsCommitted: s.documents - before.documents, containersAccepted: s.accepted - before.accepted, acks, cpu, profileText,
    };
    results.push(res);
    console.log(
      `  ${finished ? 'done' : 'GIVEN UP'}: ${int(res.docsCommitted)} documents in ${int(res.containersAccepted)} containers committed in ${fixed(res.commitSeconds, 2)} s, ` +
        `${int(acks)} acknowledgements received by ${fixed(seconds, 2)} s (publishers done at ${fixed(res.publishSeconds, 2)} s)`,
    );
    console.log(`  ${fixed(res.docsCommitted / seconds, 0)} documents/s, ${fixed(res.containersAccepted / seconds, 0)} containers/s`);
    const cores = Object.entries(cpu.seconds).map(([k, v]) => `${k} ${fixed(v, 1)} s (${fixed((100 * v) / cpu.wall, 0)}%)`).join(', ');
    console.log(`  CPU over ${fixed(cpu.wall, 1)} s of wall time (100% = one core): ${cores}${cpu.topOther ? ` [other: ${cpu.topOther}]` : ''}`);
    if (dbTrace) console.log(traceReport(dbTrace, serverTrace, res.containersAccepted));
    if (profileText) console.log(profileText);
  }

  // ---- Check the database, then time the server's steps one by one
  const c = new pg.Client({ connectionString: sdb.url });
  await c.connect();
  const [{ n }] = (await c.query('SELECT count(*)::int AS n FROM xm_data.documents')).rows;
  const [{ conflicts }] = (await c.query('SELECT count(*)::int AS conflicts FROM xm_data.conflicts')).rows;
  const [{ rejections }] = (await c.query('SELECT count(*)::int AS rejections FROM xm_system.rejections')).rows;
  const [{ unsent }] = (await c.query('SELECT count(*)::int AS unsent FROM xm_system.outbox WHERE sent_at IS NULL')).rows;
  await c.end();
  const expected = results.reduce((a, r) => a + r.docs, 0);
  console.log(`\ndatabase:   ${int(n)} documents in xm_data.documents (expected ${int(expected)}), ${conflicts} conflicts, ${rejections} rejections, ${unsent} answers not marked sent`);

  console.log(`\nthe server's steps, one container at a time on one core (no database, no broker):`);
  for (const r of runs) {
    const { rows, sdcBytes } = phaseTimes(server, id, centres[0], r.perContainer);
    const total = rows.reduce((a, [, ms]) => a + ms, 0);
    console.log(`  ${r.name} (${fixed(sdcBytes / 1024, 1)} KiB container): ${fixed(total, 2)} ms CPU per container in these steps`);
    for (const [name, ms] of rows) console.log(`    ${fixed(ms, 3).padStart(7)} ms  ${name}`);
  }

  console.log('\nsummary:');
  let ok = n === expected;
  for (const r of results) {
    const batched = r.perContainer > 1;
    const rate = batched ? r.docsCommitted / r.seconds : r.containersAccepted / r.seconds;
    const goal = batched ? 5000 : 500;
    const met = r.finished && rate >= goal;
    ok &&= r.finished;
    console.log(`  ${r.name}: ${int(rate)} ${batched ? 'documents' : 'containers'}/s (target ≥ ${int(goal)}) ${met ? 'met' : 'MISSED'}`);
  }
  return ok ? 0 : 1;
}

await run(main);
