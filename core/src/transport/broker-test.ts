import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { IClientOptions, MqttClient } from 'mqtt';
import { DocstreamError } from '../errors.js';
import { isLocalBroker, type LinkOptions } from './mqtt-link.js';
import { mqttLib } from './mqtt-lib.js';

/** What the test is doing when it reports progress. */
export type BrokerTestPhase = 'connect' | 'latency' | 'burst';

export interface BrokerTestOptions extends Pick<LinkOptions, 'tls' | 'username' | 'password'> {
  /** The broker, as MQTT_URL gives it (a password in it is never echoed back). */
  url: string;
  clientId?: string;
  /** Round trips measured, and messages in the burst (default 200). */
  count?: number;
  /** Round trips alone, when they should differ from the burst (default: count). */
  roundTrips?: number;
  /** Payload of each message (default 1024 bytes, at least 8). */
  payloadBytes?: number;
  /** QoS of the publications and of the subscription (default 1, what the services use). */
  qos?: 0 | 1;
  /** 4 = MQTT 3.1.1 (default: what the services speak, and all aedes knows), 5 = MQTT 5. */
  protocolVersion?: 4 | 5;
  /**
   * TCP_NODELAY on the test's socket. By default as the services' link (openLink) does:
   * on for a broker on this machine, off otherwise; the figures are those a transmission sees. Against aedes, which leaves Nagle on too, a
   * QoS 1 round trip then costs ~40–90 ms of delayed ACKs that turning it on removes.
   */
  noDelay?: boolean;
  /**
   * How long any single step may wait without progress (connecting, one round trip, the
   * burst), default 10 s: the test never hangs longer on a dead or silent broker.
   */
  timeoutMs?: number;
  /** `total` is roundTrips + count: the round trips, then the burst's messages received. */
  onProgress?: (done: number, total: number, phase: BrokerTestPhase) => void;
  /**
   * Aborting ends the test at once (a console's Esc): the connection is cut and the promise
   * rejects with a DocstreamError whose code is `cancelled`.
   */
  signal?: AbortSignal;
}

export interface BrokerTestResult {
  /** The broker tested, without its password. */
  url: string;
  protocol: '3.1.1' | '5.0';
  protocolVersion: 4 | 5;
  clientId: string;
  /** The private topic used, `ds/v1/test/<random>`. */
  topic: string;
  qos: 0 | 1;
  /** QoS the broker granted on the subscription (it may downgrade). */
  grantedQos: 0 | 1 | 2;
  count: number;
  payloadBytes: number;
  /** Whether the test's socket had TCP_NODELAY (see the option). */
  noDelay: boolean;
  /**
   * TCP (+ TLS) and MQTT CONNECT → CONNACK. In a fresh process it includes ~10 ms of the
   * client's own first-use cost (measured on loopback: ~11 ms cold, ~1 ms warm).
   */
  connectMs: number;
  /** Sequential publish → receipt of our own message, one at a time. */
  latency: { sent: number; received: number; lost: number; minMs: number; p50Ms: number; p95Ms: number; maxMs: number; meanMs: number };
  /**
   * `count` messages published back to back; timed from the first publish until every one
   * was received and (QoS 1) acknowledged. Bytes are payload bytes, without MQTT framing.
   */
  throughput: { sent: number; received: number; lost: number; seconds: number; messagesPerSecond: number; bytesPerSecond: number };
  /** Both phases together. */
  sent: number;
  received: number;
  lost: number;
}

const WARM_UP = 1;
const ROUND_TRIP = 2;
const BURST = 3;
/** Phase byte + uint32 sequence number at the head of every payload. */
const HEADER_BYTES = 5;
const MAX_PAYLOAD = 16 * 1024 * 1024;
const MAX_COUNT = 100_000;
const MAX_BURST_BYTES = 256 * 1024 * 1024;
/** Round trips lost in a row before the broker is judged not to be delivering at all. */
const MAX_LOST_IN_A_ROW = 3;
const TIMED_OUT = Symbol('timed out');

/** The URL without its password, for messages and results (it ends up in logs and on screens). */
export function redactBrokerUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@');
  }
}

const NEXT_STEPS_FR = 'Vérifiez MQTT_URL (adresse et port), que le courtier tourne, et que le pare-feu laisse passer ce port.';
const NEXT_STEPS_EN = 'Check MQTT_URL (address and port), that the broker is running, and that the firewall lets this port through.';

function cancelled(url: string): DocstreamError {
  return new DocstreamError('cancelled', `Test du courtier ${url} annulé : aucun chiffre retenu.`, `Broker test of ${url} cancelled: no figures kept.`);
}

