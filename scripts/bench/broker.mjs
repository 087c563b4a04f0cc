#!/usr/bin/env node
// The broker test of DESIGN §7 (runBrokerTest, what `docstream-server broker-test` runs) as a
// benchmark: connect time, round-trip latency (publish → receipt of our own message, one at
// a time) and the throughput of a burst published back to back, on three brokers:
//
//   mosquitto          the machine's broker, --url (default mqtt://127.0.0.1:1883), private
//                      random topics ds/v1/test/<hex>, nothing retained
//   aedes in-process   startEmbeddedBroker on a free port in this process: what `broker-test`
//                      measures when no MQTT_URL is set and no service runs (broker, publisher
//                      and subscriber share one event loop)
//   aedes child        startEmbeddedBroker in a child Node process: what a centre sees of the
//                      embedded broker hosted by `docstream-server run`
//
// Scenarios, each run --runs times on each broker; the median run (by throughput) is shown:
//   default     --count round trips and a burst of --count, --size bytes, QoS 1 (the CLI's defaults)
//   burst       --burst messages of --size bytes, QoS 1 (50 round trips). Past ~1,020 (20 in
//               flight + max_queued_messages 1000, Mosquitto's defaults) Mosquitto drops the
//               QoS 1 messages queued for our subscriber: they show as lost, not as an error.
//   containers  --containers messages of 48 KiB, QoS 1, the size a centre packs (50 round trips)
//   qos0        --burst messages of --size bytes, QoS 0 (50 round trips)
//   nodelay     the default scenario with TCP_NODELAY on the test's socket (the services'
//               link, openLink, leaves Nagle on: this shows what that costs)
//
//   npx tsc -b && node scripts/bench/broker.mjs [--url mqtt://127.0.0.1:1883] [--count 200]
//        [--size 1024] [--burst 1000] [--containers 1000] [--runs 3] [--no-aedes] [--max-minutes 8]

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runBrokerTest, startEmbeddedBroker } from '@docstream/core';
import { fixed, guard, int, onCleanup, parseArgs, run } from './lib/env.mjs';

const USAGE = `usage: node scripts/bench/broker.mjs [options]
  --url URL          the Mosquitto to measure (default mqtt://127.0.0.1:1883; "" = skip)
  --count N          round trips and burst of the default scenario (default 200, the CLI's)
  --size BYTES       message size of the default, burst and qos0 scenarios (default 1024)
  --burst N          messages in the burst and qos0 scenarios (default 1000: a Mosquitto with
                     the default max_queued_messages 1000 drops QoS 1 messages beyond ~1020)
  --containers N     48 KiB messages in the containers scenario (default 1000)
  --runs N           runs of each scenario on each broker; the median is shown (default 3)
  --no-aedes         Mosquitto only
  --max-minutes N    stop and clean up after this (default 8)`;

const opts = parseArgs(process.argv.slice(2), {
  url: 'mqtt://127.0.0.1:1883', count: 200, size: 1024, burst: 1000, containers: 1000, runs: 3, noAedes: false, maxMinutes: 8,
}, USAGE);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The embedded broker in a Node process of its own, as `docstream-server run` hosts it. */
async function childAedes() {
  const code = `import { startEmbeddedBroker } from '@docstream/core';
const b = await startEmbeddedBroker(0);
process.stdout.write(b.url + '\\n');
process.on('SIGTERM', async () => { await b.close(); process.exit(0); });`;
  const proc = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  onCleanup(async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(line.trim());
    });
    proc.once('exit', (c) => reject(new Error(`embedded broker process exited (${c})`)));
  });
  return { url, pid: proc.pid };
}

function versionOf(cmd, args, re) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let s = '';
    p.stdout.on('data', (d) => (s += d));
    p.stderr.on('data', (d) => (s += d));
    p.on('close', () => resolve(re.exec(s)?.[1] ?? 'unknown'));
    p.on('error', () => resolve('not installed'));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

