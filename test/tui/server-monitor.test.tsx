import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hostServerService, type ServerServiceHost } from '@docstream/core';
import { App } from '../../apps/server-tui/src/App.js';
import { BINDINGS } from '../../apps/server-tui/src/keys/bindings.js';
import { helpLines } from '../../apps/server-tui/src/keys/kit.js';
import { enrolledPair, queueBirths, SUPERVISOR, type Pair } from '../support/transmission.js';
import { freePort } from '../support/mosquitto.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

const VIEWER = { login: 'lecteur', password: 'Registre-Central-1-2026' };

let pair: Pair;
let service: ServerServiceHost;
let open: Console | undefined;

beforeAll(async () => {
  pair = await enrolledPair({ matricule: '00042' });
  await pair.server.clients.add(pair.admin, { matricule: '00043', name: 'Mairie de Ségou', region: 'Ségou', status: 3 });
  await queueBirths(pair, 3);
  expect((await pair.exchange())[0]!.outcome).toMatchObject({ kind: 'accepted', documents: 3 });
  // a container flipped on the way: refused, and the monitor says why
  const bad = Buffer.from('not a container at all');
  await pair.server.ingest.receive(bad, '00042');
  const { temporaryPassword } = await pair.server.operators.create(pair.admin, { login: VIEWER.login, fullName: 'Lecteur', privilege: 1 });
  await pair.server.operators.changePassword(VIEWER.login, temporaryPassword, VIEWER.password);
  const port = await freePort();
  service = hostServerService(pair.server, () => ({ embeddedPort: port, heartbeatMs: 200 }));
}, 120_000);

afterEach(() => {
  open?.unmount();
  open = undefined;
});

afterAll(async () => {
  await service.close();
});

/** A frame as tall as the terminal makes Ink clear the screen at each refresh (flicker): one line less. */
async function atMonitor(opts: { lang?: 'fr' | 'en'; readOnly?: boolean; user?: { login: string; password: string } } = {}): Promise<Console> {
  const lang = opts.lang ?? 'fr';
  const user = opts.user ?? SUPERVISOR;
  const c = (open = mount(<App server={pair.server} lang={lang} readOnly={opts.readOnly ?? false} service={service} />));
  await c.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(c, user.login, user.password);
  await c.waitFor(lang === 'fr' ? 'Documents centralisés' : 'Central documents');
  await c.type(':');
  await c.type(lang === 'fr' ? 'moniteur' : 'monitor');
  await c.press('enter');
  await c.waitFor(lang === 'fr' ? 'Conteneurs' : 'Containers');
  return c;
}

