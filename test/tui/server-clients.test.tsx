import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type Session } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { App } from '../../apps/server-tui/src/App.js';
import { BINDINGS } from '../../apps/server-tui/src/keys/bindings.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let server: Server;
let admin: Session;
let open: Console | undefined;

/** The operators of these tests: a supervisor, an operator, a viewer, and a supervisor demoted while logged in. */
const PASSWORDS: Record<string, string> = {
  chef: 'Bamako-Registre-Un-2026',
  oper: 'Bamako-Registre-Deux-2026',
  lect: 'Bamako-Registre-Trois-2026',
  ancien: 'Bamako-Registre-Quatre-2026',
};

beforeAll(async () => {
  server = createServer({ db: (await testDatabase()).open(4) });
  await server.operators.firstSupervisor({ login: 'chef', fullName: 'Chef du registre', password: PASSWORDS.chef! });
  admin = await server.operators.login('chef', PASSWORDS.chef!);
  for (const [login, privilege] of [['oper', 2], ['lect', 1], ['ancien', 3]] as const) {
    const { temporaryPassword } = await server.operators.create(admin, { login, fullName: `Compte ${login}`, privilege });
    await server.operators.changePassword(login, temporaryPassword, PASSWORDS[login]!);
  }
  // 00001…00030: Bougouni; 00007 and 00023 in Kayes
  for (let i = 1; i <= 30; i++) {
    const kayes = i === 7 || i === 23;
    await server.clients.add(admin, { name: kayes ? `Mairie de Kayes ${i}` : `Centre n° ${i}`, city: kayes ? 'Kayes' : 'Bougouni', region: kayes ? 'Kayes' : 'Sikasso' });
  }
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

/** The frame as one line: a question longer than the terminal wraps onto the next line. */
const flat = (frame: string) => frame.replace(/\s+/g, ' ');

/** Waits for text that may wrap across lines. */
function waitText(c: Console, text: string): Promise<string> {
  return c.waitFor((f) => flat(f).includes(text));
}

/** Every frame drawn so far fits 80×24. */
function allFit(c: Console): void {
  for (const f of c.frames()) fitsTerminal(f);
}

/** Logs in and opens the Centres list through the `:` palette. */
async function atClients(login: string, lang: 'fr' | 'en' = 'fr', readOnly = false): Promise<Console> {
  const c = (open = mount(<App server={server} lang={lang} readOnly={readOnly} />));
  await c.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(c, login, PASSWORDS[login]!);
  await c.waitFor(lang === 'fr' ? 'Documents centralisés' : 'Central documents');
  await c.type(':');
  await c.waitFor(lang === 'fr' ? 'Écran :' : 'Screen:');
  await c.type(lang === 'fr' ? 'centres' : 'centres');
  await c.press('enter');
  await c.waitFor(lang === 'fr' ? /Page 1\/\d+ · centres 1–/ : /Page 1\/\d+ · centres 1–/);
  return c;
}

/** From the list: filter on a matricule and open that centre's detail. */
async function openClient(c: Console, matricule: string): Promise<string> {
  await c.type('/');
  await c.type(matricule);
  await c.press('enter');
  await c.waitFor(new RegExp(`> ${matricule} `));
  await c.press('enter');
  return c.waitFor(`Centre ${matricule} — `);
}

describe('server console: Clients list', () => {
  it('pages through the centres, filters them in the database, opens one', async () => {
    const c = await atClients('lect');
    let f = c.frame();
    expect(f).toContain('Tous les centres — 30 centre(s)');
    expect(f).toMatch(/Matr\. +Nom +Ville \/ région +Statut +Contact +Solde/);
    expect(f).toMatch(/> 00001 Centre n° 1 +Bougouni \/ Sikasso complet +jamais +0/);
    expect(f).toContain('Page 1/2 · centres 1–15 sur 30');
    // a viewer cannot register a centre: no n in the footer
    expect(f).toContain('? aide : aller ↑↓ choix Entrée ouvrir ←→ page / filtre Esc retour q quitter');
    expect(f).toContain('r actualiser');
    expect(f).not.toContain('n nouveau');
    await c.press('right');
    f = await c.waitFor('Page 2/2 · centres 16–30 sur 30');
    expect(f).toContain('> 00016 ');
    await c.press('left');
    await c.waitFor('Page 1/2');
    await c.type('/');
    f = await c.waitFor('Filtre (matricule, nom, ville, région) :');
    expect(f).toContain('Entrée filtrer  Esc annuler');
    await c.type('KAYÉS'.slice(0, 3));
    await c.press('enter');
    f = await c.waitFor('Filtre « KAY » — 2 centre(s)');
    expect(f).toMatch(/> 00007 Mairie de Kayes 7 +Kayes +complet/);
    expect(f).toMatch(/ {2}00023 Mairie de Kayes 23/);
    expect(f).not.toContain('00001');
    await c.press('down', 'enter');
    f = await c.waitFor('Centre 00023 — Mairie de Kayes 23');
    expect(f).toContain('Statut : 3 tous services');
    // Esc: back to the filtered list, then Esc clears the filter
    await c.press('escape');
    await c.waitFor('Filtre « KAY »');
    await c.press('escape');
    await c.waitFor('Tous les centres — 30 centre(s)');
    await c.type('/');
    await c.type('nulle part');
    await c.press('enter');
    await c.waitFor('Aucun centre ne correspond au filtre (Esc : tous).');
    allFit(c);
  });
});

describe('server console: a new centre', () => {
  it('registers a centre and shows its enrolment code once, never after coming back', async () => {
    const c = await atClients('oper');
    expect(c.frame()).toContain('n nouveau');
    await c.type('n');
    let f = await c.waitFor('Nouveau centre');
    expect(f).toContain('> Nom');
    expect(f).toContain('(facultatif : le suivant libre)');
    // the name is required: said beside the field
    for (let i = 0; i < 6; i++) await c.press('enter');
    f = await c.waitFor('! Saisissez le nom du centre.');
    await c.type('Mairie de Mopti');
    await c.press('tab');
    await c.type('12');
    await c.press('tab');
    await c.type('Mopti');
    await c.press('tab', 'tab', 'tab');
    await c.press('left');
    f = await c.waitFor('← 2 tout sauf requêtes →');
    await c.press('enter');
    // the core refuses the matricule: its words beside the field
    f = await waitText(c, 'Enregistrer le centre « Mairie de Mopti » (12), statut 2 tout sauf requêtes ? (o/n)');
    expect(f).toContain('o oui  n Esc non');
    await c.type('o');
    f = await c.waitFor('! Matricule : 5 chiffres.');
    expect(f).toContain('Erreur : Matricule : 5 chiffres.');
    expect(f).toMatch(/> Matricule +: 12/);
    await c.press('backspace', 'backspace');
    await c.press('enter', 'enter', 'enter', 'enter', 'enter');
    await waitText(c, 'Enregistrer le centre « Mairie de Mopti » (matricule suivant)');
    await c.type('o');
    f = await c.waitFor('CODE D’INSCRIPTION DU CENTRE 00031 : ');
    const code = /CENTRE 00031 : ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})/.exec(f)![1]!;
    expect(f).toContain('Centre 00031 « Mairie de Mopti » enregistré, son compte ouvert.');
    expect(f).toContain('À usage unique, valable jusqu’au');
    expect(flat(f)).toContain(`docstream-centre enroll --code ${code}`);
    expect(flat(f)).toContain('Il ne sera plus affiché : notez-le maintenant');
    expect(f).toContain('Esc : retour à la liste (le code ne sera plus affiché).');
    fitsTerminal(f);
    // the code works once: the centre's key matches it
    const details = await server.clients.details(admin, '00031');
    expect(details.client).toMatchObject({ name: 'Mairie de Mopti', city: 'Mopti', status: 2, enrolmentPending: true });

    await c.press('escape');
    f = await c.waitFor('31 centre(s)');
    expect(f).not.toContain(code);
    await c.type('n');
    f = await c.waitFor('Nouveau centre');
    expect(f).not.toContain(code);
    expect(f).toMatch(/> Nom +:$/m);
    await c.press('escape');
    await openClient(c, '00031');
    f = c.frame();
    expect(f).not.toContain(code);
    expect(f).toContain('Inscription : code donné, en attente (valable jusqu’au');
    for (const frame of c.frames().slice(-40)) if (!frame.includes('CODE D’INSCRIPTION')) expect(frame).not.toContain(code);
    allFit(c);
  });

  it('a new enrolment code from the detail is asked first, shown once, and forgotten on leaving', async () => {
    const c = await atClients('oper');
    await openClient(c, '00002');
    expect(c.frame()).toContain('Inscription : aucun certificat valide ni code en cours');
    expect(c.frame()).toContain('e modifier  c code  p profil  a compte  m messages');
    expect(c.frame()).not.toContain('s statut');
    await c.type('c');
    await waitText(c, 'Donner un nouveau code d’inscription au centre 00002 ? Le code précédent ne vaudra plus. (o/n)');
    await c.type('o');
    const f = await c.waitFor('CODE D’INSCRIPTION DU CENTRE 00002 : ');
    const code = /CENTRE 00002 : (\S+)/.exec(f)![1]!;
    expect(f).toContain('Nouveau code donné ; le précédent ne vaut plus.');
    fitsTerminal(f);
    await c.press('escape');
    await c.waitFor('Page 1/');
    await c.press('enter');
    await c.waitFor('Centre 00002 — ');
    expect(c.frame()).not.toContain(code);
    expect(c.frame()).toContain('Inscription : code donné, en attente');
  });
});

