import type { IClientOptions, MqttClient } from 'mqtt';
import { mqttLib } from './mqtt-lib.js';
import { DocstreamError } from '../errors.js';

export interface LinkOptions {
  url: string;
  clientId: string;
  /** TLS with a client certificate from the national PKI (production broker). */
  tls?: { ca: string; cert: string; key: string };
  username?: string;
  password?: string;
  reconnectMs?: number;
  /** A one-off exchange (enrolment) wants no session left behind on the broker. */
  clean?: boolean;
  /** TCP_NODELAY; by default on for a broker on this machine only (`isLocalBroker`). */
  noDelay?: boolean;
}

/** A broker on this machine (the embedded one): TCP_NODELAY pays there, never on a slow link. */
export function isLocalBroker(url: string): boolean {
  return /^mqtts?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(url);
}

export interface Link {
  readonly connected: boolean;
  subscribe(topic: string): Promise<void>;
  /** `retain`: the broker keeps it for later subscribers (the broadcast bulletins). */
  publish(topic: string, payload: Buffer, timeoutMs?: number, retain?: boolean): Promise<void>;
  onMessage(fn: (topic: string, payload: Buffer) => Promise<void>): void;
  onConnect(fn: () => void): void;
  onDisconnect(fn: (reason: string) => void): void;
  close(): Promise<void>;
}

export function brokerUnavailable(url: string, cause?: unknown): DocstreamError {
  return new DocstreamError(
    'transport',
    `Courtier MQTT injoignable (${url}) : vérifiez la connexion et l’adresse (MQTT_URL). Rien n’est perdu : l’envoi reprendra.`,
    `MQTT broker unreachable (${url}): check the connection and the address (MQTT_URL). Nothing is lost: sending will resume.`,
    { cause },
  );
}

/**
 * One MQTT connection with a persistent session (clean: false, QoS 1), MQTT 3.1.1 so
 * that the embedded broker (aedes) serves it too. Reconnects on its own; the services
 * above re-send what is unanswered, since the broker is not trusted for durability.
 */
export function openLink(opts: LinkOptions): Link {
  const options: IClientOptions = {
    clientId: opts.clientId,
    clean: opts.clean ?? false,
    protocolVersion: 4,
    reconnectPeriod: opts.reconnectMs ?? 2000,
    connectTimeout: 15_000,
    keepalive: 60,
    queueQoSZero: false,
    resubscribe: true,
  };
  if (opts.username) options.username = opts.username;
  if (opts.password) options.password = opts.password;
  if (opts.tls) Object.assign(options, { ca: opts.tls.ca, cert: opts.tls.cert, key: opts.tls.key, rejectUnauthorized: true });
  const client: MqttClient = mqttLib().connect(opts.url, options);
  let handler: (topic: string, payload: Buffer) => Promise<void> = async () => {};
  const connectFns: (() => void)[] = [];
  const disconnectFns: ((r: string) => void)[] = [];
  let lastError = '';
  client.on('error', (e) => (lastError = e.message));
  // On a local broker (the embedded one) Nagle only adds delayed-ACK waits; on a real link
  // it is left on, where coalescing small packets saves bytes.
  const local = opts.noDelay ?? isLocalBroker(opts.url);
  client.on('connect', () => {
    if (local) (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
    connectFns.forEach((f) => f());
  });
  client.on('offline', () => disconnectFns.forEach((f) => f(lastError || 'offline')));
  // The PUBACK goes once the handler has taken the message (it queues it): a full queue
  // holds the broker back instead of growing without bound.
  client.handleMessage = (packet, callback) => {
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    handler(packet.topic, payload).then(() => callback(), (e: Error) => callback(e));
  };
  return {
    get connected() {
      return client.connected;
    },
    async subscribe(topic) {
      await client.subscribeAsync(topic, { qos: 1 });
    },
    async publish(topic, payload, timeoutMs = 30_000, retain = false) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          client.publishAsync(topic, payload, { qos: 1, retain }),
          new Promise((_, reject) => (timer = setTimeout(() => reject(brokerUnavailable(opts.url, 'publish timeout')), timeoutMs))),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    onMessage(fn) {
      handler = fn;
    },
    onConnect(fn) {
      connectFns.push(fn);
      if (client.connected) fn();
    },
    onDisconnect(fn) {
      disconnectFns.push(fn);
    },
    async close() {
      await client.endAsync(true).catch(() => {});
    },
  };
}
