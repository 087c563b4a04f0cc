#!/usr/bin/env node
// Transmission over a slow link: bytes on the wire per birth certificate, and documents
// per minute, from a centre to the server through a link limited to 22 kbit/s.
//
// Everything is the real thing except the link: real centres (createCentre, enrolled with
// a one-time code through the server's ingest), the centre's headless service
// (startCentreService), the server's (startServerService), a private Mosquitto, the local
// PostgreSQL. Between each centre and the broker sits a Node TCP proxy (lib/throttle.mjs)
// that lets through at most --up-kbps from the centre (token bucket, every byte MQTT
// writes counted) and --down-kbps towards it. The server talks to the broker directly.
//
// Scenarios, each its own centre with its own emulated link, run side by side (the link,
// not the CPU, is the bottleneck; --sequential runs them one after the other):
//   batched, pack { maxBytes: 16 / 48 / 64 KiB, maxDocs: 5000 }   --docs birth certificates each
//   one per container, pack { maxBytes: 48 KiB, maxDocs: 1 }       --single-docs birth certificates
// Each is timed from the start of the centre service until the centre counts every
// document acknowledged (waiting 0, in flight 0). Then every container the centre sealed
// is opened with the server's key to show where the bytes go: JSON, deflated payload
// (what encodePayload makes, before sealing), signed, sealed, and on the wire.
//
//   npx tsc -b && node scripts/bench/wire.mjs [--docs N] [--single-docs N] [--sizes 16,48,64]
//        [--up-kbps 22] [--down-kbps 64] [--delay-ms 0] [--window N] [--retry-minutes 10]
//        [--sequential] [--max-minutes 8] [--keep] [--verbose]
//
// BENCH_ADMIN_URL: a PostgreSQL URL allowed to CREATE/DROP DATABASE
//   (default postgresql://postgres@127.0.0.1:5432/postgres). The databases
//   ds_bench_wire_<run>_* are dropped at the end (also on Ctrl-C or time-out) unless --keep.

import { join } from 'node:path';
import { benchSupervisor } from './lib/supervisor.mjs';
import { performance } from 'node:perf_hooks';
import {
  createCentre,
  createServer,
  decodePayload,
  insertValidatedDocuments,
  startCentreService,
  startServerService,
} from '@docstream/core';
// Not part of the core's public API: only to open the containers afterwards and measure them.
import { decrypt } from '../../core/dist/crypto/sdc.js';
import { loadCertificate } from '../../core/dist/crypto/pki.js';
import { fixed, guard, int, machine, onCleanup, parseArgs, run, runId, scratchDatabase, scratchDir, sleep, startMosquitto } from './lib/env.mjs';
import { queuedBirths } from './lib/births.mjs';
import { startThrottledProxy } from './lib/throttle.mjs';

const USAGE = `usage: node scripts/bench/wire.mjs [options]
  --docs N            birth certificates per batched scenario (default 2000)
  --single-docs N     birth certificates in the one-per-container scenario (default 300; 0 = skip)
  --sizes LIST        batched pack maxBytes in KiB, comma-separated (default 16,48,64; "" = skip)
  --up-kbps N         centre → broker limit, kbit/s (default 22)
  --down-kbps N       broker → centre limit, kbit/s (default 64; 0 = unlimited)
  --delay-ms N        one-way latency added in each direction (default 0)
  --window N          containers in flight (default: what crosses the link in 20 s, 1..64)
  --retry-minutes N   centre re-sends an unanswered container after this (default 10)
  --cli-defaults      add a scenario with what \`docstream-centre run\` uses by default on this link:
                      48 KiB containers, window 64, re-send after 60 s (--cli-docs N, default 6000)
  --scenario-minutes  give up a scenario after this (default 5)
  --sequential        one scenario after the other instead of side by side
  --max-minutes N     stop and clean up after this (default 8)
  --keep              keep the databases
  --verbose           print the centre services' log lines`;

const opts = parseArgs(process.argv.slice(2), {
  docs: 2000, singleDocs: 300, sizes: '16,48,64', upKbps: 22, downKbps: 64, delayMs: 0, window: 0, retryMinutes: 10,
  cliDefaults: false, cliDocs: 6000, scenarioMinutes: 5, sequential: false, maxMinutes: 8, keep: false, verbose: false, seed: 42,
}, USAGE);

