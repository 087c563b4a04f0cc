import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { centreWithStaff, type Staff } from '../support/centre-fixture.js';
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

const CTRL_S = '\u0013';

/** The Agent, logged in, on the new-document screen reached through the `:` palette. */
async function newDocument(rows = 24, lang: 'fr' | 'en' = 'fr'): Promise<Console> {
  open = mount(<App centre={staff.centre} lang={lang} />, { columns: 80, rows });
  const c = open;
  await c.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(c, 'awa', 'saisie-des-actes-1');
  await c.waitFor(lang === 'fr' ? 'Vérifier une copie' : 'Verify a copy');
  await c.type(':');
  await c.waitFor(lang === 'fr' ? 'Aller à' : 'Go to');
  await c.type(lang === 'fr' ? 'nouveau' : 'new doc');
  await c.press('enter');
  await c.waitFor(lang === 'fr' ? 'Acte de naissance' : 'Birth certificate');
  return c;
}

/** Moves the kind list down to `title` and opens its form. */
async function pick(c: Console, title: string): Promise<string> {
  for (let i = 0; i < 10 && !c.frame().split('\n').some((l) => l.startsWith('> ') && l.includes(title)); i++) await c.press('down');
  await c.press('enter');
  return c.waitFor(/\* obligatoire|\* required/);
}

/** Types `text` in the focused field, then Tab. */
async function fill(c: Console, ...texts: string[]): Promise<void> {
  for (const text of texts) {
    await c.type(text);
    await c.press('tab');
  }
}

async function draftCount(): Promise<number> {
  const rows = await staff.centre.documents.counts(staff.agent);
  return rows.filter((r) => r.stage === 'draft').reduce((n, r) => n + r.n, 0);
}

const row = (f: string, label: string) => f.split('\n').find((l) => l.includes(label)) ?? '';

