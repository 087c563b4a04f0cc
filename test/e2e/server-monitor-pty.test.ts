import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { CENTRE_BIN, SERVER_BIN, runCli } from '../support/cli.js';
import { startMosquitto, type TestBroker } from '../support/mosquitto.js';
import { PASSPHRASE, tempDir } from '../support/transmission.js';
import { startTmux, type Pane } from '../support/tmux.js';

// Issue 8's check, with real parts only: the server console in a real pseudo-terminal of
// 80×24 (tmux), a supervisor registers a centre and reads its one-time code off the screen,
// starts the receiving service from the Monitor (on a private Mosquitto); a real centre
// (the docstream-centre binary, on its own PostgreSQL database) enrols with that code,
// validates three birth certificates and runs one transmission cycle; the Monitor's
// counters show them arriving.

const tmux = startTmux();
const children = new Set<ChildProcess>();
let broker: TestBroker | undefined;
// Registered at load, so they run even when beforeAll or the test fails.
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await tmux.kill();
  await broker?.stop();
});

const SUPERVISOR = { login: 'chef', name: 'Chef du Registre', password: 'Registre-Central-2026' };
const OFFICER = { login: 'officier', password: 'Registre-National-2026' };
const MATRICULE = '00042';
const CENTRE_NAME = 'Mairie de Kati';
const CHILDREN = ['Awa', 'Oumou', 'Seydou'];

let serverEnv: Record<string, string>;
let centreEnv: Record<string, string>;
let serverDb: Database;

beforeAll(async () => {
  const [sdb, cdb, mqtt] = await Promise.all([testDatabase(), testDatabase(), startMosquitto()]);
  broker = mqtt;
  serverDb = sdb.open(1);
  const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', MQTT_URL: mqtt.url, DOCSTREAM_KEY_PASSPHRASE: PASSPHRASE };
  serverEnv = { ...base, HOME: await tempDir('ds-home-'), DATABASE_URL: sdb.url, DOCSTREAM_DATA_DIR: await tempDir('ds-sdata-'), DOCSTREAM_CONFIG_DIR: await tempDir('ds-sconf-') };
  centreEnv = { ...base, HOME: await tempDir('ds-home-'), DATABASE_URL: cdb.url, DOCSTREAM_DATA_DIR: await tempDir('ds-cdata-'), DOCSTREAM_CONFIG_DIR: await tempDir('ds-cconf-') };
  // The server's CA and first supervisor; the centre initialised with its Officer (not yet enrolled).
  await Promise.all([
    (async () => {
      await ok(SERVER_BIN, ['init'], serverEnv);
      await ok(SERVER_BIN, ['operator', 'init', SUPERVISOR.login, '--name', SUPERVISOR.name], { ...serverEnv, DOCSTREAM_NEW_PASSWORD: SUPERVISOR.password });
    })(),
    ok(CENTRE_BIN, ['init', '--matricule', MATRICULE, '--name', CENTRE_NAME, '--officer', OFFICER.login, '--officer-name', 'Officier de Kati'], { ...centreEnv, DOCSTREAM_NEW_PASSWORD: OFFICER.password }),
  ]);
});

