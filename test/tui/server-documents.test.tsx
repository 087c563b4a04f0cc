import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatNiu, type Server, type Session } from '@docstream/core';
import { App } from '../../apps/server-tui/src/App.js';
import { enrolledPair, queueBirths, sealAsCentre, SUPERVISOR, type Pair } from '../support/transmission.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

/**
 * The Documents area of the server console on the real PostgreSQL: documents centralised
 * from a real enrolled centre, conflicts produced by a container sealed with its real key
 * (the same NIU, other content), and the containers of a suspended centre held.
 */

let pair: Pair;
let server: Server;
let op: Session;
const PASSWORD = { lecteur: 'Registre-Central-1-2026', operateur: 'Registre-Central-2-2026' } as const;
const NIU1 = formatNiu('00042', 2026, 1);
const NIU2 = formatNiu('00042', 2026, 2);
/** Conflict ids by NIU. */
const conflict: Record<string, number> = {};
let open: Console | undefined;

async function operator(login: 'lecteur' | 'operateur', privilege: number): Promise<Session> {
  const { temporaryPassword } = await server.operators.create(pair.admin, { login, fullName: `Compte ${login}`, privilege });
  return server.operators.changePassword(login, temporaryPassword, PASSWORD[login]);
}

/** The same NIU sent again by the centre with one field changed: a conflict, kept aside. */
async function conflictOn(niu: string, field: string, value: string): Promise<void> {
  const [stored] = await server.db.query<{ data: Record<string, unknown>; validated_at: Date }>('SELECT data, validated_at FROM xm_data.documents WHERE niu = $1', [niu]);
  const doc = { n: niu, f: 'acte_naissance', fv: 1, va: stored!.validated_at.toISOString(), d: { ...stored!.data, [field]: value } };
  const r = await pair.deliver(await sealAsCentre(pair, 'docs', { docs: [doc] }));
  expect(r.outcome).toMatchObject({ kind: 'accepted', conflicts: 1 });
}

beforeAll(async () => {
  pair = await enrolledPair({ matricule: '00042' });
  server = pair.server;
  await queueBirths(pair, 2);
  expect((await pair.exchange())[0]!.outcome).toMatchObject({ kind: 'accepted', documents: 2 });
  await conflictOn(NIU1, 'lieu_naissance', 'Kayes');
  await conflictOn(NIU2, 'sexe', 'F');
  for (const c of (await server.documents.conflicts.list(pair.admin)).items) conflict[c.niu] = c.id;
  await operator('lecteur', 1);
  op = await operator('operateur', 2);

  // A second centre, suspended: what it sends is held in quarantine.
  const held = await enrolledPair({ matricule: '00051', server: pair });
  await server.clients.setStatus(pair.admin, '00051', 0);
  await held.notify();
  await queueBirths(held, 2, 1);
  expect((await held.exchange())[0]!.outcome.kind).toBe('quarantined');
  await queueBirths(held, 3, 3);
  expect((await held.exchange())[0]!.outcome.kind).toBe('quarantined');
}, 60_000);

afterEach(() => {
  if (open) everyFrameFits(open);
  open?.unmount();
  open = undefined;
});

/** Every frame drawn fits the 80×24 terminal (one row kept for the cursor). */
function everyFrameFits(c: Console): void {
  for (const frame of c.frames()) fitsTerminal(frame);
}

async function consoleAs(login: 'superviseur' | 'lecteur' | 'operateur', opts: { lang?: 'fr' | 'en'; readOnly?: boolean } = {}): Promise<Console> {
  const lang = opts.lang ?? 'fr';
  const c = (open = mount(<App server={server} lang={lang} readOnly={opts.readOnly ?? false} />));
  await c.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(c, login, login === 'superviseur' ? SUPERVISOR.password : PASSWORD[login]);
  await c.waitFor(lang === 'fr' ? 'Documents centralisés :' : 'Central documents:');
  return c;
}

/** `:`, a few letters of the screen's name, Enter. */
async function go(c: Console, typed: string, expected: string): Promise<string> {
  await c.type(':');
  await c.waitFor(/Écran :|Screen:/);
  await c.type(typed);
  await c.press('enter');
  return c.waitFor(expected);
}

/** The frame with every run of spaces and line breaks made one space: a long message wraps anywhere. */
function flat(frame: string): string {
  return frame.replace(/\s+/g, ' ');
}

