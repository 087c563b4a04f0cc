/**
 * The production broker configuration of scripts/broker-config.mjs, run for real: Mosquitto
 * with TLS, client certificates from the Docstream PKI and the per-centre ACL. A centre
 * reaches only its own topics; a client without a certificate from the national CA does not
 * connect at all.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateInfo, createCaCertificate, generateKeyPair, issueCertificate } from '../../core/src/crypto/pki.js';
import { encryptPrivateKey } from '../../core/src/crypto/keystore.js';
import { freePort, waitForPort } from '../support/mosquitto.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/broker-config.mjs', import.meta.url));
// Started as root, Mosquitto would switch to the "mosquitto" user, who cannot read the
// test's private temp folder: it stays the user running the tests.
const AS_ME = ['--user', userInfo().username];
const pemKey = (k: { export(o: object): string | Buffer }): string => k.export({ type: 'pkcs8', format: 'pem' }) as string;

interface Identity {
  cert: string;
  key: string;
}

interface Received {
  topic: string;
  payload: string;
}

interface Broker {
  proc: ChildProcess;
  log: () => string;
  stop(): Promise<void>;
}

async function startBroker(conf: string, port: number): Promise<Broker> {
  const proc = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const log = () => output;
  await waitForPort(port, 5000, () => (proc.exitCode !== null ? `mosquitto exited (${proc.exitCode}):\n${log()}` : undefined));
  return {
    proc,
    log,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}

describe('production Mosquitto configuration (scripts/broker-config.mjs)', () => {
  let dir: string;
  let port: number;
  let broker: Broker;
  let caPem: string;
  let conf: string;
  let ids: Record<'c42' | 'c43' | 'server' | 'rogue', Identity>;
  const clients: MqttClient[] = [];
  const inbox = new Map<MqttClient, Received[]>();

  /** Connects with a certificate (or none); rejects if the broker refuses, the TLS handshake included. */
  function connectAs(clientId: string, id: Identity | undefined): Promise<MqttClient> {
    return new Promise((resolve, reject) => {
      const c = mqtt.connect(`mqtts://127.0.0.1:${port}`, {
        clientId,
        protocolVersion: 4,
        clean: true,
        reconnectPeriod: 0,
        connectTimeout: 4000,
        ca: caPem,
        ...(id ? { cert: id.cert, key: id.key } : {}),
        rejectUnauthorized: true,
      });
      clients.push(c);
      const received: Received[] = [];
      inbox.set(c, received);
      c.on('message', (topic, payload) => received.push({ topic, payload: payload.toString('utf8') }));
      const fail = (why: string) => () => { c.end(true); reject(new Error(why)); };
      c.once('connect', () => resolve(c));
      c.once('error', (e) => fail(`error: ${e.message}`)());
      c.once('close', fail('closed before CONNACK'));
    });
  }

  async function subscribe(c: MqttClient, topics: string[]): Promise<Record<string, number>> {
    const granted = await c.subscribeAsync(topics, { qos: 1 });
    return Object.fromEntries(granted.map((g) => [g.topic, g.qos]));
  }

  /** Waits until `c` has received a message on `topic` with `payload` (a fence), then returns everything it got. */
  async function until(c: MqttClient, topic: string, payload: string, timeoutMs = 3000): Promise<Received[]> {
    const got = inbox.get(c)!;
    const end = Date.now() + timeoutMs;
    while (!got.some((m) => m.topic === topic && m.payload === payload)) {
      if (Date.now() > end) throw new Error(`no ${payload} on ${topic}; got ${JSON.stringify(got)}\n${broker.log()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return got.splice(0, got.length);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ds-broker-acl-'));
    port = await freePort();
    // The national CA and the certificates it issues, from the core PKI.
    const ca = generateKeyPair();
    caPem = createCaCertificate({ key: ca, commonName: 'Docstream Test CA' });
    const issue = (cn: string, usage: 'server' | 'centre', by = { certPem: caPem, privateKey: ca.privateKey }): Identity => {
      const k = generateKeyPair();
      return { cert: issueCertificate({ publicKey: k.publicKey, commonName: cn, ca: by, usage }), key: pemKey(k.privateKey) };
    };
    // Another CA (same name, other key) issuing a certificate with a real centre's matricule.
    const other = generateKeyPair();
    const otherCa = createCaCertificate({ key: other, commonName: 'Docstream Test CA' });
    ids = {
      c42: issue('00042', 'centre'),
      c43: issue('00043', 'centre'),
      server: issue('docstream-server', 'server'),
      rogue: issue('00042', 'centre', { certPem: otherCa, privateKey: other.privateKey }),
    };
    expect(certificateInfo(ids.c42.cert).subjectCN).toBe('00042');
    expect(certificateInfo(ids.rogue.cert).issuerCN).toBe(certificateInfo(caPem).subjectCN);

    // The broker's TLS certificate: core's issueCertificate sets no subjectAltName, so this
    // fixture is signed by the test CA with openssl (DNS:localhost, IP:127.0.0.1).
    await writeFile(join(dir, 'ca.pem'), caPem);
    await writeFile(join(dir, 'ca.key'), pemKey(ca.privateKey), { mode: 0o600 });
    await writeFile(join(dir, 'ext.cnf'), [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '',
    ].join('\n'));
    const f = (n: string) => join(dir, n);
    await run('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('broker-src.key'), '-subj', '/O=Docstream/CN=localhost', '-out', f('broker.csr')]);
    await run('openssl', ['x509', '-req', '-in', f('broker.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-set_serial', '0x1d5c0a1e',
      '-days', '2', '-sha256', '-extfile', f('ext.cnf'), '-out', f('broker-src.crt')]);

    const out = join(dir, 'broker');
    const { stdout } = await run(process.execPath, [SCRIPT, '--out', out, '--port', String(port), '--bind', '127.0.0.1',
      '--ca', f('ca.pem'), '--cert', f('broker-src.crt'), '--key', f('broker-src.key'), ...AS_ME]);
    conf = join(out, 'mosquitto.conf');
    expect(stdout).toContain(`mosquitto -c ${conf}`);
    broker = await startBroker(conf, port);
  });

  afterAll(async () => {
    for (const c of clients) c.end(true);
    await broker?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes TLS with client certificates as identities, no anonymous access, and the per-centre ACL', async () => {
    const text = await readFile(conf, 'utf8');
    for (const line of [`listener ${port} 127.0.0.1`, 'require_certificate true', 'use_identity_as_username true', 'allow_anonymous false', 'persistence true']) {
      expect(text.split('\n')).toContain(line);
    }
    const acl = (await readFile(join(dir, 'broker', 'acl'), 'utf8')).split('\n').filter((l) => l && !l.startsWith('#'));
    expect(acl).toEqual([
      'pattern write ds/v1/up/%u',
      'pattern read ds/v1/down/%u',
      'pattern read ds/v1/broadcast/#',
      'user docstream-server',
      'topic read ds/v1/up/+',
      'topic write ds/v1/down/+',
      'topic write ds/v1/broadcast/#',
      'topic readwrite ds/v1/test/#',
    ]);
  });

  it('routes a centre\'s up topic to the server, and keeps every other topic away from it', async () => {
    const server = await connectAs('ds-server', ids.server);
    const c42 = await connectAs('ds-centre-00042', ids.c42);
    const c43 = await connectAs('ds-centre-00043', ids.c43);
    expect(await subscribe(server, ['ds/v1/up/+'])).toEqual({ 'ds/v1/up/+': 1 });
    expect(await subscribe(c43, ['ds/v1/down/00043'])).toEqual({ 'ds/v1/down/00043': 1 });

    // 1. A centre's own up topic reaches the server.
    await c42.publishAsync('ds/v1/up/00042', 'sdc-from-00042', { qos: 1 });
    expect(await until(server, 'ds/v1/up/00042', 'sdc-from-00042')).toEqual([{ topic: 'ds/v1/up/00042', payload: 'sdc-from-00042' }]);

    // 2. 00042 asks for 00043's down topic, directly and through wildcards.
    const granted = await subscribe(c42, ['ds/v1/down/00042', 'ds/v1/down/00043', 'ds/v1/down/+', '#']);
    expect(granted['ds/v1/down/00042']).toBe(1);
    // Mosquitto 2.0's ACL file does not check SUBSCRIBE at all: every filter is granted
    // (QoS 1, not 0x80) and each delivery is checked against the "read" rules instead. A
    // broker that refused these with 0x80 would be as safe; what matters is below.
    expect(granted).toEqual({ 'ds/v1/down/00042': 1, 'ds/v1/down/00043': 1, 'ds/v1/down/+': 1, '#': 1 });
    await server.publishAsync('ds/v1/down/00043', 'secret-for-00043', { qos: 1 });
    await server.publishAsync('ds/v1/down/00042', 'fence-00042', { qos: 1 });
    expect(await until(c43, 'ds/v1/down/00043', 'secret-for-00043')).toEqual([{ topic: 'ds/v1/down/00043', payload: 'secret-for-00043' }]);
    // The fence went through the broker after the secret: had 00042 been given the secret
    // (through any of its four subscriptions), it would be in this list, before the fence.
    expect(await until(c42, 'ds/v1/down/00042', 'fence-00042')).toEqual([{ topic: 'ds/v1/down/00042', payload: 'fence-00042' }]);

    // 3. 00042 writing where only 00043 or the server may: dropped (MQTT 3.1.1 still PUBACKs).
    await c42.publishAsync('ds/v1/up/00043', 'forged-as-00043', { qos: 1 });
    await c42.publishAsync('ds/v1/down/00043', 'forged-from-server', { qos: 1 });
    await c42.publishAsync('ds/v1/up/00042', 'fence-up-00042', { qos: 1 });
    expect(await until(server, 'ds/v1/up/00042', 'fence-up-00042')).toEqual([{ topic: 'ds/v1/up/00042', payload: 'fence-up-00042' }]);
    await server.publishAsync('ds/v1/down/00043', 'fence-00043', { qos: 1 });
    expect(await until(c43, 'ds/v1/down/00043', 'fence-00043')).toEqual([{ topic: 'ds/v1/down/00043', payload: 'fence-00043' }]);
  });

  it('gives every centre the retained broadcast, which only the server writes', async () => {
    const server = await connectAs('ds-server-bc', ids.server);
    const c42 = await connectAs('ds-centre-00042-bc', ids.c42);
    await subscribe(server, ['ds/v1/up/+']);
    await server.publishAsync('ds/v1/broadcast/trust', 'trust-v7', { qos: 1, retain: true });
    // A centre's retained message would replace the server's for every later subscriber.
    await c42.publishAsync('ds/v1/broadcast/trust', 'forged-broadcast', { qos: 1, retain: true });
    await c42.publishAsync('ds/v1/up/00042', 'fence-bc', { qos: 1 });
    await until(server, 'ds/v1/up/00042', 'fence-bc');
    const c43 = await connectAs('ds-centre-00043-bc', ids.c43);
    expect(await subscribe(c43, ['ds/v1/broadcast/+'])).toEqual({ 'ds/v1/broadcast/+': 1 });
    expect(await until(c43, 'ds/v1/broadcast/trust', 'trust-v7')).toEqual([{ topic: 'ds/v1/broadcast/trust', payload: 'trust-v7' }]);
    await server.publishAsync('ds/v1/broadcast/trust', '', { qos: 1, retain: true }); // clears the retained message
  });

  it('shares the up topics among server instances ($share/GROUP/ds/v1/up/+)', async () => {
    const a = await connectAs('ds-server-a', ids.server);
    const b = await connectAs('ds-server-b', ids.server);
    const c43 = await connectAs('ds-centre-00043-sh', ids.c43);
    expect(await subscribe(a, ['$share/ds/ds/v1/up/+'])).toEqual({ '$share/ds/ds/v1/up/+': 1 });
    expect(await subscribe(b, ['$share/ds/ds/v1/up/+'])).toEqual({ '$share/ds/ds/v1/up/+': 1 });
    const sent = ['s1', 's2', 's3', 's4'];
    for (const p of sent) await c43.publishAsync('ds/v1/up/00043', p, { qos: 1 });
    const end = Date.now() + 3000;
    while (inbox.get(a)!.length + inbox.get(b)!.length < sent.length && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100)); // a duplicate would show up here
    const all = [...inbox.get(a)!, ...inbox.get(b)!];
    // Each message to exactly one instance of the group.
    expect(all.map((m) => m.payload).sort()).toEqual(sent);
    expect(new Set(all.map((m) => m.topic))).toEqual(new Set(['ds/v1/up/00043']));
    // A centre's shared subscription is granted too (subscriptions are not checked) but
    // delivers nothing: the read check is made on ds/v1/up/00043, the topic delivered.
    const c42 = await connectAs('ds-centre-00042-sh', ids.c42);
    expect(await subscribe(c42, ['$share/probe/ds/v1/up/+', 'ds/v1/down/00042'])).toEqual({ '$share/probe/ds/v1/up/+': 1, 'ds/v1/down/00042': 1 });
    await c43.publishAsync('ds/v1/up/00043', 'sdc-from-00043', { qos: 1 });
    const end2 = Date.now() + 3000;
    while (![...inbox.get(a)!, ...inbox.get(b)!].some((m) => m.payload === 'sdc-from-00043') && Date.now() < end2) await new Promise((r) => setTimeout(r, 10));
    const server = await connectAs('ds-server-sh', ids.server);
    await server.publishAsync('ds/v1/down/00042', 'fence-sh', { qos: 1 });
    expect(await until(c42, 'ds/v1/down/00042', 'fence-sh')).toEqual([{ topic: 'ds/v1/down/00042', payload: 'fence-sh' }]);
    expect([...inbox.get(a)!, ...inbox.get(b)!].filter((m) => m.payload === 'sdc-from-00043')).toHaveLength(1);
  });

  it('refuses a client without a certificate, and one whose certificate comes from another CA', async () => {
    // Refused in the TLS handshake, before any MQTT packet.
    await expect(connectAs('anon', undefined)).rejects.toThrow(/alert certificate required/);
    await expect(connectAs('rogue-00042', ids.rogue)).rejects.toThrow(/alert unknown ca/);
    // Control: the same code path connects with a genuine certificate.
    await expect(connectAs('ds-centre-00042-ctl', ids.c42)).resolves.toBeDefined();
    expect(broker.proc.exitCode).toBeNull();
  });
});

describe('broker-config.mjs issuing the broker certificate from the national CA', () => {
  it('issues a server certificate the centres accept by name, with the CA key from the key store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ds-broker-issue-'));
    let broker: Broker | undefined;
    let client: MqttClient | undefined;
    try {
      const ca = generateKeyPair();
      const caPem = createCaCertificate({ key: ca, commonName: 'Docstream Test CA' });
      const k = generateKeyPair();
      const centre = { cert: issueCertificate({ publicKey: k.publicKey, commonName: '00042', ca: { certPem: caPem, privateKey: ca.privateKey }, usage: 'centre' }), key: pemKey(k.privateKey) };
      await writeFile(join(dir, 'ca.pem'), caPem);
      await writeFile(join(dir, 'ca.key.pem'), encryptPrivateKey(ca.privateKey, 'phrase secrète'), { mode: 0o600 });
      await writeFile(join(dir, 'pass'), 'phrase secrète\n', { mode: 0o600 });
      const port = await freePort();
      const args = [SCRIPT, '--out', join(dir, 'out'), '--port', String(port), '--bind', '127.0.0.1', '--ca', join(dir, 'ca.pem'), '--ca-key', join(dir, 'ca.key.pem'), '--hostname', 'localhost', ...AS_ME];

      // Without the passphrase: a message in both languages that says what to pass.
      const env = { PATH: process.env.PATH };
      const refused = await run(process.execPath, args, { env }).catch((e: { code: number; stderr: string }) => e);
      expect(refused).toMatchObject({ code: 1 });
      expect((refused as { stderr: string }).stderr).toMatch(/Erreur : .*--passphrase-file[\s\S]*Error: .*--passphrase-file/);

      const { stdout } = await run(process.execPath, [...args, '--passphrase-file', join(dir, 'pass')], { env });
      expect(stdout).toContain('subjectAltName');
      const info = certificateInfo(await readFile(join(dir, 'out', 'broker.crt'), 'utf8'));
      expect([info.subjectCN, info.issuerCN]).toEqual(['localhost', 'Docstream Test CA']);
      // Run again: the existing broker key is kept unless --force.
      const again = await run(process.execPath, [...args, '--passphrase-file', join(dir, 'pass')], { env }).catch((e: { code: number; stderr: string }) => e);
      expect((again as { stderr: string }).stderr).toContain('--force');

      broker = await startBroker(join(dir, 'out', 'mosquitto.conf'), port);
      client = await new Promise<MqttClient>((resolve, reject) => {
        const c = mqtt.connect(`mqtts://127.0.0.1:${port}`, {
          clientId: 'ds-centre-00042', protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 4000,
          ca: caPem, cert: centre.cert, key: centre.key, servername: 'localhost', rejectUnauthorized: true,
        });
        c.once('connect', () => resolve(c));
        c.once('error', reject);
      });
      expect(client.connected).toBe(true);
    } finally {
      client?.end(true);
      await broker?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
