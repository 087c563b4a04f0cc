import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startCentreService } from '@docstream/core';
import { SERVER_BIN } from '../support/cli.js';
import { startMosquitto } from '../support/mosquitto.js';
import { enrolledPair, PASSPHRASE, queueBirths, tempDir, type Pair } from '../support/transmission.js';

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function serverProcess(pair: Pair, mqttUrl: string, configDir: string): Promise<ChildProcess & { lines: string[] }> {
  const child = spawn(process.execPath, [SERVER_BIN, 'run'], {
    env: {
      PATH: process.env.PATH ?? '', HOME: configDir, DOCSTREAM_CONFIG_DIR: configDir, DATABASE_URL: pair.serverDb.url, MQTT_URL: mqttUrl,
      DOCSTREAM_DATA_DIR: pair.serverDataDir, DOCSTREAM_KEY_PASSPHRASE: PASSPHRASE,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { lines: string[] };
  child.lines = [];
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    child.lines.push(...parts);
  });
  child.stderr!.on('data', (d: Buffer) => child.lines.push(`stderr: ${d.toString()}`));
  await until('the server to subscribe', async () => child.lines.some((l) => l.includes('"connected"')), 15_000);
  return child;
}

describe('1,000 documents over the real Mosquitto to the real server process', () => {
  it('arrive exactly once through a broker restart and a server SIGKILL', async () => {
    const pair = await enrolledPair({ matricule: '00042' });
    const N = 1000;
    await queueBirths(pair, N);
    const broker = await startMosquitto();
    const configDir = await tempDir('ds-conf-');
    let server = await serverProcess(pair, broker.url, configDir);
    const centre = pair.staff.centre;
    // Small containers and a small window, so that the interruptions fall mid-transfer.
    const service = await startCentreService(centre.transmission, {
      // As over a real link (Nagle on), so that the interruptions fall mid-transfer.
      link: { url: broker.url, reconnectMs: 300, noDelay: false }, retryAfterMs: 4000, window: 4, pollMs: 100, pack: { maxBytes: 1500, maxDocs: 5000 },
    });
    const acknowledged = async () => (await centre.transmission.counts()).acknowledged;
    try {
      await until('a third acknowledged', async () => (await acknowledged()) >= N / 3, 60_000);
      await broker.stop();
      const atBrokerStop = await acknowledged();
      await new Promise((r) => setTimeout(r, 1000));
      await broker.start();
      await until('two thirds acknowledged', async () => (await acknowledged()) >= (2 * N) / 3, 60_000);
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
      const atKill = await acknowledged();
      const killedLines = server.lines;
      server = await serverProcess(pair, broker.url, configDir);
      expect(await service.idle(120_000)).toBe(true);
      expect(atBrokerStop).toBeLessThan(N);
      expect(atKill).toBeLessThan(N);
      // a clean stop on SIGTERM, with JSON log lines to the end
      const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(JSON.parse(server.lines.at(-1)!)).toMatchObject({ event: 'stopped' });
      // The killed process may have committed and answered everything before it died (its
      // answers still in the broker): the containers are logged by one process or the other.
      expect([...killedLines, ...server.lines].filter((l) => l.includes('"container"')).length).toBeGreaterThan(0);
      expect(server.lines.every((l) => l.startsWith('stderr') || JSON.parse(l))).toBe(true);
    } finally {
      await service.stop();
      server.kill('SIGTERM');
      await broker.stop();
    }
    const [{ n, distinct }] = await pair.server.db.query<{ n: number; distinct: number }>('SELECT count(*)::int AS n, count(DISTINCT niu)::int AS distinct FROM xm_data.documents');
    expect({ n, distinct }).toEqual({ n: N, distinct: N });
    const central = await pair.server.db.query<{ niu: string; data: unknown }>('SELECT niu, data FROM xm_data.documents ORDER BY niu');
    const local = await centre.db.query<{ niu: string; data: unknown; status: number }>('SELECT niu, data, status FROM docstream.documents ORDER BY niu');
    expect(central).toEqual(local.map(({ niu, data }) => ({ niu, data })));
    expect(local.every((d) => d.status === 4)).toBe(true);
  }, 240_000);
});
