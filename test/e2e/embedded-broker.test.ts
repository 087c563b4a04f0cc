import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_BROKER_PORT, startCentreService } from '@docstream/core';
import { SERVER_BIN } from '../support/cli.js';
import { waitForPort } from '../support/mosquitto.js';
import { enrolledPair, PASSPHRASE, queueBirths, tempDir } from '../support/transmission.js';

describe('no broker configured', () => {
  it('docstream-server run hosts the embedded broker (MQTT 3.1.1) and a centre transmits through it', async () => {
    const pair = await enrolledPair({ matricule: '00081' });
    await queueBirths(pair, 30);
    const conf = await tempDir('ds-conf-');
    const child = spawn(process.execPath, [SERVER_BIN, 'run'], {
      env: { PATH: process.env.PATH ?? '', HOME: conf, DOCSTREAM_CONFIG_DIR: conf, DATABASE_URL: pair.serverDb.url, DOCSTREAM_DATA_DIR: pair.serverDataDir, DOCSTREAM_KEY_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const service = await (async () => {
      await waitForPort(EMBEDDED_BROKER_PORT, 15_000);
      return startCentreService(pair.staff.centre.transmission, { link: { url: `mqtt://127.0.0.1:${EMBEDDED_BROKER_PORT}` }, pollMs: 100 });
    })();
    try {
      expect(await service.idle(30_000)).toBe(true);
      expect(out).toContain('"embeddedBroker":true');
    } finally {
      await service.stop();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    const [{ n }] = await pair.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM xm_data.documents');
    expect(n).toBe(30);
    expect((await pair.staff.centre.transmission.counts()).acknowledged).toBe(30);
  }, 60_000);
});
