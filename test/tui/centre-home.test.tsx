import { afterEach, describe, expect, it } from 'vitest';
import type { Centre } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { birth, centreWithStaff, OFFICER_PASSWORD } from '../support/centre-fixture.js';
import { enrolledPair } from '../support/transmission.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let open: Console | undefined;

afterEach(() => {
  open?.unmount();
  open = undefined;
});

const PASSWORDS: Record<string, string> = { chef: OFFICER_PASSWORD, sekou: 'controle-qualite-22', awa: 'saisie-des-actes-1' };

const show = (frame: string) => {
  if (process.env.SHOW_FRAMES) console.log(`${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`);
};

async function home(centre: Centre, login: string, lang: 'fr' | 'en' = 'fr'): Promise<Console> {
  open = mount(<App centre={centre} lang={lang} />);
  await open.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(open, login, PASSWORDS[login]!);
  await open.waitFor(/Total\s+\d+/);
  return open;
}

describe('centre console: Home dashboard and work queues', () => {
  it('the Secretary sees "à vérifier : 2"; ↑ Enter opens the list of those two', async () => {
    const db = (await testDatabase()).open(4);
    const staff = await centreWithStaff(db);
    const docs = staff.centre.documents;
    await docs.draft(staff.agent, 'acte_naissance', birth());
    await docs.draft(staff.agent, 'acte_naissance', birth({ enfant: { nom: 'DIARRA', prenoms: 'Moussa' }, sexe: 'M' }));
    const checked = await docs.draft(staff.agent, 'acte_naissance', birth({ enfant: { nom: 'COULIBALY', prenoms: 'Oumar' }, sexe: 'M' }));
    await docs.verify(staff.secretary, checked.numero);
    const c = await home(staff.centre, 'sekou');
    const f = await c.waitFor('à vérifier : 2');
    show(f);
    fitsTerminal(f);
    expect(f).toContain('À faire');
    expect(f).toContain('Transmission : déconnecté');
    expect(f).toContain('Messages non lus : 0');
    expect(f).toContain('Solde : non communiqué');
    await c.press('up');
    await c.press('enter');
    const list = await c.waitFor('File : à vérifier');
    show(list);
    await c.waitFor('DIARRA Moussa');
    const l = c.frame();
    expect(l).toContain('KONÉ Aminata Fatou');
    expect(l).not.toContain('COULIBALY');
    await c.press('escape');
    await c.waitFor('à vérifier : 2');

    // the Officer's queue: the checked one
    open.unmount();
    const o = await home(staff.centre, 'chef');
    const of = await o.waitFor('à valider : 1');
    show(of);
    fitsTerminal(of);
    await o.press('up');
    await o.press('enter');
    await o.waitFor('File : à valider');
    const ol = await o.waitFor('COULIBALY Oumar');
    expect(ol).not.toContain('DIARRA');

    // the Agent's drafts, one sent back with a remark
    open.unmount();
    await docs.sendBack(staff.officer, checked.numero, 'Date de naissance à corriger').catch(() => undefined);
    const a = await home(staff.centre, 'awa');
    const af = await a.waitFor('mes brouillons : 3 (1 renvoyé(s))');
    show(af);
    fitsTerminal(af);
  });

  it('shows the balance after a recharge, the unread messages, and the link counts', async () => {
    const pair = await enrolledPair({ matricule: '00081' });
    await pair.server.accounts.recharge(pair.admin, '00081', 12500);
    await pair.server.messages.send(pair.admin, '00081', 'Bonjour');
    await pair.notify();
    const c = await home(pair.staff.centre, 'chef');
    const f = await c.waitFor(/Solde : 12 500 \(au \d\d\/\d\d\)/);
    show(f);
    fitsTerminal(f);
    expect(f).toContain('Messages non lus : 1');
    expect(f).toMatch(/en attente : \d+ · acquittés : \d+/);
    // r re-reads: a second recharge shows after the next exchange
    await pair.server.accounts.recharge(pair.admin, '00081', 1000);
    await pair.notify();
    await c.type('r');
    await c.waitFor('Solde : 13 500');
  });
});

describe('centre console: Home, in English', () => {
  it('titles, counts, work queue, link, balance and footer keys; the queue opens its list', async () => {
    const db = (await testDatabase()).open(4);
    const staff = await centreWithStaff(db);
    const docs = staff.centre.documents;
    await docs.draft(staff.agent, 'acte_naissance', birth());
    const checked = await docs.draft(staff.agent, 'acte_naissance', birth({ enfant: { nom: 'COULIBALY', prenoms: 'Oumar' }, sexe: 'M' }));
    await docs.verify(staff.secretary, checked.numero);
    const c = await home(staff.centre, 'sekou', 'en');
    const f = await c.waitFor('to check: 1');
    show(f);
    fitsTerminal(f);
    expect(f.split('\n')[1]).toBe('Home');
    expect(f).toContain('User: Sékou Traoré — Secretary');
    expect(f).toContain('Documents of the centre');
    expect(f).toMatch(/Drafts, to check\s+1/);
    expect(f).toMatch(/Checked, to validate\s+1/);
    expect(f).toMatch(/Total\s+2/);
    expect(f).toContain('To do');
    expect(f).toContain('Go to');
    expect(f).toContain('Verify a copy');
    expect(f).toContain('Transmission: disconnected');
    expect(f).toContain('Unread messages: 0');
    expect(f).toContain('Balance: not received yet');
    expect(f).toContain('? help  : go to  ↑↓ select  Enter open  r refresh  q quit');
    expect(f).not.toMatch(/Accueil|Brouillons|Solde/);
    await c.press('up');
    await c.press('enter');
    const list = await c.waitFor('Queue: to check');
    show(list);
    await c.waitFor('KONÉ Aminata Fatou');
    expect(c.frame()).not.toContain('COULIBALY');
  });

  it('a refusal is said in English: an Agent suspended meanwhile, on r', async () => {
    const db = (await testDatabase()).open(4);
    const staff = await centreWithStaff(db);
    const c = await home(staff.centre, 'awa', 'en');
    let f = await c.waitFor('my drafts: 0');
    expect(f).toContain('User: Awa Diallo — Agent');
    await staff.centre.users.suspend(staff.officer, 'awa');
    await c.type('r');
    f = await c.waitFor('Error: This account is suspended. Ask the centre’s Officer.');
    show(f);
    fitsTerminal(f);
  });
});
