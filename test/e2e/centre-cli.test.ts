import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatNiu, isValidNiu } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { CENTRE_BIN, runCli } from '../support/cli.js';

let env: Record<string, string>;
const cli = (args: string[], extra: Record<string, string> = {}, input?: string) => runCli(CENTRE_BIN, args, { ...env, ...extra }, input);
const as = (user: string, password: string) => ({ DOCSTREAM_USER: user, DOCSTREAM_PASSWORD: password });

const OFFICER = as('chef', 'Registre-National-2026');

beforeAll(async () => {
  const tdb = await testDatabase();
  env = { DATABASE_URL: tdb.url, DOCSTREAM_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'ds-conf-')), DOCSTREAM_DATA_DIR: mkdtempSync(join(tmpdir(), 'ds-data-')) };
  const init = await cli(['init', '--matricule', '00077', '--name', 'Mairie de Ségou', '--officer', 'chef', '--officer-name', 'Chef de Centre'], { DOCSTREAM_NEW_PASSWORD: 'Registre-National-2026' });
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
});

/** Creates a user and has them replace the temporary password, as at their first login. */
async function hire(login: string, role: string, password: string): Promise<Record<string, string>> {
  const add = await cli(['--json', 'user', 'add', login, '--name', `Personne ${login}`, '--role', role], OFFICER);
  expect(add.code).toBe(0);
  const temp = add.json<{ temporaryPassword: string }>().temporaryPassword;
  const blocked = await cli(['doc', 'search'], as(login, temp));
  expect(blocked.code).toBe(1);
  expect(blocked.stderr).toContain('changer votre mot de passe');
  // the current then the new password, on standard input as a script would give them
  const pw = await cli(['passwd', '--user', login], { DOCSTREAM_PASSWORD: '' }, '');
  expect(pw.code).toBe(1);
  const changed = await runCli(CENTRE_BIN, ['passwd', '--user', login], { ...env }, `${temp}\n${password}\n`);
  expect(changed.stderr).toBe('');
  return as(login, password);
}

describe('docstream-centre commands on PostgreSQL', () => {
  it('carries a birth certificate through draft, check and validation by three users', async () => {
    const agent = await hire('binta', 'agent', 'saisie-des-actes-1');
    const secretary = await hire('moussa', 'secretaire', 'controle-qualite-22');

    const draft = await cli(['--json', 'doc', 'draft', 'acte_naissance',
      '--set', 'enfant.nom=Coulibaly', '--set', 'enfant.prenoms=Fanta', '--set', 'sexe=F',
      '--set', 'date_naissance=2026-01-05', '--set', 'lieu_naissance=Ségou',
      '--set', 'mere.nom=Dembélé', '--set', 'mere.prenoms=Kadiatou', '--set', 'date_declaration=2026-01-06'], agent);
    expect(draft.stderr).toBe('');
    const numero = String(draft.json<{ numero: number }>().numero);

    const refused = await cli(['doc', 'validate', numero], agent);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Officier/);
    expect(refused.stderr).toMatch(/Officer/);

    expect((await cli(['doc', 'check', numero], secretary)).code).toBe(0);
    const validated = await cli(['--json', 'doc', 'validate', numero], OFFICER);
    const niu = validated.json<{ niu: string; status: number }>().niu;
    expect(isValidNiu(niu)).toBe(true);
    expect(niu.startsWith('00077-')).toBe(true);

    const again = await cli(['--lang', 'en', 'doc', 'validate', numero], OFFICER);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already validated');

    const found = await cli(['--json', 'doc', 'search', '--name', 'coulibaly FANTA'], agent);
    expect(found.json<{ items: { niu: string }[] }>().items.map((i) => i.niu)).toEqual([niu]);
    const shown = await cli(['--lang', 'en', 'doc', 'show', niu, '--history'], agent);
    expect(shown.stdout).toContain('Place of birth: Ségou');
    expect(shown.stdout).toContain('document_validated');

    const audit = await cli(['--json', 'verify-audit']);
    expect(audit.json<{ ok: boolean }>().ok).toBe(true);
  });

  it('names the malformed field and exits non-zero without saving', async () => {
    const r = await cli(['doc', 'draft', 'acte_deces', '--set', 'defunt.nom=Keita', '--set', 'date_deces=23/11/2026'], OFFICER);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('« Date du décès » (date_deces)');
    expect(r.stderr).toContain('“Date of death” (date_deces)');
  });

  it('refuses a suspended user and a wrong password with a message that says what to do', async () => {
    const agent = await hire('sali', 'agent', 'une-phrase-assez-longue');
    expect((await cli(['user', 'suspend', 'sali'], OFFICER)).code).toBe(0);
    const r = await cli(['doc', 'search'], agent);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('suspendu');
    const wrong = await cli(['doc', 'search'], as('chef', 'pas-le-bon'));
    expect(wrong.stderr).toContain('Identifiant ou mot de passe incorrect');
  });

  it('detects a mistyped NIU by its check digits', async () => {
    const good = formatNiu('00042', 2026, 123);
    const typo = good.replace('000123', '000132');
    expect((await cli(['niu-check', good])).code).toBe(0);
    const bad = await cli(['niu-check', typo]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('mal saisi');
  });
});

describe('standard input carrying both the password and the data', () => {
  it('takes the password from the first line and the JSON after it', async () => {
    const data = JSON.stringify({ defunt: { nom: 'Keita', prenoms: 'Modibo' }, sexe: 'M', date_deces: '2026-01-04', lieu_deces: 'Kayes', declarant: { nom: 'Keita', prenoms: 'Sira' }, date_declaration: '2026-01-05' });
    const r = await runCli(CENTRE_BIN, ['--json', 'doc', 'draft', 'acte_deces', '--data', '-', '--user', 'chef'], { ...env }, `Registre-National-2026\n${data}\n`);
    expect(r.stderr).toBe('');
    expect(r.json<{ data: { lieu_deces: string } }>().data.lieu_deces).toBe('Kayes');
  });

  it('never echoes the input when the data is not JSON', async () => {
    const r = await runCli(CENTRE_BIN, ['doc', 'draft', 'acte_deces', '--data', '-', '--user', 'chef'], { ...env }, 'Registre-National-2026\nsecret-looking-text\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('objet JSON');
    expect(r.stderr).not.toContain('secret-looking');
  });
});
