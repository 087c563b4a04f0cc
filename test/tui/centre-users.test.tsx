import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { centreWithStaff, OFFICER_PASSWORD, type Staff } from '../support/centre-fixture.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let db: Database;
let staff: Staff;
let open: Console | undefined;

const PASSWORDS: Record<string, string> = { chef: OFFICER_PASSWORD, sekou: 'controle-qualite-22', awa: 'saisie-des-actes-1' };

beforeAll(async () => {
  db = (await testDatabase()).open(4);
  staff = await centreWithStaff(db);
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

/** Logs in and goes to Users through the `:` palette. */
async function usersScreen(login: string, lang: 'fr' | 'en' = 'fr'): Promise<Console> {
  open = mount(<App centre={staff.centre} lang={lang} />);
  await open.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(open, login, PASSWORDS[login]!);
  await open.waitFor(lang === 'fr' ? 'Vérifier une copie' : 'Verify a copy');
  await open.type(':');
  await open.waitFor(lang === 'fr' ? 'Écran :' : 'Screen:');
  await open.type(lang === 'fr' ? 'utilis' : 'users');
  await open.press('enter');
  return open;
}

const show = (frame: string) => {
  if (process.env.SHOW_FRAMES) console.log(`${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`);
};

const TEMP = /Mot de passe provisoire de (\S+) : ([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}) — à communiquer, il ne sera plus affiché/;
/** The frame with its wrapped lines joined (the password line takes two at 80 columns). */
const joined = (f: string) => f.replace(/\n\s*/g, ' ');
const showsTemp = (f: string) => TEMP.test(joined(f));

describe('centre console: users (Officer only)', () => {
  it('lists the accounts; the Officer creates one, whose temporary password is shown once and works', async () => {
    const c = await usersScreen('chef');
    let f = await c.waitFor('3 compte(s)');
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(/> awa\s+Awa Diallo\s+Agent/);
    expect(f).toMatch(/  chef\s+Chef de Centre\s+Officier/);
    expect(f).toContain('n nouveau');
    expect(f).toContain('s suspendre');
    await c.type('n');
    f = await c.waitFor('Nouveau compte');
    expect(f).toContain('Entrée suivant / enregistrer');
    expect(f).not.toContain('←→ rôle');
    await c.type('moussa');
    await c.press('enter');
    await c.type('Moussa Keïta');
    await c.press('enter');
    f = await c.waitFor('←→ rôle');
    expect(f).toMatch(/> Rôle\s+: ← \[Agent\]/);
    await c.press('right');
    f = await c.waitFor('[Secrétaire]');
    await c.press('enter');
    f = await c.waitFor('Créer le compte moussa (Secrétaire) ? (o/n)');
    show(f);
    expect(f).toContain('o oui');
    await c.type('o');
    f = await c.waitFor(showsTemp);
    f = await c.waitFor('4 compte(s)');
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(/> moussa\s+Moussa Keïta\s+Secrétaire\s+à changer/);
    const [, who, temp] = TEMP.exec(joined(f))!;
    expect(who).toBe('moussa');
    const listed = await staff.centre.users.list(staff.officer);
    expect(listed.find((u) => u.login === 'moussa')).toMatchObject({ fullName: 'Moussa Keïta', privilege: 2, mustChangePassword: true });
    const session = await staff.centre.users.changePassword('moussa', temp!, 'nouveau-secret-2026');
    expect(session.login).toBe('moussa');
    // Once: a refresh no longer shows it.
    await c.type('r');
    f = await c.waitFor((x) => !x.includes('Mot de passe provisoire'));
    expect(f).not.toContain(temp!);
  });

  it('suspends an account after o/n; its row says suspendu and s no longer applies to it', async () => {
    await staff.centre.users.create(staff.officer, { login: 'binta', fullName: 'Binta Sow', privilege: 1 });
    const c = await usersScreen('chef');
    let f = await c.waitFor(/\d compte\(s\)/);
    while (!/> binta/.test(c.frame())) {
      await c.press('down');
    }
    await c.type('s');
    f = await c.waitFor('Suspendre le compte binta ? Il ne pourra plus se connecter. (o/n)');
    await c.type('n');
    f = await c.waitFor((x) => !x.includes('Suspendre le compte'));
    expect((await staff.centre.users.list(staff.officer)).find((u) => u.login === 'binta')!.privilege).toBe(1);
    await c.type('s');
    await c.waitFor('(o/n)');
    await c.type('o');
    f = await c.waitFor('Compte binta suspendu.');
    f = await c.waitFor(/> binta\s+Binta Sow\s+suspendu\s+suspendu/);
    show(f);
    fitsTerminal(f);
    expect(f).not.toContain('s suspendre');
    expect((await staff.centre.users.list(staff.officer)).find((u) => u.login === 'binta')!.privilege).toBe(0);
  });

  it('resets a password after o/n and shows the new temporary one', async () => {
    const c = await usersScreen('chef');
    await c.waitFor(/\d compte\(s\)/);
    while (!/> awa/.test(c.frame())) await c.press('down');
    await c.type('m');
    await c.waitFor('Réinitialiser le mot de passe de awa ? (o/n)');
    await c.type('o');
    const f = await c.waitFor(showsTemp);
    show(f);
    fitsTerminal(f);
    const [, who, temp] = TEMP.exec(joined(f))!;
    expect(who).toBe('awa');
    await c.waitFor(/> awa\s+Awa Diallo\s+Agent\s+à changer/);
    await staff.centre.users.changePassword('awa', temp!, 'saisie-des-actes-1');
  });

  it('edits the name and role; the last Officer cannot be demoted (the core says why)', async () => {
    const c = await usersScreen('chef');
    await c.waitFor(/\d compte\(s\)/);
    while (!/> chef/.test(c.frame())) await c.press('down');
    await c.type('e');
    let f = await c.waitFor('Modifier le compte chef');
    expect(f).toMatch(/> Nom complet\s+: Chef de Centre/);
    await c.press('enter');
    await c.press('left');
    await c.press('enter');
    await c.waitFor('Enregistrer les changements du compte chef ? (o/n)');
    await c.type('o');
    f = await c.waitFor('Modifier le compte chef');
    f = await c.waitFor('c’est le dernier Officier actif');
    show(f);
    expect((await staff.centre.users.list(staff.officer)).find((u) => u.login === 'chef')!.privilege).toBe(3);
    await c.press('escape');
    await c.waitFor(/\d compte\(s\)/);
  });

  it('a Secretary sees the core’s refusal and nothing else', async () => {
    const c = await usersScreen('sekou');
    const f = await c.waitFor(/Utilisateurs[\s\S]*Erreur/);
    show(f);
    fitsTerminal(f);
    expect(f).not.toContain('compte(s)');
    expect(f).not.toContain('chef');
    expect(f).not.toContain('n nouveau');
    expect(f).toContain('Esc retour');
  });
});

describe('centre console: users, in English', () => {
  const TEMP_EN = /Temporary password of (\S+): ([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}) — pass it on, it will not be shown again/;

  it('titles, columns, roles and footer keys; an account created with y shows its temporary password once', async () => {
    const c = await usersScreen('chef', 'en');
    let f = await c.waitFor(/\d account\(s\)/);
    show(f);
    fitsTerminal(f);
    expect(f.split('\n')[1]).toBe('Users');
    expect(f).toMatch(/User name\s+Full name\s+Role\s+State/);
    expect(f).toMatch(/chef\s+Chef de Centre\s+Officer/);
    expect(f).toMatch(/sekou\s+Sékou Traoré\s+Secretary/);
    expect(f).toContain('n new');
    expect(f).toContain('e edit');
    expect(f).toContain('s suspend');
    expect(f).toContain('m password');
    expect(f).toContain('Esc back');
    expect(f).not.toContain('compte');
    await c.type('n');
    f = await c.waitFor('New account');
    expect(f).toContain('Tab or Enter: next field; role: ←→; Enter on the role: save.');
    expect(f).toContain('Enter next / save');
    expect(f).toContain('Esc discard');
    await c.type('fatou');
    await c.press('enter');
    await c.type('Fatou Camara');
    await c.press('enter');
    f = await c.waitFor('←→ role');
    expect(f).toMatch(/> Role\s+: ← \[Agent\]\s+Secretary\s+Officer/);
    await c.press('enter');
    f = await c.waitFor('Create the account fatou (Agent)? (y/n)');
    expect(f).toContain('y yes');
    expect(f).toContain('n Esc no');
    await c.type('y');
    f = await c.waitFor((x) => TEMP_EN.test(joined(x)));
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(/> fatou\s+Fatou Camara\s+Agent\s+to change/);
    expect(TEMP_EN.exec(joined(f))![1]).toBe('fatou');
  });

  it('the last Officer cannot be demoted: the core’s reason in English', async () => {
    const c = await usersScreen('chef', 'en');
    await c.waitFor(/\d account\(s\)/);
    while (!/> chef/.test(c.frame())) await c.press('down');
    await c.type('e');
    let f = await c.waitFor('Edit the account chef');
    expect(f).toMatch(/> Full name\s+: Chef de Centre/);
    await c.press('enter');
    await c.press('left');
    await c.press('enter');
    await c.waitFor('Save the changes to the account chef? (y/n)');
    await c.type('y');
    f = await c.waitFor('Error: Not possible: this is the last active Officer. Appoint another one first.');
    show(f);
    fitsTerminal(f);
    expect((await staff.centre.users.list(staff.officer)).find((u) => u.login === 'chef')!.privilege).toBe(3);
  });

  it('a Secretary is refused, in English', async () => {
    const c = await usersScreen('sekou', 'en');
    const f = await c.waitFor(/Users\nError: Not allowed: managing users needs the Officer role\. Ask a user who holds\s+it\./);
    show(f);
    fitsTerminal(f);
    expect(f).not.toContain('account(s)');
    expect(f).not.toContain('n new');
    expect(f.split('\n').at(-1)).toBe('? help  : go to  Esc back  q quit');
  });
});