describe('server console: a centre’s detail', () => {
  it('edits a centre after the o/n question; Esc gives an edit up', async () => {
    const c = await atClients('oper');
    await openClient(c, '00003');
    await c.type('e');
    let f = await c.waitFor('Modifier le centre 00003');
    expect(f).toMatch(/> Nom +: Centre n° 3/);
    for (let i = 0; i < 12; i++) await c.press('backspace');
    await c.type('Mairie de Bougouni');
    await c.press('tab', 'tab', 'tab');
    await c.type('+223 21 00 00 00');
    await c.press('enter');
    f = await waitText(c, 'Enregistrer les changements du centre 00003 et lui envoyer son profil ? (o/n)');
    await c.type('o');
    f = await c.waitFor('Centre 00003 — Mairie de Bougouni');
    expect(f).toContain('Centre 00003 modifié ; son profil lui sera envoyé.');
    expect(f).toContain('Tél. : +223 21 00 00 00');
    expect((await server.clients.get(admin, '00003')).phone).toBe('+223 21 00 00 00');
    // Esc gives the edit up: nothing saved
    await c.type('e');
    await c.waitFor('Modifier le centre 00003');
    await c.type(' (ancien nom)');
    await c.press('escape');
    f = await c.waitFor('Centre 00003 — Mairie de Bougouni');
    expect(f).not.toContain('ancien nom');
    expect((await server.clients.get(admin, '00003')).name).toBe('Mairie de Bougouni');
    allFit(c);
  });

  it('changes the status after the o/n question (supervisor); an operator has no s; a demoted supervisor is refused in the core’s words', async () => {
    let c = await atClients('chef');
    await openClient(c, '00004');
    expect(c.frame()).toContain('e modifier  s statut  c code  p profil  a compte  m messages');
    await c.type('s');
    let f = await c.waitFor('Statut du centre 00004');
    expect(f).toContain('Statut actuel : 3 tous services');
    expect(f).toContain('> Nouveau statut : ← 3 tous services →');
    expect(f).toContain('0 suspendu : ses conteneurs sont gardés en quarantaine');
    await c.press('enter');
    await c.waitFor('Erreur : C’est déjà son statut');
    await c.type('0');
    await c.press('enter');
    f = await waitText(c, 'Passer le centre 00004 de « 3 tous services » à « 0 suspendu (quarantaine) » ? (o/n)');
    await c.type('n');
    await c.waitFor('← 0 suspendu (quarantaine) →');
    await c.press('enter');
    await waitText(c, '(o/n)');
    await c.type('o');
    await c.waitFor('Statut du centre 00004 : 0 suspendu (quarantaine).');
    f = await c.waitFor('Statut : 0 suspendu (quarantaine)');
    expect(f).toContain('Quarantaine : 0 conteneur(s) retenu(s)');
    expect((await server.clients.get(admin, '00004')).status).toBe(0);
    // leaving 0: says what waits in quarantine
    await c.type('s');
    f = await c.waitFor('Quitter 0 intègre ce qui attend en quarantaine : 0 conteneur(s).');
    await c.press('right', 'right', 'right', 'enter');
    await waitText(c, '« 0 suspendu (quarantaine) » à « 3 tous services »');
    await c.type('o');
    await c.waitFor('Statut du centre 00004 : 3 tous services.');
    allFit(c);
    c.unmount();

    c = open = await atClients('oper');
    await openClient(c, '00004');
    expect(c.frame()).not.toContain('s statut');
    await c.type('s');
    await c.type('?');
    f = await c.waitFor('Aide — Fiche du centre');
    expect(f).toContain('(Superviseur)');
    await c.press('escape');
    f = await c.waitFor('Centre 00004 — ');
    expect(f).not.toContain('Nouveau statut');
    c.unmount();

    // a supervisor demoted after logging in still sees s; the core refuses, in its words
    c = open = await atClients('ancien');
    await openClient(c, '00005');
    await server.operators.edit(admin, 'ancien', { privilege: 2 });
    await c.type('s');
    await c.type('1');
    await c.press('enter');
    await waitText(c, '(o/n)');
    await c.type('o');
    f = await waitText(c, 'Erreur : Action refusée : changer le statut d’un centre demande le rôle Superviseur.');
    expect(f).toContain('Statut : 3 tous services');
    expect((await server.clients.get(admin, '00005')).status).toBe(3);
  });

  it('shows the certificates with their validity and fingerprint, the last contact, the traffic and the quarantine', async () => {
    const fp = Array.from({ length: 32 }, (_, i) => (i * 7 % 256).toString(16).padStart(2, '0').toUpperCase()).join(':');
    // dates in the console's time zone, as it shows them
    const d = (y: number, m: number, day: number, h = 0, min = 0) => new Date(y, m - 1, day, h, min);
    await server.db.query(
      `INSERT INTO xm_system.certificates (serial, matricule, pem, fingerprint, ski, not_before, not_after, issued_at, source, revoked_at, revoke_reason) VALUES
        ('0a1b2c', '00010', 'x', $1, 'aa', $2, $3, $2, 'enrolment', NULL, NULL),
        ('09f9f9', '00010', 'x', 'OLD', 'aa', $4, $5, $4, 'enrolment', $6, 'clé perdue')`,
      [fp, d(2026, 1, 5), d(2036, 1, 5), d(2025, 1, 5), d(2035, 1, 5), d(2026, 1, 4, 12)],
    );
    await server.db.query(
      `UPDATE xm_system.traffic SET last_seen = $1, containers_in = 12, documents_in = 340, duplicates = 2, bytes_in = 1250000, bytes_out = 30500 WHERE matricule = '00010'`,
      [d(2026, 3, 14, 9, 5)],
    );
    await server.db.query(`INSERT INTO xm_system.quarantine (src, seq, msg_type, payload, received_at) VALUES ('00010', 1, 'docs', '\\x00', now()), ('00010', 2, 'docs', '\\x00', now())`);
    const c = await atClients('lect');
    const f = await openClient(c, '00010');
    expect(f).toContain('Inscription : faite (certificat valide)');
    expect(f).toContain('Certificats : 2');
    expect(f).toContain('  N° 0a1b2c du 05/01/2026 au 05/01/2036 : valide');
    expect(f).toContain(`    empreinte SHA-256 ${fp.slice(0, 40)}`);
    expect(f).toContain('  N° 09f9f9 du 05/01/2025 au 05/01/2035 : révoqué le 04/01/2026 (clé perdue)');
    expect(f).toContain('Dernier contact : 14/03/2026 09:05');
    expect(f).toContain('Reçus : 12 conteneur(s), 340 document(s), 2 doublon(s)');
    expect(f).toContain('Conflits : 0 · erreurs : 0 · en attente d’envoi : 0');
    expect(f).toContain('Octets : 1,3 Mo reçus, 30,5 ko envoyés');
    expect(f).toContain('Quarantaine : 2 conteneur(s) retenu(s)');
    // a viewer reads, and may open the account and the messages, nothing else
    expect(f).toContain('a compte  m messages');
    expect(f).not.toContain('e modifier');
    fitsTerminal(f);
  });

  it('sends the profile again after the o/n question', async () => {
    const c = await atClients('oper');
    await openClient(c, '00006');
    await c.type('p');
    await waitText(c, 'Envoyer de nouveau son profil au centre 00006 ? (o/n)');
    await c.type('o');
    await c.waitFor('Profil du centre 00006 envoyé (à l’échange suivant).');
  });
});

