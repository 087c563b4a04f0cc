import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startServerService } from '@docstream/core';
import { CENTRE_BIN } from '../support/cli.js';
import { startMosquitto } from '../support/mosquitto.js';
import { enrolledPair, PASSPHRASE, queueBirths, tempDir } from '../support/transmission.js';

describe('docstream-centre run, intermittent mode', () => {
  it('connects, sends, receives the acknowledgements, disconnects; logs JSON lines; stops cleanly on SIGTERM', async () => {
    const pair = await enrolledPair({ matricule: '00061' });
    await queueBirths(pair, 50);
    const broker = await startMosquitto();
    const server = await startServerService(pair.server, { link: { url: broker.url } });
    const conf = await tempDir('ds-conf-');
    const child = spawn(process.execPath, [CENTRE_BIN, 'run', '--mode', 'intermittent', '--interval', '60', '--max-bytes', '2048'], {
      env: { PATH: process.env.PATH ?? '', HOME: conf, DOCSTREAM_CONFIG_DIR: conf, DATABASE_URL: pair.centreDb.url, MQTT_URL: broker.url, DOCSTREAM_DATA_DIR: pair.centreDataDir, DOCSTREAM_KEY_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: { event: string; [k: string]: unknown }[] = [];
    let stderr = '';
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      for (const p of parts) lines.push(JSON.parse(p) as { event: string });
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const end = Date.now() + 60_000;
      while (!lines.some((l) => l.event === 'cycle_end') && Date.now() < end && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(stderr).toBe('');
      const events = lines.map((l) => l.event);
      expect(events).toEqual(expect.arrayContaining(['started', 'cycle_start', 'connected', 'packed', 'sent', 'received', 'cycle_end']));
      expect(await pair.staff.centre.transmission.counts()).toMatchObject({ waiting: 0, in_flight: 0, acknowledged: 50 });
      expect(await pair.staff.centre.transmission.link()).toMatchObject({ connected: false });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(lines.at(-1)?.event).toBe('stopped');
    } finally {
      child.kill('SIGKILL');
      await server.stop();
      await broker.stop();
    }
    const [{ n }] = await pair.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM xm_data.documents');
    expect(n).toBe(50);
  }, 90_000);
});
