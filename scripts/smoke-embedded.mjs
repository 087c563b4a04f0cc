#!/usr/bin/env node
// Smoke test of the embedded default, as a newcomer's machine has it: no DATABASE_URL, no
// MQTT_URL, no settings file, a fresh data directory. Drives the real binaries: demo centre,
// the three trial accounts change their passwords, then draft → check → validate, and the
// NIU is found; then the server creates its CA, registers the centre, hosts the embedded
// broker, the centre enrols with its code and transmits: the server holds the document.
// Exits non-zero on the first failure. Run after `npm install` (which builds).
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../apps/centre-tui/dist/bundle/main.js', import.meta.url));
const serverBin = fileURLToPath(new URL('../apps/server-tui/dist/bundle/main.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'ds-smoke-'));
const baseEnv = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' };
let step = 0;

function run(args, env = {}, input = '', program = bin) {
  step++;
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [program, ...args], { env: { ...baseEnv, ...env }, input, encoding: 'utf8' });
  const ms = Date.now() - t0;
  if (r.status !== 0) {
    console.error(`smoke step ${step} failed (${args.join(' ')}), exit ${r.status}\n${r.stdout}\n${r.stderr}`);
    rmSync(home, { recursive: true, force: true });
    process.exit(1);
  }
  console.log(`ok ${step} ${args.slice(0, 3).join(' ')} (${ms} ms)`);
  return r.stdout;
}

const passwords = { agent: 'saisie-des-actes-1', secretaire: 'controle-qualite-22', officier: 'Registre-National-2026' };
const as = (login) => ({ DOCSTREAM_USER: login, DOCSTREAM_PASSWORD: passwords[login] });

run(['demo']);
for (const [login, pw] of Object.entries(passwords)) run(['passwd', '--user', login], {}, `demo\n${pw}\n`);
const draft = JSON.parse(run(['--json', 'doc', 'draft', 'acte_naissance',
  '--set', 'enfant.nom=Sangaré', '--set', 'enfant.prenoms=Oumou', '--set', 'sexe=F',
  '--set', 'date_naissance=2026-01-02', '--set', 'lieu_naissance=Sikasso',
  '--set', 'mere.nom=Diarra', '--set', 'mere.prenoms=Rokia', '--set', 'date_declaration=2026-01-03'], as('agent')));
run(['doc', 'check', String(draft.numero)], as('secretaire'));
const validated = JSON.parse(run(['--json', 'doc', 'validate', String(draft.numero)], as('officier')));
const found = JSON.parse(run(['--json', 'doc', 'search', '--niu', validated.niu], as('agent')));
const audit = JSON.parse(run(['--json', 'verify-audit']));
if (found.items.length !== 1 || !audit.ok) {
  console.error('smoke: the validated document was not found, or the audit chain is broken');
  rmSync(home, { recursive: true, force: true });
  process.exit(1);
}
console.log(`smoke: embedded default OK, NIU ${validated.niu}`);

// Transmission on the embedded defaults: PGlite on both sides, the server's in-process broker.
const keys = { DOCSTREAM_KEY_PASSPHRASE: 'phrase de démonstration du smoke test' };
const server = (args) => run(args, keys, '', serverBin);
server(['init']);
run(['operator', 'init', 'superviseur', '--name', 'Superviseur National'], { ...keys, DOCSTREAM_NEW_PASSWORD: 'Registre-Central-2026' }, '', serverBin);
const asSupervisor = { ...keys, DOCSTREAM_USER: 'superviseur', DOCSTREAM_PASSWORD: 'Registre-Central-2026' };
const { code } = JSON.parse(run(['--json', 'client', 'add', '--matricule', '00001', '--name', 'Centre de démonstration'], asSupervisor, '', serverBin));
const background = [];
function start(program, args) {
  const child = spawn(process.execPath, [program, ...args], { env: { ...baseEnv, ...keys }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  background.push(child);
  return () => output;
}
function finish(code, message) {
  for (const c of background) c.kill('SIGTERM');
  setTimeout(() => {
    rmSync(home, { recursive: true, force: true });
    if (message) console[code ? 'error' : 'log'](message);
    process.exit(code);
  }, 1500);
}
const portOpen = () => new Promise((resolve) => {
  const c = connect(18830, '127.0.0.1');
  c.once('connect', () => { c.destroy(); resolve(true); });
  c.once('error', () => resolve(false));
});
async function until(what, check, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out: ${what}`);
}
const serverLog = start(serverBin, ['run']);
try {
  await until('the embedded broker', portOpen, 30_000);
  run(['enroll', '--code', code], { ...keys, ...as('officier') });
  const centreLog = start(bin, ['run', '--retry', '5']);
  // The first process to open the embedded database hosts it for the others: let the
  // service be that one, not a short-lived status command that would take it away on exit.
  await until('the centre service', async () => centreLog().includes('"started"') || centreLog().includes('"connected"'), 30_000);
  await until('the acknowledgement', async () => {
    const r = spawnSync(process.execPath, [bin, '--json', 'transmission'], { env: { ...baseEnv, ...keys }, encoding: 'utf8' });
    return r.status === 0 && JSON.parse(r.stdout).counts.acknowledged === 1;
  }, 60_000).catch((e) => {
    throw new Error(`${e.message}\nserver: ${serverLog()}\ncentre: ${centreLog()}`);
  });
  const status = JSON.parse(server(['--json', 'status']));
  if (status.documents !== 1) throw new Error(`the server holds ${status.documents} documents`);
  finish(0, 'smoke: embedded transmission OK, the server holds the document');
} catch (e) {
  finish(1, `smoke: embedded transmission failed: ${e.message}`);
}
