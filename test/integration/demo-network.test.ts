import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createCentre, demoKeyAccess, DEMO_PASSPHRASE_FILE, hostCentreService, loadSettings, openDatabase, startDemoNetwork,
  type Centre, type DemoNetwork, type HostState,
} from '@docstream/core';
import { birth } from '../support/centre-fixture.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ds-demo-net-'));
const settings = loadSettings({ dataDir }, { HOME: dataDir });
const open: { centre?: Centre; network?: DemoNetwork } = {};

afterAll(async () => {
  await open.network?.stop().catch(() => {});
  await open.centre?.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
}

async function openCentre(): Promise<Centre> {
  const keys = demoKeyAccess(settings, undefined);
  const centre = createCentre({ db: await openDatabase(settings, 'centre'), keys });
  open.centre = centre;
  return centre;
}

describe('npm start: the demo server in the console’s process (embedded PGlite, in-process broker)', () => {
  it('enrols the demo centre, and a validated document reaches the server through the hosted cycle', async () => {
    const centre = await openCentre();
    await centre.initDemo();
    const network = await startDemoNetwork({ settings, centre, keys: demoKeyAccess(settings, undefined) });
    open.network = network;
    // the passphrase the demo made for its keys is private to the user
    expect(statSync(join(dataDir, DEMO_PASSPHRASE_FILE)).mode & 0o077).toBe(0);
    expect(await centre.transmission.enrolled()).toMatchObject({ matricule: '00001' });

    const states: HostState[] = [];
    const host = hostCentreService(centre.transmission, async () => ({ link: { url: network.brokerUrl, reconnectMs: 300 }, pollMs: 200 }));
    host.onChange((s) => states.push(s));
    await host.start();
    expect(host.state()).toMatchObject({ phase: 'running', url: network.brokerUrl, mode: 'continuous' });

    const agent = await centre.users.changePassword('agent', 'demo', 'saisie-des-actes-1');
    const secretary = await centre.users.changePassword('secretaire', 'demo', 'controle-qualite-22');
    const officer = await centre.users.changePassword('officier', 'demo', 'Registre-National-2026');
    const draft = await centre.documents.draft(agent, 'acte_naissance', birth());
    await centre.documents.verify(secretary, draft.numero);
    const validated = await centre.documents.validate(officer, draft.numero);

    await until('the acknowledgement', () => centre.documents.get(officer, validated.niu!), (d) => d.status === 4);
    expect(await network.server.documentCount()).toBe(1);

    // a second service on the same centre is refused while this one lives
    const second = hostCentreService(centre.transmission, async () => ({ link: { url: network.brokerUrl } }));
    await second.start();
    expect(second.state().phase).toBe('failed');
    expect(second.state().error?.en).toMatch(/already running/);

    await host.stop();
    expect(host.state()).toMatchObject({ phase: 'stopped', resumed: true });
    expect(states.map((s) => s.phase)).toEqual(expect.arrayContaining(['starting', 'running', 'stopping', 'stopped']));
    // stopped, it leaves the place to another
    await second.start();
    expect(second.state().phase).toBe('running');
    await second.stop();
  }, 180_000);

  it('starts again on the same data directory without registering or enrolling twice', async () => {
    await open.network!.stop();
    open.network = undefined;
    await open.centre!.close();
    open.centre = undefined;
    const centre = await openCentre();
    const before = await centre.transmission.enrolled();
    const network = await startDemoNetwork({ settings, centre, keys: demoKeyAccess(settings, undefined) });
    open.network = network;
    expect((await centre.transmission.enrolled())?.fingerprint).toBe(before?.fingerprint);
    expect(await network.server.documentCount()).toBe(1);
  }, 120_000);
});