/** Runs a binary that must succeed; its output otherwise in the failure. */
async function ok(bin: string, args: string[], env: Record<string, string>) {
  const r = await runCli(bin, args, env);
  expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

const asOfficer = () => ({ ...centreEnv, DOCSTREAM_USER: OFFICER.login, DOCSTREAM_PASSWORD: OFFICER.password });

/** The whole frame is on the screen: at most 24 lines, none wider than 80 columns, the header on top. */
function fits(screen: string): string {
  const lines = screen.split('\n');
  expect(lines.length, screen).toBeLessThanOrEqual(24);
  expect(lines[0]).toMatch(/^Docstream · Serveur central/);
  for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
  return screen;
}

const see = async (p: Pane, expected: Parameters<Pane['waitFor']>[0]) => fits(await p.waitFor(expected));
const line = (screen: string, start: string) => screen.split('\n').find((l) => l.startsWith(start)) ?? '';

/** The per-centre row of the Monitor, its cells by column (the centre's name has spaces). */
function monitorRow(screen: string): { seen: string; containers: number; documents: number; acks: number; errors: number } | undefined {
  const m = new RegExp(`^[> ] ${MATRICULE} +${CENTRE_NAME} +(\\S+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +\\S+ \\S+ +\\S+ \\S+$`, 'm').exec(screen);
  return m ? { seen: m[1]!, containers: Number(m[2]), documents: Number(m[3]), acks: Number(m[4]), errors: Number(m[5]) } : undefined;
}

/** A rate line (Conteneurs, Documents) whose sparkline has at least one bar, not only dots. */
const busy = (screen: string, label: string) => /^\S+ +[·▁▂▃▄▅▆▇█]*[▁▂▃▄▅▆▇█][·▁▂▃▄▅▆▇█]* \d+,\d\/s$/.test(line(screen, label));

/** The centre's service for one intermittent cycle: its JSON log lines, as they come. */
function startCentreRun(): { child: ChildProcess; events: () => { event: string; [k: string]: unknown }[]; output: () => string } {
  const child = spawn(process.execPath, [CENTRE_BIN, 'run', '--mode', 'intermittent', '--interval', '60'], { env: centreEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return {
    child,
    events: () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event: string }),
    output: () => `stdout:\n${out}\nstderr:\n${err}`,
  };
}

describe('docstream-server console in a terminal of 80×24: the live Monitor', () => {
  it('an operator creates a centre, starts the service, the centre sends three documents, the counters show them arriving', async () => {
    const p = await tmux.start([process.execPath, SERVER_BIN], serverEnv);

    // ---- login (operator init gives a supervisor whose password needs no change)
    await see(p, 'Mot de passe :');
    await p.type(SUPERVISOR.login);
    await p.press('Tab');
    await p.type(SUPERVISOR.password);
    await p.press('Enter');
    const home = await see(p, /^Accueil$/m);
    expect(home).toContain(`${SUPERVISOR.name} (Superviseur)`);
    expect(home).toMatch(/^> Moniteur des transmissions \(en direct\)$/m);

    // ---- Clients: a new centre, its one-time enrolment code read off the screen
    await p.press(':');
    await see(p, /^Aller à$/m);
    await p.type('centres');
    await see(p, '> Centres (clients)');
    await p.press('Enter');
    await see(p, 'Tous les centres — 0 centre(s)');
    await p.type('n');
    await see(p, /^> Nom +:$/m);
    await p.type(CENTRE_NAME);
    await p.press('Tab');
    await p.type(MATRICULE);
    await p.press('Tab', 'Tab', 'Tab', 'Tab'); // ville, région, téléphone left empty; on the status
    await see(p, /^> Statut +: ← 3 tous services →$/m);
    await p.press('Enter');
    await see(p, `Enregistrer le centre « ${CENTRE_NAME} » (${MATRICULE}), statut 3 tous services ? (o/n)`);
    await p.type('o');
    const created = await see(p, `CODE D’INSCRIPTION DU CENTRE ${MATRICULE} : `);
    expect(created).toContain(`Centre ${MATRICULE} « ${CENTRE_NAME} » enregistré, son compte ouvert.`);
    const code = new RegExp(`CENTRE ${MATRICULE} : ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})`).exec(created)?.[1];
    expect(code, created).toBeDefined();
    await p.press('Escape');
    await see(p, 'Tous les centres — 1 centre(s)');

    // ---- the Monitor: the centre registered, never seen; s starts the service here
    await p.press(':');
    await see(p, /^Aller à$/m);
    await p.type('moniteur');
    await see(p, '> Moniteur des transmissions (en direct)');
    await p.press('Enter');
    let screen = await see(p, (s) => monitorRow(s) !== undefined);
    expect(screen).toMatch(/^Moniteur des transmissions$/m);
    expect(screen).toMatch(/^ {2}Mat\.▲ Centre +Vu +Cont\. +Docs +Accusés +Err\. +Reçu +Envoyé$/m);
    expect(monitorRow(screen)).toEqual({ seen: '-', containers: 0, documents: 0, acks: 0, errors: 0 });
    expect(screen).toContain('Centres : 1 inscrits · 0 connectés (5 min) · 1 jamais vus · 0 suspendus');
    expect(screen).toContain('Service : aucun n’a tourné sur cette base');
    expect(busy(screen, 'Documents')).toBe(false);
    expect(screen).toMatch(/s démarrer/);
    await p.type('s');
    screen = await see(p, /^Service : en marche depuis \d\d:\d\d:\d\d · courtier connecté · dans cette console$/m);
    expect(screen).toMatch(/s arrêter le service/);

    // ---- the centre: enrols with the code over the broker, validates three documents, runs one cycle
    const enrolled = await ok(CENTRE_BIN, ['--json', 'enroll', '--code', code!, '--timeout', '20'], asOfficer());
    expect(enrolled.json<{ enrolled: boolean }>().enrolled).toBe(true);
    await Promise.all(CHILDREN.map(async (prenoms) => {
      const draft = await ok(CENTRE_BIN, ['--json', 'doc', 'draft', 'acte_naissance',
        '--set', 'enfant.nom=Sangaré', '--set', `enfant.prenoms=${prenoms}`, '--set', 'sexe=F', '--set', 'date_naissance=2026-01-02',
        '--set', 'lieu_naissance=Kati', '--set', 'mere.nom=Diarra', '--set', 'mere.prenoms=Rokia', '--set', 'date_declaration=2026-01-03'], asOfficer());
      const numero = String(draft.json<{ numero: number }>().numero);
      await ok(CENTRE_BIN, ['doc', 'check', numero], asOfficer());
      await ok(CENTRE_BIN, ['doc', 'validate', numero], asOfficer());
    }));
    const run = startCentreRun();

    // ---- the Monitor's counters: the three documents arrived from the centre, and the rates moved
    screen = await see(p, (s) => monitorRow(s)?.documents === CHILDREN.length && busy(s, 'Documents') && busy(s, 'Conteneurs')).catch((e: Error) => {
      throw new Error(`${e.message}\ncentre run:\n${run.output()}`);
    });
    const row = monitorRow(screen)!;
    expect(row.seen).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(row.containers).toBeGreaterThanOrEqual(1);
    expect(row.acks).toBeGreaterThanOrEqual(1);
    expect(row.errors).toBe(0);
    expect(screen).toContain('Centres : 1 inscrits · 1 connectés (5 min) · 0 jamais vus · 0 suspendus');
    expect(screen).toMatch(/^Débit sur \d+ min \(une colonne = 5 s\) · erreurs 0 · reçu [1-9][\d,]* k?o · envoyé [1-9][\d,]* k?o$/m);
    expect(screen).toContain('Aucun conteneur refusé récemment.');

    // what the screen says is what the server holds, and the centre had its acknowledgements
    const held = await serverDb.query<{ n: number }>('SELECT count(*)::int AS n FROM xm_data.documents WHERE matricule = $1', [MATRICULE]);
    expect(held[0]!.n).toBe(CHILDREN.length);
    const end = Date.now() + 20_000;
    while (!run.events().some((e) => e.event === 'cycle_end') && Date.now() < end && run.child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    const acked = run.events().filter((e) => e.event === 'received' && e.kind === 'ack').reduce((a, e) => a + Number(e.acknowledged), 0);
    expect(acked, run.output()).toBe(CHILDREN.length);
    const exited = new Promise<number | null>((r) => run.child.once('exit', (c) => r(c)));
    run.child.kill('SIGTERM');
    expect(await exited, run.output()).toBe(0);

    // ---- stop the service (asked first), then quit: status 0
    await p.type('s');
    await see(p, 'Arrêter le service de réception ? Les centres ne pourront plus transmettre');
    await p.type('o');
    screen = await see(p, /^Service : aucun en marche \(arrêté, dernier signe \d\d:\d\d:\d\d\)$/m);
    expect(screen).toMatch(/s reprendre le service/);
    expect(monitorRow(screen)?.documents).toBe(CHILDREN.length);
    await p.press('q');
    expect(await p.waitForExit()).toBe(0);
  }, 120_000);
});
