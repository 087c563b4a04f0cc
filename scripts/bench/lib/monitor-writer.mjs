// The traffic of the monitor benchmarks (lib/monitor-fixture.mjs startWriter): plays the
// running service in a child process, so that its CPU is not the monitor's.
//
//   node scripts/bench/lib/monitor-writer.mjs <database url> <centres>   (forked, with IPC)
//
// Every 100 ms, in one transaction on its own pool (application_name ds-bench-writer): the
// counters of 5 random centres and the rate bucket (addTraffic, as the ingest does for a
// container); every second a logged rejection; every 5 s the service heartbeat
// (announceService). Sends 'ready' once it runs; stops on the message 'stop'.

import { performance } from 'node:perf_hooks';
import { createDatabase, createServer } from '@docstream/core';
// Not the public API: the statements the ingest runs, called one by one.
import { addTraffic, insertRejections } from '../../../core/dist/server/queries/exchange.js';
import { sleep } from './env.mjs';
import { rng } from './names.mjs';

const [url, centres] = [process.argv[2], Number(process.argv[3])];
const db = createDatabase({ connectionString: `${url}?application_name=ds-bench-writer`, max: 2, embedded: false, description: 'writer' });
const server = createServer({ db });
const beacon = await server.transport.announceService({ broker: 'mqtt://127.0.0.1:1883', concurrency: 4, heartbeatMs: 5000 });
const r = rng(7);
const stats = { received: 0, accepted: 0, rejected: 0, documents: 0, queued: 0, connected: true };
let tick = 0;
let stopping = false;
process.on('message', (m) => {
  if (m === 'stop') stopping = true;
});
// The parent gone (killed), no one will say stop.
process.on('disconnect', () => {
  stopping = true;
});
process.send?.('ready');
while (!stopping) {
  const started = performance.now();
  const now = new Date();
  await db.tx(async (q) => {
    for (let i = 0; i < 5; i++) {
      const m = String(1 + Math.floor(r.next() ** 2 * centres)).padStart(5, '0');
      const docs = r.int(1, 20);
      await addTraffic(q, m, { containersIn: 1, documentsIn: docs, acksOut: 1, bytesIn: 600 + docs * 450, bytesOut: 900 }, now);
      stats.received++;
      stats.accepted++;
      stats.documents += docs;
    }
    if (tick % 10 === 0) {
      await insertRejections(q, [{ at: now, src: String(r.int(1, centres)).padStart(5, '0'), step: 'timestamp', detail: 'ts implausible', bytes: 700 }]);
      stats.rejected++;
    }
  });
  if (tick % 50 === 0) await beacon.beat(stats);
  tick++;
  await sleep(Math.max(0, 100 - (performance.now() - started)));
}
await beacon.stopped({ ...stats, connected: false });
await db.close();
process.exit(0);
