import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidNiu, type Database } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { CENTRE_BIN, runCli } from '../support/cli.js';
import { startTmux, type Pane } from '../support/tmux.js';

// The real binary in a real pseudo-terminal of 80×24 (tmux): three people in turn carry a
// birth certificate from draft to NIU, each changing the demo password at first login.

const tmux = startTmux();
// Registered at load, so the server goes even when beforeAll or a test fails.
afterAll(() => tmux.kill());

let env: Record<string, string>;
let db: Database;
let dbName: string;

beforeAll(async () => {
  const tdb = await testDatabase();
  db = tdb.open(1);
  dbName = tdb.name;
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: mkdtempSync(join(tmpdir(), 'ds-home-')),
    DATABASE_URL: tdb.url,
    DOCSTREAM_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'ds-conf-')),
    DOCSTREAM_DATA_DIR: mkdtempSync(join(tmpdir(), 'ds-data-')),
  };
  const demo = await runCli(CENTRE_BIN, ['demo'], env);
  expect(demo.stderr).toBe('');
  expect(demo.code).toBe(0);
});

/** The whole frame is on the screen: nothing wider than 80 columns, the header on the top line. */
function fits(screen: string): string {
  const lines = screen.split('\n');
  expect(lines.length).toBeLessThanOrEqual(24);
  expect(lines[0]).toMatch(/^Docstream( · Centre 00001|$)/); // the centre's name once read
  for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
  return screen;
}

const see = async (p: Pane, expected: Parameters<Pane['waitFor']>[0]) => fits(await p.waitFor(expected));

/** Opens the console and logs in with the demo password, replacing it as the console demands. */
async function logIn(login: string, password: string): Promise<Pane> {
  const p = await tmux.start([process.execPath, CENTRE_BIN], env);
  const first = await see(p, 'Mot de passe :');
  expect(first).toContain('Connexion');
  expect(first).toContain('Base de données :');
  expect(first).toContain(dbName); // the real PostgreSQL, not the embedded default
  await p.type(login);
  await p.press('Tab');
  await p.type('demo');
  await p.press('Enter');
  const change = await see(p, 'Vous devez choisir un nouveau mot de passe avant de continuer.');
  expect(change).toContain(`Compte ${login}.`);
  await p.type('demo');
  await p.press('Tab');
  await p.type(password);
  await p.press('Tab');
  await p.type(password);
  await p.press('Enter');
  await see(p, /^Accueil$/m);
  return p;
}

/** Selects the Home's work-queue line (above the menu) and opens it, then the document in it. */
async function openFromQueue(p: Pane, queue: string, numero: number): Promise<string> {
  await see(p, `${queue} : 1`);
  await p.press('Up');
  await see(p, `> ${queue} : 1`);
  await p.press('Enter');
  const list = await see(p, new RegExp(`^> +${numero} Acte de naissan.*KONÉ Awa Mariam`, 'm'));
  expect(list).toContain(`File : ${queue}`);
  await p.press('Enter');
  const detail = await see(p, /^Étape +: /m);
  expect(detail).toMatch(new RegExp(`^Document n° ${numero}$`, 'm'));
  return detail;
}

async function quit(p: Pane): Promise<void> {
  await p.press('q');
  expect(await p.waitForExit()).toBe(0);
}

const field = (screen: string, label: string) => screen.split('\n').find((l) => l.includes(label)) ?? '';

