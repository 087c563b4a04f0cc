import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Centre } from '@docstream/core';
import { OFFICER_PASSWORD } from '../support/centre-fixture.js';
import { enrolledPair, type Pair } from '../support/transmission.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

const MATRICULE = '00073';
const FROM_SERVER = 'Bonjour, merci de transmettre vos actes de mars avant vendredi.\nLe service des registres.';

let pair: Pair;
let open: Console | undefined;

beforeAll(async () => {
  pair = await enrolledPair({ matricule: MATRICULE });
  await pair.server.messages.send(pair.admin, MATRICULE, FROM_SERVER);
  expect(await pair.notify()).toBeGreaterThan(0);
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

const PASSWORDS: Record<string, string> = { chef: OFFICER_PASSWORD, sekou: 'controle-qualite-22', awa: 'saisie-des-actes-1' };

/** Logs in and goes to Messages through the `:` palette. */
async function messagesScreen(login: string, lang: 'fr' | 'en' = 'fr', centre: Centre = pair.staff.centre): Promise<Console> {
  open = mount(<App centre={centre} lang={lang} />);
  await open.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(open, login, PASSWORDS[login]!);
  await open.waitFor(lang === 'fr' ? 'Vérifier une copie' : 'Verify a copy');
  await open.type(':');
  await open.waitFor(lang === 'fr' ? 'Écran :' : 'Screen:');
  await open.type('messag');
  await open.press('enter');
  await open.waitFor(lang === 'fr' ? /\d+ message\(s\), dont/ : /\d+ message\(s\), \d+ unread/);
  return open;
}

const show = (frame: string) => {
  if (process.env.SHOW_FRAMES) console.log(`${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`);
};

describe('centre console: messages from and to the central server', () => {
  it('shows the unread message from the server; Enter opens it in full and it becomes read', async () => {
    const c = await messagesScreen('chef');
    let f = await c.waitFor('1 message(s), dont 1 non lu(s)');
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(/> ● ← reçu\s+\d\d\/\d\d\/20\d\d \d\d:\d\d .*Bonjour, merci de transmettr/);
    expect(f).toContain('Entrée lire');
    expect(f).toContain('n écrire');
    await c.press('enter');
    f = await c.waitFor('Le service des registres.');
    f = await c.waitFor('reçu, lu le');
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(/De\s+: .+ \(serveur central\)/);
    expect(f).toContain('Bonjour, merci de transmettre vos actes de mars avant vendredi.');
    expect(f).not.toContain('Entrée lire');
    const rows = await pair.staff.centre.server.messages.list(pair.staff.officer);
    expect(rows.find((r) => r.body === FROM_SERVER)?.read_at).not.toBeNull();
    await c.press('escape');
    f = await c.waitFor('dont 0 non lu(s)');
    expect(f).not.toMatch(/> ● /);
    await c.press('escape');
    await c.waitFor('Documents du centre');
  });

  it('the Secretary writes one, confirms, and it waits for the next exchange as an outgoing message', async () => {
    const c = await messagesScreen('sekou');
    await c.type('n');
    let f = await c.waitFor('Message au serveur central (une ligne');
    expect(f).toContain('Entrée envoyer  Esc abandonner  Ctrl+C quitter');
    await c.type('Bien reçu, nous transmettrons jeudi.');
    await c.press('enter');
    f = await c.waitFor('Envoyer ce message au serveur central ? (o/n)');
    show(f);
    fitsTerminal(f);
    expect(f).toContain('o oui, envoyer  n Esc non');
    // n: back to the text, nothing recorded
    await c.type('n');
    await c.waitFor(/> Message : Bien reçu, nous transmettrons jeudi\./);
    expect((await pair.staff.centre.server.messages.list(pair.staff.secretary)).filter((r) => r.direction === 'out')).toEqual([]);
    await c.press('enter');
    await c.waitFor('(o/n)');
    await c.type('o');
    f = await c.waitFor('Message enregistré : il partira au prochain échange avec le serveur central.');
    f = await c.waitFor(/> +→ envoyé .*Sékou Traoré .*Bien reçu/);
    show(f);
    fitsTerminal(f);
    const out = (await pair.staff.centre.server.messages.list(pair.staff.secretary)).filter((r) => r.direction === 'out');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ direction: 'out', body: 'Bien reçu, nous transmettrons jeudi.', author: 'Sékou Traoré', container_seq: null });
    await c.press('enter');
    f = await c.waitFor('en attente : part au prochain échange');
    expect(f).toMatch(/Pour\s+: serveur central/);
  });

  it('an Agent pressing n is told who may write; nothing opens', async () => {
    const c = await messagesScreen('awa');
    await c.type('n');
    const f = await c.waitFor('Erreur : Écrire au serveur central : réservé au Secrétaire et à l’Officier.');
    fitsTerminal(f);
    expect(f).not.toContain('4 000 caractères');
  });

  it('in English, the list and the question', async () => {
    const c = await messagesScreen('chef', 'en');
    let f = c.frame();
    expect(f).toContain('Messages from the central server');
    expect(f).toContain('← in');
    await c.type('n');
    await c.type('Test');
    await c.press('enter');
    f = await c.waitFor('Send this message to the central server? (y/n)');
    expect(f).toContain('y yes, send  n Esc no');
    await c.press('escape');
    await c.press('escape');
    f = await c.waitFor((x) => !x.includes('4,000 characters'));
    expect(f).toContain('message(s)');
  });
});
