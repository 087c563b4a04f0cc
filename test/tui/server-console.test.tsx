import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, formatNiu, shippedForms, type Database, type Server } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { StatusScreen } from '../../apps/server-tui/src/screens/StatusScreen.js';
import { BINDINGS } from '../../apps/server-tui/src/keys/bindings.js';
import { statusReducer, initialStatus } from '../../apps/server-tui/src/screens/status-reducer.js';
import { mount, type Console } from './harness.js';

let db: Database;
let server: Server;
let open: Console | undefined;

beforeAll(async () => {
  db = (await testDatabase()).open(2);
  server = createServer({ db });
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

async function centralise(sequence: number): Promise<void> {
  const form = shippedForms().find((f) => f.id === 'acte_naissance')!;
  await db.query('INSERT INTO xm_data.forms (id, version, definition) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [form.id, form.version, form]);
  await db.query(
    `INSERT INTO xm_data.documents (niu, matricule, form_id, form_version, status, data, validated_at) VALUES ($1, '00042', $2, $3, 4, '{}', now())`,
    [formatNiu('00042', 2026, sequence), form.id, form.version],
  );
}

describe('server console: status', () => {
  it('shows the database and the central document count, and re-reads it with r', async () => {
    const c = (open = mount(<StatusScreen server={server} lang="fr" refreshSeconds={600} />));
    let f = await c.waitFor('Documents centralisés : 0');
    expect(f).toContain(`Base de données : ${db.description}`);
    expect(f).toContain('? aide  r actualiser  q quitter');
    await centralise(1);
    await c.type('r');
    f = await c.waitFor('Documents centralisés : 1');
  });

  it('`?` shows the help from the key table, Esc closes it, q quits', async () => {
    let exits = 0;
    const c = (open = mount(<StatusScreen server={server} lang="fr" refreshSeconds={600} onExit={() => exits++} />));
    await c.waitFor('Documents centralisés');
    await c.type('?');
    const f = await c.waitFor('Aide — État du serveur');
    for (const b of BINDINGS.filter((x) => x.screens.includes('status'))) expect(f).toContain(b.help.fr);
    expect(f).toContain('Esc fermer  q quitter');
    await c.press('escape');
    await c.waitFor('Documents centralisés');
    await c.type('q');
    await expect.poll(() => exits).toBe(1);
  });

  it('reads the figures again on its own, and speaks English with lang en', async () => {
    const c = (open = mount(<StatusScreen server={server} lang="en" refreshSeconds={1} />));
    await c.waitFor(/Centralised documents: \d/);
    await centralise(2);
    const f = await c.waitFor('Centralised documents: 2', 4_000);
    expect(f).toContain('? help  r refresh  q quit');
    expect(f).toContain('read every 1 s');
    await c.press('ctrlC');
  });

  it('status reducer: one read at a time, stale answers dropped', () => {
    const s = statusReducer(initialStatus, { type: 'refresh' });
    expect(s).toBe(initialStatus); // the first read is still running
    const loaded = statusReducer(initialStatus, { type: 'loaded', request: 1, documents: 3, at: new Date(0) });
    expect(loaded).toMatchObject({ documents: 3, loading: false });
    const again = statusReducer(loaded, { type: 'refresh' });
    expect(statusReducer(again, { type: 'loaded', request: 1, documents: 9, at: new Date(0) })).toBe(again);
  });
});
