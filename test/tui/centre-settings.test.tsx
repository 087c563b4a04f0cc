import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { centreWithStaff, OFFICER_PASSWORD, type Staff } from '../support/centre-fixture.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let staff: Staff;
let open: Console | undefined;

const PASSWORDS: Record<string, string> = { chef: OFFICER_PASSWORD, sekou: 'controle-qualite-22', awa: 'saisie-des-actes-1' };

beforeAll(async () => {
  // Whatever reads process.env, the user's real settings are never touched.
  process.env.DOCSTREAM_CONFIG_DIR = mkdtempSync(join(tmpdir(), 'ds-conf-'));
  staff = await centreWithStaff((await testDatabase()).open(4));
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

/** An environment of its own, with a fresh settings folder. */
function envWith(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { DOCSTREAM_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'ds-conf-')), ...extra };
}

const fileOf = (env: NodeJS.ProcessEnv): Record<string, unknown> => {
  const path = join(env.DOCSTREAM_CONFIG_DIR!, 'config.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
};

const show = (frame: string) => {
  if (process.env.SHOW_FRAMES) console.log(`${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`);
};

const row = (f: string, label: string) => f.split('\n').find((l) => l.includes(label)) ?? '';
const lastLine = (f: string) => f.split('\n').at(-1)!;
/** A sentence that may wrap at any space. */
const spread = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));

/** Logs in and goes to Settings through the `:` palette. */
async function settingsScreen(login: string, env: NodeJS.ProcessEnv, lang: 'fr' | 'en' = 'fr', commandLine?: Partial<Settings>): Promise<Console> {
  open = mount(<App centre={staff.centre} lang={lang} env={env} {...(commandLine ? { commandLine } : {})} />);
  await open.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(open, login, PASSWORDS[login]!);
  await open.waitFor(lang === 'fr' ? 'Vérifier une copie' : 'Verify a copy');
  await open.type(':');
  await open.waitFor(lang === 'fr' ? 'Écran :' : 'Screen:');
  await open.type(lang === 'fr' ? 'param' : 'settings');
  await open.press('enter');
  await open.waitFor(lang === 'fr' ? 'Courtier MQTT' : 'MQTT broker');
  return open;
}

/** Moves the cursor to the setting named `name`. */
async function select(c: Console, name: string): Promise<string> {
  for (let i = 0; i < 5; i++) await c.press('up');
  for (let i = 0; i < 6 && !row(c.frame(), name).startsWith('> '); i++) await c.press('down');
  return c.waitFor((f) => row(f, name).startsWith('> '));
}

async function erase(c: Console, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await c.press('backspace');
}

