import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_LOGINS, Privilege, type Database } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { centreWithStaff, OFFICER_PASSWORD, type Staff } from '../support/centre-fixture.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { logIn, mount, type Console } from './harness.js';

let db: Database;
let staff: Staff;
let open: Console | undefined;

beforeAll(async () => {
  db = (await testDatabase()).open(4);
  staff = await centreWithStaff(db);
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

function start(lang: 'fr' | 'en' = 'fr', onExit?: () => void): Console {
  open = mount(<App centre={staff.centre} lang={lang} onExit={onExit} />);
  return open;
}

describe('centre console: login and password', () => {
  it('shows the login screen in French, with the centre, the database and the keys', async () => {
    const c = start();
    const f = await c.waitFor('Mairie de Test');
    expect(f).toContain('Connexion');
    expect(f).toContain('Identifiant');
    expect(f).toContain(`Base de données : ${db.description}`);
    expect(f).toContain('Tab ↑↓ champ  Entrée valider  Ctrl+C quitter');
  });

  it('masks the password with * and shows the core’s error on a wrong password', async () => {
    const c = start();
    await c.waitFor('Identifiant');
    await c.type('chef');
    await c.press('enter');
    await c.type('faux-mot');
    expect(await c.waitFor('********')).not.toContain('faux-mot');
    await c.press('enter');
    const f = await c.waitFor('Identifiant ou mot de passe incorrect');
    expect(f).toContain('Erreur : ');
    // The user name stays, the password is cleared for a new try.
    expect(f).toMatch(/Identifiant\s*: chef/);
    expect(f).not.toContain('********');
  });

  it('says when the account is locked after repeated failures', async () => {
    const created = await staff.centre.users.create(staff.officer, { login: 'bloque', fullName: 'Compte Bloqué', privilege: Privilege.Agent });
    await staff.centre.users.changePassword('bloque', created.temporaryPassword, 'premier-essai-42');
    const c = start();
    await c.waitFor('Identifiant');
    await c.type('bloque');
    await c.press('enter');
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await c.type('mauvais');
      await c.press('enter');
      await c.waitFor(i + 1 < MAX_FAILED_LOGINS ? 'incorrect' : 'Compte bloqué');
    }
    expect(c.frame()).toContain('Compte bloqué après trop d’échecs');
  });

  it('takes a user who must change the password to that screen, then Home', async () => {
    const created = await staff.centre.users.create(staff.officer, { login: 'novice', fullName: 'Nouvel Agent', privilege: Privilege.Agent });
    const c = start();
    await c.waitFor('Identifiant');
    await logIn(c, 'novice', created.temporaryPassword);
    let f = await c.waitFor('Changer le mot de passe');
    expect(f).toContain('Vous devez choisir un nouveau mot de passe');
    expect(f).toContain('Nouvel Agent (Agent)');

    // A confirmation that differs is caught before asking the core.
    await c.type(created.temporaryPassword);
    await c.press('enter');
    await c.type('tout-nouveau-123');
    await c.press('enter');
    await c.type('autre-chose-456');
    await c.press('enter');
    await c.waitFor('La confirmation ne correspond pas');

    // A weak one is refused by the core, in French.
    await c.type('court');
    await c.press('enter');
    await c.type('court');
    await c.press('enter');
    await c.waitFor('Mot de passe trop faible');

    await c.type('tout-nouveau-123');
    await c.press('enter');
    await c.type('tout-nouveau-123');
    await c.press('enter');
    f = await c.waitFor('Accueil');
    expect(f).toContain('Utilisateur : Nouvel Agent — Agent');
    expect((await staff.centre.users.login('novice', 'tout-nouveau-123')).mustChangePassword).toBe(false);
  });

  it('Esc on a required password change goes back to the login', async () => {
    const created = await staff.centre.users.create(staff.officer, { login: 'hesitant', fullName: 'Agent Hésitant', privilege: Privilege.Agent });
    const c = start();
    await c.waitFor('Identifiant');
    await logIn(c, 'hesitant', created.temporaryPassword);
    await c.waitFor('Changer le mot de passe');
    await c.press('escape');
    const f = await c.waitFor('Connexion');
    expect(f).not.toContain('Agent Hésitant');
  });

  it('takes text and Enter arriving in one chunk, as from a paste or a scanner', async () => {
    const c = start();
    await c.waitFor('Identifiant');
    await c.burst('chef\r');
    await c.burst(`${OFFICER_PASSWORD}\r`);
    await c.waitFor('Chef de Centre');
  });

  it('treats q as text in a field and quits with Ctrl+C', async () => {
    let exits = 0;
    const c = start('fr', () => exits++);
    await c.waitFor('Identifiant');
    await c.type('qq');
    await c.waitFor(/Identifiant\s*: qq/);
    expect(exits).toBe(0);
    await c.press('ctrlC');
    await expect.poll(() => exits).toBe(1);
  });

  it('speaks English with lang en, errors included', async () => {
    const c = start('en');
    let f = await c.waitFor('User name');
    expect(f).toContain('Log in');
    expect(f).toContain('Tab ↑↓ field  Enter submit  Ctrl+C quit');
    await logIn(c, 'chef', 'wrong-password');
    f = await c.waitFor('Wrong user name or password');
    expect(f).toContain('Error: ');
    await c.type(OFFICER_PASSWORD);
    await c.press('enter');
    f = await c.waitFor('Documents of the centre');
    expect(f).toContain('User: Chef de Centre — Officer');
    expect(f).toContain('? help  : go to');
  });
});
