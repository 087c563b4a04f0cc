import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from '@docstream/core';
import { App } from '../../apps/server-tui/src/App.js';
import { testDatabase } from '../support/test-db.js';
import { freePort, startMosquitto, type TestBroker } from '../support/mosquitto.js';
import { supervisorOf, SUPERVISOR } from '../support/transmission.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let server: Server;
let broker: TestBroker;
let open: Console | undefined;

beforeAll(async () => {
  server = createServer({ db: (await testDatabase()).open(2) });
  await supervisorOf(server);
  broker = await startMosquitto();
});

afterAll(async () => {
  await broker?.stop();
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

/** Logs the supervisor in and opens the broker test through the palette. */
async function atBrokerTest(lang: 'fr' | 'en', mqttUrl: string | undefined): Promise<Console> {
  const c = (open = mount(<App server={server} lang={lang} mqttUrl={mqttUrl} />));
  await c.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(c, SUPERVISOR.login, SUPERVISOR.password);
  await c.waitFor(lang === 'fr' ? 'Documents centralisés' : 'Central documents');
  await c.type(':');
  await c.type(lang === 'fr' ? 'courtier' : 'broker');
  await c.press('enter');
  await c.waitFor(lang === 'fr' ? 'Test du courtier MQTT' : 'MQTT broker test');
  return c;
}

/** Replaces the focused field's text. */
async function retype(c: Console, text: string): Promise<void> {
  await c.press('backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace');
  await c.type(text);
}

describe('server console: broker test', () => {
  it('asks count, size, QoS with defaults, shows the phases, then the figures from a real Mosquitto', async () => {
    const c = await atBrokerTest('fr', broker.url);
    let f = await c.waitFor('> Messages (allers-retours, rafale) : 200');
    fitsTerminal(f);
    expect(f).toContain(`Courtier : ${broker.url} (MQTT_URL)`);
    expect(f).toMatch(/Taille d’un message \(octets\) +: 1024/);
    expect(f).toMatch(/QoS \(0 ou 1\) +: 1/);
    expect(f).toMatch(/Attente maximale \(secondes\) +: 10/);
    expect(f).toContain('Tab ↑↓ champ  Entrée lancer  Esc retour  Ctrl+C quitter');
    await retype(c, '50');
    await c.press('tab');
    await retype(c, '512');
    await c.press('enter');
    f = await c.waitFor('Résultat (MQTT 3.1.1, QoS 1) :', 20_000);
    fitsTerminal(f);
    expect(f).toMatch(/Connexion : [\d,]+ ms/);
    expect(f).toContain('Latence aller-retour (50 messages de 512 octets, un à la fois) :');
    expect(f).toMatch(/min [\d,]+ ms · médiane [\d,]+ ms · p95 [\d,]+ ms · max [\d,]+ ms/);
    expect(f).toMatch(/Débit \(rafale de 50\) : [\d ]+ messages\/s · [\d ]+,\d ko\/s/);
    expect(f).toContain('Perdus : aucun sur 100.');
    // progress was shown by phase while it ran
    expect(c.frames().some((x) => x.includes('[en cours] 2. Latence') || x.includes('[en cours] 3. Débit') || x.includes('[en cours] 1. Connexion'))).toBe(true);
    // the form is back: Enter runs it again
    expect(f).toContain('Entrée lancer');
  });

  it('Esc cancels a running test cleanly: the core stops it, the form comes back', async () => {
    const c = await atBrokerTest('fr', broker.url);
    await c.waitFor('> Messages');
    await retype(c, '3000');
    await c.press('tab');
    await retype(c, '32768');
    await c.press('enter');
    let f = await c.waitFor('Test en cours (Esc l’annule)');
    expect(f).toContain('Esc annuler le test');
    expect(f).toContain('[en cours]');
    await c.press('escape');
    f = await c.waitFor('annulé : aucun chiffre retenu', 15_000);
    fitsTerminal(f);
    expect(f).not.toContain('Erreur');
    expect(f).not.toContain('Résultat');
    expect(f).toContain('Entrée lancer');
    // and the broker still answers a new test
    expect(f).toMatch(/> Taille d’un message \(octets\) +: 32768/);
    await retype(c, '1024');
    await c.press('shiftTab');
    await retype(c, '20');
    await c.press('enter');
    await c.waitFor('Perdus : aucun sur 40.', 20_000);
  });

  it('says clearly, in French and in English, that a dead broker cannot be reached — and does not hang', async () => {
    const port = await freePort(); // nothing listens there
    let c = await atBrokerTest('fr', `mqtt://127.0.0.1:${port}`);
    await c.press('enter');
    let f = await c.waitFor('Erreur : Test du courtier impossible : courtier MQTT injoignable', 15_000);
    fitsTerminal(f);
    expect(f).toContain(`127.0.0.1:${port}`);
    expect(f).toContain('Entrée lancer');
    c.unmount();

    c = await atBrokerTest('en', `mqtt://127.0.0.1:${port}`);
    f = await c.waitFor('> Messages (round trips, burst) : 200');
    expect(f).toContain(`Broker: mqtt://127.0.0.1:${port} (MQTT_URL)`);
    await c.press('enter');
    f = await c.waitFor('Error: Broker test failed: MQTT broker unreachable', 15_000);
    fitsTerminal(f);
    expect(f).toMatch(/MQTT_URL/);
  });

  it('refuses a bad value before connecting, naming the field; without MQTT_URL it names the embedded broker', async () => {
    const c = await atBrokerTest('en', undefined);
    let f = await c.waitFor('Broker: mqtt://127.0.0.1:18830 (embedded)');
    expect(f).toContain('Without MQTT_URL: the embedded broker');
    await c.press('tab', 'tab');
    await retype(c, '2');
    await c.press('enter');
    f = await c.waitFor('Error: QoS: 0 or 1.');
    expect(f).toMatch(/> QoS \(0 or 1\) +: 2/);
    await c.press('escape');
    await c.waitFor('Central documents');
  });
});
