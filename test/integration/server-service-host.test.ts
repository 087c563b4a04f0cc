import { createServer as listen } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostServerService, type Session } from '@docstream/core';
import { enrolledPair, type Pair } from '../support/transmission.js';
import { freePort } from '../support/mosquitto.js';

// The receiving service a console hosts: started and stopped by an operator (checked in
// the core), visible to every process through the monitor, never twice on one broker.

let pair: Pair;
let viewer: Session;
let operator: Session;
const hosts: { close(): Promise<void> }[] = [];

async function account(login: string, privilege: number, password: string): Promise<Session> {
  const { temporaryPassword } = await pair.server.operators.create(pair.admin, { login, fullName: `Compte ${login}`, privilege });
  return pair.server.operators.changePassword(login, temporaryPassword, password);
}

beforeAll(async () => {
  pair = await enrolledPair({ matricule: '00042' });
  viewer = await account('lecteur', 1, 'Registre-Central-1-2026');
  operator = await account('operateur', 2, 'Registre-Central-2-2026');
}, 120_000);

afterAll(async () => {
  for (const h of hosts) await h.close();
});

function host(options: Parameters<typeof hostServerService>[1]) {
  const h = hostServerService(pair.server, options);
  hosts.push(h);
  return h;
}

describe('hostServerService', () => {
  it('refuses a viewer in the core’s words, starts for an operator, and the monitor shows it running; stop shows it stopped', async () => {
    const port = await freePort();
    const h = host(() => ({ embeddedPort: port, heartbeatMs: 200 }));
    await h.start(viewer);
    expect(h.state().phase).toBe('stopped');
    expect(h.state().error?.en).toMatch(/Operator|privilege|not allowed/i);
    expect((await pair.server.monitor.snapshot(operator)).service.running).toBe(false);

    await h.start(operator);
    expect(h.state()).toMatchObject({ phase: 'running', embeddedBroker: true, url: `mqtt://127.0.0.1:${port}` });
    expect(h.state().error).toBeUndefined();
    const snap = await pair.server.monitor.snapshot(operator);
    expect(snap.service.running).toBe(true);
    expect(snap.service.instances.find((i) => i.instance === h.state().instance)?.state).toBe('running');

    // a second console on the same database is refused: it would take the first one's MQTT session
    const other = host(() => ({ embeddedPort: port, heartbeatMs: 200 }));
    await other.start(operator);
    expect(other.state().phase).toBe('failed');
    expect(other.state().error?.fr).toMatch(/Un service tourne déjà .* Arrêtez-le d’abord/);
    expect(other.state().error?.en).toMatch(/A service already runs/);

    // a viewer cannot stop it either
    await h.stop(viewer);
    expect(h.state().phase).toBe('running');
    await h.stop(operator);
    expect(h.state()).toMatchObject({ phase: 'stopped', resumed: true });
    const after = await pair.server.monitor.snapshot(operator);
    expect(after.service.running).toBe(false);
    expect(after.service.instances[0]?.state).toBe('stopped');
  });

  it('a taken port says which, and what to do; nothing is left running', async () => {
    const blocker = listen();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const h = host(() => ({ embeddedPort: port, shareGroup: 'bench' }));
      await h.start(operator);
      expect(h.state().phase).toBe('failed');
      expect(h.state().error?.fr).toContain(`Le port ${port} du courtier embarqué est déjà pris`);
      expect(h.state().error?.en).toContain('name a broker (MQTT_URL)');
      expect((await pair.server.monitor.snapshot(operator)).service.running).toBe(false);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('close() waits for a start under way, then stops what it opened', async () => {
    const port = await freePort();
    const h = host(() => ({ embeddedPort: port, heartbeatMs: 200 }));
    const started = h.start(operator);
    await h.close();
    await started;
    expect(h.state().phase).toBe('stopped');
    expect((await pair.server.monitor.snapshot(operator)).service.running).toBe(false);
    // the port is free again
    const again = listen();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise((r) => again.close(r));
  });
});
