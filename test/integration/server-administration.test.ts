import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificateInfo, createServer, maskUrl, parseSettingInput, settingsReport, type Server, type Session } from '@docstream/core';
import { createCsr, generateKeyPair } from '../../core/src/crypto/pki.js';
import { manualClock, testDatabase } from '../support/test-db.js';
import { PASSPHRASE, supervisorOf, tempDir } from '../support/transmission.js';

const DAY = 86_400_000;

describe('administration reads and settings (core)', () => {
  const clock = manualClock(new Date('2026-03-15T10:00:00Z'));
  let server: Server;
  let admin: Session;
  let viewer: Session;

  beforeAll(async () => {
    const keysDir = join(await tempDir('ds-keys-'), 'keys');
    server = createServer({ db: (await testDatabase()).open(4), keys: { dir: keysDir, passphrase: PASSPHRASE }, clock });
    admin = await supervisorOf(server);
    const { temporaryPassword } = await server.operators.create(admin, { login: 'lecteur', fullName: 'Lecteur Central', privilege: 1 });
    viewer = await server.operators.changePassword('lecteur', temporaryPassword, 'Registre-Consulte-2026');
  }, 60_000);

  it('a viewer lists the operators but changes none', async () => {
    expect((await server.operators.list(viewer)).map((u) => u.login).sort()).toEqual(['lecteur', 'superviseur']);
    await expect(server.operators.create(viewer, { login: 'x.y', fullName: 'X Y', privilege: 1 })).rejects.toMatchObject({
      code: 'forbidden', fr: expect.stringContaining('gérer les opérateurs demande le rôle Superviseur'),
    });
  });

  it('the PKI overview: subjects, validity, days left, fingerprints; none before init', async () => {
    expect(await server.pki.overview(viewer)).toBeUndefined();
    await server.pki.init();
    const o = (await server.pki.overview(viewer))!;
    const pems = (await server.pki.certificates())!;
    expect(o.ca).toMatchObject({ subjectCN: 'Docstream National CA', fingerprint: certificateInfo(pems.caPem).fingerprint256, expiresSoon: false });
    expect(o.ca.subject).toBe('C=ML, O=Docstream, CN=Docstream National CA');
    expect(o.server.issuerCN).toBe('Docstream National CA');
    expect(o.server.daysLeft).toBe(Math.floor((o.server.notAfter.getTime() - clock.now().getTime()) / DAY));
    expect(o.sealRoot).toBeNull();
    // the seal root appears with the first attestation, signed by the CA
    await server.db.tx((q) => server.seals.root(q));
    const again = (await server.pki.overview(viewer))!;
    expect(again.sealRoot).toMatchObject({ fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), attested: true });
  });

  it('pages the centres’ certificates with their state; filters by matricule; revoked and expired show so', async () => {
    const key = generateKeyPair(2048);
    for (const m of ['00101', '00102', '00201']) {
      await server.clients.add(admin, { matricule: m, name: `Mairie ${m}` });
      await server.pki.issueForCsr(admin, m, createCsr({ key, commonName: m }));
    }
    let page = await server.pki.certificatePage(viewer, { limit: 2 });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => [r.matricule, r.status])).toEqual([['00101', 'valid'], ['00102', 'valid']]);
    expect(page.rows[0]).not.toHaveProperty('pem');
    page = await server.pki.certificatePage(viewer, { limit: 2, offset: 2 });
    expect(page.rows.map((r) => r.matricule)).toEqual(['00201']);
    expect((await server.pki.certificatePage(viewer, { matricule: '001' })).rows.map((r) => r.matricule)).toEqual(['00101', '00102']);
    await expect(server.pki.certificatePage(viewer, { limit: 0 })).rejects.toMatchObject({ code: 'validation' });

    const [first] = (await server.pki.certificatePage(viewer, { matricule: '00102' })).rows;
    await expect(server.pki.revoke(viewer, '00102', 'Essai', first!.serial)).rejects.toMatchObject({ code: 'forbidden' });
    await server.pki.revoke(admin, '00102', 'Clé perdue', first!.serial);
    expect((await server.pki.certificatePage(viewer, { matricule: '00102' })).rows[0]).toMatchObject({ status: 'revoked', revoke_reason: 'Clé perdue' });

    // close to the end: the server certificate is flagged; past it, the centres' are expired
    const o = (await server.pki.overview(viewer))!;
    clock.advance(o.server.notAfter.getTime() - clock.now().getTime() - 30 * DAY);
    expect((await server.pki.overview(viewer))!.server).toMatchObject({ daysLeft: 30, expiresSoon: true });
    clock.advance(31 * DAY);
    page = await server.pki.certificatePage(viewer);
    expect(page.rows.map((r) => r.status)).toEqual(['expired', 'revoked', 'expired']);
  });

  it('settings: each value with its source, the environment over the file, passwords masked', async () => {
    const dir = await tempDir('ds-conf-');
    const env = { DOCSTREAM_CONFIG_DIR: dir, HOME: dir } as NodeJS.ProcessEnv;
    let r = await server.settings.report(viewer, {}, env);
    expect(r.file).toBe(join(dir, 'config.json'));
    expect(r.entries.map((e) => [e.key, e.source])).toEqual([
      ['databaseUrl', 'default'], ['dataDir', 'default'], ['mqttUrl', 'default'], ['lang', 'default'], ['serverConcurrency', 'default'], ['serverShareGroup', 'default'],
    ]);

    await expect(server.settings.save(viewer, 'mqttUrl', 'mqtt://a:b@h:1883', env)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(server.settings.save(admin, 'mqttUrl', 'http://h', env)).rejects.toMatchObject({ code: 'validation' });
    await expect(server.settings.save(admin, 'serverConcurrency', '0', env)).rejects.toMatchObject({ code: 'validation' });
    expect(await server.settings.save(admin, 'mqttUrl', 'mqtts://ops:pa55w0rd@broker.example:8883', env)).toEqual({ value: 'mqtts://ops:***@broker.example:8883' });
    await server.settings.save(admin, 'serverConcurrency', '8', env);
    await server.settings.save(admin, 'lang', 'en', env);
    const file = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ mqttUrl: 'mqtts://ops:pa55w0rd@broker.example:8883', serverConcurrency: 8, lang: 'en' });

    r = settingsReport({ databaseUrl: 'postgresql://app:secret@db/x' }, { ...env, MQTT_URL: 'mqtt://u:envpw@env:1883', DATABASE_URL: 'postgresql://other@db/y' });
    const by = Object.fromEntries(r.entries.map((e) => [e.key, e]));
    expect(by.databaseUrl).toMatchObject({ source: 'commandLine', from: '--database-url', value: 'postgresql://app:***@db/x', editable: false });
    expect(by.mqttUrl).toMatchObject({ source: 'environment', from: 'MQTT_URL', value: 'mqtt://u:***@env:1883', fileValue: 'mqtts://ops:***@broker.example:8883', editable: true });
    expect(by.lang).toMatchObject({ source: 'file', value: 'en' });
    expect(by.serverConcurrency).toMatchObject({ source: 'file', value: '8' });
    expect(JSON.stringify(r)).not.toMatch(/pa55w0rd|envpw|secret/);

    // an empty value removes the key: the default applies again
    await server.settings.save(admin, 'serverConcurrency', '', env);
    expect((await server.settings.report(viewer, {}, env)).entries.find((e) => e.key === 'serverConcurrency')).toMatchObject({ source: 'default', value: null });

    const audit = await server.db.query<{ actor_login: string; entity_id: string; details: { value: string | null } }>(
      "SELECT actor_login, entity_id, details FROM xm_system.audit WHERE action = 'setting_changed' ORDER BY seq");
    expect(audit.map((a) => [a.entity_id, a.details.value])).toEqual([
      ['mqttUrl', 'mqtts://ops:***@broker.example:8883'], ['serverConcurrency', '8'], ['lang', 'en'], ['serverConcurrency', null],
    ]);
    expect(audit.every((a) => a.actor_login === 'superviseur')).toBe(true);
  });

  it('values are checked before they are written', () => {
    expect(parseSettingInput('mqttUrl', ' mqtt://broker:1883 ')).toBe('mqtt://broker:1883');
    expect(() => parseSettingInput('mqttUrl', 'broker:1883')).toThrow(/Broker address|courtier/);
    expect(parseSettingInput('serverShareGroup', 'centraux-1')).toBe('centraux-1');
    expect(() => parseSettingInput('serverShareGroup', 'a/b')).toThrow();
    expect(() => parseSettingInput('lang', 'de')).toThrow();
    expect(parseSettingInput('lang', '')).toBeUndefined();
    expect(maskUrl('mqtt://u:p@h:1883')).toBe('mqtt://u:***@h:1883');
    expect(maskUrl('mqtt://h:1883')).toBe('mqtt://h:1883');
  });
});
