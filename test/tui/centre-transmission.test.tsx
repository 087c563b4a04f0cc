import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { answerBundle, hostCentreService, startEmbeddedBroker, startServerService, type Centre } from '@docstream/core';
import { OFFICER_PASSWORD } from '../support/centre-fixture.js';
import { enrolledPair, queueBirths, tempDir, type Pair } from '../support/transmission.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let pair: Pair;
let open: Console | undefined;

beforeAll(async () => {
  pair = await enrolledPair({ matricule: '00073' });
  await queueBirths(pair, 3);
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

const show = (frame: string) => {
  if (process.env.SHOW_FRAMES) console.log(`${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`);
};

/** Logged in as the Officer, then `:` palette, "transm", Enter. */
async function transmissionScreen(centre: Centre = pair.staff.centre, lang: 'fr' | 'en' = 'fr'): Promise<Console> {
  open = mount(<App centre={centre} lang={lang} />);
  await open.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(open, 'chef', OFFICER_PASSWORD);
  await open.waitFor(lang === 'fr' ? 'Vérifier une copie' : 'Verify a copy');
  await open.type(':');
  await open.waitFor(lang === 'fr' ? 'Écran :' : 'Screen:');
  await open.type('transm');
  await open.press('enter');
  await open.waitFor(lang === 'fr' ? 'En attente :' : 'Waiting:');
  return open;
}

describe('centre console: transmissions', () => {
  it('shows the link, the waiting count, the certificate; p pauses the live refresh', async () => {
    const c = await transmissionScreen();
    let f = await c.waitFor('En attente : 3');
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(/Déconnecté — dernier échange : \d\d\/\d\d\/20\d\d \d\d:\d\d/); // the enrolment answer came in
    expect(f).toContain('Dernière erreur : aucune');
    expect(f).toMatch(/Certificat [0-9a-fA-F:]{16}… valable jusqu’au \d\d\/\d\d\/20\d\d/);
    expect(f).toContain('Actualisation automatique toutes les 2 s');
    expect(f).toContain('? aide : aller r actualiser p pause e export i import Esc retour q quitter');
    await c.type('p');
    f = await c.waitFor('EN PAUSE');
    expect(f).toContain('p reprendre');
    // New documents show on r even while paused.
    await queueBirths(pair, 1, 100);
    await c.type('r');
    await c.waitFor('En attente : 4');
    await c.type('?');
    f = await c.waitFor('Export T2D');
    expect(f).toContain('Import T2D');
    await c.press('escape');
    await c.press('escape');
    await c.waitFor('Documents du centre');
  });

  it('the live refresh picks up new documents by itself', async () => {
    const c = await transmissionScreen();
    const before = await c.waitFor(/En attente : \d+/);
    const n = Number(/En attente : (\d+)/.exec(before)![1]);
    await queueBirths(pair, 1, 200);
    await c.waitFor(`En attente : ${n + 1}`, 6_000);
  });

  it('e writes a T2D bundle; the server answers; i imports it and the documents are acknowledged', async () => {
    const dir = await tempDir('ds-t2d-');
    const out = join(dir, 'envoi.t2d');
    const answer = join(dir, 'reponse.t2d');
    // A pair of its own, so the counts are exactly those of this test.
    const own = await enrolledPair({ matricule: '00074' });
    await queueBirths(own, 3);
    const waiting = 3;
    const c = await transmissionScreen(own.staff.centre);
    await c.waitFor('En attente : 3');
    await c.type('e');
    let f = await c.waitFor('Fichier T2D à écrire');
    expect(f).toMatch(/> Fichier T2D à écrire : \.\/docstream-00074-20\d\d-\d\d-\d\d\.t2d/);
    expect(f).toContain('Entrée valider  Esc annuler  Ctrl+C quitter');
    // Clear the proposed path, type ours.
    for (let i = 0; i < 40; i++) await c.press('backspace');
    await c.burst(out);
    await c.press('enter');
    f = await c.waitFor('octets écrits dans');
    show(f);
    fitsTerminal(f);
    expect(existsSync(out)).toBe(true);
    expect(f).toMatch(/1 conteneur\(s\), \d+ octets écrits dans/);
    expect(f).toContain('envoi.t2d');
    await c.waitFor(`en cours : ${waiting}`);

    await answerBundle(own.server, out, answer);
    await c.type('i');
    await c.waitFor('> Réponse T2D à lire :');
    await c.burst(answer);
    await c.press('enter');
    f = await c.waitFor('message(s) lus');
    show(f);
    fitsTerminal(f);
    expect(f.replace(/\s+/g, ' ')).toContain(`1 accusé(s) de réception (${waiting} document(s) acquitté(s))`);
    f = await c.waitFor(`acquittés : ${waiting}`);
    expect(f).toContain('En attente : 0');
  });

  it('a wrong path brings the question back with the error, as the core words it', async () => {
    const c = await transmissionScreen(pair.staff.centre, 'en');
    await c.type('i');
    await c.waitFor('> T2D answer to read :');
    await c.burst('/nonexistent/answer.t2d');
    await c.press('enter');
    const f = await c.waitFor('Error: ');
    show(f);
    fitsTerminal(f);
    expect(f).toContain('> T2D answer to read : /nonexistent/answer.t2d');
    await c.press('escape');
    await c.waitFor((x) => !x.includes('T2D answer to read'));
    expect(c.frame()).toContain('e export');
  });

  it('s starts the MQTT cycle hosted by the console, the documents are acknowledged; s stops it, s resumes it', async () => {
    const own = await enrolledPair({ matricule: '00075' });
    await queueBirths(own, 2);
    const broker = await startEmbeddedBroker(0);
    const service = await startServerService(own.server, { link: { url: broker.url } });
    const centre = own.staff.centre;
    const cycle = hostCentreService(centre.transmission, async () => ({ link: { url: broker.url, reconnectMs: 300 }, pollMs: 200 }));
    try {
      open = mount(<App centre={centre} lang="fr" cycle={cycle} />);
      const c = open;
      await c.waitFor('Identifiant');
      await logIn(c, 'chef', OFFICER_PASSWORD);
      await c.waitFor('Vérifier une copie');
      await c.type(':');
      await c.type('transm');
      await c.press('enter');
      let f = await c.waitFor('Cycle MQTT : arrêté');
      expect(f).toContain('s démarrer');
      await c.type('s');
      f = await c.waitFor('acquittés : 2', 20_000);
      show(f);
      fitsTerminal(f);
      expect(f).toContain('Cycle MQTT : EN MARCHE, connexion permanente, mqtt://127.0.0.1:');
      expect(f).toContain('s arrêter');
      expect(f).toContain('En attente : 0');
      await c.type('s');
      f = await c.waitFor('Cycle MQTT : arrêté');
      expect(f).toContain('s reprendre');
      // while another process holds the service, a start says so and changes nothing
      const other = hostCentreService(centre.transmission, async () => ({ link: { url: broker.url } }));
      await other.start();
      await c.type('r');
      f = await c.waitFor('Service tenu par : console');
      await c.type('s');
      f = await c.waitFor('ÉCHEC');
      expect(f.replace(/\s+/g, ' ')).toContain('La transmission tourne déjà');
      expect(f).toContain('s reprendre');
      await other.stop();
      await c.type('s');
      await c.waitFor('Cycle MQTT : EN MARCHE');
    } finally {
      await cycle.stop();
      await service.stop();
      await broker.close();
    }
  }, 60_000);
});