function unreachable(url: string, detail: string, cause?: unknown): DocstreamError {
  return new DocstreamError(
    'transport',
    `Test du courtier impossible : courtier MQTT injoignable (${url} : ${detail}). ${NEXT_STEPS_FR}`,
    `Broker test failed: MQTT broker unreachable (${url}: ${detail}). ${NEXT_STEPS_EN}`,
    { cause },
  );
}

function refused(url: string, reason: string, rc: number, cause?: unknown): DocstreamError {
  if (rc === 1 || rc === 132) {
    return new DocstreamError(
      'transport',
      `Test du courtier impossible : le courtier ${url} refuse cette version du protocole MQTT (${reason}). Les services parlent MQTT 3.1.1 : testez avec la version 4.`,
      `Broker test failed: the broker ${url} refuses this MQTT protocol version (${reason}). The services speak MQTT 3.1.1: test with version 4.`,
      { cause },
    );
  }
  return new DocstreamError(
    'transport',
    `Test du courtier impossible : le courtier ${url} refuse la connexion (${reason}). Vérifiez l’utilisateur et le mot de passe (dans MQTT_URL) ou le certificat client, et l’ACL du courtier.`,
    `Broker test failed: the broker ${url} refuses the connection (${reason}). Check the user name and password (in MQTT_URL) or the client certificate, and the broker's ACL.`,
    { cause },
  );
}

function lost(url: string, doingFr: string, doingEn: string, cause?: unknown): DocstreamError {
  return new DocstreamError(
    'transport',
    `Test du courtier interrompu : connexion au courtier ${url} perdue ${doingFr}. ${NEXT_STEPS_FR} Puis relancez le test.`,
    `Broker test interrupted: connection to the broker ${url} lost ${doingEn}. ${NEXT_STEPS_EN} Then run the test again.`,
    { cause },
  );
}

function silent(url: string, seconds: number, doingFr: string, doingEn: string): DocstreamError {
  return new DocstreamError(
    'transport',
    `Test du courtier interrompu : le courtier ${url} ne répond plus depuis ${seconds} s ${doingFr}. Il est peut-être surchargé ou bloqué : ${NEXT_STEPS_FR}`,
    `Broker test interrupted: the broker ${url} has not answered for ${seconds} s ${doingEn}. It may be overloaded or stuck: ${NEXT_STEPS_EN}`,
  );
}

function notDelivering(url: string, topic: string, cause?: unknown): DocstreamError {
  return new DocstreamError(
    'transport',
    `Test du courtier impossible : le courtier ${url} accepte la connexion mais ne renvoie pas les messages publiés sur ${topic}. Vérifiez que son ACL permet à ce client de publier et de s’abonner sur ds/v1/test/#.`,
    `Broker test failed: the broker ${url} accepts the connection but does not deliver the messages published on ${topic}. Check that its ACL lets this client publish and subscribe on ds/v1/test/#.`,
    { cause },
  );
}

