import { beforeAll, describe, expect, it } from 'vitest';
import { createServer, DEMO_SUPERVISOR, type Server, type Session } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { SUPERVISOR, supervisorOf } from '../support/transmission.js';

const MATRICULE = '10001';

async function freshServer(): Promise<Server> {
  const db = await testDatabase();
  return createServer({ db: db.open(4) });
}

async function ledgerRows(server: Server, matricule = MATRICULE): Promise<number> {
  const [r] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM xm_system.ledger WHERE matricule = $1', [matricule]);
  return r!.n;
}

/**
 * A new operator as a supervisor creates one: the temporary password logs in, but the
 * session is refused everything until the password is changed. Returns the session of
 * the changed password.
 */
async function newOperator(server: Server, admin: Session, login: string, privilege: number): Promise<{ session: Session; password: string }> {
  const { user, temporaryPassword } = await server.operators.create(admin, { login, fullName: `Opérateur ${login}`, privilege });
  expect(user).toMatchObject({ login, privilege, mustChangePassword: true });
  const first = await server.operators.login(login, temporaryPassword);
  await expect(server.clients.list(first)).rejects.toMatchObject({ code: 'password_change_required' });
  const password = `Nouveau-mot-de-passe-${privilege}-2026`;
  const session = await server.operators.changePassword(login, temporaryPassword, password);
  return { session, password };
}

