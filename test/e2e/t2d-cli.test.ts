import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, insertValidatedDocuments } from '@docstream/core';
import { testDatabase, type TestDatabase } from '../support/test-db.js';
import { CENTRE_BIN, SERVER_BIN, runCli } from '../support/cli.js';
import { birthCertificates, PASSPHRASE, tempDir } from '../support/transmission.js';

const N = 1000;
const run = promisify(execFile);
const OFFICER = { DOCSTREAM_USER: 'chef', DOCSTREAM_PASSWORD: 'Registre-National-2026' };
let centreEnv: Record<string, string>;
let serverEnv: Record<string, string>;
let centreDb: TestDatabase;
let serverDb: TestDatabase;
let dir: string;
const centre = (args: string[], extra: Record<string, string> = {}) => runCli(CENTRE_BIN, args, { ...centreEnv, ...extra });
const server = (args: string[], extra: Record<string, string> = {}) => runCli(SERVER_BIN, args, { ...serverEnv, ...extra });

async function serverCounts() {
  const db = serverDb.open(1);
  const [r] = await db.query<Record<string, number>>(`SELECT
    (SELECT count(*)::int FROM xm_data.documents) AS documents, (SELECT count(*)::int FROM xm_system.inbox) AS inbox,
    (SELECT count(*)::int FROM xm_system.evidence) AS evidence, (SELECT count(*)::int FROM xm_system.outbox) AS outbox`);
  return r!;
}

beforeAll(async () => {
  [centreDb, serverDb] = await Promise.all([testDatabase(), testDatabase()]);
  dir = await tempDir('ds-t2d-');
  const common = { DOCSTREAM_KEY_PASSPHRASE: PASSPHRASE, DOCSTREAM_CONFIG_DIR: await tempDir('ds-conf-') };
  centreEnv = { ...common, DATABASE_URL: centreDb.url, DOCSTREAM_DATA_DIR: join(dir, 'centre') };
  serverEnv = { ...common, DATABASE_URL: serverDb.url, DOCSTREAM_DATA_DIR: join(dir, 'server') };
  const init = await centre(['init', '--matricule', '00042', '--name', 'Mairie de Kati', '--officer', 'chef', '--officer-name', 'Awa Traoré'], { DOCSTREAM_NEW_PASSWORD: OFFICER.DOCSTREAM_PASSWORD });
  expect(init.stderr).toBe('');
});

