import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { certificateInfo, createServer, type Server, type Session } from '@docstream/core';
import { createCsr, generateKeyPair } from '../../core/src/crypto/pki.js';
import { testDatabase } from '../support/test-db.js';
import { PASSPHRASE, SUPERVISOR, supervisorOf, tempDir } from '../support/transmission.js';
import { App } from '../../apps/server-tui/src/App.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let server: Server;
let admin: Session;
let configDir: string;
let open: Console | undefined;
const OPERATOR = { login: 'moussa', password: 'Operateur-Central-2026' };
const VIEWER = { login: 'binta', password: 'Lecteur-Central-2026' };
const saved = { config: process.env.DOCSTREAM_CONFIG_DIR, mqtt: process.env.MQTT_URL };

beforeAll(async () => {
  configDir = await tempDir('ds-conf-');
  process.env.DOCSTREAM_CONFIG_DIR = configDir;
  delete process.env.MQTT_URL;
  const keysDir = join(await tempDir('ds-keys-'), 'keys');
  server = createServer({ db: (await testDatabase()).open(4), keys: { dir: keysDir, passphrase: PASSPHRASE } });
  await server.installShippedForms();
  await server.pki.init();
  admin = await supervisorOf(server);
  for (const [u, privilege] of [[OPERATOR, 2], [VIEWER, 1]] as const) {
    const { temporaryPassword } = await server.operators.create(admin, { login: u.login, fullName: u.login === 'moussa' ? 'Moussa Keïta' : 'Binta Sow', privilege });
    await server.operators.changePassword(u.login, temporaryPassword, u.password);
  }
  // Seven centre certificates: more than one page at 80×24.
  const key = generateKeyPair(2048);
  for (let i = 1; i <= 7; i++) {
    const m = `0004${i}`;
    await server.clients.add(admin, { matricule: m, name: `Mairie ${i}`, status: 3 });
    await server.pki.issueForCsr(admin, m, createCsr({ key, commonName: m }));
  }
}, 120_000);

