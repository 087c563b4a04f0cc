import { beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '@docstream/core';
import { enrolledPair, type Pair } from '../support/transmission.js';

const MATRICULE = '00051';

/** An operator of the server with the given privilege, its temporary password already changed. */
async function operatorOf(pair: Pair, login: string, fullName: string, privilege: number): Promise<Session> {
  const { temporaryPassword } = await pair.server.operators.create(pair.admin, { login, fullName, privilege });
  return pair.server.operators.changePassword(login, temporaryPassword, `Bureau-central-${privilege}-2026`);
}

async function serverMessageCount(pair: Pair): Promise<number> {
  const [r] = await pair.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM xm_system.messages WHERE matricule = $1', [MATRICULE]);
  return r!.n;
}

describe('messages between the server and a centre, signatories and profile', () => {
  let pair: Pair;
  let operator: Session;
  let viewer: Session;

  beforeAll(async () => {
    pair = await enrolledPair({ matricule: MATRICULE });
    operator = await operatorOf(pair, 'f.maiga', 'Fatoumata Maïga', 2);
    viewer = await operatorOf(pair, 'i.sidibe', 'Ibrahim Sidibé', 1);
    await pair.notify(); // whatever enrolment queued, out of the way
  });

  it('an operator writes to a centre: after the notices travel the centre sees it unread, then read', async () => {
    const { centre, agent } = pair.staff;
    const sent = await pair.server.messages.send(operator, MATRICULE, '  Merci de transmettre les actes de mars.  ');
    expect(sent).toMatchObject({ matricule: MATRICULE, direction: 'out', body: 'Merci de transmettre les actes de mars.', author: 'Fatoumata Maïga', read_at: null });
    // an outgoing message is never "unread" on the server
    expect(await pair.server.messages.list(viewer, { unread: true })).toEqual([]);
    // nothing reaches the centre before the notices are sealed and delivered
    expect(await centre.server.messages.list(agent, { unread: true })).toEqual([]);

    expect(await pair.notify()).toBeGreaterThanOrEqual(1);
    const unread = await centre.server.messages.list(agent, { unread: true });
    expect(unread.map((m) => [m.direction, m.body, m.author])).toEqual([['in', 'Merci de transmettre les actes de mars.', 'Fatoumata Maïga']]);
    expect(await centre.server.messages.markRead(agent, [unread[0]!.id])).toBe(1);
    expect(await centre.server.messages.list(agent, { unread: true })).toEqual([]);
    const all = await centre.server.messages.list(agent);
    expect(all).toHaveLength(1);
    expect(all[0]!.read_at).toBeInstanceOf(Date);
    // marking again changes nothing
    expect(await centre.server.messages.markRead(agent, [unread[0]!.id])).toBe(0);
  });

  it('the server refuses a message from a viewer, an empty one, or to an unknown centre', async () => {
    const before = await serverMessageCount(pair);
    await expect(pair.server.messages.send(viewer, MATRICULE, 'Bonjour')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(pair.server.messages.send(operator, MATRICULE, '   ')).rejects.toMatchObject({ code: 'validation' });
    await expect(pair.server.messages.send(operator, MATRICULE, 'x'.repeat(4001))).rejects.toMatchObject({ code: 'validation' });
    await expect(pair.server.messages.send(operator, '99999', 'Bonjour')).rejects.toMatchObject({ code: 'not_found' });
    expect(await serverMessageCount(pair)).toBe(before);
    expect(await pair.notify()).toBe(0);
  });

  it('a server message handed to the centre twice is shown once', async () => {
    const { centre, agent } = pair.staff;
    await pair.server.messages.send(operator, MATRICULE, 'Réunion des officiers le 2 avril.');
    const sealed = (await pair.server.sealNotices()).filter((r) => r.dst === MATRICULE);
    expect(sealed).toHaveLength(1);
    expect(await centre.transmission.receive(sealed[0]!.bytes)).toMatchObject({ kind: 'applied', applied: { kind: 'message' } });
    expect(await centre.transmission.receive(sealed[0]!.bytes)).toMatchObject({ kind: 'replay' });
    const unread = await centre.server.messages.list(agent, { unread: true });
    expect(unread.map((m) => m.body)).toEqual(['Réunion des officiers le 2 avril.']);
    await centre.server.messages.markRead(agent, unread.map((m) => m.id));
  });

  it('a Secretary writes to the server: it arrives unread with the author’s name, and is marked read', async () => {
    const { centre, secretary, agent, officer } = pair.staff;
    await expect(centre.server.messages.send(agent, 'Bonjour')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(centre.server.messages.send(secretary, '  \n ')).rejects.toMatchObject({ code: 'validation' });
    const before = await serverMessageCount(pair);

    const mine = await centre.server.messages.send(secretary, 'Le registre de 2025 est complet.');
    expect(mine).toMatchObject({ direction: 'out', body: 'Le registre de 2025 est complet.', author: 'Sékou Traoré' });
    // the centre's own message is not "unread" for it
    expect((await centre.server.messages.list(agent, { unread: true })).map((m) => m.body)).toEqual([]);
    // nothing at the server before the exchange
    expect(await serverMessageCount(pair)).toBe(before);

    const results = await pair.exchange();
    expect(results.map((r) => r.outcome.kind)).toEqual(['accepted']);
    const unread = await pair.server.messages.list(viewer, { unread: true });
    expect(unread.map((m) => [m.matricule, m.direction, m.body, m.author])).toEqual([[MATRICULE, 'in', 'Le registre de 2025 est complet.', 'Sékou Traoré']]);
    expect(await pair.server.messages.list(viewer, { matricule: '00000', unread: true })).toEqual([]);

    expect(await pair.server.messages.markRead(viewer, [unread[0]!.id])).toBe(1);
    expect(await pair.server.messages.list(viewer, { unread: true })).toEqual([]);
    const [row] = await pair.server.messages.list(viewer, { matricule: MATRICULE, limit: 1 });
    expect(row).toMatchObject({ id: unread[0]!.id, direction: 'in' });
    expect(row!.read_at).toBeInstanceOf(Date);
    // the Officer may write too
    await centre.server.messages.send(officer, 'Merci.');
    await pair.exchange();
    expect((await pair.server.messages.list(viewer, { unread: true })).map((m) => [m.body, m.author])).toEqual([['Merci.', 'Chef de Centre']]);
  });

  it('the same message container delivered twice is stored once', async () => {
    const { centre, secretary } = pair.staff;
    await centre.server.messages.send(secretary, 'Demande de registres vierges.');
    expect(await centre.transmission.pack()).toBe(1);
    const [c] = await centre.transmission.due(0);
    const first = await pair.deliver(c!.sdc);
    expect(first.outcome.kind).toBe('accepted');
    const before = await serverMessageCount(pair);
    const again = await pair.deliver(c!.sdc);
    expect(again.outcome.kind).toBe('replay');
    expect(await serverMessageCount(pair)).toBe(before);
    const [r] = await pair.server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM xm_system.messages WHERE body = 'Demande de registres vierges.'");
    expect(r!.n).toBe(1);
  });

  it('signatories: national and the centre’s own reach the centre; a deactivated one disappears; an operator cannot add one', async () => {
    const { centre, agent } = pair.staff;
    const { server, admin } = pair;
    // another centre, not enrolled, with its own signatory: never shown here
    await server.clients.add(admin, { matricule: '00052', name: 'Mairie de Kita' });
    await server.signatories.add(admin, { matricule: '00052', fullName: 'Oumar KEITA', title: 'Maire de Kita' });

    const national = await server.signatories.add(admin, { fullName: 'Mariam COULIBALY', title: 'Directrice nationale de l’état civil' });
    const local = await server.signatories.add(admin, { matricule: MATRICULE, fullName: 'Seydou DIARRA', title: 'Officier de l’état civil' });
    expect(national.matricule).toBeNull();
    await expect(server.signatories.add(operator, { fullName: 'Intrus', title: 'Aucun' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(server.signatories.edit(operator, local.id, { active: false })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await server.signatories.list(viewer)).map((s) => s.full_name).sort()).toEqual(['Mariam COULIBALY', 'Oumar KEITA', 'Seydou DIARRA']);

    await pair.notify();
    let { signatories } = await centre.server.profile(agent);
    expect(signatories.map((s) => [s.id, s.full_name, s.title, s.national])).toEqual([
      [local.id, 'Seydou DIARRA', 'Officier de l’état civil', false],
      [national.id, 'Mariam COULIBALY', 'Directrice nationale de l’état civil', true],
    ]);

    await server.signatories.edit(admin, local.id, { active: false });
    await pair.notify();
    ({ signatories } = await centre.server.profile(agent));
    expect(signatories.map((s) => [s.full_name, s.national])).toEqual([['Mariam COULIBALY', true]]);

    // a title change of the national one travels as well
    await server.signatories.edit(admin, national.id, { title: 'Directrice nationale' });
    await pair.notify();
    ({ signatories } = await centre.server.profile(agent));
    expect(signatories.map((s) => [s.full_name, s.title])).toEqual([['Mariam COULIBALY', 'Directrice nationale']]);
  });

  it('a profile change reaches the centre: name, phone, status, and the centre’s own name', async () => {
    const { centre, agent } = pair.staff;
    const { server, admin } = pair;
    await server.clients.edit(operator, MATRICULE, { name: 'Mairie de Kati II', phone: '+223 20 00 00 00' });
    // not before the notices travel
    expect((await centre.info())!.name).toBe('Mairie de Test');
    await pair.notify();
    const { profile } = await centre.server.profile(agent);
    expect(profile).toMatchObject({ name: 'Mairie de Kati II', phone: '+223 20 00 00 00', region: 'Koulikoro', status: 3 });
    expect((await centre.info())!.name).toBe('Mairie de Kati II');

    await server.clients.setStatus(admin, MATRICULE, 2);
    await pair.notify();
    expect((await centre.server.profile(agent)).profile).toMatchObject({ name: 'Mairie de Kati II', status: 2 });
    await server.clients.setStatus(admin, MATRICULE, 3);
    await pair.notify();
    expect((await centre.server.profile(agent)).profile!.status).toBe(3);
  });

  it('an older profile arriving after a newer one does not overwrite it', async () => {
    const { centre, agent } = pair.staff;
    const { server, admin } = pair;
    await server.clients.sendProfile(admin, MATRICULE); // city ''
    await new Promise((r) => setTimeout(r, 5));
    await server.clients.edit(admin, MATRICULE, { city: 'Kati' });
    const sealed = (await server.sealNotices()).filter((r) => r.dst === MATRICULE);
    expect(sealed).toHaveLength(2);
    // delivered newest first, as a link may do
    await centre.transmission.receive(sealed[1]!.bytes);
    await centre.transmission.receive(sealed[0]!.bytes);
    expect((await centre.server.profile(agent)).profile).toMatchObject({ name: 'Mairie de Kati II', city: 'Kati' });
  });

  it('a recharge and a quota grant update the centre’s account mirror', async () => {
    const { centre, agent } = pair.staff;
    await pair.server.accounts.recharge(operator, MATRICULE, 5000, 'reçu 17');
    await pair.server.accounts.grantQuota(operator, MATRICULE, 10, { price: 1000 });
    await pair.notify();
    expect(await centre.server.account(agent)).toMatchObject({ balance: 4000, query_quota: 10 });
  });

  it('every administrative action is in the server’s audit log, and the chain holds', async () => {
    const rows = await pair.server.db.query<{ action: string; actor_login: string }>(
      "SELECT action, actor_login FROM xm_system.audit WHERE action IN ('message_sent', 'signatory_added', 'signatory_edited', 'client_edited', 'profile_sent') ORDER BY seq");
    expect(rows).toEqual(expect.arrayContaining([
      { action: 'message_sent', actor_login: 'f.maiga' },
      { action: 'signatory_added', actor_login: 'superviseur' },
      { action: 'signatory_edited', actor_login: 'superviseur' },
      { action: 'client_edited', actor_login: 'f.maiga' },
      { action: 'profile_sent', actor_login: 'superviseur' },
    ]));
    expect(await pair.server.verifyAudit()).toMatchObject({ ok: true });
    expect(await pair.staff.centre.verifyAudit()).toMatchObject({ ok: true });
  });
});
