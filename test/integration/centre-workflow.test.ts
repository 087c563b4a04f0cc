import { randomBytes, scryptSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCentre, DocstreamError, Privilege, parseNiu, LOCKOUT_MINUTES, MAX_FAILED_LOGINS, type Database } from '@docstream/core';
import { manualClock, testDatabase } from '../support/test-db.js';
import { birth, centreWithStaff, OFFICER_PASSWORD, type Staff } from '../support/centre-fixture.js';
import { runWorkflow } from '../support/workflow.js';

let db: Database;
let staff: Staff;
const clock = manualClock(new Date('2026-03-15T10:00:00Z'));

beforeAll(async () => {
  db = (await testDatabase()).open(8);
  staff = await centreWithStaff(db, clock);
});

async function errorOf(p: Promise<unknown>): Promise<DocstreamError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DocstreamError);
    return e as DocstreamError;
  }
  throw new Error('expected a DocstreamError, got success');
}

async function verifiedDraft(): Promise<number> {
  const d = await staff.centre.documents.draft(staff.agent, 'acte_naissance', birth());
  await staff.centre.documents.verify(staff.secretary, d.numero);
  return d.numero;
}

describe('centre document workflow on PostgreSQL', () => {
  it('runs draft → send back → edit → check → validate by three roles, and the per-kind view shows it', async () => {
    const doc = await runWorkflow(staff);
    const rows = await db.query<Record<string, unknown>>('SELECT niu, enfant_nom, enfant_prenoms, date_naissance, sexe FROM docstream.v_acte_naissance WHERE numero = $1', [doc.numero]);
    expect(rows).toEqual([{ niu: doc.niu, enfant_nom: 'KONÉ', enfant_prenoms: 'Aminata Fatou', date_naissance: '2026-03-01', sexe: 'F' }]);
  });

  it('refuses validation and checking by an Agent, whatever the console shows', async () => {
    const d = await staff.centre.documents.draft(staff.agent, 'acte_naissance', birth());
    expect((await errorOf(staff.centre.documents.verify(staff.agent, d.numero))).code).toBe('forbidden');
    await staff.centre.documents.verify(staff.secretary, d.numero);
    const e = await errorOf(staff.centre.documents.validate(staff.agent, d.numero));
    expect(e.code).toBe('forbidden');
    expect(e.fr).toContain('Officier');
    expect(e.en).toContain('Officer');
    expect((await staff.centre.documents.get(staff.agent, d.numero)).stage).toBe('verified');
  });

  it('refuses to validate a document that was not checked', async () => {
    const d = await staff.centre.documents.draft(staff.agent, 'acte_naissance', birth());
    expect((await errorOf(staff.centre.documents.validate(staff.officer, d.numero))).code).toBe('invalid_state');
  });

  it('refuses validating twice and keeps the first NIU', async () => {
    const numero = await verifiedDraft();
    const first = await staff.centre.documents.validate(staff.officer, numero);
    const e = await errorOf(staff.centre.documents.validate(staff.officer, numero));
    expect(e.code).toBe('invalid_state');
    expect(e.fr).toContain('déjà validé');
    expect((await staff.centre.documents.get(staff.officer, numero)).niu).toBe(first.niu);
  });

  it('never gives the same NIU to two Officers validating concurrently', async () => {
    const second = await staff.centre.users.create(staff.officer, { login: 'adjoint', fullName: 'Officier Adjoint', privilege: Privilege.Officer });
    const officer2 = await staff.centre.users.changePassword('adjoint', second.temporaryPassword, 'second-signataire-9');
    const numeros: number[] = [];
    for (let i = 0; i < 30; i++) numeros.push(await verifiedDraft());
    const results = await Promise.all(
      numeros.map((n, i) => staff.centre.documents.validate(i % 2 === 0 ? staff.officer : officer2, n)),
    );
    const nius = results.map((r) => r.niu!);
    expect(new Set(nius).size).toBe(30);
    const seqs = nius.map((n) => parseNiu(n)!.sequence).sort((a, b) => a - b);
    expect(seqs[29]! - seqs[0]!).toBe(29);
  });

  it('refuses a malformed field and names it, in French and English, saving nothing', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM docstream.documents');
    const e = await errorOf(staff.centre.documents.draft(staff.agent, 'acte_naissance', birth({ date_naissance: '2026-02-30', sexe: 'X' })));
    expect(e.code).toBe('validation');
    expect(e.problems.map((p) => p.field).sort()).toEqual(['date_naissance', 'sexe']);
    expect(e.fr).toContain('Date de naissance');
    expect(e.en).toContain('Date of birth');
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM docstream.documents');
    expect(after).toEqual(before);
  });

  it('refuses an incomplete or inconsistent document at the check, naming the rule', async () => {
    const d = await staff.centre.documents.draft(staff.agent, 'acte_naissance', { enfant: { nom: 'SANGARE', prenoms: 'Ali' } });
    const missing = await errorOf(staff.centre.documents.verify(staff.secretary, d.numero));
    expect(missing.problems.map((p) => p.field)).toContain('mere');
    const late = await errorOf(staff.centre.documents.draft(staff.agent, 'acte_naissance', birth({ date_declaration: '2026-02-01' })));
    expect(late.en).toContain('The declaration cannot precede the birth');
  });

  it('keeps a validated document immutable even to direct SQL, and never deletes', async () => {
    const numero = await verifiedDraft();
    await staff.centre.documents.validate(staff.officer, numero);
    await expect(db.query(`UPDATE docstream.documents SET data = data || '{"lieu_naissance":"Kayes"}' WHERE numero = $1`, [numero])).rejects.toMatchObject({ code: 'immutable' });
    await expect(db.query('DELETE FROM docstream.documents WHERE numero = $1', [numero])).rejects.toMatchObject({ code: 'immutable' });
    expect((await errorOf(staff.centre.documents.edit(staff.agent, numero, { lieu_naissance: 'Kayes' }))).code).toBe('invalid_state');
  });

  it('cancels a validated document only by the Officer with a reason, and queues the cancellation', async () => {
    const numero = await verifiedDraft();
    const v = await staff.centre.documents.validate(staff.officer, numero);
    expect((await errorOf(staff.centre.documents.cancel(staff.secretary, numero, 'erreur'))).code).toBe('forbidden');
    expect((await errorOf(staff.centre.documents.cancel(staff.officer, numero, '  '))).code).toBe('validation');
    const c = await staff.centre.documents.cancel(staff.officer, numero, 'Doublon de l’acte précédent');
    expect(c).toMatchObject({ status: 0, cancelReason: 'Doublon de l’acte précédent', niu: v.niu });
    const out = await db.query('SELECT msg_type FROM docstream.outbox WHERE document_numero = $1 ORDER BY id', [numero]);
    expect(out).toEqual([{ msg_type: 'docs' }, { msg_type: 'cancel' }]);
    expect((await errorOf(staff.centre.documents.cancel(staff.officer, numero, 'encore'))).code).toBe('invalid_state');
  });

  it('locks an account after repeated failures, and unlocks it when the lockout ends', async () => {
    const { centre, officer } = staff;
    const t = await centre.users.create(officer, { login: 'distrait', fullName: 'Agent Distrait', privilege: Privilege.Agent });
    await centre.users.changePassword('distrait', t.temporaryPassword, 'ma-phrase-secrete-7');
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      expect((await errorOf(centre.users.login('distrait', 'mauvais'))).code).toBe('auth_failed');
    }
    expect((await errorOf(centre.users.login('distrait', 'mauvais'))).code).toBe('account_locked');
    // even the right password is refused while locked
    expect((await errorOf(centre.users.login('distrait', 'ma-phrase-secrete-7'))).code).toBe('account_locked');
    clock.advance(LOCKOUT_MINUTES * 60_000 + 1000);
    // once the lockout has run out, one more typo starts a new count instead of locking again
    expect((await errorOf(centre.users.login('distrait', 'mauvais'))).code).toBe('auth_failed');
    await expect(centre.users.login('distrait', 'ma-phrase-secrete-7')).resolves.toMatchObject({ login: 'distrait' });
  });

  it('stores an account hashed with older scrypt parameters again with today\'s at its next login', async () => {
    const { centre, officer } = staff;
    const t = await centre.users.create(officer, { login: 'ancienne', fullName: 'Compte Ancien', privilege: Privilege.Agent });
    await centre.users.changePassword('ancienne', t.temporaryPassword, 'phrase-de-2025-x');
    // as stored before the parameters changed: N = 2^15, r = 8, p = 1
    const salt = randomBytes(16);
    const key = scryptSync('phrase-de-2025-x', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 2 ** 20 });
    const old = `scrypt$15$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    await db.query(`UPDATE docstream.users SET password_hash = $1 WHERE login = 'ancienne'`, [old]);
    const stored = async () => (await db.query<{ h: string }>(`SELECT password_hash AS h FROM docstream.users WHERE login = 'ancienne'`))[0]!.h;
    // a wrong password leaves it as it was
    expect((await errorOf(centre.users.login('ancienne', 'pas-la-bonne-1'))).code).toBe('auth_failed');
    expect(await stored()).toBe(old);
    await expect(centre.users.login('ancienne', 'phrase-de-2025-x')).resolves.toMatchObject({ login: 'ancienne' });
    expect(await stored()).toMatch(/^scrypt\$13\$8\$10\$/);
    await expect(centre.users.login('ancienne', 'phrase-de-2025-x')).resolves.toMatchObject({ login: 'ancienne' });
    expect((await errorOf(centre.users.login('ancienne', 'pas-la-bonne-2'))).code).toBe('auth_failed');
  });

  it('checks at most the limit of passwords when guesses arrive all at once', async () => {
    const { centre, officer } = staff;
    const t = await centre.users.create(officer, { login: 'cible', fullName: 'Compte Visé', privilege: Privilege.Agent });
    await centre.users.changePassword('cible', t.temporaryPassword, 'phrase-de-passe-forte');
    // 29 wrong guesses and the right one last, all at once
    const guesses = [...Array.from({ length: 29 }, (_, i) => `devine-${i}`), 'phrase-de-passe-forte'];
    const results = await Promise.allSettled(guesses.map((g) => centre.users.login('cible', g)));
    const [{ id }] = (await db.query<{ id: number }>(`SELECT id FROM docstream.users WHERE login = 'cible'`)) as [{ id: number }];
    // every password checked leaves one audit row: a failure, a lockout or a login
    const checked = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM docstream.audit WHERE entity_id = $1 AND action IN ('login_failed', 'login_locked', 'login') AND seq > (SELECT max(seq) FROM docstream.audit WHERE action = 'password_changed' AND entity_id = $1)`,
      [String(id)],
    );
    expect(checked[0]!.n).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    // a plain "wrong password" means a password was checked before the lockout
    const wrong = results.filter((r) => r.status === 'rejected' && (r.reason as DocstreamError).code === 'auth_failed').length;
    expect(wrong).toBeLessThanOrEqual(MAX_FAILED_LOGINS - 1);
    const logged = results.filter((r) => r.status === 'fulfilled').length;
    if (logged === 0) {
      expect((await errorOf(centre.users.login('cible', 'phrase-de-passe-forte'))).code).toBe('account_locked');
    }
  });

  it('refuses a suspended user at login and stops an open session at once', async () => {
    const { centre, officer } = staff;
    const t = await centre.users.create(officer, { login: 'partant', fullName: 'Agent Partant', privilege: Privilege.Agent });
    const s = await centre.users.changePassword('partant', t.temporaryPassword, 'au-revoir-collegues');
    await centre.users.suspend(officer, 'partant');
    expect((await errorOf(centre.users.login('partant', 'au-revoir-collegues'))).code).toBe('account_suspended');
    expect((await errorOf(centre.documents.draft(s, 'acte_naissance', birth()))).code).toBe('account_suspended');
  });

  it('makes a new user change the temporary password before any work, and refuses a weak one', async () => {
    const { centre, officer } = staff;
    const t = await centre.users.create(officer, { login: 'nouveau', fullName: 'Nouvel Agent', privilege: Privilege.Agent });
    const s = await centre.users.login('nouveau', t.temporaryPassword);
    expect(s.mustChangePassword).toBe(true);
    expect((await errorOf(centre.documents.draft(s, 'acte_naissance', birth()))).code).toBe('password_change_required');
    expect((await errorOf(centre.users.changePassword('nouveau', t.temporaryPassword, 'court'))).code).toBe('weak_password');
    const s2 = await centre.users.changePassword('nouveau', t.temporaryPassword, 'un-mot-de-passe-long');
    expect(s2.mustChangePassword).toBe(false);
    await expect(centre.documents.draft(s2, 'acte_naissance', birth())).resolves.toMatchObject({ stage: 'draft' });
  });

  it('lets only the Officer manage users, and never demotes the last Officer', async () => {
    const { centre, officer, secretary } = staff;
    expect((await errorOf(centre.users.create(secretary, { login: 'intrus', fullName: 'X', privilege: Privilege.Officer }))).code).toBe('forbidden');
    const officers = (await centre.users.list(officer)).filter((u) => u.privilege === Privilege.Officer);
    if (officers.length === 1) {
      expect((await errorOf(centre.users.suspend(officer, 'chef'))).code).toBe('invalid_state');
    }
    const r = await centre.users.resetPassword(officer, 'awa');
    expect((await centre.users.login('awa', r.temporaryPassword)).mustChangePassword).toBe(true);
    staff.agent = await centre.users.changePassword('awa', r.temporaryPassword, 'nouvelle-phrase-42');
  });

  it('finds documents by NIU, by name without accents, by kind, stage and date, page by page', async () => {
    const { centre, agent, secretary, officer } = staff;
    const mine: number[] = [];
    for (let i = 0; i < 5; i++) {
      const d = await centre.documents.draft(agent, 'acte_naissance', birth({ enfant: { nom: 'Ouédraogo', prenoms: `Zénabou ${["Awa", "Binta", "Coumba", "Djeneba", "Esther"][i]}` }, date_naissance: `2025-0${i + 1}-15`, date_declaration: '2025-12-01' }));
      mine.push(d.numero);
    }
    await centre.documents.verify(secretary, mine[0]!);
    const v = await centre.documents.validate(officer, mine[0]!);

    expect((await centre.documents.search(agent, { niu: v.niu! })).items.map((h) => h.numero)).toEqual([mine[0]]);
    const byName = await centre.documents.search(agent, { name: 'OUEDRAOGO zenabou' });
    expect(byName.items.map((h) => h.numero).sort()).toEqual([...mine].sort());
    // lists show the names as typed, accents and capitals kept
    expect(byName.items.find((h) => h.numero === mine[1])?.names_display).toBe('Ouédraogo Zénabou Binta / KONÉ Ibrahim / TRAORÉ Mariam');

    const page1 = await centre.documents.search(agent, { name: 'ouedraogo', limit: 2 });
    expect(page1.items).toHaveLength(2);
    const page2 = await centre.documents.search(agent, { name: 'ouedraogo', limit: 2, before: page1.nextCursor! });
    const page3 = await centre.documents.search(agent, { name: 'ouedraogo', limit: 2, before: page2.nextCursor! });
    expect(page3.nextCursor).toBeUndefined();
    expect([...page1.items, ...page2.items, ...page3.items].map((h) => h.numero)).toEqual([...mine].reverse());

    const ranged = await centre.documents.search(agent, { name: 'ouedraogo', from: '2025-02-01', to: '2025-03-31', stage: 'draft', formId: 'acte_naissance' });
    expect(ranged.items.map((h) => h.numero).sort()).toEqual([mine[1], mine[2]].sort());

    const typo = v.niu!.slice(0, -1) + String((Number(v.niu!.slice(-1)) + 1) % 10);
    expect((await errorOf(centre.documents.search(agent, { niu: typo }))).problems[0]?.field).toBe('niu');
  });

  it('installs a new kind of document as data, with its view', async () => {
    const { centre, officer, agent } = staff;
    const permis = {
      id: 'permis_construire', version: 1, title: { fr: 'Permis de construire', en: 'Building permit' }, category: 'other',
      fields: [
        { name: 'demandeur', type: 'person_name', required: true, label: { fr: 'Demandeur', en: 'Applicant' } },
        { name: 'surface', type: 'integer', min: 1, required: true, label: { fr: 'Surface (m²)', en: 'Area (m²)' } },
      ],
      rules: [],
    };
    await centre.forms.install(officer, permis);
    const d = await centre.documents.draft(agent, 'permis_construire', { demandeur: { nom: 'Sy', prenoms: 'Moussa' }, surface: '120' });
    const rows = await db.query('SELECT demandeur_nom, surface FROM docstream.v_permis_construire WHERE numero = $1', [d.numero]);
    expect(rows).toEqual([{ demandeur_nom: 'Sy', surface: 120 }]);
    expect((await errorOf(centre.forms.install(officer, permis))).code).toBe('conflict');
    expect((await errorOf(centre.forms.install(officer, { ...permis, id: 'Bad Id', version: 1 }))).code).toBe('validation');
  });

  it('refuses a session after logout, and audits it', async () => {
    const s = await staff.centre.users.login('chef', OFFICER_PASSWORD);
    await staff.centre.users.logout(s);
    expect((await errorOf(staff.centre.users.list(s))).code).toBe('auth_failed');
    const last = await db.query<{ action: string }>('SELECT action FROM docstream.audit ORDER BY seq DESC LIMIT 1');
    expect(last).toEqual([{ action: 'logout' }]);
  });

  it('refuses a second init', async () => {
    const again = createCentre({ db });
    expect((await errorOf(again.init({ matricule: '00043', name: 'Autre', officer: { login: 'x1', fullName: 'X', password: OFFICER_PASSWORD } }))).code).toBe('already_initialised');
  });
});

