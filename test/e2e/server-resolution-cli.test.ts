import { beforeAll, describe, expect, it } from 'vitest';
import { formatNiu } from '@docstream/core';
import { SERVER_BIN, runCli } from '../support/cli.js';
import { enrolledPair, queueBirths, sealAsCentre, SUPERVISOR, tempDir, type Pair } from '../support/transmission.js';

let pair: Pair;
let env: Record<string, string>;
const server = (args: string[]) => runCli(SERVER_BIN, args, env);
const niu = formatNiu('00042', 2026, 1);

beforeAll(async () => {
  // A conflict at centre 00042 and a quarantine at 00051, made through the core on the database the binary then opens.
  pair = await enrolledPair({ matricule: '00042' });
  await queueBirths(pair, 1);
  await pair.exchange();
  const [stored] = await pair.server.db.query<{ data: Record<string, unknown>; validated_at: Date }>('SELECT data, validated_at FROM xm_data.documents WHERE niu = $1', [niu]);
  await pair.deliver(await sealAsCentre(pair, 'docs', { docs: [{ n: niu, f: 'acte_naissance', fv: 1, va: stored!.validated_at.toISOString(), d: { ...stored!.data, lieu_naissance: 'Kayes' } }] }));
  const suspended = await enrolledPair({ matricule: '00051', server: pair });
  await pair.server.clients.setStatus(pair.admin, '00051', 0);
  await queueBirths(suspended, 2);
  await suspended.exchange();
  env = {
    DATABASE_URL: pair.serverDb.url, DOCSTREAM_CONFIG_DIR: await tempDir('ds-conf-'), DOCSTREAM_DATA_DIR: await tempDir('ds-data-'),
    DOCSTREAM_USER: SUPERVISOR.login, DOCSTREAM_PASSWORD: SUPERVISOR.password,
  };
});

describe('conflicts and quarantine through the real binary', () => {
  it('lists a conflict, shows both versions, resolves it once; a second decision is refused in both languages', async () => {
    const list = await server(['--json', 'conflicts', 'list']);
    expect(list.stderr).toBe('');
    const page = list.json<{ total: number; items: { id: number; niu: string }[] }>();
    expect(page).toMatchObject({ total: 1, items: [{ niu }] });
    const id = String(page.items[0]!.id);
    const shown = await server(['conflicts', 'show', id]);
    expect(shown.stdout).toMatch(/≠ Lieu de naissance\s*\| Kati {2}→ {2}Kayes/);
    expect(shown.stdout).toContain('ask_cancel');
    const done = await server(['conflicts', 'resolve', id, '--decision', 'keep', '--remark', 'Le registre fait foi']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('tranché');
    const again = await server(['conflicts', 'resolve', id, '--decision', 'keep', '--remark', 'encore']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('déjà tranché');
    expect(again.stderr).toContain('already resolved');
    expect((await server(['conflicts', 'list'])).stdout).toContain('Aucun conflit');
    const doc = await server(['--lang', 'en', 'document', 'show', niu]);
    expect(doc.stdout).toContain('Place of birth: Kati');
    expect(doc.stdout).toContain('signed evidence archived');
    expect(doc.stdout).toMatch(/superviseur\s+Conflict #\d+ resolved: keep the centralised version/);
  });

  it('lists the quarantine and rejects a container for good', async () => {
    const list = await server(['quarantine', 'list']);
    expect(list.stdout).toMatch(/00051 .* 1 cont\.\s+2 docs/);
    expect(list.stdout).toContain('client status M 3');
    const held = (await server(['--json', 'quarantine', 'list', '00051'])).json<{ items: { seq: number; state: string }[] }>();
    expect(held.items).toEqual([expect.objectContaining({ state: 'held' })]);
    const none = await server(['quarantine', 'reject', '00051', '--reason', 'doublon']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('--seq N... ou --all');
    const r = await server(['quarantine', 'reject', '00051', '--seq', String(held.items[0]!.seq), '--reason', 'Sauvegarde périmée']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 conteneur(s) refusé(s)');
    expect((await server(['quarantine', 'list'])).stdout).toContain('Rien en quarantaine');
    expect((await server(['quarantine', 'list', '00051', '--state', 'rejected'])).stdout).toContain('Sauvegarde périmée');
    expect((await server(['verify-audit'])).code).toBe(0);
  });
});