/** Why a socket-level failure happened, in words an operator can act on. */
function describe(e: Error | undefined, timeoutMs: number): string {
  if (!e) return 'connexion fermée / connection closed';
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'ECONNREFUSED';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${code}`;
  if (e.message === 'connack timeout') return `no CONNACK within ${Math.round(timeoutMs / 1000)} s`;
  return code ? `${code}: ${e.message}` : e.message;
}

function validate(count: number, roundTrips: number, payloadBytes: number, qos: number, timeoutMs: number, protocolVersion: number): void {
  const problems: string[] = [];
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) problems.push(`count 1–${MAX_COUNT}`);
  if (!Number.isInteger(roundTrips) || roundTrips < 1 || roundTrips > MAX_COUNT) problems.push(`roundTrips 1–${MAX_COUNT}`);
  if (!Number.isInteger(payloadBytes) || payloadBytes < 8 || payloadBytes > MAX_PAYLOAD) problems.push(`payloadBytes 8–${MAX_PAYLOAD}`);
  // The whole burst sits in memory at once (see runBrokerTest).
  else if (count * payloadBytes > MAX_BURST_BYTES) problems.push(`count × payloadBytes ≤ ${MAX_BURST_BYTES}`);
  if (qos !== 0 && qos !== 1) problems.push('qos 0|1');
  if (!(timeoutMs > 0)) problems.push('timeoutMs > 0');
  if (protocolVersion !== 4 && protocolVersion !== 5) problems.push('protocolVersion 4|5');
  if (problems.length > 0) {
    throw new DocstreamError('validation', `Test du courtier : valeurs attendues ${problems.join(', ')}.`, `Broker test: expected ${problems.join(', ')}.`);
  }
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The server's broker test (DESIGN §7): connect time, then `roundTrips` sequential round trips
 * (publish, receive our own message) for latency, then a burst of `count` messages back to
 * back for throughput, on a private topic under a clean session so nothing stays behind on
 * the broker (no retained message, no session). MQTT 3.1.1 unless asked otherwise, because
 * that is what the services speak and all the embedded aedes broker knows: the figures are
 * those the transmissions will see.
 *
 * Its own mqtt.js client rather than openLink: the test needs a connection that fails
 * instead of reconnecting forever, QoS 0, unsubscribe and connect timing.
 */
export async function runBrokerTest(opts: BrokerTestOptions): Promise<BrokerTestResult> {
  const count = opts.count ?? 200;
  const roundTrips = opts.roundTrips ?? count;
  const payloadBytes = opts.payloadBytes ?? 1024;
  const qos = opts.qos ?? 1;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const protocolVersion = opts.protocolVersion ?? 4;
  validate(count, roundTrips, payloadBytes, qos, timeoutMs, protocolVersion);
  const url = redactBrokerUrl(opts.url);
  if (opts.signal?.aborted) throw cancelled(url);
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  const clientId = opts.clientId ?? `ds-test-${randomBytes(6).toString('hex')}`;
  const topic = `ds/v1/test/${randomBytes(8).toString('hex')}`;
  const total = roundTrips + count;
  const progress = opts.onProgress ?? (() => {});

  // Random filler so that nothing on the path (a compressing VPN or TLS tunnel) flatters the figures.
  const filler = randomBytes(payloadBytes);
  const frame = (phase: number, seq: number): Buffer => {
    const b = Buffer.from(filler);
    b[0] = phase;
    b.writeUInt32BE(seq, 1);
    return b;
  };

  const options: IClientOptions = {
    clientId,
    clean: true,
    protocolVersion,
    reconnectPeriod: 0, // a test reports the failure; it does not paper over it
    connectTimeout: timeoutMs,
    keepalive: Math.max(5, Math.min(60, seconds * 2)),
    queueQoSZero: false,
    resubscribe: false,
  };
  if (opts.username) options.username = opts.username;
  if (opts.password) options.password = opts.password;
  if (opts.tls) Object.assign(options, { ca: opts.tls.ca, cert: opts.tls.cert, key: opts.tls.key, rejectUnauthorized: true });

  // Every wait races against `aborted`, which rejects as soon as the connection fails: a
  // broker that goes away ends the test at once instead of at the next time-out.
  let connected = false;
  let finished = false;
  let lastError: Error | undefined;
  let doing: [string, string] = ['en se connectant', 'while connecting'];
  let rejectAbort: (e: DocstreamError) => void = () => {};
  const aborted = new Promise<never>((_, reject) => (rejectAbort = reject));
  aborted.catch(() => {});
  let failure: DocstreamError | undefined;
  const fail = (e: DocstreamError) => {
    if (finished || failure) return;
    failure = e;
    rejectAbort(e);
  };

  const onAbort = () => fail(cancelled(url));
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  progress(0, total, 'connect');
  let client: MqttClient;
  try {
    client = mqttLib().connect(opts.url, options);
  } catch (e) {
    opts.signal?.removeEventListener('abort', onAbort);
    // mqtt.js throws at once on a URL it cannot parse (no mqtt:// or mqtts://, say).
    throw unreachable(url, e instanceof Error ? e.message : String(e), e);
  }
  // Timed from here: Node opens the socket only once this synchronous code has run (after
  // the DNS lookup, or on the next tick for an address), and the first mqtt.connect() of a
  // process spends ~30–40 ms loading and compiling its own code, which is not the broker's.
  const t0 = performance.now();

  // Latency phase: the one round trip under way. Burst phase: which messages came back.
  let waiting: { phase: number; seq: number; resolve: (at: number) => void } | undefined;
  const seen = new Uint8Array(count);
  let burstReceived = 0;
  let lastBurstAt = 0;
  let outstanding = 0; // publications not yet acknowledged (QoS 1) or written (QoS 0)
  let acked = 0;
  let lastAckAt = 0;
  let roundTripsDone = 0;

  client.on('error', (e) => {
    lastError = e;
    const rc = (e as { code?: unknown }).code;
    // CONNACK refusals carry a numeric reason code: credentials or ACL, not the network.
    if (!connected && typeof rc === 'number') fail(refused(url, e.message, rc, e));
  });
  client.on('close', () => {
    if (!connected) fail(unreachable(url, describe(lastError, timeoutMs), lastError));
    else fail(lost(url, doing[0], doing[1], lastError));
  });
  client.on('message', (t, payload) => {
    if (t !== topic || payload.length < HEADER_BYTES) return;
    const phase = payload[0];
    const seq = payload.readUInt32BE(1);
    const now = performance.now();
    if (phase === BURST) {
      if (seq < count && !seen[seq]) {
        seen[seq] = 1;
        burstReceived++;
        lastBurstAt = now;
        progress(roundTrips + burstReceived, total, 'burst');
      }
    } else if (waiting && waiting.phase === phase && waiting.seq === seq) {
      waiting.resolve(now);
    }
  });

  const publish = (body: Buffer) => {
    outstanding++;
    client.publish(topic, body, { qos, retain: false }, (err) => {
      outstanding--;
      if (err) {
        // An MQTT 5 broker may refuse a publication in its PUBACK (ACL): say which.
        fail(typeof (err as { code?: unknown }).code === 'number' ? notDelivering(url, topic, err) : lost(url, doing[0], doing[1], err));
        return;
      }
      acked++;
      lastAckAt = performance.now();
    });
  };

  /** Resolves with `p`, or fails with the connection, or after `timeoutMs` with `onTimeout()`. */
  const within = async <T>(p: Promise<T>, onTimeout: () => T | DocstreamError): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const r = await Promise.race([p, aborted, new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs)))]);
      if (r !== TIMED_OUT) return r;
      const v = onTimeout();
      if (v instanceof DocstreamError) throw v;
      return v;
    } finally {
      clearTimeout(timer);
    }
  };

  /** One publish → receipt; undefined when it did not come back in time. */
  const roundTrip = async (phase: number, seq: number): Promise<number | undefined> => {
    const back = new Promise<number>((resolve) => (waiting = { phase, seq, resolve }));
    const body = frame(phase, seq);
    const start = performance.now();
    publish(body);
    try {
      const at = await within<number | undefined>(back, () => undefined);
      return at === undefined ? undefined : at - start;
    } finally {
      waiting = undefined;
    }
  };

  try {
    await within(
      new Promise<void>((resolve) => client.once('connect', () => resolve())),
      () => unreachable(url, `no answer within ${seconds} s`, lastError),
    );
    connected = true;
    const connectMs = performance.now() - t0;
    if (opts.noDelay ?? isLocalBroker(opts.url)) (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);

    doing = ['pendant l’abonnement', 'while subscribing'];
    const granted = await within(client.subscribeAsync(topic, { qos }), () => silent(url, seconds, 'à l’abonnement', 'to the subscription'));
    const grantedQos = granted[0]?.qos ?? 128;
    if (grantedQos === 128) throw notDelivering(url, topic);

    // One unmeasured round trip: it proves that the broker routes our messages back (an ACL
    // may accept a publication and drop it silently) and keeps set-up costs out of the figures.
    doing = ['pendant la mesure de latence', 'while measuring latency'];
    if ((await roundTrip(WARM_UP, 0)) === undefined) throw notDelivering(url, topic);

    const latencies: number[] = [];
    let lostInARow = 0;
    for (let i = 0; i < roundTrips; i++) {
      const ms = await roundTrip(ROUND_TRIP, i);
      roundTripsDone++;
      if (ms === undefined) {
        if (++lostInARow >= MAX_LOST_IN_A_ROW) throw silent(url, seconds * MAX_LOST_IN_A_ROW, 'pendant la mesure de latence', 'while measuring latency');
      } else {
        lostInARow = 0;
        latencies.push(ms);
      }
      progress(roundTripsDone, total, 'latency');
    }

    // Acknowledgements of the last round trips are not part of the burst.
    await drain(() => outstanding === 0, () => acked, () => false, timeoutMs, aborted, () => silent(url, seconds, 'pendant la mesure de latence', 'while measuring latency'));
    doing = ['pendant la rafale', 'during the burst'];
    const burstStart = performance.now();
    // Back to back, all handed to mqtt.js at once. Pacing the burst on the socket's 'drain'
    // was tried: Mosquitto 2.0.11 then dropped up to half of a 1,000 × 48 KiB burst queued
    // for us (and once stalled), where handing it over at once delivered all of it, ten runs
    // out of ten.
    // mqtt.js waits for 'drain' with one listener per queued message: expected here.
    (client.stream as unknown as { setMaxListeners?: (n: number) => void }).setMaxListeners?.(0);
    for (let i = 0; i < count; i++) publish(frame(BURST, i));
    const burstAcked = () => acked - roundTrips - 1;
    const complete = await drain(
      () => burstReceived === count && outstanding === 0,
      () => burstReceived + acked,
      () => outstanding === 0,
      timeoutMs,
      aborted,
      () => silent(url, seconds, `pendant la rafale (${burstReceived} reçus et ${burstAcked()} acquittés sur ${count})`, `during the burst (${burstReceived} received and ${burstAcked()} acknowledged of ${count})`),
    );
    const burstEnd = complete ? Math.max(lastBurstAt, lastAckAt) : Math.max(lastBurstAt, burstStart);
    const burstSeconds = Math.max(1e-6, (burstEnd - burstStart) / 1000);

    doing = ['à la fin du test', 'at the end of the test'];
    finished = true;
    // Clean session: the broker drops the subscription with the session anyway; unsubscribing
    // first is only manners, so a broker that dies now does not spoil measured figures.
    await Promise.race([client.unsubscribeAsync(topic).catch(() => {}), sleep(Math.min(timeoutMs, 2000))]);

    latencies.sort((a, b) => a - b);
    const latencyLost = roundTrips - latencies.length;
    const burstLost = count - burstReceived;
    return {
      url,
      protocol: protocolVersion === 5 ? '5.0' : '3.1.1',
      protocolVersion,
      clientId,
      topic,
      qos,
      grantedQos: grantedQos as 0 | 1 | 2,
      count,
      payloadBytes,
      noDelay: opts.noDelay ?? isLocalBroker(opts.url),
      connectMs,
      latency: {
        sent: roundTrips,
        received: latencies.length,
        lost: latencyLost,
        minMs: latencies[0] ?? 0,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        maxMs: latencies[latencies.length - 1] ?? 0,
        meanMs: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : 0,
      },
      throughput: {
        sent: count,
        received: burstReceived,
        lost: burstLost,
        seconds: burstSeconds,
        messagesPerSecond: burstReceived / burstSeconds,
        bytesPerSecond: (burstReceived * payloadBytes) / burstSeconds,
      },
      sent: roundTrips + count,
      received: latencies.length + burstReceived,
      lost: latencyLost + burstLost,
    };
  } catch (e) {
    // The connection's own failure says more than whatever wait noticed it; a raw mqtt.js
    // error (a request rejected as the socket went) still crosses the core as a DocstreamError.
    if (failure) throw failure;
    if (e instanceof DocstreamError) throw e;
    const err = e instanceof Error ? e : new Error(String(e));
    throw connected ? lost(url, doing[0], doing[1], err) : unreachable(url, describe(err, timeoutMs), err);
  } finally {
    finished = true;
    opts.signal?.removeEventListener('abort', onAbort);
    // Politely only with nothing unacknowledged: mqtt.js would otherwise wait for PUBACKs
    // that may never come, and then ignore a forced end.
    await close(client, !failure && outstanding === 0);
  }
}

/**
 * Waits until `done()`, as long as `progress()` keeps moving. After `timeoutMs` without
 * progress: false when `quietIsLoss()` (everything acknowledged, the rest is lost), else
 * the broker has gone silent and `silentError()` is thrown.
 */
async function drain(
  done: () => boolean,
  progress: () => number,
  quietIsLoss: () => boolean,
  timeoutMs: number,
  aborted: Promise<never>,
  silentError: () => DocstreamError,
): Promise<boolean> {
  let last = progress();
  let lastAt = performance.now();
  // Polling only decides when to stop waiting; the figures come from the events' timestamps.
  const every = Math.max(1, Math.min(10, timeoutMs / 10));
  while (!done()) {
    await Promise.race([sleep(every), aborted]);
    const p = progress();
    const now = performance.now();
    if (p !== last) {
      last = p;
      lastAt = now;
    } else if (now - lastAt >= timeoutMs) {
      if (quietIsLoss()) return false;
      throw silentError();
    }
  }
  return true;
}

/** Ends the connection without ever waiting long: politely when it still works, at once when not. */
async function close(client: MqttClient, graceful: boolean): Promise<void> {
  await Promise.race([client.endAsync(!graceful).catch(() => {}), sleep(2000)]);
  // A second end() while one is under way does nothing in mqtt.js: cut the socket itself,
  // or its handle would keep the process alive.
  if (!client.disconnected) client.stream?.destroy();
}