const UP_BPS = (opts.upKbps * 1000) / 8;
const DOWN_BPS = (opts.downKbps * 1000) / 8;
const PASSPHRASE = 'banc-d-essai-liaison-2026';
const OFFICER = { login: 'chef', fullName: 'Chef de Centre', password: 'Registre-National-2026' };
/** MQTT PUBLISH (QoS 1) framing: fixed header, remaining length, topic, packet id. */
const publishFraming = (payload, topic) => {
  const rest = 2 + Buffer.byteLength(topic) + 2 + payload;
  const varint = rest < 128 ? 1 : rest < 16384 ? 2 : rest < 2097152 ? 3 : 4;
  return 1 + varint + 2 + Buffer.byteLength(topic) + 2;
};

/** Containers in flight: as many as cross the link in 20 s (the MQTT publish times out at 30 s). */
function autoWindow(expectedContainerBytes) {
  if (opts.window > 0) return opts.window;
  return Math.max(1, Math.min(64, Math.floor((20 * UP_BPS) / expectedContainerBytes)));
}

async function main() {
  guard(opts.maxMinutes);
  const sizes = opts.sizes.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (sizes.some((s) => !(s > 0))) throw new Error('--sizes: KiB values, e.g. 16,48,64');
  const m = await machine();
  console.log('Docstream transmission benchmark: the wire at low bandwidth');
  console.log(`machine:    ${m.text}`);
  console.log(`software:   ${m.software}`);
  console.log(`link:       centre → broker ${opts.upKbps} kbit/s (${int(UP_BPS)} B/s), broker → centre ${opts.downKbps ? `${opts.downKbps} kbit/s` : 'unlimited'}, +${opts.delayMs} ms each way; server ↔ broker unlimited`);
  console.log(`run:        ${runId}, seed ${opts.seed}, scenarios ${opts.sequential ? 'one after the other' : 'side by side, each on its own link'}`);

  // ---- Broker and server
  const broker = await startMosquitto();
  console.log(`broker:     mosquitto on ${broker.url} (${broker.config.join('; ')})`);
  const root = scratchDir('ds-bench-wire-');
  const serverDb = await scratchDatabase('wire', 'server', 'server', 8, opts.keep);
  const server = createServer({ db: serverDb.db, keys: { dir: join(root, 'server-keys'), passphrase: PASSPHRASE } });
  await server.installShippedForms();
  await server.pki.init();
  const admin = await benchSupervisor(server);
  const id = await server.identity();
  const serverService = await startServerService(server, { link: { url: broker.url, clientId: `ds-bench-server-${runId}` }, concurrency: 4 });
  onCleanup(() => serverService.stop());
  console.log(`server:     ${serverDb.name}, startServerService concurrency 4`);

  // ---- Scenarios: one enrolled centre each
  const scenarios = [
    ...sizes.map((kib) => ({ name: `batched ${kib} KiB`, pack: { maxBytes: kib * 1024, maxDocs: 5000 }, docs: opts.docs, expected: kib * 1024 + 1000 })),
    ...(opts.singleDocs > 0 ? [{ name: 'one per container', pack: { maxBytes: 48 * 1024, maxDocs: 1 }, docs: opts.singleDocs, expected: 1300 }] : []),
    // What the centre's CLI starts with unless told otherwise (apps/centre-tui: --max-bytes 48 KiB,
    // --retry 60 s; startCentreService's window 64).
    ...(opts.cliDefaults ? [{ name: 'CLI defaults 48 KiB', pack: { maxBytes: 48 * 1024, maxDocs: 5000 }, docs: opts.cliDocs, window: 64, retryMs: 60_000 }] : []),
  ];
  if (scenarios.length === 0) throw new Error('nothing to run');
  let n = 0;
  for (const s of scenarios) {
    n++;
    s.matricule = String(100 + n).padStart(5, '0');
    s.window ??= autoWindow(s.expected);
    s.retryMs ??= opts.retryMinutes * 60_000;
    const db = await scratchDatabase('wire', `c${s.matricule}`, 'centre', 4, opts.keep);
    const centre = createCentre({ db: db.db, keys: { dir: join(root, `centre-${s.matricule}`), passphrase: PASSPHRASE } });
    await centre.init({ matricule: s.matricule, name: `Mairie ${s.name}`, officer: OFFICER });
    const officer = await centre.users.login(OFFICER.login, OFFICER.password);
    await server.clients.add(admin, { matricule: s.matricule, name: `Mairie ${s.name}`, region: 'Koulikoro', status: 3 });
    const { code } = await server.pki.newEnrolmentCode(admin, s.matricule);
    const answer = await server.ingest.receive(await centre.transmission.enrollRequest(officer, code), s.matricule);
    const enrolled = await centre.transmission.receive(answer.replies[0].bytes);
    if (enrolled.kind !== 'enrolled') throw new Error(`enrolment of ${s.matricule} failed: ${JSON.stringify(enrolled)}`);
    const form = await centre.forms.get('acte_naissance', 1);
    await insertValidatedDocuments(db.db, queuedBirths({ form, matricule: s.matricule, userId: officer.userId, count: s.docs, seed: opts.seed + n }));
    s.centre = centre;
  }
  console.log(`centres:    ${scenarios.map((s) => `${s.matricule} ${s.name} (${int(s.docs)} docs, window ${s.window}, retry ${s.retryMs / 1000} s)`).join('; ')}`);
  console.log(`            pollMs 1000; birth certificates as lib/births.mjs makes them; each scenario given up after ${opts.scenarioMinutes} min\n`);

  async function runScenario(s) {
    const proxy = await startThrottledProxy({ targetPort: broker.port, upBps: UP_BPS, downBps: opts.downKbps ? DOWN_BPS : 0, delayMs: opts.delayMs });
    onCleanup(() => proxy.close());
    const events = { sent: 0, resent: 0, sendFailed: 0, errors: 0, rejected: 0, firstError: '' };
    const log = (event, fields = {}) => {
      if (event === 'sent') {
        events.sent += fields.containers;
        if (fields.resend) events.resent++;
      } else if (event === 'send_failed') events.sendFailed++;
      else if (event === 'error') {
        events.errors++;
        events.firstError ||= String(fields.error);
      }
      else if (event === 'received' && fields.kind === 'rejected') events.rejected++;
      if (opts.verbose) console.log(`  [${s.matricule}] ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s ${event} ${JSON.stringify(fields)}`);
    };
    const t0 = performance.now();
    const service = await startCentreService(s.centre.transmission, {
      link: { url: proxy.url, clientId: `ds-bench-centre-${s.matricule}-${runId}` },
      retryAfterMs: s.retryMs,
      window: s.window,
      pack: s.pack,
      pollMs: 1000,
      log,
    });
    onCleanup(() => service.stop());
    let c;
    let lastPrint = t0;
    let finished = true;
    for (;;) {
      c = await s.centre.transmission.counts();
      if (c.acknowledged >= s.docs && c.waiting === 0 && c.in_flight === 0) break;
      if (performance.now() - t0 > opts.scenarioMinutes * 60_000) {
        finished = false;
        break;
      }
      if (c.conflicts + c.rejected > 0) throw new Error(`${s.name}: ${c.conflicts} conflicts, ${c.rejected} rejected`);
      const now = performance.now();
      if (now - lastPrint > 30_000) {
        lastPrint = now;
        console.log(`  ${s.name}: ${int(c.acknowledged)}/${int(s.docs)} acknowledged after ${((now - t0) / 1000).toFixed(0)} s, ${int(proxy.bytes.up)} B up`);
      }
      await sleep(200);
    }
    const seconds = (performance.now() - t0) / 1000;
    const bytes = { ...proxy.bytes };
    await service.stop();
    console.log(`  ${s.name}: ${finished ? 'done' : `GIVEN UP with ${int(c.acknowledged)}/${int(s.docs)} acknowledged`} in ${seconds.toFixed(1)} s`);
    return { seconds, bytes, events, finished, acknowledged: c.acknowledged };
  }

  console.log(`sending (each scenario until every document is acknowledged)…`);
  const results = [];
  if (opts.sequential) for (const s of scenarios) results.push(await runScenario(s));
  else results.push(...(await Promise.all(scenarios.map(runScenario))));

  // ---- Where the bytes go: every container, opened with the server's key
  const rows = [];
  for (let i = 0; i < scenarios.length; i++) {
    const s = scenarios[i];
    const r = results[i];
    const containers = await s.centre.db.query(`SELECT seq, sdc, item_count, attempts FROM docstream.containers WHERE msg_type = 'docs' ORDER BY seq`);
    const topic = `ds/v1/up/${s.matricule}`;
    const t = { containers: containers.length, attempts: 0, json: 0, payload: 0, signed: 0, sealed: 0, sealedSent: 0, framing: 0, framingOnce: 0, maxSealed: 0 };
    for (const row of containers) {
      const opened = decrypt(row.sdc, { certPem: id.serverPem, privateKey: id.serverKey });
      const msg = decodePayload(opened.content);
      t.json += Buffer.byteLength(JSON.stringify({ ...msg.header, body: msg.body }));
      t.payload += opened.content.length;
      t.signed += opened.signedData.length;
      t.sealed += row.sdc.length;
      t.maxSealed = Math.max(t.maxSealed, row.sdc.length);
      t.attempts += row.attempts;
      t.sealedSent += row.sdc.length * row.attempts;
      t.framing += publishFraming(row.sdc.length, topic) * row.attempts;
      t.framingOnce += publishFraming(row.sdc.length, topic);
    }
    const replays = await server.db.query(`SELECT count(*)::int AS n FROM xm_system.rejections WHERE src = $1 AND step = 'replay'`, [s.matricule]);
    const docs = s.docs;
    const acked = r.acknowledged;
    // Publishes, from the service's log: those it marked sent and those whose PUBACK did
    // not come within the MQTT publish timeout (their bytes were on the link all the same).
    const published = r.events.sent + r.events.sendFailed;
    rows.push({
      s, r, t, replays: replays[0].n,
      perDoc: {
        json: t.json / docs, payload: t.payload / docs, signed: t.signed / docs, sealed: t.sealed / docs,
        up: r.bytes.up / acked, down: r.bytes.down / acked,
      },
      published,
      docsPerMin: acked / (r.seconds / 60),
      ideal: (UP_BPS * 60) / ((t.sealed + t.framingOnce) / docs),
      overheadPerContainer: (t.sealed - t.payload) / t.containers,
      other: r.bytes.up - t.sealedSent - t.framing,
    });
  }

  // The fixed part of a container, from the certificates in use (DESIGN §4's CMS choices).
  const [{ centre_pem: centrePem }] = await scenarios[0].centre.db.query('SELECT centre_pem FROM docstream.pki');
  // [0] IMPLICIT subjectKeyIdentifier (sdc.ts), or issuer and serial for a certificate without one.
  const idBytes = (pem) => {
    const c = loadCertificate(pem);
    if (c.subjectKeyId?.length) return c.subjectKeyId.length + 2;
    const l = c.issuerDer.length + c.serialDer.length;
    return l + (l < 128 ? 2 : l < 256 ? 3 : 4);
  };
  const fixedPart = { rsa: 2 * 256, signerId: idBytes(centrePem), recipientId: idBytes(id.serverPem) };

  const col = (v, w) => String(v).padStart(w);
  console.log(`\nbytes per birth certificate (averages over each scenario's containers):`);
  console.log(`${'scenario'.padEnd(20)} ${col('docs', 6)} ${col('cont.', 6)} ${col('docs/c', 7)} ${col('JSON', 6)} ${col('payload', 8)} ${col('signed', 7)} ${col('sealed', 7)} ${col('uplink', 7)} ${col('downlink', 8)}`);
  for (const x of rows) {
    const p = x.perDoc;
    console.log(`${x.s.name.padEnd(20)} ${col(int(x.s.docs), 6)} ${col(x.t.containers, 6)} ${col(fixed(x.s.docs / x.t.containers, 1), 7)} ${col(fixed(p.json, 0), 6)} ${col(fixed(p.payload, 1), 8)} ${col(fixed(p.signed, 1), 7)} ${col(fixed(p.sealed, 1), 7)} ${col(fixed(p.up, 1), 7)} ${col(fixed(p.down, 1), 8)}`);
  }
  console.log(`  JSON: the message before deflate; payload: encodePayload (deflated, preset dictionary), before sealing;`);
  console.log(`  signed: CMS SignedData; sealed: the AuthEnvelopedData container; uplink/downlink: every byte through the proxy.`);

  console.log(`\nper container: sealed − payload (signature, certificate identifiers, key transport, GCM) and the uplink besides containers:`);
  for (const x of rows) {
    console.log(
      `  ${x.s.name.padEnd(20)} overhead ${fixed(x.overheadPerContainer, 0)} B/container (signing ${fixed((x.t.signed - x.t.payload) / x.t.containers, 0)}, ` +
        `envelope ${fixed((x.t.sealed - x.t.signed) / x.t.containers, 0)}), MQTT PUBLISH framing ${fixed(x.t.framingOnce / x.t.containers, 0)} B, ` +
        `largest container ${int(x.t.maxSealed)} B; ` +
          (x.published > x.t.containers
            ? `other uplink not separable (copies were published; some may still have been queued at the end)`
            : `other uplink (CONNECT, SUBSCRIBE, hello, PUBACKs, pings) ${int(x.other)} B`),
    );
  }
  const o = rows[0].overheadPerContainer;
  console.log(
    `  of the ~${fixed(o, 0)} B: RSA-2048 signature + RSA-OAEP wrapped key ${fixedPart.rsa} B, signer identifier (subjectKeyIdentifier) ${fixedPart.signerId} B, ` +
      `recipient identifier ${fixedPart.recipientId} B, the rest ~${fixed(o - fixedPart.rsa - fixedPart.signerId - fixedPart.recipientId, 0)} B ` +
      `(ASN.1 structure, algorithm identifiers with OAEP parameters, signed attributes, GCM nonce and tag)`,
  );

  console.log(`\nthroughput at ${opts.upKbps} kbit/s up:`);
  console.log(`${'scenario'.padEnd(20)} ${col('window', 6)} ${col('seconds', 8)} ${col('acked', 6)} ${col('docs/min', 9)} ${col('link max', 9)} ${col('use', 5)} ${col('publishes', 9)} ${col('copies', 6)} ${col('timeouts', 8)} ${col('replays', 7)} ${col('conn.', 5)}`);
  for (const x of rows) {
    console.log(
      `${x.s.name.padEnd(20)} ${col(x.s.window, 6)} ${col(fixed(x.r.seconds, 1), 8)} ${col(int(x.r.acknowledged), 6)} ${col(int(x.docsPerMin), 9)} ${col(int(x.ideal), 9)} ${col(`${fixed((100 * x.docsPerMin) / x.ideal, 0)}%`, 5)} ` +
        `${col(x.published, 9)} ${col(Math.max(0, x.published - x.t.containers), 6)} ${col(x.r.events.sendFailed, 8)} ${col(x.replays, 7)} ${col(x.r.bytes.connections, 5)}`,
    );
    if (x.r.events.errors) console.log(`  ${x.s.name}: ${x.r.events.errors} service errors, first: ${x.r.events.firstError}`);
  }
  console.log(`  link max: docs/min if the uplink carried each container once, back to back (framing included); use: measured / link max;`);
  console.log(`  publishes: containers handed to MQTT; copies: publishes beyond one per container; timeouts: publishes whose PUBACK`);
  console.log(`  did not come within the 30 s MQTT publish timeout; replays: copies the server recognised (and answered again);`);
  console.log(`  conn.: TCP connections the centre opened through the link (1 = no reconnection).`);

  const targets = [];
  for (const x of rows) {
    const goal = x.s.pack.maxDocs === 1 ? 120 : 1500;
    targets.push(`${x.s.name}: ${int(x.docsPerMin)} docs/min (target ≥ ${int(goal)}) ${x.docsPerMin >= goal && x.r.finished ? 'met' : 'MISSED'}`);
  }
  console.log(`\n${targets.join('\n')}`);
  return 0;
}

await run(main);
