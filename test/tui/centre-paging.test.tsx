import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { birth, centreWithStaff, OFFICER_PASSWORD, type Staff } from '../support/centre-fixture.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { logIn, mount, type Console } from './harness.js';

let db: Database;
let staff: Staff;
let open: Console | undefined;
const TOTAL = 20;
/** Numero n (1…20, drafted in this order) is the child named NAMES[n - 1]. */
const NAMES = ['Adama', 'Binta', 'Cheick', 'Djeneba', 'Fatou', 'Gaoussou', 'Hawa', 'Ibrahim', 'Kadia', 'Lassina',
  'Mariam', 'Nana', 'Oumou', 'Penda', 'Rokia', 'Seydou', 'Tenin', 'Yacouba', 'Zan', 'Bakary'];
const nameOf = (numero: number) => NAMES[numero - 1]!;

beforeAll(async () => {
  db = (await testDatabase()).open(4);
  staff = await centreWithStaff(db);
  for (let i = 1; i <= TOTAL; i++) {
    const d = await staff.centre.documents.draft(staff.agent, 'acte_naissance', birth({ enfant: { nom: 'DEMBÉLÉ', prenoms: nameOf(i) } }));
    // A long remark makes the detail longer than one screen.
    if (i === TOTAL) await staff.centre.documents.sendBack(staff.secretary, d.numero, 'Préciser le quartier et la commune du lieu de naissance. '.repeat(4));
  }
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

const rowsOf = (frame: string) => frame.split('\n').filter((l) => /^(> | {2}) *\d+ Acte/.test(l));

async function documents(): Promise<Console> {
  open = mount(<App centre={staff.centre} lang="fr" />);
  await open.waitFor('Identifiant');
  await logIn(open, 'chef', OFFICER_PASSWORD);
  await open.waitFor(new RegExp(`Total\\s+${TOTAL}`));
  await open.press('enter');
  await open.waitFor(`DEMBÉLÉ ${nameOf(20)}`);
  return open;
}

describe('centre console: paging and the 80×24 terminal', () => {
  it('pages with → and ← through nextCursor, 16 rows a page at 24 rows', async () => {
    const c = await documents();
    let f = c.frame();
    expect(rowsOf(f)).toHaveLength(16);
    expect(f).toContain('Page 1 · suite : →');
    await c.press('right');
    f = await c.waitFor('Page 2');
    expect(rowsOf(f).map((r) => r.replace(/^> /, '').trim().split(/\s+/)[0])).toEqual(['4', '3', '2', '1']);
    expect(f).not.toContain('suite');
    await c.press('right'); // no further page: nothing changes
    await c.press('left');
    f = await c.waitFor('Page 1');
    expect(rowsOf(f)[0]).toContain(`DEMBÉLÉ ${nameOf(20)}`);
  });

  it('↓ and Enter open the selected document; Esc comes back to the same place', async () => {
    const c = await documents();
    await c.press('down', 'down');
    let f = await c.waitFor((x) => (rowsOf(x)[2] ?? '').startsWith('> '));
    expect(rowsOf(f)[2]).toContain(`DEMBÉLÉ ${nameOf(18)}`);
    await c.press('enter');
    f = await c.waitFor(new RegExp(`Enfant\\s+: DEMBÉLÉ ${nameOf(18)}`));
    expect(f).toContain('Document n° 18');
    await c.press('escape');
    f = await c.waitFor('Page 1');
    expect(rowsOf(f)[2]).toMatch(new RegExp(`^> .*DEMBÉLÉ ${nameOf(18)}`));
  });

  it('draws every screen within 80 columns and 23 lines', async () => {
    const c = await documents();
    await c.type('?');
    await c.waitFor('Aide — Documents');
    await c.press('escape');
    await c.press('enter');
    await c.waitFor('Document n° 20');
    await c.waitFor('Remarque');
    await c.press('pageDown', 'pageDown', 'pageDown');
    await c.waitFor('Historique');
    await c.type('?');
    await c.waitFor('Aide — Détail');
    await c.press('escape');
    await c.type(':');
    await c.waitFor('Écran :');
    await c.press('escape', 'escape', 'escape');
    await c.waitFor('Documents du centre');
    await c.type(':');
    await c.type('mot');
    await c.press('enter');
    await c.waitFor('Mot de passe actuel');
    const frames = c.frames();
    expect(frames.length).toBeGreaterThan(10);
    for (const frame of frames) {
      const lines = frame.split('\n');
      expect(lines.length, frame).toBeLessThanOrEqual(23);
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
    }
  });
});
