// The live monitor's test bed, shared by monitor.mjs (the core's snapshot) and
// monitor-console.mjs (the server console showing it): a server database with
// --centres clients and their traffic, and a child process playing the running service.
//
// Setup (untimed): a fresh server database ds_bench_<kind>_<run>_server; the shipped forms;
// the operator MONITOR_OPERATOR (first supervisor, no password change due); --centres
// clients (names from names.mjs places, 2% suspended) with per-centre counters (8% never
// seen, the others seen over the last two days, most recently the busiest); --docs
// centralised documents received over a year; their containers in the inbox (10 documents
// each) with their acknowledgements in the outbox (300 not yet published); 20,000 logged
// rejections; 2,000 conflicts (200 open, the others resolved by the operator); 1,000
// quarantined containers (150 held); the rate buckets of the last hour. Then ANALYZE.
//
// Traffic (startWriter): lib/monitor-writer.mjs in a child process, on its own connections
// (application_name ds-bench-writer): every 100 ms it moves the counters of 5 random centres
// and the rate bucket through the core's own statement (addTraffic, as for a `hello`), logs a
// rejection every second, and writes the service heartbeat every 5 s (announceService):
// 50 containers and ~500 documents a second.

import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createServer } from '@docstream/core';
import { fixed, int, onCleanup, scratchDatabase, sleep } from './env.mjs';
import { PLACES, words } from './names.mjs';

/** The operator the monitor benchmarks log in as (a supervisor, password usable at once). */
export const MONITOR_OPERATOR = { login: 'moniteur', fullName: 'Banc du moniteur', password: 'Tableau-de-bord-2026' };

export const TRAFFIC_TEXT = 'Traffic running: 50 containers/s, ~500 documents/s, 1 rejection/s, heartbeat every 5 s';