describe('centre console: new document from the form definition', () => {
  it('lists the kinds, draws the form with required marks, saves a draft with the typed data', async () => {
    const c = await newDocument();
    const kinds = c.frame();
    expect(kinds).toContain('Nouveau document');
    for (const title of ['Acte de décès', 'Acte de mariage', 'Diplôme']) expect(kinds).toContain(title);
    expect(kinds).toContain('↑↓ choix  Entrée saisir  Esc retour');
    // The help of the screen, from the key table, within 80×23.
    await c.type('?');
    const help = await c.waitFor('Aide — Nouveau document');
    expect(help).toContain('Enregistrer le brouillon');
    expect(help).toContain('Oui : abandonner les modifications');
    expect(help).toMatch(/Entrée +Champ suivant ; sur le dernier, enregistrer le brouillon/);
    expect(help.split('\n').length).toBeLessThanOrEqual(23);
    for (const line of help.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    await c.press('escape');
    await c.waitFor('Choisissez le type de document');

    const f = await pick(c, 'Acte de naissance');
    expect(f).toContain('Nouveau document — Acte de naissance');
    expect(row(f, 'Enfant, nom')).toMatch(/^> Enfant, nom \*/);
    expect(row(f, 'Enfant, prénoms')).not.toContain('*');
    expect(row(f, 'Sexe')).toContain('Sexe *');
    expect(row(f, 'Heure de naissance')).not.toContain('*');
    expect(f).toContain('Tab ↑↓ Entrée champ  Ctrl+S enregistrer  Esc retour  Ctrl+C quitter');
    for (const line of f.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(f.split('\n').length).toBeLessThan(24);

    await fill(c, 'KONÉ', 'Awa Mariam');
    // Sexe: a list, chosen with ←→; the footer says so while it has the focus.
    expect(c.frame()).toContain('←→ choix');
    await c.press('right', 'right');
    expect(row(c.frame(), 'Sexe')).toContain('F (Féminin)');
    await c.press('tab');
    await fill(c, '2026-03-02', '08:30', 'Ségou');
    await c.press('tab', 'tab', 'tab'); // père (nom, prénoms), profession
    await fill(c, 'TRAORÉ', 'Mariam');
    const before = await draftCount();
    await c.burst(CTRL_S);
    const saved = await c.waitFor(/Brouillon n° \d+ enregistré/);
    const numero = Number(/Brouillon n° (\d+) enregistré/.exec(saved)![1]);
    expect(saved).toContain(`Brouillon n° ${numero} — Acte de naissance`);
    // Lieu, mère given; the dates of declaration not: the draft says it is incomplete.
    expect(saved).toContain('incomplet : 1 champ(s) obligatoire(s) vide(s)');
    expect(await draftCount()).toBe(before + 1);

    const doc = await staff.centre.documents.get(staff.agent, numero);
    expect(doc.stage).toBe('draft');
    expect(doc.formId).toBe('acte_naissance');
    expect(doc.data).toEqual({
      enfant: { nom: 'KONÉ', prenoms: 'Awa Mariam' },
      sexe: 'F',
      date_naissance: '2026-03-02',
      heure_naissance: '08:30',
      lieu_naissance: 'Ségou',
      mere: { nom: 'TRAORÉ', prenoms: 'Mariam' },
    });

    // A second save edits the same draft (no new document).
    await c.type('x');
    await c.press('backspace');
    for (let i = 0; i < 3; i++) await c.press('tab'); // profession de la mère → déclarant (nom, prénoms) → date
    expect(row(c.frame(), 'Date de la déclaration')).toMatch(/^> /);
    await c.type('2026-03-05');
    await c.burst(CTRL_S);
    await c.waitFor(`Brouillon n° ${numero} enregistré`);
    expect(await draftCount()).toBe(before + 1);
    expect((await staff.centre.documents.get(staff.agent, numero)).data.date_declaration).toBe('2026-03-05');
  });

  it('a wrong date shows its error next to the field and saves nothing', async () => {
    const c = await newDocument();
    await pick(c, 'Acte de naissance');
    await fill(c, 'DIARRA', 'Moussa', 'M', '2026-13-45');
    const before = await draftCount();
    await c.burst(CTRL_S);
    const f = await c.waitFor('1 champ(s) à corriger');
    const lines = f.split('\n');
    const at = lines.findIndex((l) => l.includes('Date de naissance *'));
    expect(lines[at]).toMatch(/^> /); // the focus goes to the field in error
    expect(lines[at + 1]).toMatch(/! date invalide, format AAAA-MM-JJ/);
    expect(f).not.toMatch(/Brouillon n° \d+ enregistré/);
    expect(await draftCount()).toBe(before);

    // Corrected, the error goes and the draft is saved.
    for (let i = 0; i < 10; i++) await c.press('backspace');
    await c.type('2026-01-15');
    expect(c.frame()).not.toContain('date invalide');
    await c.burst(CTRL_S);
    await c.waitFor(/Brouillon n° \d+ enregistré/);
    expect(await draftCount()).toBe(before + 1);
  });

  it('Esc with unsaved changes asks first; n stays, o goes back to the kinds; Esc there leaves', async () => {
    const c = await newDocument();
    await pick(c, 'Acte de naissance');
    await c.type('SANGARÉ');
    await c.press('escape');
    let f = await c.waitFor('Abandonner les modifications ? (o/n)');
    expect(f).toContain('o oui, abandonner  n Esc non');
    await c.type('n');
    f = await c.waitFor((x) => !x.includes('Abandonner'));
    expect(row(f, 'Enfant, nom')).toContain('SANGARÉ');
    // q is text while typing, not quit
    await c.type('q');
    expect(row(c.frame(), 'Enfant, nom')).toContain('SANGARÉq');
    await c.press('escape');
    await c.waitFor('Abandonner les modifications');
    await c.type('o');
    await c.waitFor('Choisissez le type de document');
    await c.press('escape');
    await c.waitFor('Utilisateur : Awa Diallo');
  });

  it('scrolls a form taller than the screen; the tally is typed as candidat=voix', async () => {
    const c = await newDocument(16);
    let f = await pick(c, "Procès-verbal d'élection");
    expect(f).toMatch(/lignes 1–9 sur 11/);
    expect(f.split('\n').length).toBeLessThan(16);
    expect(f).not.toContain('Anomalie');
    await fill(c, 'PRES2026', 'BV-001', '2026-03-01', '500', '300', '10', '290');
    f = await c.waitFor('KONE=120');
    expect(row(f, 'Voix par candidat')).toMatch(/^> /);
    await c.type('KONE=200, DIARRA=90');
    await c.press('tab');
    f = await c.waitFor('Anomalie');
    expect(f).toMatch(/lignes 3–11 sur 11/);
    expect(f).not.toContain('Élection *');
    await c.burst(CTRL_S);
    f = await c.waitFor(/Brouillon n° (\d+) enregistré/);
    const numero = Number(/Brouillon n° (\d+) enregistré/.exec(f)![1]);
    const doc = await staff.centre.documents.get(staff.agent, numero);
    expect(doc.data.resultats).toEqual([
      { candidat: 'KONE', voix: 200 },
      { candidat: 'DIARRA', voix: 90 },
    ]);
    expect(doc.data.inscrits).toBe(500);
  });

  it('speaks English with --lang en', async () => {
    const c = await newDocument(24, 'en');
    const f = await pick(c, 'Birth certificate');
    expect(f).toContain('New document — Birth certificate');
    expect(row(f, 'Child, family name')).toContain('*');
    expect(f).toContain('Tab ↑↓ Enter field  Ctrl+S save  Esc back  Ctrl+C quit');
  });
});
