import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, formatNiu, shippedForms, type Database, type Server } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { App } from '../../apps/server-tui/src/App.js';
import { BINDINGS } from '../../apps/server-tui/src/keys/bindings.js';
import { footerItems, matchAction } from '../../apps/server-tui/src/keys/kit.js';
import { appReducer, initialAppState } from '../../apps/server-tui/src/navigation.js';
import { homeMenu, homeReducer, initialHome } from '../../apps/server-tui/src/screens/home-reducer.js';
import { footerLine } from '@docstream/console-kit';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let db: Database;
let server: Server;
let open: Console | undefined;
const NEW_PASSWORD = 'Registre-Central-Test-2026';

beforeAll(async () => {
  db = (await testDatabase()).open(2);
  server = createServer({ db });
  await server.operators.demoSupervisor(); // admin / demo, to change at first login
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

async function centralise(sequence: number): Promise<void> {
  const form = shippedForms().find((f) => f.id === 'acte_naissance')!;
  await db.query('INSERT INTO xm_data.forms (id, version, definition) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [form.id, form.version, form]);
  await db.query(
    `INSERT INTO xm_data.documents (niu, matricule, form_id, form_version, status, data, validated_at) VALUES ($1, '00042', $2, $3, 4, '{}', now())`,
    [formatNiu('00042', 2026, sequence), form.id, form.version],
  );
}

let passwordChanged = false;

/** Logs the demo supervisor in (changing its password the first time) and waits for Home. */
async function atHome(lang: 'fr' | 'en' = 'fr', readOnly = false, onExit?: () => void): Promise<Console> {
  const c = (open = mount(<App server={server} lang={lang} readOnly={readOnly} {...(onExit ? { onExit } : {})} />));
  await c.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  if (!passwordChanged) {
    await logIn(c, 'admin', 'demo');
    await c.waitFor(lang === 'fr' ? 'Vous devez choisir un nouveau mot de passe' : 'You must choose a new password');
    await c.type('demo');
    await c.press('tab');
    await c.type(NEW_PASSWORD);
    await c.press('tab');
    await c.type(NEW_PASSWORD);
    await c.press('enter');
    passwordChanged = true;
  } else {
    await logIn(c, 'admin', NEW_PASSWORD);
  }
  await c.waitFor(lang === 'fr' ? 'Documents centralisés' : 'Central documents');
  return c;
}

describe('server console: login, Home, help, palette', () => {
  it('the demo supervisor must change its password, then Home shows the figures and r reads them again', async () => {
    const c = await atHome();
    let f = await c.waitFor('Documents centralisés : 0');
    fitsTerminal(f);
    expect(f).toContain('Docstream · Serveur central');
    expect(f).toContain('Superviseur de démonstration (Superviseur)');
    expect(f).toContain(`Base de données : ${db.description}`);
    expect(f).toContain('? aide  : aller  ↑↓ choix  Entrée ouvrir  r actualiser  q quitter');
    await centralise(1);
    await c.type('r');
    f = await c.waitFor('Documents centralisés : 1');
  });

  it('`?` shows the help from the key table; `:` goes to the password screen; Esc comes back; q quits', async () => {
    let exits = 0;
    const c = await atHome('fr', false, () => exits++);
    await c.type('?');
    let f = await c.waitFor('Aide — Accueil');
    for (const b of BINDINGS.filter((x) => x.screens.includes('home'))) expect(f).toContain(b.help.fr);
    await c.press('escape');
    await c.waitFor('Documents centralisés');
    await c.type(':');
    await c.waitFor('Écran :');
    await c.type('passe');
    await c.press('enter');
    f = await c.waitFor('Changer le mot de passe');
    expect(f).toContain('Compte admin.');
    await c.press('escape');
    await c.waitFor('Documents centralisés');
    await c.type('q');
    await expect.poll(() => exits).toBe(1);
  });

  it('speaks English with lang en, and a read-only console says so in the header', async () => {
    const c = await atHome('en', true);
    const f = await c.waitFor('Central documents:');
    fitsTerminal(f);
    expect(f).toContain('Docstream · Central server · READ-ONLY');
    expect(f).toContain('? help  : go to  ↑↓ select  Enter open  r refresh  q quit');
    await c.press('ctrlC');
  });

  it('keys arriving in one chunk act in order: the palette goes where the text typed with Enter says', async () => {
    const c = await atHome();
    await c.burst(':');
    await c.waitFor('Écran :');
    await c.burst('passe\r'); // as tmux, a paste or a fast typist over SSH delivers it
    await c.waitFor('Changer le mot de passe');
    await c.press('escape');
    // ↓↓↓ then Enter in one chunk on Home: the line ↓↓↓ chose opens
    await c.waitFor('Documents centralisés');
    expect(homeMenu()[3]?.id).toBe('conflicts');
    await c.burst('\u001B[B\u001B[B\u001B[B\r');
    await c.waitFor('Conflits à trancher :');
  });

  it('a wrong password is refused with the core’s words, and the user name stays', async () => {
    const c = (open = mount(<App server={server} lang="fr" />));
    await c.waitFor('Identifiant');
    await logIn(c, 'admin', 'pas-le-bon');
    const f = await c.waitFor('Erreur : ');
    expect(f).toContain('Identifiant  : admin');
  });
});

describe('server console: reducers and keys', () => {
  it('navigation: a forced password change comes first; Esc there logs out; go opens above Home', () => {
    const session = { mustChangePassword: true } as Parameters<typeof appReducer>[1] extends { session: infer S } ? S : never;
    let s = appReducer(initialAppState(), { type: 'loggedIn', session });
    expect(s.stack.map((r) => r.screen)).toEqual(['changePassword']);
    expect(appReducer(s, { type: 'back' }).session).toBeNull();
    s = appReducer(s, { type: 'passwordChanged', session: { ...session, mustChangePassword: false } });
    expect(s.stack.map((r) => r.screen)).toEqual(['home']);
    s = appReducer(s, { type: 'go', to: 'password' });
    expect(s.stack.map((r) => r.screen)).toEqual(['home', 'changePassword']);
    expect(appReducer(s, { type: 'back' }).stack.map((r) => r.screen)).toEqual(['home']);
  });

  it('home reducer: one read at a time, stale answers dropped', () => {
    const s = homeReducer(initialHome, { type: 'tick' });
    expect(s).toBe(initialHome); // the first read is still running
    const loaded = homeReducer(initialHome, { type: 'loaded', request: 1, snapshot: { documents: 3, estimated: false, at: new Date(0) } });
    expect(loaded).toMatchObject({ snapshot: { documents: 3 }, loading: false });
    const again = homeReducer(loaded, { type: 'refresh' });
    expect(homeReducer(again, { type: 'loaded', request: 1, snapshot: { documents: 9, estimated: false, at: new Date(0) } })).toBe(again);
  });

  it('the keys every console shares work the same here', () => {
    expect(matchAction('home', 'normal', '?', {})).toBe('help');
    expect(matchAction('home', 'normal', ':', {})).toBe('palette');
    expect(matchAction('home', 'normal', 'q', {})).toBe('quit');
    expect(matchAction('login', 'typing', 'q', {})).toBeUndefined();
    expect(matchAction('login', 'typing', 'c', { ctrl: true })).toBe('forceQuit');
    expect(footerLine(footerItems('fr', 'login', 'typing'), 80)).toBe('Tab ↑↓ champ  Entrée valider  Ctrl+C quitter');
  });
});
