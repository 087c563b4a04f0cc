/**
 * The server's broker test (DESIGN §7) against real brokers: a Mosquitto of the test's own
 * (so that it can be stopped in the middle of a burst) and the embedded aedes broker (MQTT
 * 3.1.1 only). A dead, silent or vanishing broker must end in a transport error within the
 * time-out, never in a hang.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBrokerTest, type BrokerTestResult } from '../../core/src/transport/broker-test.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../core/src/transport/embedded-broker.js';
import { DocstreamError } from '../../core/src/errors.js';
import { freePort, startMosquitto, type TestBroker } from '../support/mosquitto.js';

function expectSound(r: BrokerTestResult, count: number): void {
  expect(r.latency.sent).toBe(count);
  expect(r.latency.received).toBe(count);
  expect(r.throughput.sent).toBe(count);
  expect(r.throughput.received).toBe(count);
  expect(r.received).toBe(r.sent);
  expect(r.lost).toBe(0);
  const l = r.latency;
  expect(l.minMs).toBeGreaterThan(0);
  expect(l.minMs).toBeLessThanOrEqual(l.p50Ms);
  expect(l.p50Ms).toBeLessThanOrEqual(l.p95Ms);
  expect(l.p95Ms).toBeLessThanOrEqual(l.maxMs);
  expect(r.connectMs).toBeGreaterThan(0);
  expect(r.throughput.messagesPerSecond).toBeGreaterThan(0);
  expect(r.throughput.bytesPerSecond).toBeCloseTo(r.throughput.messagesPerSecond * r.payloadBytes, 3);
  expect(r.topic).toMatch(/^ds\/v1\/test\/[0-9a-f]+$/);
}

async function expectTransportError(p: Promise<unknown>): Promise<DocstreamError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(DocstreamError);
  const err = e as DocstreamError;
  expect(err.code).toBe('transport');
  return err;
}

/** Retained messages left under ds/v1/test/ (a fresh subscriber gets them at once). */
/** A TCP server that accepts connections and never says a word: a broker that hangs. */
async function muteServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const mute: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
  const address = mute.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => mute.close(r));
    },
  };
}

async function retainedLeftovers(url: string): Promise<string[]> {
  const c = mqtt.connect(url, { protocolVersion: 4, clean: true, reconnectPeriod: 0 });
  const topics: string[] = [];
  c.on('message', (t) => topics.push(t));
  await new Promise<void>((resolve, reject) => {
    c.once('connect', () => resolve());
    c.once('error', reject);
  });
  await c.subscribeAsync('ds/v1/test/#', { qos: 1 });
  await new Promise((r) => setTimeout(r, 300));
  await c.endAsync();
  return topics;
}

describe('broker test against Mosquitto', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it('measures connect time, ordered latencies and a complete burst, and leaves nothing behind', async () => {
    const progress: [number, number, string][] = [];
    const r = await runBrokerTest({ url: broker.url, count: 200, onProgress: (d, t, p) => progress.push([d, t, p]) });
    expectSound(r, 200);
    expect(r.url).toBe(broker.url);
    expect(r.protocol).toBe('3.1.1');
    expect(r.qos).toBe(1);
    expect(r.grantedQos).toBe(1);
    expect(r.payloadBytes).toBe(1024);
    expect(progress.at(-1)).toEqual([400, 400, 'burst']);
    expect(progress.some(([, , p]) => p === 'latency')).toBe(true);
    expect(await retainedLeftovers(broker.url)).toEqual([]);
  });

  it('works at QoS 0 and over MQTT 5', async () => {
    expectSound(await runBrokerTest({ url: broker.url, count: 50, qos: 0, payloadBytes: 64 }), 50);
    const v5 = await runBrokerTest({ url: broker.url, count: 50, protocolVersion: 5 });
    expectSound(v5, 50);
    expect(v5.protocol).toBe('5.0');
  });

  it('counts as lost, without failing, the messages a broker drops from its queue', async () => {
    // 20 in flight and 10 queued for our subscriber: Mosquitto drops the rest of the burst.
    const small = await startMosquitto(['allow_anonymous true', 'max_inflight_messages 20', 'max_queued_messages 10']);
    try {
      const t0 = performance.now();
      const r = await runBrokerTest({ url: small.url, count: 200, roundTrips: 10, timeoutMs: 1000 });
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(r.latency.lost).toBe(0);
      expect(r.throughput.received).toBeLessThan(200);
      expect(r.throughput.lost).toBe(200 - r.throughput.received);
      expect(r.lost).toBe(r.throughput.lost);
      expect(r.sent).toBe(210);
    } finally {
      await small.stop();
    }
  });

  it('fails with a transport error, not a hang, when the broker stops during the burst', async () => {
    const own = await startMosquitto();
    let stopping: Promise<void> | undefined;
    const t0 = performance.now();
    // Large messages keep the burst going long enough for the broker to die in its middle.
    const err = await expectTransportError(runBrokerTest({
      url: own.url,
      count: 3000,
      payloadBytes: 32 * 1024,
      timeoutMs: 5000,
      onProgress: (_d, _t, phase) => {
        if (phase === 'burst') stopping ??= own.stop();
      },
    }));
    expect(stopping).toBeDefined();
    await stopping;
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(err.en).toContain(own.url);
    expect(err.en).toMatch(/lost during the burst/);
    expect(err.fr).toMatch(/perdue pendant la rafale/);
  });
});

