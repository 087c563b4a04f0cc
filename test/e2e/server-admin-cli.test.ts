import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServer, formatNiu } from '@docstream/core';
import { testDatabase, type TestDatabase } from '../support/test-db.js';
import { SERVER_BIN, runCli } from '../support/cli.js';
import { tempDir } from '../support/transmission.js';

const SUPERVISOR = { DOCSTREAM_USER: 'chef', DOCSTREAM_PASSWORD: 'Registre-Central-2026' };
let db: TestDatabase;
let env: Record<string, string>;
const server = (args: string[], extra: Record<string, string> = {}) => runCli(SERVER_BIN, args, { ...env, ...extra });

beforeAll(async () => {
  db = await testDatabase();
  env = { DATABASE_URL: db.url, DOCSTREAM_CONFIG_DIR: await tempDir('ds-conf-'), DOCSTREAM_DATA_DIR: await tempDir('ds-data-') };
  const init = await server(['operator', 'init', 'chef', '--name', 'Chef du Registre'], { DOCSTREAM_NEW_PASSWORD: SUPERVISOR.DOCSTREAM_PASSWORD });
  expect(init.stderr).toBe('');
});

describe('the server’s administration commands, through the real binary', () => {
  it('registers a centre, credits it, sets a tariff and prints the statement; a viewer is refused with a bilingual reason', async () => {
    const added = await server(['--json', 'client', 'add', '--name', 'Mairie de Ségou', '--matricule', '00031', '--region', 'Ségou'], SUPERVISOR);
    expect(added.stderr).toBe('');
    expect(added.json<{ code: string }>().code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await server(['account', 'recharge', '00031', '5000', '--reference', 'reçu 17'], SUPERVISOR)).code).toBe(0);
    expect((await server(['account', 'adjust', '00031', '-300', '--reason', 'frais de dossier'], SUPERVISOR)).code).toBe(0);
    expect((await server(['tariff', 'set', 'document', '120'], SUPERVISOR)).code).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const st = await server(['--json', 'account', 'statement', '00031', '--from', today, '--to', today], SUPERVISOR);
    expect(st.json<{ rows: { service: string; balance_after: number }[]; closing: { balance: number } }>()).toMatchObject({
      rows: [{ service: 'recharge', balance_after: 5000 }, { service: 'adjustment', balance_after: 4700 }], closing: { balance: 4700 },
    });
    const text = await server(['--lang', 'en', 'account', 'statement', '00031', '--from', today, '--to', today], SUPERVISOR);
    expect(text.stdout).toContain('Closing balance: 4700');

    const created = await server(['--json', 'operator', 'add', 'lecteur', '--name', 'Awa Lecteur', '--role', 'lecteur'], SUPERVISOR);
    const temp = created.json<{ temporaryPassword: string }>().temporaryPassword;
    const changed = await server(['--user', 'lecteur', 'passwd'], { DOCSTREAM_PASSWORD: temp, DOCSTREAM_NEW_PASSWORD: 'Lecture-Seule-2026' });
    expect(changed.code).toBe(0);
    const viewer = { DOCSTREAM_USER: 'lecteur', DOCSTREAM_PASSWORD: 'Lecture-Seule-2026' };
    const refused = await server(['account', 'recharge', '00031', '100'], viewer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Action refusée');
    expect(refused.stderr).toContain('Not allowed');
    const list = await server(['--json', 'account', 'list'], viewer);
    expect(list.json<{ matricule: string; balance: number }[]>()).toEqual([expect.objectContaining({ matricule: '00031', balance: 4700 })]);
    const verify = await server(['account', 'verify'], viewer);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('concordent');
  });

  it('searches, counts and exports the central documents as CSV', async () => {
    // documents centralised in this binary's database, as the ingest writes them
    const local = createServer({ db: db.open(2) });
    await local.installShippedForms();
    await local.db.query(`INSERT INTO xm_system.clients (matricule, name, region) VALUES ('00033', 'Mairie de Kayes', 'Kayes')`);
    await local.db.query(
      `INSERT INTO xm_data.documents (niu, matricule, form_id, form_version, status, data, names_norm, names_display, event_date, validated_at)
       VALUES ($1, '00033', 'acte_naissance', 1, 4, $2, 'kone awa dite ami', 'KONÉ Awa, dite "Ami"', '2026-03-02', now())`,
      [formatNiu('00033', 2026, 1), { enfant: { nom: 'KONÉ', prenoms: 'Awa, dite "Ami"' } }]);
    const dir = await tempDir('ds-csv-');
    const found = await server(['--json', 'search', '--name', 'kone', '--region', 'Kayes', '--csv', join(dir, 'kone.csv')], SUPERVISOR);
    expect(found.code).toBe(0);
    const csv = await readFile(join(dir, 'kone.csv'), 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"KONÉ Awa, dite ""Ami"""');
    const stats = await server(['--json', 'stats', '--by', 'region,period', '--period', 'month'], SUPERVISOR);
    expect(stats.json<{ region: string; n: number }[]>()).toEqual([expect.objectContaining({ region: 'Kayes', n: 1 })]);
    const exported = await server(['export', 'acte_naissance', '--out', join(dir, 'naissances.csv'), '--separator', ';'], SUPERVISOR);
    expect(exported.code).toBe(0);
    expect(await readFile(join(dir, 'naissances.csv'), 'utf8')).toContain('KONÉ');
  });

  it('loads an election from CSV files and prints its results; a bad line is named', async () => {
    const dir = await tempDir('ds-elec-');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'candidats.csv'), 'code;name\nA;Awa KEITA\nB;Moussa TRAORÉ\n');
    await writeFile(join(dir, 'bureaux.csv'), 'code,name,region,department,commune,registered,centre\nBV-1,École A,Kayes,Kayes,Kayes,500,00031\nBV-2,École B,Ségou,Ségou,Markala,420,\n');
    await writeFile(join(dir, 'bad.csv'), 'code,name,region,department,commune,registered,centre\nBV-1,École A,Kayes,Kayes,Kayes,cinq cents,\n');
    const bad = await server(['election', 'load', '--id', 'PRES-X', '--name', 'Test', '--date', '2026-07-26', '--candidates', join(dir, 'candidats.csv'), '--stations', join(dir, 'bad.csv')], SUPERVISOR);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bureaux ligne 2');
    const loaded = await server(['--json', 'election', 'load', '--id', 'PRES-2026', '--name', 'Présidentielle', '--date', '2026-07-26', '--candidates', join(dir, 'candidats.csv'), '--stations', join(dir, 'bureaux.csv')], SUPERVISOR);
    expect(loaded.json()).toEqual({ id: 'PRES-2026', candidates: 2, stations: 2, centres: 1 });
    const shown = await server(['--json', 'election', 'results', 'PRES-2026', '--level', 'region'], SUPERVISOR);
    expect(shown.json<{ stations: unknown; areas: { area: string }[] }>()).toMatchObject({ stations: { expected: 2, reported: 0, missing: 2 }, areas: [{ area: 'Kayes' }, { area: 'Ségou' }] });
    const csv = await server(['election', 'results', 'PRES-2026', '--csv'], SUPERVISOR);
    expect(csv.stdout.trim().split('\n')).toEqual(['code,name,votes,share', 'A,Awa KEITA,0,', 'B,Moussa TRAORÉ,0,']);
  });
  it('prints the transmission monitor for a viewer, sorted and filtered; a bad sort is refused in both languages', async () => {
    const viewer = { DOCSTREAM_USER: 'lecteur', DOCSTREAM_PASSWORD: 'Lecture-Seule-2026' };
    const text = await server(['monitor', '--filter', 'ségou', '--sort', 'name'], viewer);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain('Service : aucun n’a tourné sur cette base');
    expect(text.stdout).toContain('Centres 1–1 sur 1 (tri : name asc, filtre « ségou »)');
    expect(text.stdout).toMatch(/^00031 {2}0 docs {2}0 cont\. {2}0 err\. {2}0 B {2}-$/m);
    expect(text.stdout).toContain('Derniers refus :');
    const json = await server(['--json', 'monitor', '--filter', '00031'], viewer);
    expect(json.json<{ centres: { page: { total: number; rows: { matricule: string; name: string }[] } }; queues: unknown }>()).toMatchObject({
      centres: { page: { total: 1, rows: [{ matricule: '00031', name: 'Mairie de Ségou' }] } },
      queues: { outboxUnsent: 0, quarantineHeld: 0 },
    });
    const en = await server(['--lang', 'en', 'monitor', '--sort', 'errors', '--limit', '1'], viewer);
    expect(en.stdout).toContain('Last rejections:');
    expect(en.stdout).toMatch(/Centres 1–1 of \d+ \(sort: errors desc\)/);
    const bad = await server(['monitor', '--sort', 'mot_de_passe'], viewer);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('tri « mot_de_passe » inconnu');
    expect(bad.stderr).toContain('unknown sort “mot_de_passe”');
  });
});