describe('server console: the live monitor', () => {
  it('shows the rates, queues, centres and what each centre sent, at 80×24', async () => {
    const c = await atMonitor();
    const f = await c.waitFor(/00042 +Mairie de Test/);
    fitsTerminal(f);
    expect(f).toContain('Centres : 2 inscrits');
    expect(f).toMatch(/Conteneurs +[·▁▂▃▄▅▆▇█]+ /);
    expect(f).toMatch(/Files : réponses \d+ · avis \d+ · quarantaine 0 · conflits 0/);
    // the centre's row: 3 documents received
    expect(f).toMatch(/00042 +Mairie de Test +\d\d:\d\d:\d\d +\d+ +3 /);
    expect(f).toMatch(/00043 +Mairie de Ségou +- +0 +0 /);
    expect(f).toMatch(/Dernier refus \d\d:\d\d:\d\d 00042 : contenu illisible/);
    expect(f).toContain('Service : aucun n’a tourné sur cette base');
    expect(f).toMatch(/Actualisé chaque 1 s — lu à/);
  });

  it('sorts (<>, i), filters by name without care for accents, and opens a centre', async () => {
    const c = await atMonitor();
    await c.waitFor('Tri : Matricule ▲');
    const first = (a: string, b: string) => (x: string) => x.includes(a) && x.includes(b) && x.indexOf(a) < x.indexOf(b);
    await c.type('>');
    await c.waitFor((x) => x.includes('Tri : Centre ▲') && first('Mairie de Ségou', 'Mairie de Test')(x));
    await c.type('i');
    let f = await c.waitFor((x) => x.includes('Tri : Centre ▼') && first('Mairie de Test', 'Mairie de Ségou')(x));
    expect(f).toMatch(/Centre▼/);
    await c.type('/');
    await c.type('segou');
    await c.press('enter');
    f = await c.waitFor((x) => x.includes('filtre « segou »') && !x.includes('Mairie de Test'));
    expect(f).toContain('Mairie de Ségou');
    await c.type('/');
    await c.press('backspace', 'backspace', 'backspace', 'backspace', 'backspace');
    await c.type('zzz');
    await c.press('enter');
    await c.waitFor('Aucun centre ne correspond au filtre');
    await c.press('escape');
    f = await c.waitFor((x) => x.includes('Mairie de Test') && x.includes('Mairie de Ségou'));
    await c.press('down');
    await c.press('enter');
    await c.waitFor('Centre 00043 — Mairie de Ségou');
  });

  it('Tab shows the last refusals with their reason, then the services', async () => {
    const c = await atMonitor();
    await c.press('tab');
    const f = await c.waitFor('Derniers refus (1)');
    expect(f).toMatch(/00042 contenu illisible ou inattendu — /);
    await c.press('tab');
    await c.waitFor('Services (0)');
    await c.press('tab');
    await c.waitFor('Tri : Matricule');
  });

  it('p freezes the figures until pressed again', async () => {
    const c = await atMonitor();
    await c.waitFor(/00042 +Mairie de Test +\S+ +\d+ +3 /);
    await c.type('p');
    await c.waitFor('EN PAUSE');
    await queueBirths(pair, 2, 4);
    await pair.exchange();
    await new Promise((r) => setTimeout(r, 1500));
    expect(c.frame()).toMatch(/00042 +Mairie de Test +\S+ +\d+ +3 /);
    await c.type('p');
    await c.waitFor(/00042 +Mairie de Test +\S+ +\d+ +5 /, 5000);
    expect(c.frame()).not.toContain('EN PAUSE');
  });

  it('s starts the service in this console with its broker, asks before stopping it, and resumes it', async () => {
    const c = await atMonitor();
    expect(c.frame()).toMatch(/s démarrer le service/);
    await c.type('s');
    let f = await c.waitFor(/Service : en marche depuis .* courtier connecté · dans cette console/, 15_000);
    expect(f).toMatch(/s arrêter le service/);
    await c.type('s');
    await c.waitFor('Arrêter le service de réception ? Les centres ne pourront plus transmettre');
    await c.type('n');
    await c.waitFor(/Actualisé chaque/);
    expect(service.state().phase).toBe('running');
    await c.type('s');
    await c.type('o');
    f = await c.waitFor(/Service : aucun en marche \(arrêté/, 15_000);
    expect(f).toMatch(/s reprendre le service/);
    await c.type('s');
    await c.waitFor(/en marche depuis .* dans cette console/, 15_000);
    await service.close();
    await c.waitFor(/aucun en marche/, 5000);
  });

  it('a viewer watches but cannot start the service; a read-only console neither', async () => {
    let c = await atMonitor({ user: VIEWER });
    expect(c.frame()).not.toMatch(/s démarrer le service/);
    await c.type('s');
    await new Promise((r) => setTimeout(r, 300));
    expect(service.state().phase).not.toBe('starting');
    expect(service.state().phase).not.toBe('running');
    c.unmount();
    open = undefined;
    c = await atMonitor({ readOnly: true });
    expect(c.frame()).not.toMatch(/s démarrer le service/);
    await c.type('s');
    await new Promise((r) => setTimeout(r, 300));
    expect(service.state().phase).toBe('stopped');
    // the help still lists the key, marked off
    expect(helpLines('fr', 'monitor', 80, true).join(' ')).toMatch(/Démarrer le service de réception[^]*DÉSACTIVÉ : console en lecture seule/);
  });

  it('speaks English at 80×24', async () => {
    const c = await atMonitor({ lang: 'en' });
    const f = await c.waitFor(/00042 +Mairie de Test/);
    fitsTerminal(f);
    expect(f).toContain('Centres: 2 registered');
    expect(f).toContain('Sort: Matricule ▲');
    expect(f).toMatch(/Last refusal .* unreadable or unexpected content/);
  });
});

describe('Home', () => {
  it('offers the monitor first, and every entry still fits 80×24', async () => {
    const c = (open = mount(<App server={pair.server} lang="fr" service={service} />));
    await c.waitFor('Identifiant');
    await logIn(c, SUPERVISOR.login, SUPERVISOR.password);
    const f = await c.waitFor((x) => x.includes('Déconnexion') && x.includes('Documents centralisés :'));
    fitsTerminal(f);
    expect(f).toMatch(/> Moniteur des transmissions/);
    await c.press('enter');
    await c.waitFor('Tri : Matricule');
  });
});

describe('Home’s document count', () => {
  it('counts a small table, and shows PostgreSQL’s estimate of a large one instead of counting it every 5 s', async () => {
    const exact = await pair.server.documentCount();
    expect(exact).toBeGreaterThan(0);
    expect(await pair.server.documentTally()).toEqual({ n: exact, estimated: false });
    await pair.server.db.query('ANALYZE xm_data.documents');
    // as if the table had passed the threshold: the estimate, no count
    expect(await pair.server.documentTally(1)).toEqual({ n: exact, estimated: true });
    const c = (open = mount(<App server={pair.server} lang="fr" service={service} />));
    await c.waitFor('Identifiant');
    await logIn(c, SUPERVISOR.login, SUPERVISOR.password);
    await c.waitFor(`Documents centralisés : ${exact}`);
  });
});

describe('monitor keys', () => {
  it('ids stay unique in the whole server table', () => {
    expect(new Set(BINDINGS.map((b) => b.id)).size).toBe(BINDINGS.length);
  });
});