afterAll(() => {
  for (const [k, v] of [['DOCSTREAM_CONFIG_DIR', saved.config], ['MQTT_URL', saved.mqtt]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

const PASSWORDS: Record<string, string> = { [SUPERVISOR.login]: SUPERVISOR.password, [OPERATOR.login]: OPERATOR.password, [VIEWER.login]: VIEWER.password };

/** Logs in and goes to a screen through the `:` palette. */
async function screen(login: string, search: string, opts: { lang?: 'fr' | 'en'; readOnly?: boolean } = {}): Promise<Console> {
  const lang = opts.lang ?? 'fr';
  const c = (open = mount(<App server={server} lang={lang} readOnly={opts.readOnly ?? false} />));
  await c.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(c, login, PASSWORDS[login]!);
  await c.waitFor(lang === 'fr' ? 'Documents centralisés' : 'Central documents');
  await c.type(':');
  await c.waitFor(lang === 'fr' ? 'Écran :' : 'Screen:');
  await c.type(search);
  await c.press('enter');
  return c;
}

const show = (frame: string) => {
  if (process.env.SHOW_FRAMES) console.log(`${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`);
};
/** The frame with its wrapped lines joined. */
const joined = (f: string) => f.replace(/\n\s*/g, ' ');
const TEMP = /Mot de passe provisoire de (\S+) : ([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}) — à communiquer, il ne sera plus affiché/;

describe('server console: operators', () => {
  it('the supervisor creates an operator whose temporary password is shown once and works', async () => {
    const c = await screen(SUPERVISOR.login, 'opérat');
    let f = await c.waitFor('3 opérateur(s)');
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(/binta\s+Binta Sow\s+Lecteur/);
    expect(f).toMatch(/superviseur\s+Superviseur de Test\s+Superviseur/);
    expect(f).toContain('n nouveau');
    await c.type('n');
    await c.waitFor('Nouvel opérateur');
    await c.type('awa.d');
    await c.press('enter');
    await c.type('Awa Diallo');
    await c.press('enter');
    f = await c.waitFor(/> Rôle\s+: ← \[Lecteur\]/);
    await c.press('right');
    await c.waitFor('[Opérateur]');
    await c.press('enter');
    await c.waitFor('Créer le compte awa.d (Opérateur) ? (o/n)');
    await c.type('o');
    f = await c.waitFor((x) => TEMP.test(joined(x)));
    f = await c.waitFor('4 opérateur(s)');
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(/> awa\.d\s+Awa Diallo\s+Opérateur\s+à changer/);
    const [, who, temp] = TEMP.exec(joined(f))!;
    expect(who).toBe('awa.d');
    expect((await server.operators.list(admin)).find((u) => u.login === 'awa.d')).toMatchObject({ privilege: 2, mustChangePassword: true });
    await server.operators.changePassword('awa.d', temp!, 'Nouveau-Secret-2026');
    await c.type('r');
    f = await c.waitFor((x) => !x.includes('Mot de passe provisoire'));
    expect(f).not.toContain(temp!);
  });

  it('an operator reads the list but is refused a change, in the core’s words', async () => {
    const c = await screen(OPERATOR.login, 'opérat');
    await c.waitFor(/\d opérateur\(s\)/);
    while (!/> binta/.test(c.frame())) await c.press('down');
    await c.type('m');
    await c.waitFor('Réinitialiser le mot de passe de binta ? (o/n)');
    await c.type('o');
    const f = await c.waitFor((x) => joined(x).includes('Action refusée : gérer les opérateurs demande le rôle Superviseur.'));
    show(f);
    fitsTerminal(f);
    expect((await server.operators.list(admin)).find((u) => u.login === 'binta')!.mustChangePassword).toBe(false);
  });
});

describe('server console: signatories', () => {
  it('the supervisor adds a national signatory, edits it and deactivates it after o/n', async () => {
    const c = await screen(SUPERVISOR.login, 'signat');
    let f = await c.waitFor('0 signataire(s)');
    expect(f).toContain('Aucun signataire.');
    await c.type('n');
    await c.waitFor('Nouveau signataire');
    await c.type('Aminata Touré');
    await c.press('enter');
    await c.type('Directrice de l’état civil');
    await c.press('enter');
    await c.press('enter'); // centre left empty: national
    await c.waitFor('Ajouter Aminata Touré (Directrice de l’état civil), signataire national ? (o/n)');
    await c.type('o');
    f = await c.waitFor(/> #\d+\s+national\s+Aminata Touré\s+Directrice de l’état …\s+actif/);
    show(f);
    fitsTerminal(f);
    expect(f).toContain('les centres concernés reçoivent leur profil');
    await c.type('e');
    await c.waitFor('Modifier le signataire');
    await c.press('tab');
    for (let i = 0; i < 'Directrice de l’état civil'.length; i++) await c.press('backspace');
    await c.type('Directrice nationale');
    await c.press('enter');
    await c.waitFor('Enregistrer les changements');
    await c.type('o');
    await c.waitFor(/> #\d+\s+national\s+Aminata Touré\s+Directrice nationale\s+actif/);
    await c.type('a');
    await c.waitFor('Désactiver Aminata Touré');
    await c.type('o');
    f = await c.waitFor(/> #\d+\s+national\s+Aminata Touré\s+Directrice nationale\s+inactif/);
    expect(f).toContain('a activer');
    const [row] = await server.signatories.list(admin);
    expect(row).toMatchObject({ matricule: null, full_name: 'Aminata Touré', title: 'Directrice nationale', active: false });
  });
});

describe('server console: tariffs', () => {
  it('the supervisor sets the price of a copy after o/n and reads it back', async () => {
    const c = await screen(SUPERVISOR.login, 'tarif');
    let f = await c.waitFor(/> Document centralisé\s+0\s+par document reçu/);
    show(f);
    fitsTerminal(f);
    await c.press('down', 'down');
    await c.waitFor(/> Copie certifiée/);
    await c.type('e');
    await c.waitFor('Nouveau prix de « Copie certifiée » : 0');
    await c.press('backspace');
    await c.type('15o');
    await c.press('enter');
    f = await c.waitFor('Erreur : Tapez un nombre entier');
    await c.press('backspace');
    await c.type('0');
    await c.press('enter');
    f = await c.waitFor('Fixer le prix « Copie certifiée » à 150 (actuellement 0) ? (o/n)');
    show(f);
    await c.type('o');
    f = await c.waitFor(/> Copie certifiée\s+150\s+par copie délivrée/);
    show(f);
    fitsTerminal(f);
    expect(f).toContain('Prix « Copie certifiée » : 150.');
    expect((await server.accounts.tariffs(admin)).copy).toBe(150);
  });

  it('an operator is refused in the core’s words and nothing changes', async () => {
    const c = await screen(OPERATOR.login, 'tarif');
    await c.waitFor(/> Document centralisé/);
    await c.press('enter');
    await c.waitFor('Nouveau prix de « Document centralisé »');
    await c.type('9');
    await c.press('enter');
    await c.waitFor('(o/n)');
    await c.type('o');
    const f = await c.waitFor((x) => joined(x).includes('Action refusée : changer les tarifs demande le rôle Superviseur.'));
    fitsTerminal(f);
    expect((await server.accounts.tariffs(admin)).document).toBe(0);
  });

  it('speaks English', async () => {
    const c = await screen(VIEWER.login, 'tariff', { lang: 'en' });
    const f = await c.waitFor(/> Central document\s+\d+\s+per document received/);
    fitsTerminal(f);
    expect(f).toContain('e Enter set the price');
  });
});

describe('server console: security', () => {
  it('shows the CA, the server certificate and the seal root; pages the centres’ certificates', async () => {
    const c = await screen(VIEWER.login, 'sécu');
    let f = await c.waitFor('Certificats des centres : 1–');
    show(f);
    fitsTerminal(f);
    const pems = (await server.pki.certificates())!;
    const ca = certificateInfo(pems.caPem);
    expect(f).toContain(`AC nationale : ${ca.subject}`);
    expect(f).toContain(`SHA-256 : ${ca.fingerprint256}`);
    expect(f).toContain(`SHA-256 : ${certificateInfo(pems.serverPem).fingerprint256}`);
    expect(f).toMatch(new RegExp(`du ${ca.notBefore.toISOString().slice(0, 10)} au ${ca.notAfter.toISOString().slice(0, 10)} · \\d+ j restants`));
    expect(f).toContain('Racine des sceaux (P-256) : pas encore créée');
    expect(f).toMatch(/sur 7 · page 1\/2/);
    expect(f).toMatch(/> 00041\s+[0-9a-f]{16}…\s+\d{4}-\d\d-\d\d \d{4}-\d\d-\d\d valide \(\d+ j\)/);
    await c.press('right');
    f = await c.waitFor(/page 2\/2/);
    expect(f).toContain('00047');
    await c.type('/');
    await c.type('00043');
    await c.press('enter');
    f = await c.waitFor(/Certificats des centres : 1–1 sur 1 · centre 00043…/);
    expect(f).toMatch(/> 00043/);
  });

  it('the supervisor revokes a centre’s certificate with a reason after o/n; it shows revoked', async () => {
    const c = await screen(SUPERVISOR.login, 'sécu');
    await c.waitFor('Certificats des centres : 1–');
    await c.press('down');
    await c.waitFor(/> 00042/);
    await c.type('x');
    await c.waitFor('Motif de la révocation :');
    await c.press('enter');
    await c.waitFor('Erreur : Indiquez le motif de la révocation.');
    await c.type('Clé perdue avec le portable');
    await c.press('enter');
    let f = await c.waitFor((x) => joined(x).includes('La liste de confiance le portera aux centres. (o/n)'));
    show(f);
    fitsTerminal(f);
    expect(joined(f)).toMatch(/Révoquer le certificat [0-9a-f]{16}… du centre 00042, définitivement \?/);
    await c.type('o');
    f = await c.waitFor(/> 00042\s+\S+\s+\S+ \S+ révoqué/);
    show(f);
    fitsTerminal(f);
    expect(joined(f)).toContain('la liste de confiance le porte aux centres au prochain échange');
    expect(f).not.toContain('x révoquer');
    const [cert] = await server.pki.certificatesOf(admin, '00042');
    expect(cert).toMatchObject({ revoke_reason: 'Clé perdue avec le portable' });
    expect(cert!.revoked_at).toBeInstanceOf(Date);
  });
});

describe('server console: settings', () => {
  it('the supervisor writes the broker URL to the settings file; its password never shows', async () => {
    const c = await screen(SUPERVISOR.login, 'régl');
    let f = await c.waitFor(/> Base de données/);
    show(f);
    fitsTerminal(f);
    expect(f).toContain(`Fichier : ${join(configDir, 'config.json')}`);
    expect(f).toContain('redémarrez avec DATABASE_URL');
    expect(f).toContain('Non modifiable depuis la console.');
    expect(f).not.toContain('e Entrée modifier');
    await c.type('e'); // the database is not editable here
    expect(c.frame()).not.toContain('Nouvelle valeur');
    while (!/> Courtier MQTT/.test(c.frame())) await c.press('down');
    f = await c.waitFor('(défaut) courtier embarqué');
    expect(f).toContain('e Entrée modifier');
    await c.type('e');
    await c.waitFor('Nouvelle valeur (vide : retirer du fichier) :');
    await c.type('mqtt://ops:s3cr3t-pw@broker.example:1883');
    f = c.frame();
    expect(f).not.toContain('s3cr3t');
    expect(f).toContain(':*********@broker.example:1883');
    await c.press('enter');
    f = await c.waitFor('Écrire « Courtier MQTT » = mqtt://ops:***@broker.example:1883 dans le fichier ?');
    expect(f).not.toContain('s3cr3t');
    await c.type('o');
    f = await c.waitFor('« Courtier MQTT » écrit dans le fichier ; effet au prochain démarrage.');
    f = await c.waitFor(/> Courtier MQTT\s+mqtt:\/\/ops:\*\*\*@broker\.example:1883\s+fichier/);
    show(f);
    fitsTerminal(f);
    expect(f).not.toContain('s3cr3t');
    const file = JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(file.mqttUrl).toBe('mqtt://ops:s3cr3t-pw@broker.example:1883');

    // the environment wins over the file, and the screen says so
    process.env.MQTT_URL = 'mqtt://env-broker:1883';
    try {
      await c.type('r');
      f = await c.waitFor('Source : environnement (MQTT_URL)');
      expect(f).toMatch(/> Courtier MQTT\s+mqtt:\/\/env-broker:1883\s+environnement/);
      expect(f).toContain('Le fichier dit mqtt://ops:***@broker.example:1883, mais MQTT_URL l’emporte.');
    } finally {
      delete process.env.MQTT_URL;
    }
  });

  it('a bad value is refused by the core and stays to correct; an operator may not write', async () => {
    let c = await screen(SUPERVISOR.login, 'régl', { lang: 'en' });
    await c.waitFor(/> Database/);
    while (!/> Concurrency \(run\)/.test(c.frame())) await c.press('down');
    await c.type('e');
    await c.type('500');
    await c.press('enter');
    await c.waitFor('Write “Concurrency (run)” = 500 to the file?');
    await c.type('y');
    let f = await c.waitFor('Error: Concurrency: a whole number from 1 to 64.');
    expect(f).toContain('New value (empty: remove from the file): 500');
    await c.press('backspace', 'backspace');
    await c.press('enter');
    await c.type('y');
    f = await c.waitFor(/> Concurrency \(run\)\s+5\s+file/);
    fitsTerminal(f);
    c.unmount();

    c = open = await screen(OPERATOR.login, 'régl');
    await c.waitFor(/> Base de données/);
    while (!/> Langue/.test(c.frame())) await c.press('down');
    await c.type('e');
    await c.type('en');
    await c.press('enter');
    await c.type('o');
    f = await c.waitFor((x) => joined(x).includes('Action refusée : changer les réglages demande le rôle Superviseur.'));
    const file = JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(file.lang).toBeUndefined();
    expect(file.serverConcurrency).toBe(5);
  });
});

describe('server console: read-only', () => {
  it('changing keys do nothing, are left out of the footer and marked in the help', async () => {
    let c = await screen(SUPERVISOR.login, 'opérat', { readOnly: true });
    let f = await c.waitFor(/\d opérateur\(s\)/);
    expect(f).not.toContain('n nouveau');
    expect(f).toContain('↑↓ choix');
    await c.type('n');
    await c.type('s');
    f = c.frame();
    expect(f).not.toContain('Nouvel opérateur');
    expect(f).not.toContain('(o/n)');
    await c.type('?');
    f = await c.waitFor('Aide — Opérateurs');
    expect(f).toContain('(DÉSACTIVÉ : console en lecture seule)');
    c.unmount();

    for (const [name, key] of [['tarif', 'e'], ['sécu', 'x'], ['régl', 'e'], ['signat', 'n']] as const) {
      c = open = await screen(SUPERVISOR.login, name, { readOnly: true });
      f = await c.waitFor((x) => /q quitter/.test(x) && !x.includes('Chargement'));
      await c.press('down');
      await c.type(key);
      f = c.frame();
      expect(f, name).not.toMatch(/Nouveau prix|Motif de la révocation|Nouvelle valeur|Nouveau signataire/);
      expect(f, name).not.toMatch(/ (e Entrée modifier|e Entrée changer le prix|x révoquer|n nouveau) /);
      c.unmount();
    }
  });
});
