import { beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type Session } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { supervisorOf } from '../support/transmission.js';

let server: Server;
let admin: Session;
let viewer: Session;

const PLACES: [string, string, string][] = [
  ['Mairie de Ségou', 'Ségou', 'Ségou'],
  ['Mairie de Kati', 'Kati', 'Koulikoro'],
  ['Centre 100% rural', 'Niono', 'Ségou'],
  ['Mairie de Kayes', 'Kayes', 'Kayes'],
];

beforeAll(async () => {
  server = createServer({ db: (await testDatabase()).open(4) });
  admin = await supervisorOf(server);
  // 00001…00004 the places above, then 00005…00025 numbered ones in Sikasso
  for (const [name, city, region] of PLACES) await server.clients.add(admin, { name, city, region });
  for (let i = 5; i <= 25; i++) await server.clients.add(admin, { name: `Centre d’état civil n° ${i}`, city: 'Bougouni', region: 'Sikasso' });
  await server.clients.add(admin, { matricule: '31000', name: 'Mairie de Gao', city: 'Gao', region: 'Gao', status: 0 });
  const { temporaryPassword } = await server.operators.create(admin, { login: 'lecteur', fullName: 'Lecteur', privilege: 1 });
  await server.operators.changePassword('lecteur', temporaryPassword, 'Registre-Bamako-2026');
  viewer = await server.operators.login('lecteur', 'Registre-Bamako-2026');
});

describe('the centres list, paged and filtered in the database', () => {
  it('pages in matricule order with the total, for a viewer too', async () => {
    const first = await server.clients.page(viewer, { limit: 10 });
    expect(first.total).toBe(26);
    expect(first.rows.map((r) => r.matricule)).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 1).padStart(5, '0')));
    const last = await server.clients.page(viewer, { offset: 20, limit: 10 });
    expect(last.rows.map((r) => r.matricule)).toEqual(['00021', '00022', '00023', '00024', '00025', '31000']);
    expect(last).toMatchObject({ total: 26, offset: 20, limit: 10, filter: '' });
    expect((await server.clients.page(viewer, { offset: 100 })).rows).toEqual([]);
  });

  it('each row carries the status, last contact, balance and whether enrolment is pending', async () => {
    await server.accounts.recharge(admin, '00002', 5000, 'reçu 1');
    await server.pki.newEnrolmentCode(admin, '00002');
    const seen = new Date('2026-03-10T08:30:00Z');
    await server.db.query('UPDATE xm_system.traffic SET last_seen = $2 WHERE matricule = $1', ['00002', seen]);
    const [row] = (await server.clients.page(viewer, { filter: 'kati' })).rows;
    expect(row).toEqual({
      matricule: '00002', name: 'Mairie de Kati', city: 'Kati', region: 'Koulikoro', status: 3,
      last_contact: seen, balance: 5000, query_quota: 0, enrolment_pending: true,
    });
    const gao = (await server.clients.page(viewer, { filter: '31' })).rows;
    expect(gao).toMatchObject([{ matricule: '31000', status: 0, last_contact: null, balance: 0, enrolment_pending: false }]);
  });

  it('filters by matricule prefix, and by name, city or region without regard to accents or case', async () => {
    const of = async (filter: string) => {
      const p = await server.clients.page(viewer, { filter, limit: 50 });
      expect(p.total).toBe(p.rows.length);
      return p.rows.map((r) => r.matricule);
    };
    expect(await of('0000')).toEqual(['00001', '00002', '00003', '00004', '00005', '00006', '00007', '00008', '00009']);
    expect(await of('segou')).toEqual(['00001', '00003']); // name, city or region
    expect(await of('SÉGOU')).toEqual(['00001', '00003']);
    expect(await of('koulikoro')).toEqual(['00002']);
    expect(await of('  kay ')).toEqual(['00004']);
    expect(await of('Bougouni')).toHaveLength(21);
    // LIKE's wildcards are text here
    expect(await of('100%')).toEqual(['00003']);
    expect(await of('_')).toEqual([]);
    expect(await of('nowhere')).toEqual([]);
  });

  it('refuses a malformed request with a reason, naming the field', async () => {
    await expect(server.clients.page(viewer, { limit: 0 })).rejects.toMatchObject({ code: 'validation', problems: [{ field: 'limit' }] });
    await expect(server.clients.page(viewer, { limit: 201 })).rejects.toMatchObject({ code: 'validation' });
    await expect(server.clients.page(viewer, { offset: -1 })).rejects.toMatchObject({ code: 'validation', problems: [{ field: 'offset' }] });
    await expect(server.clients.page(viewer, { filter: 'a\u0007b' })).rejects.toMatchObject({ code: 'validation', problems: [{ field: 'filter' }] });
  });
});

describe('registering a centre with its enrolment code', () => {
  it('gives the code in the transaction that registers the centre, and never the key derived from it', async () => {
    const { client, code, expiresAt } = await server.clients.addWithCode(admin, { name: 'Mairie de Mopti', city: 'Mopti', region: 'Mopti', phone: '+223 21 43 00 00', status: 2 });
    expect(client).toMatchObject({ matricule: '31001', name: 'Mairie de Mopti', status: 2 });
    expect(client).not.toHaveProperty('enrol_key');
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    const details = await server.clients.details(admin, '31001');
    expect(details.client.enrolmentPending).toBe(true);
    expect(details.account).toMatchObject({ balance: 0 });
    const audit = await server.db.query<{ action: string }>("SELECT action FROM xm_system.audit WHERE entity_id = '31001' ORDER BY seq");
    expect(audit.map((a) => a.action)).toEqual(['client_created', 'enrolment_code_issued']);
  });

  it('a refusal or a bad field registers nothing', async () => {
    const before = (await server.clients.page(admin)).total;
    await expect(server.clients.addWithCode(viewer, { name: 'Mairie de Tombouctou' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(server.clients.addWithCode(admin, { name: '  ' })).rejects.toMatchObject({ code: 'validation', problems: [{ field: 'name' }] });
    await expect(server.clients.addWithCode(admin, { name: 'Double', matricule: '00002' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await server.clients.page(admin)).total).toBe(before);
  });
});