describe('the server’s operators', () => {
  let server: Server;
  let admin: Session;

  beforeAll(async () => {
    server = await freshServer();
    admin = await supervisorOf(server);
    await server.clients.add(admin, { matricule: MATRICULE, name: 'Mairie de Kati', region: 'Koulikoro' });
  });

  it('the first supervisor creates a viewer, an operator and a supervisor, who must each change the temporary password first', async () => {
    for (const [login, privilege] of [['lecteur', 1], ['operateur', 2], ['superviseur2', 3]] as const) {
      const { user, temporaryPassword } = await server.operators.create(admin, { login, fullName: `Compte ${login}`, privilege });
      expect(user).toMatchObject({ login, privilege, mustChangePassword: true, locked: false });
      expect(temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

      const first = await server.operators.login(login, temporaryPassword);
      expect(first.mustChangePassword).toBe(true);
      // refused for every action, even reading, until the password changes
      await expect(server.clients.list(first)).rejects.toMatchObject({ code: 'password_change_required' });
      await expect(server.accounts.list(first)).rejects.toMatchObject({ code: 'password_change_required' });
      await expect(server.messages.list(first)).rejects.toMatchObject({ code: 'password_change_required' });

      const changed = await server.operators.changePassword(login, temporaryPassword, `Secret-${privilege}-Bamako-2026`);
      expect(changed.mustChangePassword).toBe(false);
      expect((await server.clients.list(changed)).map((c) => c.matricule)).toEqual([MATRICULE]);
      // the temporary password is spent
      await expect(server.operators.login(login, temporaryPassword)).rejects.toMatchObject({ code: 'auth_failed' });
      expect((await server.operators.login(login, `Secret-${privilege}-Bamako-2026`)).privilege).toBe(privilege);
    }
    const list = await server.operators.list(admin);
    expect(list.map((u) => [u.login, u.privilege, u.role.en, u.mustChangePassword])).toEqual([
      ['lecteur', 1, 'Viewer', false],
      ['operateur', 2, 'Operator', false],
      ['superviseur', 3, 'Supervisor', false],
      ['superviseur2', 3, 'Supervisor', false],
    ]);
    // a login already taken is refused
    await expect(server.operators.create(admin, { login: 'lecteur', fullName: 'Autre', privilege: 1 })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('privileges are enforced in the core: viewer reads, operator recharges, only a supervisor sets tariffs and statuses', async () => {
    const viewer = (await newOperator(server, admin, 'v.traore', 1)).session;
    const operator = (await newOperator(server, admin, 'o.keita', 2)).session;
    const supervisor = (await newOperator(server, admin, 's.diarra', 3)).session;

    // viewer: reads clients and accounts, writes nothing
    expect((await server.clients.list(viewer)).map((c) => c.name)).toEqual(['Mairie de Kati']);
    expect((await server.accounts.list(viewer)).map((a) => [a.matricule, Number(a.balance)])).toEqual([[MATRICULE, 0]]);
    const before = await ledgerRows(server);
    await expect(server.accounts.recharge(viewer, MATRICULE, 5000, 'reçu 1')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(server.accounts.grantQuota(viewer, MATRICULE, 10)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(server.clients.add(viewer, { name: 'Mairie fantôme' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(server.operators.create(viewer, { login: 'intrus', fullName: 'Intrus', privilege: 3 })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await ledgerRows(server)).toBe(before);
    expect(Number((await server.accounts.get(viewer, MATRICULE)).balance)).toBe(0);
    expect((await server.clients.list(admin)).length).toBe(1);

    // operator: recharges and grants quota, but neither tariffs nor statuses nor operators
    const row = await server.accounts.recharge(operator, MATRICULE, 5000, 'reçu 1');
    expect(Number(row.balance_after)).toBe(5000);
    expect(await ledgerRows(server)).toBe(before + 1);
    const [ledger] = await server.db.query<{ operator_id: number; login: string; amount: number }>(
      'SELECT l.operator_id, o.login, l.amount::int AS amount FROM xm_system.ledger l JOIN xm_system.operators o ON o.id = l.operator_id WHERE l.id = $1', [row.id]);
    expect(ledger).toMatchObject({ login: 'o.keita', amount: 5000 });
    const tariffsBefore = await server.accounts.tariffs(operator);
    await expect(server.accounts.setTariff(operator, 'document', 250)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(server.accounts.adjust(operator, MATRICULE, -100, 'erreur de saisie')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(server.clients.setStatus(operator, MATRICULE, 1)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(server.operators.create(operator, { login: 'intrus', fullName: 'Intrus', privilege: 2 })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await server.accounts.tariffs(operator)).toEqual(tariffsBefore);
    expect((await server.clients.get(operator, MATRICULE)).status).toBe(3);
    expect(await ledgerRows(server)).toBe(before + 1);

    // supervisor: all of it
    await server.accounts.setTariff(supervisor, 'document', 250);
    expect((await server.accounts.tariffs(viewer)).document).toBe(250);
    await server.clients.setStatus(supervisor, MATRICULE, 1);
    expect((await server.clients.get(viewer, MATRICULE)).status).toBe(1);
    await server.clients.setStatus(supervisor, MATRICULE, 3);
    await server.accounts.adjust(supervisor, MATRICULE, -100, 'erreur de saisie');
    expect(Number((await server.accounts.get(viewer, MATRICULE)).balance)).toBe(4900);
  });

  it('a suspended operator’s open session is refused at once, not at the next login', async () => {
    const { session, password } = await newOperator(server, admin, 'a.sangare', 2);
    await server.accounts.recharge(session, MATRICULE, 1000, 'reçu 2');
    const before = await ledgerRows(server);

    const suspended = await server.operators.suspend(admin, 'a.sangare');
    expect(suspended).toMatchObject({ privilege: 0, role: { en: 'suspended' } });
    await expect(server.clients.list(session)).rejects.toMatchObject({ code: 'account_suspended' });
    await expect(server.accounts.recharge(session, MATRICULE, 1000, 'reçu 3')).rejects.toMatchObject({ code: 'account_suspended' });
    await expect(server.messages.send(session, MATRICULE, 'Bonjour')).rejects.toMatchObject({ code: 'account_suspended' });
    expect(await ledgerRows(server)).toBe(before);
    // and the password no longer opens a session
    await expect(server.operators.login('a.sangare', password)).rejects.toMatchObject({ code: 'account_suspended' });

    // restored: the same session works again
    await server.operators.edit(admin, 'a.sangare', { privilege: 2 });
    expect((await server.clients.list(session)).length).toBe(1);
  });

  it('a suspended operator who keeps trying the right password is not locked out once restored', async () => {
    const { password } = await newOperator(server, admin, 'd.kone', 2);
    await server.operators.suspend(admin, 'd.kone');
    for (let i = 0; i < 6; i++) {
      await expect(server.operators.login('d.kone', password)).rejects.toMatchObject({ code: 'account_suspended' });
    }
    await server.operators.edit(admin, 'd.kone', { privilege: 2 });
    expect((await server.operators.list(admin)).find((u) => u.login === 'd.kone')!.locked).toBe(false);
    const s = await server.operators.login('d.kone', password);
    expect((await server.clients.list(s)).length).toBe(1);
  });

  it('a session ended by logout is refused', async () => {
    const { password } = await newOperator(server, admin, 'h.ba', 1);
    const s = await server.operators.login('h.ba', password);
    expect((await server.clients.list(s)).length).toBe(1);
    await server.operators.logout(s);
    await expect(server.clients.list(s)).rejects.toMatchObject({ code: 'auth_failed' });
  });

  it('a password reset ends the sessions opened with the old password, even once the new one is set', async () => {
    const { session, password } = await newOperator(server, admin, 'k.sy', 2);
    const other = await server.operators.login('k.sy', password);
    const { temporaryPassword } = await server.operators.resetPassword(admin, 'k.sy');
    const renewed = await server.operators.changePassword('k.sy', temporaryPassword, 'Encore-un-autre-2026');
    expect((await server.clients.list(renewed)).length).toBe(1);
    for (const s of [session, other]) await expect(server.clients.list(s)).rejects.toMatchObject({ code: 'auth_failed' });
  });

  it('a demoted operator loses the privilege at once', async () => {
    const { session } = await newOperator(server, admin, 'm.coulibaly', 3);
    await server.operators.edit(admin, 'm.coulibaly', { privilege: 1 });
    await expect(server.accounts.setTariff(session, 'query', 75)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(server.accounts.recharge(session, MATRICULE, 10, 'x')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await server.clients.list(session)).length).toBe(1);
  });

  it('the last active supervisor can be neither demoted nor suspended', async () => {
    const other = await freshServer();
    const chief = await supervisorOf(other);
    const { session: second } = await newOperator(other, chief, 'second', 3);

    // two supervisors: one may demote the other
    await other.operators.edit(second, SUPERVISOR.login, { privilege: 2 });
    // now `second` is the last one: itself cannot step down or be suspended
    await expect(other.operators.edit(second, 'second', { privilege: 2 })).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(other.operators.suspend(second, 'second')).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(other.operators.edit(second, 'second', { privilege: 0 })).rejects.toMatchObject({ code: 'invalid_state' });
    const list = await other.operators.list(second);
    expect(list.map((u) => [u.login, u.privilege])).toEqual([['second', 3], [SUPERVISOR.login, 2]]);
    // a suspended supervisor does not count as active: appoint a third, suspend it, still refused
    await other.operators.edit(second, SUPERVISOR.login, { privilege: 3 });
    await other.operators.suspend(second, SUPERVISOR.login);
    await expect(other.operators.suspend(second, 'second')).rejects.toMatchObject({ code: 'invalid_state' });
    expect((await other.operators.list(second)).find((u) => u.login === 'second')!.privilege).toBe(3);
    // the refused attempts wrote nothing to the audit log
    const [r] = await other.db.query<{ n: number }>("SELECT count(*)::int AS n FROM xm_system.audit WHERE entity_id = (SELECT id::text FROM xm_system.operators WHERE login = 'second') AND action IN ('operator_edited', 'operator_suspended')");
    expect(r!.n).toBe(0);
  });

  it('a wrong password is refused; 5 failures lock the account, even for the right password', async () => {
    const { password } = await newOperator(server, admin, 'b.cisse', 2);
    await expect(server.operators.login('inconnu', password)).rejects.toMatchObject({ code: 'auth_failed' });
    for (let i = 1; i <= 4; i++) {
      await expect(server.operators.login('b.cisse', `faux-${i}-mot-de-passe`)).rejects.toMatchObject({ code: 'auth_failed' });
    }
    await expect(server.operators.login('b.cisse', 'faux-5-mot-de-passe')).rejects.toMatchObject({ code: 'account_locked' });
    await expect(server.operators.login('b.cisse', password)).rejects.toMatchObject({ code: 'account_locked' });
    expect((await server.operators.list(admin)).find((u) => u.login === 'b.cisse')!.locked).toBe(true);

    // a supervisor's reset clears the lock; the new temporary password must be changed
    const { temporaryPassword } = await server.operators.resetPassword(admin, 'b.cisse');
    const s = await server.operators.login('b.cisse', temporaryPassword);
    await expect(server.clients.list(s)).rejects.toMatchObject({ code: 'password_change_required' });
    await expect(server.operators.login('b.cisse', password)).rejects.toMatchObject({ code: 'auth_failed' });
  });

  it('fewer than 5 failures then a success start the count again', async () => {
    const { password } = await newOperator(server, admin, 'k.toure', 2);
    for (let i = 0; i < 4; i++) await expect(server.operators.login('k.toure', 'pas-le-bon-1')).rejects.toMatchObject({ code: 'auth_failed' });
    await server.operators.login('k.toure', password);
    for (let i = 0; i < 4; i++) await expect(server.operators.login('k.toure', 'pas-le-bon-2')).rejects.toMatchObject({ code: 'auth_failed' });
    expect((await server.operators.login('k.toure', password)).login).toBe('k.toure');
  });

  it('operator actions are in the hash-chained audit log, with the actor', async () => {
    const rows = await server.db.query<{ actor_login: string | null; login: string; privilege: number }>(
      "SELECT actor_login, details->>'login' AS login, (details->>'privilege')::int AS privilege FROM xm_system.audit WHERE action = 'operator_created' ORDER BY seq");
    expect(rows[0]).toEqual({ actor_login: null, login: SUPERVISOR.login, privilege: 3 });
    expect(rows.slice(1, 4)).toEqual([
      { actor_login: SUPERVISOR.login, login: 'lecteur', privilege: 1 },
      { actor_login: SUPERVISOR.login, login: 'operateur', privilege: 2 },
      { actor_login: SUPERVISOR.login, login: 'superviseur2', privilege: 3 },
    ]);
    const actions = await server.db.query<{ action: string; actor_login: string }>(
      "SELECT action, actor_login FROM xm_system.audit WHERE action IN ('operator_suspended', 'account_recharge', 'tariff_changed', 'password_changed', 'login_locked') ORDER BY seq");
    expect(actions).toEqual(expect.arrayContaining([
      { action: 'account_recharge', actor_login: 'o.keita' },
      { action: 'tariff_changed', actor_login: 's.diarra' },
      { action: 'operator_suspended', actor_login: SUPERVISOR.login },
      { action: 'password_changed', actor_login: 'lecteur' },
      { action: 'login_locked', actor_login: 'b.cisse' },
    ]));
    const report = await server.verifyAudit();
    expect(report).toMatchObject({ ok: true });
    expect(report.checked).toBeGreaterThan(20);
  });
});

describe('the demo supervisor', () => {
  let server: Server;
  beforeAll(async () => {
    server = await freshServer();
    await server.operators.demoSupervisor();
  });

  it('must change its known password before anything, and the old one then stops working', async () => {
    // only on an empty server
    await expect(server.operators.demoSupervisor()).rejects.toMatchObject({ code: 'already_initialised' });
    await expect(server.operators.firstSupervisor(SUPERVISOR)).rejects.toMatchObject({ code: 'already_initialised' });

    const demo = await server.operators.login(DEMO_SUPERVISOR.login, DEMO_SUPERVISOR.password);
    expect(demo).toMatchObject({ privilege: 3, mustChangePassword: true });
    await expect(server.clients.list(demo)).rejects.toMatchObject({ code: 'password_change_required' });
    await expect(server.clients.add(demo, { name: 'Mairie de Kati' })).rejects.toMatchObject({ code: 'password_change_required' });
    await expect(server.operators.create(demo, { login: 'x.y', fullName: 'X Y', privilege: 3 })).rejects.toMatchObject({ code: 'password_change_required' });
    await expect(server.operators.list(demo)).rejects.toMatchObject({ code: 'password_change_required' });
    await expect(server.accounts.setTariff(demo, 'document', 1)).rejects.toMatchObject({ code: 'password_change_required' });
    const [n] = await server.db.query<{ clients: number; operators: number }>('SELECT (SELECT count(*)::int FROM xm_system.clients) AS clients, (SELECT count(*)::int FROM xm_system.operators) AS operators');
    expect(n).toEqual({ clients: 0, operators: 1 });

    // a weak new password is refused, and the demo password is still the one to change
    await expect(server.operators.changePassword(DEMO_SUPERVISOR.login, DEMO_SUPERVISOR.password, 'court')).rejects.toMatchObject({ code: 'weak_password' });
    const changed = await server.operators.changePassword(DEMO_SUPERVISOR.login, DEMO_SUPERVISOR.password, 'Vrai-mot-de-passe-2026');
    const c = await server.clients.add(changed, { name: 'Mairie de Kati' });
    expect((await server.clients.list(changed)).map((x) => x.matricule)).toEqual([c.matricule]);

    await expect(server.operators.login(DEMO_SUPERVISOR.login, DEMO_SUPERVISOR.password)).rejects.toMatchObject({ code: 'auth_failed' });
    expect((await server.operators.login(DEMO_SUPERVISOR.login, 'Vrai-mot-de-passe-2026')).mustChangePassword).toBe(false);
    expect(await server.verifyAudit()).toMatchObject({ ok: true });
  });
});