describe('status of a validated document', () => {
  it('only moves forward: 3 → 4 or cancelled, never back to Nouveau', async () => {
    const d = await staff.centre.documents.draft(staff.agent, 'acte_naissance', birth());
    await staff.centre.documents.verify(staff.secretary, d.numero);
    await staff.centre.documents.validate(staff.officer, d.numero);
    await expect(db.query('UPDATE docstream.documents SET status = 1 WHERE numero = $1', [d.numero])).rejects.toMatchObject({ code: 'immutable' });
    await expect(db.query('UPDATE docstream.documents SET verified_by = created_by WHERE numero = $1', [d.numero])).rejects.toMatchObject({ code: 'immutable' });
    await db.query('UPDATE docstream.documents SET status = 4 WHERE numero = $1', [d.numero]);
    await expect(db.query('UPDATE docstream.documents SET status = 3 WHERE numero = $1', [d.numero])).rejects.toMatchObject({ code: 'immutable' });
  });
});

describe('input that PostgreSQL would refuse', () => {
  it('names a field holding a NUL or another control character, saving nothing', async () => {
    const e = await errorOf(staff.centre.documents.draft(staff.agent, 'acte_naissance', birth({ lieu_naissance: 'Ba\u0000mako' })));
    expect(e.code).toBe('validation');
    expect(e.problems.map((p) => p.field)).toEqual(['lieu_naissance']);
    expect((await errorOf(staff.centre.users.login('chef\u0000', 'x'))).code).toBe('auth_failed');
    // what was typed is not kept when it cannot be a user name: it may be a password
    expect((await errorOf(staff.centre.users.login('Mon Mot-De-Passe!', 'x'))).code).toBe('auth_failed');
    const logged = await db.query<{ actor_login: string }>(`SELECT actor_login FROM docstream.audit WHERE action = 'login_failed' ORDER BY seq DESC LIMIT 2`);
    expect(logged).toEqual([{ actor_login: '(invalide)' }, { actor_login: '(invalide)' }]);
    const d = await staff.centre.documents.draft(staff.agent, 'acte_naissance', birth());
    expect((await errorOf(staff.centre.documents.sendBack(staff.secretary, d.numero, 'à revoir\u0000'))).problems[0]?.field).toBe('remark');
  });

  it('refuses a page size or cursor that is not a whole number', async () => {
    expect((await errorOf(staff.centre.documents.search(staff.agent, { limit: Number('abc') }))).problems[0]?.field).toBe('limit');
    expect((await errorOf(staff.centre.documents.search(staff.agent, { before: 1.5 }))).problems[0]?.field).toBe('before');
  });
});