async function main() {
  guard(opts.maxMinutes);
  const cpu = cpus();
  // Hoisted by npm workspaces; aedes does not export its package.json to require().
  const pkg = (name) => {
    try {
      return JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
    } catch {
      return '?';
    }
  };
  console.log('Docstream broker benchmark: connect, round-trip latency, burst throughput (runBrokerTest)');
  console.log(`machine:    ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}`);
  console.log(`software:   Node ${process.versions.node}, Mosquitto ${await versionOf('mosquitto', ['-h'], /mosquitto version (\S+)/)}, aedes ${pkg('aedes')}, mqtt.js ${pkg('mqtt')}`);
  console.log(`runs:       ${opts.runs} of each scenario on each broker; median run (by messages/s) shown; MQTT 3.1.1, clean session`);

  const brokers = [];
  if (opts.url) brokers.push({ name: 'mosquitto', url: opts.url });
  if (!opts.noAedes) {
    const local = await startEmbeddedBroker(0);
    onCleanup(() => local.close());
    brokers.push({ name: 'aedes in-process', url: local.url });
    const child = await childAedes();
    brokers.push({ name: 'aedes child', url: child.url });
  }
  console.log(`brokers:    ${brokers.map((b) => `${b.name} ${b.url}`).join('; ')}\n`);

  const scenarios = [
    { name: 'default', count: opts.count, payloadBytes: opts.size, qos: 1 },
    { name: 'burst', count: opts.burst, roundTrips: 50, payloadBytes: opts.size, qos: 1 },
    { name: 'containers', count: opts.containers, roundTrips: 50, payloadBytes: 48 * 1024, qos: 1 },
    { name: 'qos0', count: opts.burst, roundTrips: 50, payloadBytes: opts.size, qos: 0 },
    { name: 'nodelay', count: opts.count, payloadBytes: opts.size, qos: 1, noDelay: true },
  ];

  const col = (v, w) => String(v).padStart(w);
  const header = `${'broker'.padEnd(17)} ${'scenario'.padEnd(10)} ${col('msgs', 5)} ${col('bytes', 6)} ${col('QoS', 3)} ${col('connect', 8)} ${col('rt min', 7)} ${col('p50', 7)} ${col('p95', 7)} ${col('max', 7)} ${col('msgs/s', 8)} ${col('MiB/s', 7)} ${col('lost', 4)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const b of brokers) {
    // Unmeasured: the first connection of a process pays for module loading and JIT.
    await runBrokerTest({ url: b.url, count: 20, timeoutMs: 15_000, noDelay: true });
    for (const s of scenarios) {
      const results = [];
      for (let i = 0; i < opts.runs; i++) {
        const { name: _n, ...o } = s;
        results.push(await runBrokerTest({ url: b.url, timeoutMs: 15_000, ...o }));
      }
      // The median run by throughput, so that the row's figures come from one real run.
      const byRate = [...results].sort((x, y) => x.throughput.messagesPerSecond - y.throughput.messagesPerSecond);
      const r = byRate[Math.floor((byRate.length - 1) / 2)];
      const lost = results.reduce((a, x) => a + x.lost, 0);
      const ms = (v) => fixed(v, v < 10 ? 2 : 1);
      console.log(
        `${b.name.padEnd(17)} ${s.name.padEnd(10)} ${col(int(s.count), 5)} ${col(int(s.payloadBytes), 6)} ${col(s.qos, 3)} ${col(ms(median(results.map((x) => x.connectMs))), 8)} ` +
          `${col(ms(r.latency.minMs), 7)} ${col(ms(r.latency.p50Ms), 7)} ${col(ms(r.latency.p95Ms), 7)} ${col(ms(r.latency.maxMs), 7)} ` +
          `${col(int(r.throughput.messagesPerSecond), 8)} ${col(fixed(r.throughput.bytesPerSecond / 2 ** 20, 1), 7)} ${col(lost, 4)}`,
      );
    }
  }
  console.log(`\n  connect: TCP + MQTT CONNECT/CONNACK, median of the runs, ms; rt: round trip publish → own message back, ms`);
  console.log(`  (default and nodelay: --count round trips; the others: 50); msgs/s, MiB/s: the burst, from its first publish`);
  console.log(`  until every message was received and acknowledged, payload bytes only; lost: over all runs.`);
  return 0;
}

await run(main);