describe('enrolment and transfer by USB stick (T2D), through the real binaries', () => {
  it('enrols with the one-time code, carries the 1,000 documents, and importing a bundle twice changes nothing', async () => {
    const pki = await server(['--json', 'init']);
    expect(pki.stderr).toBe('');
    expect(pki.json<{ caFingerprint: string }>().caFingerprint).toMatch(/^[0-9a-f]{64}$/);
    const supervisor = await server(['operator', 'init', 'superviseur', '--name', 'Superviseur National'], { DOCSTREAM_NEW_PASSWORD: 'Registre-Central-2026' });
    expect(supervisor.stderr).toBe('');
    const added = await server(['--json', '--user', 'superviseur', 'client', 'add', '--name', 'Mairie de Kati', '--matricule', '00042', '--region', 'Koulikoro'], { DOCSTREAM_PASSWORD: 'Registre-Central-2026' });
    expect(added.stderr).toBe('');
    const { code } = added.json<{ code: string }>();

    // a wrong code is refused at the server and the centre stays unenrolled
    const wrong = await centre(['enroll', '--code', 'AAAA-BBBB-CCCC-DDDD', '--out', join(dir, 'bad.t2d')], OFFICER);
    expect(wrong.code).toBe(0);
    const refused = await server(['--json', 't2d', 'import', join(dir, 'bad.t2d'), '--answer', join(dir, 'bad-answer.t2d')]);
    expect(refused.json<{ outcomes: { kind: string }[] }>().outcomes).toEqual([expect.objectContaining({ kind: 'rejected' })]);

    const req = await centre(['enroll', '--code', code, '--out', join(dir, 'enrol.t2d')], OFFICER);
    expect(req.stderr).toBe('');
    const answered = await server(['--json', 't2d', 'import', join(dir, 'enrol.t2d'), '--answer', join(dir, 'enrol-answer.t2d')]);
    expect(answered.json<{ outcomes: { kind: string }[] }>().outcomes).toEqual([{ kind: 'enrolled', src: '00042' }]);
    const enrolled = await centre(['t2d', 'import', join(dir, 'enrol-answer.t2d')]);
    expect(enrolled.stderr).toBe('');
    // the private key is encrypted at rest, readable by its owner only
    const keyText = await readFile(join(dir, 'centre', 'keys', 'centre.key.pem'), 'utf8');
    expect(keyText).toContain('BEGIN ENCRYPTED PRIVATE KEY');

    const db = createDatabase({ connectionString: centreDb.url, max: 1, embedded: false, description: 'centre' });
    const [chef] = await db.query<{ id: number }>(`SELECT id FROM docstream.users WHERE login = 'chef'`);
    await insertValidatedDocuments(db, birthCertificates('00042', N, chef!.id));
    const local = await db.query<{ niu: string; data: unknown }>('SELECT niu, data FROM docstream.documents ORDER BY niu');
    await db.close();

    const exported = await centre(['--json', 't2d', 'export', join(dir, 'up.t2d')]);
    expect(exported.stderr).toBe('');
    expect(exported.json<{ containers: number }>().containers).toBeGreaterThanOrEqual(1);

    const first = await server(['--json', 't2d', 'import', join(dir, 'up.t2d'), '--answer', join(dir, 'down.t2d')]);
    expect(first.stderr).toBe('');
    const after = await serverCounts();
    expect(after.documents).toBe(N);
    const central = serverDb.open(1);
    expect(await central.query('SELECT niu, data FROM xm_data.documents ORDER BY niu')).toEqual(local);

    const second = await server(['--json', 't2d', 'import', join(dir, 'up.t2d'), '--answer', join(dir, 'down-again.t2d')]);
    expect(second.json<{ outcomes: { kind: string }[] }>().outcomes.every((o) => o.kind === 'replay')).toBe(true);
    expect(await serverCounts()).toEqual(after);

    const applied = await centre(['t2d', 'import', join(dir, 'down.t2d')]);
    expect(applied.stderr).toBe('');
    const again = await centre(['t2d', 'import', join(dir, 'down-again.t2d')]);
    expect(again.code).toBe(0);
    const status = await centre(['--json', 'transmission']);
    expect(status.json<{ counts: Record<string, number> }>().counts).toMatchObject({ waiting: 0, in_flight: 0, acknowledged: N });
    const shown = await centre(['--json', 'doc', 'search', '--status', '3', '--limit', '50'], OFFICER);
    expect(shown.json<{ items: unknown[] }>().items).toHaveLength(0);

    // nothing left to send: the next export carries no container
    const empty = await centre(['--json', 't2d', 'export', join(dir, 'up2.t2d')]);
    expect(empty.json<{ containers: number }>().containers).toBe(0);

    // the seal key was attested with the enrolment: a certified copy prints, and its scan verifies offline
    const copy = await centre(['--json', 'copy', local[0]!.niu, '--out', join(dir, 'copie.pdf')], OFFICER);
    expect(copy.stderr).toBe('');
    expect(copy.json<{ copy_no: number }>().copy_no).toBe(1);
    await run('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'copie.pdf'), join(dir, 'copie')]);
    const verified = await centre(['verify', join(dir, 'copie.png')]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('AUTHENTIQUE');
    expect(verified.stdout).toContain(local[0]!.niu);
    const seal = (await run('zbarimg', ['--raw', '-q', join(dir, 'copie.png')])).stdout.trim();
    const forged = await centre(['--lang', 'en', 'verify', `${seal.slice(0, 60)}${seal[60] === 'A' ? 'B' : 'A'}${seal.slice(61)}`]);
    expect(forged.code).toBe(3);
    expect(forged.stdout).toContain('FORGED');
  }, 120_000);

  it('a bundle that is not ours, or truncated, is refused with what to do', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'junk.t2d'), '{"format":"docstream-t2d","version":1,"from":"00042","to":"ser');
    const r = await server(['t2d', 'import', join(dir, 'junk.t2d'), '--answer', join(dir, 'junk-answer.t2d')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('illisible ou incomplet');
    expect(r.stderr).toContain('unreadable or incomplete');
  });
});