describe('centre console: settings', () => {
  it('shows each value and its source; an environment variable overrides the file, and the screen says why', async () => {
    const env = envWith({ MQTT_URL: 'mqtts://centre:env-secret@broker.env:8883' });
    const c = await settingsScreen('chef', env);
    let f = c.frame();
    show(f);
    fitsTerminal(f);
    expect(f).toContain(`Fichier : ${join(env.DOCSTREAM_CONFIG_DIR!, 'config.json')}`);
    expect(f).toContain('Ce qui s’applique : ligne de commande > environnement > fichier > défaut.');
    expect(row(f, 'Courtier MQTT')).toMatch(/^> Courtier MQTT +mqtts:\/\/centre:\*\*\*@broker\.env:8883 +environnement$/);
    expect(row(f, 'Base de données')).toMatch(/base embarquée \(PGlite\) +défaut$/);
    expect(f).toContain('En vigueur : mqtts://centre:***@broker.env:8883');
    expect(row(f, 'Cycle de transmission')).toMatch(/continu \(connexion permanente\) +défaut$/);
    expect(row(f, 'Intervalle (minutes)')).toMatch(/ 15 +défaut$/);
    expect(row(f, 'Langue')).toMatch(/français +défaut$/);
    expect(f).toMatch(spread('! La variable d’environnement MQTT_URL l’emporte sur le fichier : une valeur enregistrée ici ne s’appliquera qu’une fois MQTT_URL retirée.'));
    expect(f).toMatch(spread('Pris en compte au prochain démarrage de la console et du service'));
    expect(lastLine(f)).toBe('? aide  : aller  ↑↓ choix  Entrée modifier  r actualiser  Esc retour  q quitter');

    // A wrong scheme is refused with what is expected; nothing is written.
    await c.press('enter');
    f = await c.waitFor('Courtier MQTT — nouvelle valeur (vide : la retirer du fichier)');
    show(f);
    expect(lastLine(f)).toBe('Entrée enregistrer  Esc abandonner  Ctrl+C quitter');
    await c.type('http://broker');
    await c.press('enter');
    f = await c.waitFor('Adresse du courtier refusée');
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(spread('Erreur : Adresse du courtier refusée : elle commence par mqtt://, mqtts://, ws:// ou wss://'));
    expect(fileOf(env)).toEqual({});

    // A password typed in the address is masked as soon as it is complete.
    await erase(c, 13);
    await c.type('mqtt://centre:file-secret@broker.file:1883');
    f = await c.waitFor('> mqtt://centre:***@broker.file:1883');
    await c.press('enter');
    f = await c.waitFor(spread('Écrire Courtier MQTT = mqtt://centre:***@broker.file:1883 dans le fichier des paramètres ? (o/n)'));
    show(f);
    fitsTerminal(f);
    expect(lastLine(f)).toBe('o oui, enregistrer  n Esc non  Ctrl+C quitter');
    await c.type('o');
    f = await c.waitFor('Courtier MQTT enregistré : pris en compte au prochain démarrage.');
    f = await c.waitFor('Dans le fichier : mqtt://centre:***@broker.file:1883');
    show(f);
    fitsTerminal(f);
    // The environment still wins, and the screen still says so.
    expect(row(f, 'Courtier MQTT')).toMatch(/broker\.env:8883 +environnement$/);
    expect(f).toMatch(spread('MQTT_URL l’emporte sur le fichier'));
    expect(fileOf(env)).toEqual({ mqttUrl: 'mqtt://centre:file-secret@broker.file:1883' });
    for (const frame of c.frames()) expect(frame).not.toContain('secret');

    // Editing it again: the stored password is not put back on screen.
    await c.press('enter');
    f = await c.waitFor('Le mot de passe enregistré n’est jamais affiché : retapez l’adresse entière.');
    expect(f).toMatch(/^> ?$/m); // an empty field
    await c.press('escape');
    await c.waitFor('Dans le fichier');

    // The change is audited, its password masked.
    const audit = await staff.centre.db.query<{ entity_id: string; details: { value: string } }>(
      "SELECT entity_id, details FROM docstream.audit WHERE action = 'setting_changed' ORDER BY seq DESC LIMIT 1",
    );
    expect(audit[0]).toMatchObject({ entity_id: 'mqttUrl', details: { value: 'mqtt://centre:***@broker.file:1883' } });
  });

  it('the interval must be a whole number of minutes; the cycle is chosen with ←→; a new value shows with its source', async () => {
    const env = envWith();
    const c = await settingsScreen('chef', env);
    await select(c, 'Intervalle (minutes)');
    await c.press('enter');
    await c.waitFor('Intervalle (minutes) — nouvelle valeur');
    await c.type('0');
    await c.press('enter');
    let f = await c.waitFor(spread('Erreur : Intervalle refusé : un nombre entier de minutes, de 1 à 10 080 (une semaine), ex. 30.'));
    show(f);
    fitsTerminal(f);
    await erase(c, 1);
    await c.type('30');
    await c.press('enter');
    await c.waitFor('Écrire Intervalle (minutes) = 30 dans le fichier des paramètres ? (o/n)');
    await c.type('o');
    f = await c.waitFor((x) => /Intervalle \(minutes\) +30 +fichier$/m.test(x));
    expect(f).toMatch(spread('Pris en compte au prochain démarrage du service de transmission'));

    await select(c, 'Cycle de transmission');
    await c.press('enter');
    f = await c.waitFor('Cycle de transmission — choisissez avec ←→');
    show(f);
    // It starts on what applies (the default), the file's absence being a choice too.
    expect(f).toContain('> ← [continu]  intermittent  (retirer du fichier) →');
    expect(f).toContain('←→ choix');
    await c.press('right');
    f = await c.waitFor('[intermittent]');
    await c.press('enter');
    await c.waitFor(spread('Écrire Cycle de transmission = intermittent (par cycles) dans le fichier des paramètres ? (o/n)'));
    // n goes back to the choice; Enter asks again.
    await c.type('n');
    await c.waitFor('[intermittent]');
    await c.press('enter');
    await c.waitFor('(o/n)');
    await c.type('o');
    f = await c.waitFor((x) => /Cycle de transmission +intermittent \(par cycles\) +fichier$/m.test(x));
    show(f);
    fitsTerminal(f);
    expect(fileOf(env)).toEqual({ cycleIntervalMinutes: 30, cycleMode: 'intermittent' });
  });

  it('the language applies at once to the whole console', async () => {
    const env = envWith();
    const c = await settingsScreen('chef', env);
    await select(c, 'Langue');
    await c.press('enter');
    await c.waitFor('Langue — choisissez avec ←→');
    await c.waitFor('← [français]  anglais  (retirer du fichier) →');
    await c.press('right');
    await c.waitFor('[anglais]');
    await c.press('enter');
    await c.waitFor(spread('Écrire Langue = anglais (English) dans le fichier des paramètres ? (o/n)'));
    await c.type('o');
    await c.waitFor('Language saved: applied at once.');
    let f = await c.waitFor((x) => /English +settings file$/.test(row(x, 'Language')));
    show(f);
    fitsTerminal(f);
    expect(f).toContain('Chef de Centre (Officer)');
    expect(f.split('\n')[1]).toBe('Settings');
    expect(row(f, 'Language')).toMatch(/English +settings file$/);
    expect(lastLine(f)).toBe('? help  : go to  ↑↓ select  Enter change  r refresh  Esc back  q quit');
    expect(fileOf(env)).toEqual({ lang: 'en' });
    await c.press('escape');
    f = await c.waitFor('Verify a copy');
    expect(f).toContain('Home');
    // Removed from the file: back to the default, French, at once.
    await c.type(':');
    await c.type('settings');
    await c.press('enter');
    await select(c, 'Language');
    await c.press('enter');
    await c.waitFor('← French  [English]');
    await c.press('right');
    await c.waitFor('[(remove from the file)]');
    await c.press('enter');
    await c.waitFor(spread('Remove Language from the settings file (the default will apply)? (y/n)'));
    await c.type('y');
    await c.waitFor('Langue retiré du fichier.');
    f = await c.waitFor((x) => /français +défaut$/.test(row(x, 'Langue')));
    expect(fileOf(env)).toEqual({});
  });

  it('others read the settings only: no Enter, and the core refuses a change', async () => {
    const env = envWith({ DOCSTREAM_CYCLE_INTERVAL: 'quinze' });
    const c = await settingsScreen('awa', env);
    let f = c.frame();
    show(f);
    fitsTerminal(f);
    expect(f).toContain('Lecture seule : seul l’Officier modifie les paramètres.');
    expect(f).not.toContain('Entrée modifier');
    expect(lastLine(f)).toBe('? aide  : aller  ↑↓ choix  r actualiser  Esc retour  q quitter');
    await c.press('enter');
    expect(c.frame()).not.toContain('nouvelle valeur');
    f = await select(c, 'Intervalle (minutes)');
    expect(f).toContain('! DOCSTREAM_CYCLE_INTERVAL=quinze est ignorée : valeur illisible.');
    await expect(staff.centre.settings.save(staff.agent, 'mqttUrl', 'mqtt://broker:1883', env)).rejects.toMatchObject({ code: 'forbidden' });
    expect(fileOf(env)).toEqual({});
  });

  it('speaks English; a command-line option is named as what wins over the file', async () => {
    const env = envWith({ DATABASE_URL: 'postgresql://ops:db-secret@db.example/docstream' });
    const c = await settingsScreen('chef', env, 'en', { lang: 'en' });
    let f = c.frame();
    show(f);
    fitsTerminal(f);
    expect(f).toContain('What applies: command line > environment > file > default.');
    expect(row(f, 'Database')).toMatch(/postgresql:\/\/ops:\*\*\*@db\.example\/\S*… +environment$/);
    expect(row(f, 'Language')).toMatch(/English +command line$/);
    f = await select(c, 'Language');
    expect(f).toMatch(spread('! The command-line option --lang wins over the file: a value saved here applies when started without --lang.'));
    f = await select(c, 'Database');
    expect(f).toContain('Applies: postgresql://ops:***@db.example/docstream');
    expect(f).toMatch(spread('! The environment variable DATABASE_URL wins over the file'));
    expect(f).toMatch(/Taken into account at the next start\. In use now:\s+\S+/);
    await c.press('enter');
    await c.type('mysql://db/x');
    await c.press('enter');
    f = await c.waitFor('Error: Database address refused');
    expect(f).toMatch(spread('Database address refused: it starts with postgresql:// or postgres:// (e.g. postgresql://user@server/docstream). Leave it empty for the embedded database.'));
    for (const frame of c.frames()) expect(frame).not.toContain('secret');
  });
});
