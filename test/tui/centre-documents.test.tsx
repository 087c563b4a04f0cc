import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { birth, centreWithStaff, OFFICER_PASSWORD, type Staff } from '../support/centre-fixture.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { BINDINGS } from '../../apps/centre-tui/src/keys/bindings.js';
import { logIn, mount, type Console } from './harness.js';

let db: Database;
let staff: Staff;
let open: Console | undefined;
let aminata: number;
let validatedNiu: string;

/** Two drafts, one checked, one validated, one cancelled: 5 documents. */
beforeAll(async () => {
  db = (await testDatabase()).open(4);
  staff = await centreWithStaff(db);
  const docs = staff.centre.documents;
  aminata = (await docs.draft(staff.agent, 'acte_naissance', birth())).numero;
  await docs.draft(staff.agent, 'acte_naissance', birth({ enfant: { nom: 'DIARRA', prenoms: 'Moussa' }, sexe: 'M' }));
  const checked = await docs.draft(staff.agent, 'acte_naissance', birth({ enfant: { nom: 'COULIBALY', prenoms: 'Oumar' }, sexe: 'M' }));
  await docs.verify(staff.secretary, checked.numero);
  const valid = await docs.draft(staff.agent, 'acte_naissance', birth({ enfant: { nom: 'SANGARÉ', prenoms: 'Fanta' } }));
  await docs.verify(staff.secretary, valid.numero);
  validatedNiu = (await docs.validate(staff.officer, valid.numero)).niu!;
  const cancelled = await docs.draft(staff.agent, 'acte_naissance', birth({ enfant: { nom: 'KEITA', prenoms: 'Awa' } }));
  await docs.cancel(staff.agent, cancelled.numero, 'Doublon de saisie');
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

async function officerAtHome(lang: 'fr' | 'en' = 'fr', onExit?: () => void): Promise<Console> {
  open = mount(<App centre={staff.centre} lang={lang} onExit={onExit} />);
  await open.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(open, 'chef', OFFICER_PASSWORD);
  await open.waitFor(/Total\s+5/);
  return open;
}

async function documentsList(c: Console): Promise<string> {
  await c.press('enter'); // the Home menu starts on Documents
  // The kinds' titles arrive apart from the rows: wait for both.
  return c.waitFor((f) => f.includes('KONÉ Aminata Fatou') && f.includes('Acte de naissan'));
}

describe('centre console: home and documents', () => {
  it('Home shows the user, the role and the counts per stage', async () => {
    const c = await officerAtHome();
    const f = c.frame();
    expect(f).toContain('Utilisateur : Chef de Centre — Officier');
    expect(f).toMatch(/Brouillons, à vérifier\s+2/);
    expect(f).toMatch(/Vérifiés, à valider\s+1/);
    expect(f).toMatch(/Validés\s+1/);
    expect(f).toMatch(/Annulés\s+1/);
    expect(f).toContain('? aide  : aller  ↑↓ choix  Entrée ouvrir  r actualiser  q quitter');
  });

  it('lists the documents, newest first, with numero, kind, stage, NIU or —, names', async () => {
    const c = await officerAtHome();
    await documentsList(c);
    // the kinds' titles arrive with their own read, after the rows on a busy machine
    const f = await c.waitFor((x) => x.split('\n').some((l) => l.includes('KONÉ Aminata Fatou') && l.includes('Acte de naissan')));
    const row = f.split('\n').find((l) => l.includes('KONÉ Aminata Fatou'))!;
    expect(row).toContain(String(aminata));
    expect(row).toContain('Acte de naissan');
    expect(row).toContain('brouillon');
    expect(row).toContain('—');
    const validated = f.split('\n').find((l) => l.includes('SANGARÉ Fanta'))!;
    expect(validated).toContain(validatedNiu);
    expect(validated).toContain('validé');
    expect(f.split('\n').find((l) => l.includes('KEITA Awa'))).toContain('annulé');
    expect(f).toContain('Page 1');
    // Newest first: the first row is the last document drafted.
    expect(f.split('\n').find((l) => l.startsWith('> '))).toContain('KEITA Awa');
  });

  it('`/` filters by name, accents aside, and Esc clears the filter', async () => {
    const c = await officerAtHome();
    await documentsList(c);
    await c.type('/');
    await c.waitFor('Filtre (nom ou NIU) :');
    expect(c.frame()).toContain('Entrée chercher  Esc annuler  Ctrl+C quitter');
    await c.type('koné aminata');
    await c.press('enter');
    const f = await c.waitFor('Filtre nom : « koné aminata »');
    const rows = f.split('\n').filter((l) => /^(> | {2}) *\d+ /.test(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('KONÉ Aminata Fatou');
    await c.press('escape');
    const all = await c.waitFor('Tous les documents');
    expect(all).toContain('DIARRA Moussa');
    await c.press('escape');
    await c.waitFor('Accueil');
  });

  it('`/` with a NIU finds the validated document; a mistyped NIU is refused by its check digits', async () => {
    const c = await officerAtHome();
    await documentsList(c);
    await c.type('/');
    await c.waitFor('Filtre (nom ou NIU)');
    await c.type(validatedNiu);
    await c.press('enter');
    let f = await c.waitFor(`Filtre NIU : ${validatedNiu}`);
    expect(f).toContain('SANGARÉ Fanta');
    expect(f).not.toContain('KONÉ Aminata');
    const wrong = `${validatedNiu.slice(0, -1)}${validatedNiu.endsWith('0') ? '1' : '0'}`;
    await c.type('/');
    await c.waitFor('Filtre (nom ou NIU)');
    for (let i = 0; i < validatedNiu.length; i++) await c.press('backspace');
    await c.type(wrong);
    await c.press('enter');
    f = await c.waitFor('mal saisi');
    // The refused filter comes back to the line, to be corrected.
    expect(f).toContain(`Filtre (nom ou NIU) : ${wrong}`);
  });

  it('Enter opens a read-only detail with the form’s labels and the history', async () => {
    const c = await officerAtHome();
    await documentsList(c);
    await c.type('/');
    await c.type('sangare');
    await c.press('enter');
    await c.waitFor('Filtre nom');
    await c.press('enter');
    const f = await c.waitFor('Contenu');
    expect(f).toContain('Document n°');
    expect(f).toContain(`NIU`);
    expect(f).toContain(validatedNiu);
    expect(f).toMatch(/Enfant\s+: SANGARÉ Fanta/);
    expect(f).toMatch(/Sexe\s+: Féminin/);
    expect(f).toMatch(/Date de naissance\s+: 2026-03-01/);
    expect(f).toMatch(/Heure de naissance\s+: —/);
    expect(f).toContain('lecture seule');
    // The history may be below the fold: scroll to the end.
    await c.press('pageDown', 'pageDown');
    const end = await c.waitFor('Historique');
    expect(end).toMatch(/awa\s+établi/);
    expect(end).toMatch(/sekou\s+vérifié/);
    expect(end).toMatch(new RegExp(`chef\\s+validé — ${validatedNiu}`));
    await c.press('escape');
    await c.waitFor('Filtre nom');
  });

  it('`?` shows the help of the screen, written from the bindings table', async () => {
    const c = await officerAtHome();
    await documentsList(c);
    await c.type('?');
    const f = await c.waitFor('Aide — Documents');
    // Sentences may wrap at 80 columns: compare with the spacing folded.
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    const documentsBindings = BINDINGS.filter((x) => x.screens.includes('documents'));
    expect(documentsBindings.length).toBeGreaterThan(8);
    for (const b of documentsBindings) expect(flat(f)).toContain(flat(b.help.fr));
    expect(f).toMatch(/PgPréc PgSuiv\s+Page précédente \/ suivante/);
    expect(f).toContain('Esc fermer  q quitter');
    await c.press('escape');
    await c.waitFor('Tous les documents');
  });

  it('`:` opens the palette; typing narrows the screens and Enter jumps', async () => {
    const c = await officerAtHome();
    await c.type(':');
    await c.waitFor('Écran :');
    await c.type('doc');
    let f = await c.waitFor(/Écran : doc/);
    expect(f).toContain('> Documents');
    expect(f).not.toContain('Déconnexion');
    await c.press('enter');
    await c.waitFor('Tous les documents');
    await c.type(':');
    await c.type('deco');
    await c.press('enter');
    f = await c.waitFor('Connexion');
    expect(f).not.toContain('Chef de Centre');
  });

  it('`q` quits', async () => {
    let exits = 0;
    const c = await officerAtHome('fr', () => exits++);
    await c.type('q');
    await expect.poll(() => exits).toBe(1);
  });

  it('English with lang en', async () => {
    const c = await officerAtHome('en');
    let f = c.frame();
    expect(f).toMatch(/Drafts, to check\s+2/);
    expect(f).toMatch(/Checked, to validate\s+1/);
    await c.press('enter');
    // The kinds' titles arrive apart from the rows: wait for both.
    f = await c.waitFor((x) => x.includes('KONÉ Aminata') && x.includes('Birth certific'));
    expect(f).toContain('All documents, newest first');
    expect(f.split('\n').find((l) => l.includes('KONÉ Aminata'))).toContain('draft');
    expect(f).toContain('Birth certific');
    expect(f).toContain('? help  : go to  ↑↓ select  ←→ page  Enter open  / filter  Esc back  q quit');
    await c.type('?');
    f = await c.waitFor('Help — Documents');
    expect(f).toContain('Select the previous / next line');
  });
});