describe('server console: a centre’s account and messages', () => {
  it('recharges after the o/n question and shows the balance and the statement line', async () => {
    const c = await atClients('oper');
    await openClient(c, '00008');
    await c.type('a');
    let f = await c.waitFor('Compte du centre 00008 — Centre n° 8');
    expect(f).toContain('Solde : 0 · Quota de requêtes : 0');
    expect(f).toMatch(/Relevé du \d\d\/\d\d\/\d{4} au \d\d\/\d\d\/\d{4} \(d : autres dates\)/);
    expect(f).toContain('Aucun mouvement sur la période.');
    expect(f).toContain('c créditer');
    await c.type('c');
    f = await c.waitFor('Recharger le compte du centre 00008');
    await c.type('5x');
    await c.press('enter', 'enter');
    await c.waitFor('! Un nombre entier positif (ex. 5000).');
    await c.press('backspace');
    await c.type('000');
    await c.press('tab');
    await c.type('reçu 12');
    await c.press('enter');
    f = await waitText(c, 'Créditer 5 000 au compte du centre 00008 (référence : reçu 12) ? (o/n)');
    await c.type('o');
    f = await c.waitFor('Compte crédité de 5 000. Nouveau solde : 5 000.');
    f = await c.waitFor('Solde : 5 000 · Quota de requêtes : 0');
    expect(f).toMatch(/recharge +\+5 000 +5 000 +reçu 12/);
    expect(f).toContain('Solde initial 0 · crédits +5 000 · débits 0 · solde final 5 000');
    expect(f).toContain('Lignes 1–1 sur 1');
    // dates the core refuses come back beside the field
    await c.type('d');
    await c.waitFor('Période du relevé');
    await c.press('tab');
    for (let i = 0; i < 10; i++) await c.press('backspace');
    await c.type('2020-01-01');
    await c.press('enter');
    f = await c.waitFor('! La date de début suit la date de fin.');
    expect(f).toContain('> Du');
    await c.press('escape');
    await c.waitFor('Solde : 5 000');
    // back in the detail, the balance read again
    await c.press('escape');
    f = await c.waitFor('Compte : solde 5 000 · quota 0 requête(s)');
    allFit(c);
  });

  it('writes a message to the centre after the o/n question and sees it in the list; reads a received one', async () => {
    await server.db.query(
      `INSERT INTO xm_system.messages (matricule, direction, body, author, at) VALUES ('00009', 'in', $1, 'Awa Traoré', now() - interval '1 hour')`,
      ['Bonjour, le registre des naissances de mars est complet.\nMerci de confirmer la réception.'],
    );
    const c = await atClients('oper');
    await openClient(c, '00009');
    await c.type('m');
    let f = await c.waitFor('1 message(s), 1 non lu(s)');
    expect(f).toContain('1 message(s), 1 non lu(s) · ● non lu');
    expect(f).toMatch(/> ● reçu +\d.* Awa Traoré +Bonjour, le registre/);
    await c.press('enter');
    await c.waitFor('Merci de confirmer la réception.');
    // opened, it is read
    f = await c.waitFor(/État : lu le \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    expect(f).toContain('De   : Awa Traoré (centre 00009)');
    await c.press('escape');
    f = await c.waitFor('0 non lu(s)');
    await c.type('n');
    await c.waitFor('Votre message au centre');
    await c.press('enter');
    await c.waitFor('Erreur : Le message est vide.');
    await c.type('Réception confirmée, merci.');
    await c.press('enter');
    await waitText(c, 'Envoyer ce message au centre 00009 ? (o/n)');
    await c.type('o');
    await c.waitFor('Message enregistré ; il part au centre à l’échange suivant.');
    f = await c.waitFor('2 message(s), 0 non lu(s)');
    expect(f).toMatch(/> +envoyé .* Compte oper +Réception confirmée, merci\./);
    expect(f).toContain('2 message(s), 0 non lu(s)');
    allFit(c);
  });
});

describe('server console: Clients in English and read-only', () => {
  it('speaks English', async () => {
    const c = await atClients('chef', 'en');
    let f = c.frame();
    expect(f).toContain('All centres — ');
    expect(f).toMatch(/Matr\. +Name +City \/ region +Status +Contact +Balance/);
    expect(f).toMatch(/00001 Centre n° 1 +Bougouni \/ Sikasso full +never/);
    expect(f).toContain('r refresh  n new');
    await c.press('enter');
    f = await c.waitFor('Centre 00001 — Centre n° 1');
    expect(f).toContain('Status: 3 all services');
    expect(f).toContain('Last contact: never');
    expect(f).toContain('e edit  s status  c code  p profile  a account  m messages');
    await c.type('s');
    await c.type('2');
    await c.press('enter');
    await waitText(c, 'Change centre 00001 from “3 all services” to “2 all but queries”? (y/n)');
    await c.type('n');
    await c.press('escape');
    await c.type('a');
    f = await c.waitFor('Balance: 0 · Query quota: 0');
    expect(f).toContain('Account of centre 00001 — Centre n° 1');
    expect(f).toContain('c credit');
    allFit(c);
  });

  it('read-only: the changing keys are absent from the footer, do nothing, and the help says they are off', async () => {
    const c = await atClients('chef', 'fr', true);
    let f = c.frame();
    expect(f).not.toContain('n nouveau');
    await c.type('n');
    expect(c.frame()).not.toContain('Nouveau centre');
    await c.press('enter');
    f = await c.waitFor('Centre 00001 — ');
    for (const k of ['e modifier', 's statut', 'c code', 'p profil']) expect(f).not.toContain(k);
    expect(f).toContain('a compte  m messages');
    for (const k of ['e', 's', 'c', 'p']) await c.type(k);
    f = c.frame();
    expect(f).not.toContain('(o/n)');
    expect(f).not.toContain('Modifier le centre');
    await c.type('?');
    f = await c.waitFor('Aide — Fiche du centre');
    expect(f).toContain('(DÉSACTIVÉ : console en lecture seule)');
    await c.press('escape');
    await c.type('a');
    f = await c.waitFor('Compte du centre 00001');
    expect(f).not.toContain('c créditer');
    await c.type('c');
    expect(c.frame()).not.toContain('Recharger');
    await c.press('escape');
    await c.type('m');
    f = await c.waitFor('Messages du centre 00001');
    expect(f).not.toContain('n écrire');
    await c.type('n');
    expect(c.frame()).not.toContain('Votre message');
  });

  it('every changing key of the Clients screens is marked as such in the key table', () => {
    const changing = BINDINGS.filter((b) => b.changes).map((b) => b.id);
    expect(changing).toEqual(expect.arrayContaining(['newClient', 'editClient', 'clientStatus', 'clientCode', 'clientProfile', 'recharge', 'writeMessage']));
  });
});