describe('docstream-centre console in a terminal of 80×24, on PostgreSQL', () => {
  it('an Agent drafts a birth certificate, the Secretary checks it, the Officer validates it and the NIU shows', async () => {
    // ---- the Agent: first login, new document through the palette, save, quit
    const agent = await logIn('agent', 'saisie-des-actes-1');
    await see(agent, 'mes brouillons : 0');
    await agent.press(':');
    await see(agent, /^Aller à$/m);
    await agent.type('nouveau');
    await see(agent, '> Nouveau document');
    await agent.press('Enter');
    // the kinds, once read, with the first selected; each ↓ moves the selection by one
    const selected = (screen: string) => /^> (.+?) {2,}/m.exec(screen)?.[1];
    let kinds = await see(agent, (s) => s.includes('Choisissez le type de document à établir') && selected(s) !== undefined);
    for (let i = 0; i < 8 && selected(kinds) !== 'Acte de naissance'; i++) {
      const was = selected(kinds);
      await agent.press('Down');
      kinds = await see(agent, (s) => selected(s) !== was);
    }
    expect(kinds).toMatch(/^> Acte de naissance/m);
    await agent.press('Enter');
    await see(agent, 'Nouveau document — Acte de naissance');

    await agent.type('KONÉ');
    await agent.press('Tab');
    await agent.type('Awa Mariam');
    await agent.press('Tab');
    // Sexe is a list: ←→ choose, once the field has the focus
    await see(agent, /^> Sexe \*/m);
    await agent.press('Right', 'Right');
    await see(agent, /^> Sexe \* +: F \(Féminin\)$/m);
    await agent.press('Tab');
    await agent.type('2026-03-02');
    await agent.press('Tab', 'Tab'); // heure de naissance left empty
    await agent.type('Ségou');
    await agent.press('Tab', 'Tab', 'Tab', 'Tab'); // père: nom, prénoms, profession
    await agent.type('TRAORÉ');
    await agent.press('Tab');
    await agent.type('Mariam');
    await agent.press('Tab', 'Tab', 'Tab', 'Tab'); // profession de la mère, déclarant
    await agent.type('2026-03-05');
    const filled = await see(agent, /^> Date de la déclaration \* : 2026-03-05$/m);
    expect(field(filled, 'Enfant, nom')).toMatch(/: KONÉ$/);
    expect(field(filled, 'Lieu de naissance')).toMatch(/: Ségou$/);
    expect(field(filled, 'Mère, nom')).toMatch(/: TRAORÉ$/);
    await agent.press('C-s');
    const saved = await see(agent, /Brouillon n° \d+ enregistré/);
    const numero = Number(/Brouillon n° (\d+) enregistré/.exec(saved)![1]);
    const drafted = await db.query<{ stage: string; data: Record<string, unknown> }>(
      'SELECT stage, data FROM docstream.documents WHERE numero = $1',
      [numero],
    );
    expect(drafted[0]?.stage).toBe('draft');
    expect(drafted[0]?.data).toMatchObject({ enfant: { nom: 'KONÉ', prenoms: 'Awa Mariam' }, sexe: 'F', lieu_naissance: 'Ségou' });
    await agent.press('Escape');
    await see(agent, 'Choisissez le type de document à établir');
    await quit(agent);

    // ---- the Secretary: first login, the "à vérifier" queue, check with v
    const secretary = await logIn('secretaire', 'controle-qualite-22');
    const draft = await openFromQueue(secretary, 'à vérifier', numero);
    expect(field(draft, 'Étape')).toMatch(/: brouillon$/);
    expect(draft).toContain('v vérifier');
    await secretary.press('v');
    // the message at once, then the detail read again
    const checked = await see(secretary, (s) => s.includes(`Document n° ${numero} vérifié`) && /^Étape +: vérifié$/m.test(s));
    expect(checked).toContain('il attend la validation de l’Officier');
    await quit(secretary);

    // ---- the Officer: first login, the "à valider" queue, V then o
    const officer = await logIn('officier', 'chef-de-centre-3');
    const toValidate = await openFromQueue(officer, 'à valider', numero);
    expect(field(toValidate, 'NIU')).toMatch(/: —$/);
    await officer.press('V');
    await see(officer, `Valider le document n° ${numero} ?`);
    await officer.press('o');
    const validated = await see(officer, (s) => /^Validé : NIU \S+$/m.test(s) && /^Étape +: validé$/m.test(s));
    const niu = /^Validé : NIU (\S+)$/m.exec(validated)![1]!;
    expect(isValidNiu(niu)).toBe(true);
    expect(niu.startsWith('00001-')).toBe(true);
    expect(field(validated, 'NIU')).toMatch(new RegExp(`: ${niu}$`));
    expect(field(validated, 'Étape')).toMatch(/: validé$/);
    await quit(officer);

    const rows = await db.query<{ niu: string; stage: string }>('SELECT niu, stage FROM docstream.documents WHERE numero = $1', [numero]);
    expect(rows).toEqual([{ niu, stage: 'validated' }]);
  }, 180_000);

  it('on a database with no centre, the console closes with the reason in both languages and status 1', async () => {
    const empty = await testDatabase(); // migrated, never initialised
    const p = await tmux.start([process.execPath, CENTRE_BIN], { ...env, DATABASE_URL: empty.url });
    expect(await p.waitForExit()).toBe(1);
    const last = await p.screen();
    expect(last).toContain('Centre non initialisé. Lancez « docstream-centre init … »');
    expect(last).toContain('Centre not initialised.');
  }, 60_000);
});
