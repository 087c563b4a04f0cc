import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startServerService } from '@docstream/core';
import { CENTRE_BIN, runCli } from '../support/cli.js';
import { OFFICER_PASSWORD } from '../support/centre-fixture.js';
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

describe('docstream-centre enroll over MQTT', () => {
  it('sends the request proven by the code and installs the certificate from the answer', async () => {
    const pair = await enrolledPair({ matricule: '00062', enrol: false });
    const broker = await startMosquitto();
    const server = await startServerService(pair.server, { link: { url: broker.url } });
    const conf = await tempDir('ds-conf-');
    const env = { DOCSTREAM_CONFIG_DIR: conf, DATABASE_URL: pair.centreDb.url, MQTT_URL: broker.url, DOCSTREAM_DATA_DIR: pair.centreDataDir, DOCSTREAM_KEY_PASSPHRASE: PASSPHRASE, DOCSTREAM_USER: 'chef', DOCSTREAM_PASSWORD: OFFICER_PASSWORD };
    try {
      const before = await runCli(CENTRE_BIN, ['transmission'], env);
      expect(before.stdout).toContain('Pas encore inscrit');
      const r = await runCli(CENTRE_BIN, ['--json', 'enroll', '--code', pair.code!, '--timeout', '20'], env);
      expect(r.stderr).toBe('');
      const { fingerprint } = r.json<{ fingerprint: string }>();
      const [cert] = await pair.server.pki.certificatesOf(pair.admin, '00062');
      expect(cert!.fingerprint).toBe(fingerprint);
      // the code is spent: using it again is refused
      const again = await runCli(CENTRE_BIN, ['enroll', '--code', pair.code!, '--timeout', '3'], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('No answer from the central server');
      const [logged] = await pair.server.transport.rejections(1);
      expect(logged!.detail).toContain('enrolment refused');
    } finally {
      await server.stop();
      await broker.stop();
    }
  }, 60_000);
});
