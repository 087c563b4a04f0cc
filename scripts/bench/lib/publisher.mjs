// The load generator of ingest.mjs, in its own process so that its work does not run on
// the server's thread (it still shares the machine's cores). Started with fork(); talks
// over IPC:
//   parent → { cmd: 'load', file }         reads length-prefixed containers written by ingest.mjs
//   parent → { cmd: 'go', window }         publishes them all, QoS 1, from `publishers` clients;
//                                          window > 0: at most that many containers published
//                                          and not yet acknowledged by the server, all centres together
//   child  → { ev: 'ready' } / { ev: 'loaded', count } / { ev: 'published', ms } /
//            { ev: 'acks', count, lastMs } / { ev: 'cpu', user, system }
// A collector client subscribes to every down topic and counts the server's answers.

import { readFileSync } from 'node:fs';
import net from 'node:net';
import mqtt from 'mqtt';

if (process.env.BENCH_NODELAY) {
  const original = net.createConnection;
  net.createConnection = (...args) => original.apply(net, args).setNoDelay(true);
}

const [url, publishersArg, outstandingArg] = process.argv.slice(2);
const PUBLISHERS = Number(publishersArg) || 4;
const OUTSTANDING = Number(outstandingArg) || 200; // QoS 1 publishes awaiting PUBACK, per client
const send = (m) => process.send(m);

function client(id, extra = {}) {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url, { clientId: id, clean: true, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 10_000, ...extra });
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  });
}

const pubs = await Promise.all(Array.from({ length: PUBLISHERS }, (_, i) => client(`ds-bench-pub-${process.pid}-${i}`)));
const collector = await client(`ds-bench-acks-${process.pid}`);
let acks = 0;
let lastAck = 0;
let t0 = 0;
let window = 0;
let open = 0; // published, not yet answered
const blocked = [];
collector.on('message', () => {
  acks++;
  lastAck = performance.now();
  open--;
  blocked.shift()?.();
});
async function slot() {
  while (window > 0 && open >= window) await new Promise((r) => blocked.push(r));
  open++;
}
await collector.subscribeAsync('ds/v1/down/+', { qos: 1 });

let loaded = [];
const ticker = setInterval(() => send({ ev: 'acks', count: acks, lastMs: lastAck ? lastAck - t0 : 0 }), 100);

process.on('message', async (m) => {
  if (m.cmd === 'load') {
    const buf = readFileSync(m.file);
    loaded = [];
    for (let o = 0; o < buf.length;) {
      const topicLen = buf.readUInt16BE(o);
      const topic = buf.toString('utf8', o + 2, o + 2 + topicLen);
      o += 2 + topicLen;
      const len = buf.readUInt32BE(o);
      loaded.push({ topic, payload: buf.subarray(o + 4, o + 4 + len) });
      o += 4 + len;
    }
    acks = 0;
    lastAck = 0;
    open = 0;
    send({ ev: 'loaded', count: loaded.length });
  } else if (m.cmd === 'go') {
    const cpu0 = process.cpuUsage();
    window = m.window ?? 0;
    t0 = performance.now();
    // Each centre's containers go out from one client (matricule mod PUBLISHERS), in the
    // order written (the caller interleaves the centres), so each centre's seqs stay in order.
    const lanes = pubs.map(() => []);
    for (const c of loaded) lanes[Number(c.topic.slice(c.topic.lastIndexOf('/') + 1)) % PUBLISHERS].push(c);
    await Promise.all(lanes.map(async (lane, k) => {
      let next = 0;
      const worker = async () => {
        while (next < lane.length) {
          const c = lane[next++];
          await slot();
          await pubs[k].publishAsync(c.topic, c.payload, { qos: 1 });
        }
      };
      await Promise.all(Array.from({ length: OUTSTANDING }, worker));
    }));
    const cpu = process.cpuUsage(cpu0);
    send({ ev: 'published', ms: performance.now() - t0, user: cpu.user / 1e6, system: cpu.system / 1e6 });
  } else if (m.cmd === 'stop') {
    clearInterval(ticker);
    await Promise.all([...pubs, collector].map((c) => c.endAsync(true).catch(() => {})));
    process.exit(0);
  }
});
send({ ev: 'ready' });
