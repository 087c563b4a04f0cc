import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CENTRE_BIN, runCli } from '../support/cli.js';
import { startTmux } from '../support/tmux.js';

// `npm start` on a fresh machine: the console on the embedded defaults (PGlite, no broker
// configured), with a demo central server in the same process and the demo centre enrolled.

const tmux = startTmux();
afterAll(() => tmux.kill());

const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: mkdtempSync(join(tmpdir(), 'ds-home-')),
  DOCSTREAM_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'ds-conf-')),
  DOCSTREAM_DATA_DIR: mkdtempSync(join(tmpdir(), 'ds-data-')),
  // any free port: other tests use the default 18830
  DOCSTREAM_DEMO_BROKER_PORT: '0',
};

const PASSWORDS = { agent: 'saisie-des-actes-1', secretaire: 'controle-qualite-22', officier: 'Registre-National-2026' } as const;
const as = (login: keyof typeof PASSWORDS) => ({ ...env, DOCSTREAM_USER: login, DOCSTREAM_PASSWORD: PASSWORDS[login] });

async function cli(args: string[], e: Record<string, string> = env, input?: string) {
  const r = await runCli(CENTRE_BIN, args, e, input);
  expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

describe('npm start: the demo, in a terminal of 80×24', () => {
  it('creates the demo centre, enrols it with its in-process server, and a validated document is acknowledged', async () => {
    const p = await tmux.start([process.execPath, CENTRE_BIN, '--demo'], env);
    await p.waitFor('Mot de passe :', 120_000);
    await p.type('officier');
    await p.press('Tab');
    await p.type('demo');
    await p.press('Enter');
    await p.waitFor('Vous devez choisir un nouveau mot de passe');
    await p.type('demo');
    await p.press('Tab');
    await p.type(PASSWORDS.officier);
    await p.press('Tab');
    await p.type(PASSWORDS.officier);
    await p.press('Enter');
    await p.waitFor(/^Accueil$/m);
    await p.press(':');
    await p.waitFor(/^Aller à$/m);
    await p.type('transm');
    await p.press('Enter');
    // the demo server started in the background; the cycle starts once it is up
    let screen = await p.waitFor((s) => s.includes('Cycle MQTT : EN MARCHE') && s.includes('Connecté'), 120_000);
    for (const line of screen.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(screen).toMatch(/Certificat [0-9A-F:]{16}… valable jusqu’au/i);

    // The other two trial accounts work through the subcommands, on the database the console serves.
    await cli(['passwd', '--user', 'agent'], env, `demo\n${PASSWORDS.agent}\n${PASSWORDS.agent}\n`);
    await cli(['passwd', '--user', 'secretaire'], env, `demo\n${PASSWORDS.secretaire}\n${PASSWORDS.secretaire}\n`);
    const draft = (await cli(['--json', 'doc', 'draft', 'acte_naissance',
      '--set', 'enfant.nom=Sangaré', '--set', 'enfant.prenoms=Oumou', '--set', 'sexe=F', '--set', 'date_naissance=2026-01-02',
      '--set', 'lieu_naissance=Sikasso', '--set', 'mere.nom=Diarra', '--set', 'mere.prenoms=Rokia', '--set', 'date_declaration=2026-01-03'], as('agent'))).json<{ numero: number }>();
    await cli(['doc', 'check', String(draft.numero)], as('secretaire'));
    await cli(['doc', 'validate', String(draft.numero)], as('officier'));

    screen = await p.waitFor('acquittés : 1', 60_000);
    expect(screen).toContain('En attente : 0');
    const shown = (await cli(['--json', 'doc', 'show', String(draft.numero)], as('officier'))).json<{ status: number }>();
    expect(shown.status).toBe(4); // Export: the server acknowledged it

    await p.press('q');
    expect(await p.waitForExit(60_000)).toBe(0);
  }, 300_000);
});