/** Fills a migrated server database (see the head of this file); prints each step's time. */
export async function seedMonitor(db, o, operatorId) {
  const places = words(PLACES, /\|/);
  const t0 = performance.now();
  const say = (what) => console.log(`  ${what} (${fixed((performance.now() - t0) / 1000)} s)`);
  await db.query('SELECT setseed(0.42)');
  await db.query(
    `INSERT INTO xm_system.clients (matricule, name, city, region, status, created_at, updated_at)
     SELECT lpad(i::text, 5, '0'), CASE WHEN i % 3 = 0 THEN 'Centre d''état civil de ' ELSE 'Mairie de ' END || p || ' ' || (i / $2 + 1), p, p,
            CASE WHEN i % 50 = 0 THEN 0 ELSE 3 END, now() - interval '400 days', now() - interval '400 days'
       FROM generate_series(1, $1) i, LATERAL (SELECT ($3::text[])[1 + i % $2] AS p) x`,
    [o.centres, places.length, places],
  );
  await db.query('INSERT INTO xm_system.accounts (matricule) SELECT matricule FROM xm_system.clients');
  // 8% never seen; the others over the last two days, about a fifth within 5 minutes.
  await db.query(
    `INSERT INTO xm_system.traffic (matricule, last_seen, containers_in, documents_in, duplicates, conflicts, acks_out, errors, bytes_in, bytes_out)
     SELECT matricule, CASE WHEN r < 0.08 THEN NULL ELSE now() - (((r - 0.08) / 0.92) ^ 4 * interval '2 days') END,
            n, n * 10, (n * random() * 0.05)::bigint, (random() < 0.02)::int, n, (random() * 5)::int, n * 5200, n * 900
       FROM (SELECT matricule, random() AS r, (2 + random() * $2 / $1 * 2)::bigint AS n FROM xm_system.clients) x`,
    [o.centres, Math.max(1, o.docs / 10)],
  );
  say(`${int(o.centres)} centres`);
  const chunk = 250_000;
  for (let from = 0; from < o.docs; from += chunk) {
    await db.query(
      `INSERT INTO xm_data.documents (niu, matricule, form_id, form_version, status, data, names_norm, names_display, validated_at, received_at, src_seq)
       SELECT lpad((1 + i % $3)::text, 5, '0') || '-2026-' || lpad((i / $3 + 1)::text, 6, '0') || '-00', lpad((1 + i % $3)::text, 5, '0'),
              'acte_naissance', 1, 4, '{}', '', '', now() - interval '1 day', now() - random() * interval '365 days', i / 10
         FROM generate_series($1::bigint, $2::bigint) i`,
      [from, Math.min(o.docs, from + chunk) - 1, o.centres],
    );
  }
  say(`${int(o.docs)} documents`);
  await db.query(
    `INSERT INTO xm_system.inbox (src, seq, msg_type, digest, outcome, ack_seq, received_at)
     SELECT lpad((1 + i % $2)::text, 5, '0'), i / $2 + 1, 'docs', md5(i::text), 'accepted', i / $2 + 1, now() - random() * interval '365 days'
       FROM generate_series(0, $1 - 1) i`,
    [Math.max(1, Math.floor(o.docs / 10)), o.centres],
  );
  await db.query(
    `INSERT INTO xm_system.outbox (dst, seq, msg_type, sdc, created_at, sent_at)
     SELECT src, seq, 'ack', '\\x3000'::bytea, received_at, CASE WHEN row_number() OVER (ORDER BY received_at DESC) <= 300 THEN NULL ELSE received_at END
       FROM xm_system.inbox`,
  );
  say('inbox and outbox');
  await db.query(
    `INSERT INTO xm_system.rejections (at, src, step, detail, bytes)
     SELECT now() - random() * interval '30 days', lpad((1 + i % $1)::text, 5, '0'),
            (ARRAY['decryption','signature','certificate','replay','timestamp','format'])[1 + i % 6], 'bench', 700
       FROM generate_series(1, 20000) i ORDER BY 1`,
    [o.centres],
  );
  // A resolved conflict carries its decision, remark and operator (migration 007).
  await db.query(
    `INSERT INTO xm_data.conflicts (niu, matricule, form_id, form_version, data, validated_at, src_seq, received_at, resolved_at, resolution, remark, resolved_by)
     SELECT lpad((1 + i % $1)::text, 5, '0') || '-2026-' || lpad(i::text, 6, '0') || '-00', lpad((1 + i % $1)::text, 5, '0'), 'acte_naissance', 1, '{}',
            now(), i, now() - (2000 - i) * interval '1 hour', CASE WHEN i <= 1800 THEN now() END, CASE WHEN i <= 1800 THEN 'keep' END,
            CASE WHEN i <= 1800 THEN 'banc' END, CASE WHEN i <= 1800 THEN $2::int END
       FROM generate_series(1, 2000) i`,
    [o.centres, operatorId],
  );
  await db.query(
    `INSERT INTO xm_system.quarantine (src, seq, msg_type, payload, received_at, released_at)
     SELECT lpad((50 * (1 + i % 200))::text, 5, '0'), 100000 + i, 'docs', '\\x00'::bytea, now() - i * interval '1 minute', CASE WHEN i > 150 THEN now() END
       FROM generate_series(1, 1000) i`,
  );
  await db.query(
    `INSERT INTO xm_system.traffic_rates (bucket, slot, containers, documents, errors, bytes_in, bytes_out)
     SELECT xm_system.rate_bucket(now() - b * interval '5 seconds'), s, (random() * 60)::int, (random() * 600)::int, (random() * 2)::int,
            (random() * 300000)::int, (random() * 50000)::int
       FROM generate_series(1, 720) b, generate_series(1, 4) s`,
  );
  say('rejections, conflicts, quarantine, rate buckets');
  await db.query('ANALYZE');
  say('ANALYZE');
}

/**
 * A fresh server database (`kind` names it: ds_bench_<kind>_<run>_server), migrated, with the
 * shipped forms, MONITOR_OPERATOR and the data of seedMonitor. Dropped at cleanup unless
 * `keep`. Returns the scratch database ({ db, url, name }; a pool of 2 for setting up).
 */
export async function monitorFixture(kind, o) {
  const scratch = await scratchDatabase(kind, 'server', 'server', 2, o.keep);
  const setup = createServer({ db: scratch.db });
  await setup.installShippedForms();
  await setup.operators.firstSupervisor(MONITOR_OPERATOR);
  const [op] = await scratch.db.query('SELECT id FROM xm_system.operators WHERE login = $1', [MONITOR_OPERATOR.login]);
  await seedMonitor(scratch.db, o, op.id);
  return scratch;
}

/**
 * Starts the writer (lib/monitor-writer.mjs) on the database at `url`; resolves once it
 * runs. Stopped at cleanup (asked, then killed after 5 s). Returns the child process.
 */
export async function startWriter(url, centres) {
  const writer = fork(fileURLToPath(new URL('./monitor-writer.mjs', import.meta.url)), [url, String(centres)], { stdio: 'inherit' });
  onCleanup(async () => {
    if (writer.exitCode !== null || writer.signalCode !== null) return;
    writer.send('stop');
    await Promise.race([new Promise((r) => writer.once('exit', r)), sleep(5000)]);
    if (writer.exitCode === null && writer.signalCode === null) writer.kill('SIGKILL');
  });
  await new Promise((resolve, reject) => {
    writer.once('message', resolve);
    writer.once('exit', (c) => reject(new Error(`writer exited ${c}`)));
  });
  return writer;
}