describe('broker test cancelled (a console\'s Esc)', () => {
  it('ends a running burst at once with a cancellation, and leaves nothing on the broker', async () => {
    const own = await startMosquitto();
    try {
      const controller = new AbortController();
      const phases: string[] = [];
      const e = await runBrokerTest({
        url: own.url,
        count: 3000,
        payloadBytes: 32 * 1024,
        signal: controller.signal,
        onProgress: (_d, _t, phase) => {
          phases.push(phase);
          if (phase === 'burst') controller.abort();
        },
      }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DocstreamError);
      expect((e as DocstreamError).code).toBe('cancelled');
      expect((e as DocstreamError).en).toContain(own.url);
      expect((e as DocstreamError).fr).toMatch(/annulé/);
      expect(phases.filter((p) => p === 'burst').length).toBeLessThan(3000);
      expect(await retainedLeftovers(own.url)).toEqual([]);
      // the broker is fine: a new test runs to the end
      expectSound(await runBrokerTest({ url: own.url, count: 20 }), 20);
    } finally {
      await own.stop();
    }
  });

  it('cancels while waiting for a broker that never answers, long before its time-out', async () => {
    const { port, close } = await muteServer();
    try {
      const controller = new AbortController();
      const running = runBrokerTest({ url: `mqtt://127.0.0.1:${port}`, timeoutMs: 600_000, signal: controller.signal, onProgress: () => setTimeout(() => controller.abort(), 50) });
      const e = await running.catch((x: unknown) => x);
      expect((e as DocstreamError).code).toBe('cancelled');
    } finally {
      await close();
    }
  });

  it('an aborted signal stops it before it connects', async () => {
    const e = await runBrokerTest({ url: 'mqtt://127.0.0.1:1', signal: AbortSignal.abort() }).catch((x: unknown) => x);
    expect((e as DocstreamError).code).toBe('cancelled');
  });
});

describe('broker test against the embedded aedes broker (MQTT 3.1.1)', () => {
  let broker: EmbeddedBroker;
  beforeAll(async () => {
    broker = await startEmbeddedBroker(0);
  });
  afterAll(async () => {
    await broker?.close();
  });

  it('measures it too, and never echoes a password', async () => {
    // aedes accepts any credentials by default: the URL's password must still not come back.
    const withPassword = broker.url.replace('mqtt://', 'mqtt://ops:s3cret@');
    // Few round trips: aedes and mqtt.js both leave Nagle on, so a QoS 1 round trip waits for
    // delayed ACKs (~90 ms here); TCP_NODELAY on the test's side halves it.
    const r = await runBrokerTest({ url: withPassword, count: 20, noDelay: true });
    expectSound(r, 20);
    expect(r.protocol).toBe('3.1.1');
    expect(r.noDelay).toBe(true);
    expect(r.url).toBe(broker.url.replace('mqtt://', 'mqtt://ops@'));
    expect(JSON.stringify(r)).not.toContain('s3cret');
    expect(await retainedLeftovers(broker.url)).toEqual([]);
  });

  it('refuses MQTT 5, which aedes does not speak, with a transport error', async () => {
    const err = await expectTransportError(runBrokerTest({ url: broker.url, count: 5, protocolVersion: 5, timeoutMs: 3000 }));
    expect(err.en).toContain(broker.url);
    expect(err.en).toMatch(/MQTT 3\.1\.1/);
  });
});

describe('broker test against no broker', () => {
  it('says quickly that an unreachable broker is unreachable, naming the URL and what to check', async () => {
    const port = await freePort(); // nothing listens there
    const url = `mqtt://admin:hunter2@127.0.0.1:${port}`;
    const t0 = performance.now();
    const err = await expectTransportError(runBrokerTest({ url, timeoutMs: 3000 }));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(err.en).toContain(`mqtt://admin@127.0.0.1:${port}`);
    expect(err.fr).toContain(`127.0.0.1:${port}`);
    expect(`${err.en} ${err.fr}`).not.toContain('hunter2');
    expect(err.en).toMatch(/MQTT_URL/);
    expect(err.en).toMatch(/firewall/);
    expect(err.fr).toMatch(/pare-feu/);
  });

  it('gives up on a server that accepts the connection but never answers, within the time-out', async () => {
    const { port, close } = await muteServer();
    try {
      const t0 = performance.now();
      const err = await expectTransportError(runBrokerTest({ url: `mqtt://127.0.0.1:${port}`, timeoutMs: 1000 }));
      const elapsed = performance.now() - t0;
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(4000);
      expect(err.en).toContain(`mqtt://127.0.0.1:${port}`);
    } finally {
      await close();
    }
  });

  it('refuses nonsense options before connecting', async () => {
    const e = await runBrokerTest({ url: 'mqtt://127.0.0.1:1', count: 0 }).catch((x: unknown) => x);
    expect((e as DocstreamError).code).toBe('validation');
  });
});
