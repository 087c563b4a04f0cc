#!/usr/bin/env node
// Smoke test of the embedded default, as a newcomer's machine has it: no DATABASE_URL, no
// settings file, a fresh data directory. Drives the real binary: demo centre, the three
// trial accounts change their passwords, then draft → check → validate, and the NIU is found.
// Exits non-zero on the first failure. Run after `npm install` (which builds).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../apps/centre-tui/dist/main.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'ds-smoke-'));
const baseEnv = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' };
let step = 0;

function run(args, env = {}, input = '') {
  step++;
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...baseEnv, ...env }, input, encoding: 'utf8' });
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
rmSync(home, { recursive: true, force: true });
if (found.items.length !== 1 || !audit.ok) {
  console.error('smoke: the validated document was not found, or the audit chain is broken');
  process.exit(1);
}
console.log(`smoke: embedded default OK, NIU ${validated.niu}`);