/** Waits until the frame holds `text`, however the lines wrapped it. */
function showing(c: Console, text: string): Promise<string> {
  return c.waitFor((f) => flat(f).includes(text));
}

/** Empties the focused field of a form (Backspace as many times as it has characters). */
async function clearField(c: Console, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await c.press('backspace');
}

describe('server console: central documents', () => {
  it('searches by name and by NIU, refuses a mistyped NIU in the core’s words, and opens the detail with labelled fields', async () => {
    const c = await consoleAs('lecteur');
    let f = await go(c, 'recherche', 'Aucun critère : tous les documents');
    f = await c.waitFor(NIU2);
    expect(f).toContain(NIU1);
    expect(f).toMatch(/NIU\s+Type\s+Noms\s+Centre\s+Événement\s+Statut/);
    expect(f).toContain('Centralisé');

    // by name: the second field of the criteria
    await c.type('/');
    await c.waitFor('Critères de recherche');
    await c.press('tab');
    await c.type('diallo');
    await c.press('enter');
    f = await c.waitFor('Critères : nom(s) diallo');
    f = await c.waitFor((x) => x.includes(NIU2) && !x.includes(NIU1));
    expect(f).toContain('DIALLO');

    // a NIU with the wrong check digits: the core says so and the form comes back on the NIU
    await c.type('/');
    await c.waitFor('Critères de recherche');
    await c.press('tab');
    await clearField(c, 'diallo'.length);
    await c.press('shiftTab');
    await c.type('00042-2026-000001-00');
    await c.press('enter');
    f = await showing(c, 'Erreur : Critères refusés : NIU « 00042-2026-000001-00 » mal saisi');
    expect(f).toContain('> NIU');

    // the right NIU, typed without its dashes
    await clearField(c, '00042-2026-000001-00'.length);
    await c.type(NIU1.replace(/-/g, ''));
    await c.press('enter');
    f = await c.waitFor((x) => x.includes(`Critères : niu ${NIU1.replace(/-/g, '')}`) && x.includes(`> ${NIU1}`));
    expect(f).not.toContain(NIU2);

    await c.press('enter');
    f = await c.waitFor(`Document ${NIU1}`);
    f = await c.waitFor('Lieu de naissance');
    expect(f).toMatch(/Lieu de naissance\s+: Kati/);
    expect(f).toContain('00042 Mairie de Test (Koulikoro)');
    expect(f).toContain('preuve signée archivée : oui');
    expect(f).toContain('1 à trancher, 0 tranché(s)');
    expect(f).toContain('c conflits');
    // the document is longer than the screen: ↓ scrolls to its history
    expect(f).toContain('↑↓ défiler');
    for (let i = 0; i < 20; i++) await c.press('down');
    f = await c.waitFor('Historique');
    expect(f).toContain('Reçu du centre 00042');
    expect(f).toContain('Version différente reçue');
    // c: its one conflict, side by side
    await c.type('c');
    f = await c.waitFor(`Conflit n° ${conflict[NIU1]} — ${NIU1}`);
    await c.press('escape');
    await c.waitFor(`Document ${NIU1}`);
  });

  it('read-only: an open conflict shows its decisions, but k and a are out of the footer and do nothing', async () => {
    const c = await consoleAs('operateur', { readOnly: true });
    await go(c, 'conflits', 'Conflits à trancher : 2');
    await c.press('down');
    await c.press('enter');
    let f = await c.waitFor(/≠ Lieu de naissance/);
    expect(f).toContain('Décisions possibles (Opérateur) : — lecture seule');
    expect(f).not.toMatch(/k maintenir|a demander l’annulation/);
    await c.type('k');
    await c.type('a');
    f = c.frame();
    expect(f).not.toContain('Remarque (transmise');
    expect((await server.documents.conflicts.list(op)).total).toBe(2);
  });

  it('shows a conflict side by side with the differing field marked; resolving it asks a remark and shows its effect; it then leaves the open list', async () => {
    const c = await consoleAs('operateur');
    let f = await go(c, 'conflits', 'Conflits à trancher : 2');
    expect(f).toContain(NIU1);
    expect(f).toContain('Lieu de naissance');
    // newest first: NIU2's conflict is on top
    await c.press('down');
    await c.press('enter');
    f = await c.waitFor(`Conflit n° ${conflict[NIU1]} — ${NIU1}`);
    f = await c.waitFor(/≠ Lieu de naissance\s+Kati\s+Kayes/);
    expect(f).toContain('≠ diffère : Lieu de naissance');
    expect(f).toMatch(/Stocké \(centralisé\)\s+Reçu \(mis de côté\)/);
    expect(f).toMatch(/\n {2}Sexe\s+/); // the same on both sides: no sign
    expect(f).toContain('k maintenir');
    expect(f).toContain('a demander l’annulation');

    await c.type('k');
    f = await c.waitFor('Remarque (transmise au centre, gardée au journal) : _');
    await c.press('enter'); // empty: said, nothing asked
    f = await c.waitFor('Erreur : Indiquez la remarque');
    await c.type('Le registre de Kati fait foi');
    await c.press('enter');
    f = await c.waitFor('(o/n)');
    expect(flat(f)).toContain(`Trancher le conflit n° ${conflict[NIU1]} : maintenir la version centralisée ? Effet : La version centralisée reste la référence`);
    expect(flat(f)).toContain('Remarque : « Le registre de Kati fait foi »');
    expect(f).toContain('o oui');
    await c.type('o');
    f = await showing(c, `Conflit n° ${conflict[NIU1]} tranché : maintenir la version centralisée. Le centre 00042 est averti`);
    f = await c.waitFor('par operateur');
    expect(f).not.toContain('k maintenir');

    await c.press('escape');
    f = await c.waitFor((x) => x.includes('Conflits à trancher : 1'));
    expect(f).not.toContain(NIU1);
    expect(f).toContain(NIU2);
    await c.type('t');
    f = await c.waitFor('Conflits tranchés : 1');
    expect(f).toContain(NIU1);

    // the document's history says it too; c leads to its one conflict
    await c.type('/');
    await c.waitFor('Centre (matricule) ou NIU :');
    await c.type('0004');
    await c.press('enter');
    f = await c.waitFor('Erreur : Matricule de centre : 5 chiffres');
    expect(f).toContain('Centre (matricule) ou NIU : 0004');
    await c.type('2');
    await c.press('enter');
    f = await c.waitFor('Conflits tranchés : 1 · centre 00042');
  });

  it('a viewer cannot resolve: the core refuses in its own words', async () => {
    const c = await consoleAs('lecteur');
    await go(c, 'conflits', 'Conflits à trancher');
    await c.waitFor(`> ${String(`#${conflict[NIU2]}`).padStart(6)} ${NIU2}`);
    await c.press('enter');
    await c.waitFor(/≠ Sexe\s+Masculin\s+Féminin/);
    await c.type('a');
    await c.type('vu');
    await c.press('enter');
    const f = await c.waitFor('(o/n)');
    expect(flat(f)).toContain('demander au centre d’annuler le document ? Effet : La version centralisée est jugée erronée : le centre est prié de l’annuler');
    await c.type('o');
    await showing(c, 'Erreur : Action refusée : trancher un conflit demande le rôle');
    expect((await server.documents.conflicts.list(op)).items.map((x) => x.niu)).toEqual([NIU2]);
  });

  it('a conflict decided meanwhile elsewhere: the second decision is refused in the core’s words, and the screen shows the first', async () => {
    const c = await consoleAs('operateur');
    await go(c, 'conflits', 'Conflits à trancher : 1');
    await c.press('enter');
    await c.waitFor(/≠ Sexe/);
    await server.documents.conflicts.resolve(op, conflict[NIU2]!, { decision: 'keep', remark: 'Décidé depuis la ligne de commande' });
    await c.type('a');
    await c.type('autre avis');
    await c.press('enter');
    await c.waitFor('(o/n)');
    await c.type('o');
    await showing(c, `Erreur : Conflit n° ${conflict[NIU2]} déjà tranché`);
    const f = await c.waitFor('Remarque : Décidé depuis la ligne de commande');
    expect(f).not.toContain('a demander l’annulation');
  });

  it('speaks English', async () => {
    const c = await consoleAs('lecteur', { lang: 'en' });
    let f = await go(c, 'conflicts', 'Conflicts to resolve: 0');
    expect(f).toContain('No conflict.');
    await c.type('t');
    f = await c.waitFor('Conflicts resolved: 2');
    await c.press('enter');
    f = await c.waitFor('Resolved');
    expect(f).toMatch(/Stored \(central\)\s+Received \(set aside\)/);
    expect(f).toContain('≠ differs:');
    await c.press('escape');
    await c.press('escape');
    await c.waitFor('Central documents:');
    f = await go(c, 'search', 'No criteria: every document');
    f = await c.waitFor(NIU1);
    expect(f).toContain('Centralised');
    await c.press('enter');
    f = await c.waitFor('Place of birth');
    expect(f).toContain('signed evidence archived: yes');
    f = await go(c, 'quarantine', 'Quarantine — what suspended centres sent');
    f = await c.waitFor('00051');
    expect(f).toContain('Releasing is not an action of this screen');
  });
});

describe('server console: quarantine', () => {
  it('lists what a suspended centre sent, says how release is done, and rejects a container after a reason and o/n (supervisor)', async () => {
    const c = await consoleAs('superviseur');
    let f = await go(c, 'quarant', 'Quarantaine — ce que les centres suspendus ont envoyé');
    f = await c.waitFor(/> 00051\s+Mairie de Test\s+2\s+5\s+\d{4}-\d\d-\d\d/);
    expect(flat(f)).toContain('docstream-server client status M 3');
    expect(flat(f)).toContain('c’est le changement de statut du centre (écran Centres');
    await c.press('enter');
    f = await c.waitFor('Quarantaine du centre 00051');
    f = await c.waitFor((x) => (x.match(/\[ \] +#\d+ +docs/g) ?? []).length === 2);
    expect(f).toContain('Conteneurs retenus · aucun marqué');
    expect(flat(f)).toContain('client status 00051 3');
    const [first] = (await server.documents.quarantine.containers(pair.admin, '00051')).items;

    await c.type('x');
    await c.waitFor('Motif du refus');
    await c.type('Envoi fait depuis une sauvegarde périmée');
    await c.press('enter');
    f = await c.waitFor('(o/n)');
    expect(flat(f)).toContain(`Refuser pour de bon le(s) conteneur(s) n° ${first!.seq} du centre 00051 ?`);
    await c.type('n'); // no: back to the reason, nothing done
    await c.waitFor('Motif du refus');
    await c.press('enter');
    await c.waitFor('(o/n)');
    await c.type('o');
    f = await showing(c, `1 conteneur(s) refusé(s) (n° ${first!.seq} ; 2 document(s))`);
    // the row left the held list
    f = await c.waitFor((x) => (x.match(/\[ \] +#\d+ +docs/g) ?? []).length === 1);
    await c.type('t');
    await c.type('t');
    f = await c.waitFor('Conteneurs refusés');
    f = await c.waitFor(new RegExp(`#${first!.seq} +docs +2 .* refusé +superviseur : Envoi`));

    await c.press('escape');
    f = await c.waitFor(/> 00051\s+Mairie de Test\s+1\s+3\s/);
  });

  it('an operator may look but not reject: the core says who may', async () => {
    const c = await consoleAs('operateur');
    await go(c, 'quarant', 'Quarantaine —');
    await c.waitFor('> 00051');
    await c.press('enter');
    await c.waitFor(/\[ \] +#\d+/);
    await c.type('X');
    await c.type('tout');
    await c.press('enter');
    const f = await c.waitFor('(o/n)');
    expect(flat(f)).toContain('Refuser pour de bon tout ce qui est retenu du centre 00051 ?');
    await c.type('o');
    await showing(c, 'Erreur : Action refusée : refuser des conteneurs en quarantaine demande le rôle');
    expect((await server.documents.quarantine.list(op)).items[0]).toMatchObject({ containers: 1 });
  });

  it('read-only: the changing keys are out of the footer and do nothing', async () => {
    const c = await consoleAs('superviseur', { readOnly: true });
    await go(c, 'quarant', 'Quarantaine —');
    await c.waitFor('> 00051');
    await c.press('enter');
    let f = await c.waitFor(/\[ \] +#\d+/);
    expect(f).not.toMatch(/x refuser|X tout refuser|m marquer/);
    await c.type('x');
    await c.type('X');
    await c.type('m');
    f = c.frame();
    expect(f).not.toContain('Motif du refus');
    expect(f).toContain('aucun marqué');
    await c.type('?');
    f = await c.waitFor('Aide — Quarantaine d’un centre');
    expect(f).toContain('DÉSACTIVÉ');
  });
});
