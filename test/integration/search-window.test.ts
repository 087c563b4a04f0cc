import { beforeAll, describe, expect, it } from 'vitest';
import { formatNiu, insertValidatedDocuments, normaliseName, type Database, type SearchInput } from '@docstream/core';
import { SEARCH_RECENT_WINDOW } from '../../core/src/centre/queries/documents.js';
import { testDatabase } from '../support/test-db.js';
import { centreWithStaff, type Staff } from '../support/centre-fixture.js';

// More documents than the recent window, so a dated search takes its two-step path.
const N = SEARCH_RECENT_WINDOW + 6_000;
const SURNAMES = ['Diallo', 'Traoré', 'Keïta', 'Sow', 'Coulibaly'];
const GIVEN = ['Awa', 'Moussa', 'Fanta', 'Ibrahima', 'Mariam', 'Seydou', 'Aminata'];
const DAY = 86_400_000;

let db: Database;
let staff: Staff;

beforeAll(async () => {
  db = (await testDatabase()).open();
  staff = await centreWithStaff(db);
  const { agent, secretary, officer } = staff;
  const at = new Date('2026-01-01T00:00:00Z');
  for (let start = 0; start < N; start += 5_000) {
    const batch = [];
    for (let i = start; i < Math.min(N, start + 5_000); i++) {
      // event dates rise with the document number, as registrations do
      const date = new Date(Date.UTC(1955, 0, 1) + i * DAY).toISOString().slice(0, 10);
      const enfant = { nom: SURNAMES[i % 5]!, prenoms: GIVEN[i % 7]! };
      batch.push({
        formId: 'acte_naissance', formVersion: 1, status: 4 as const, niu: formatNiu('00042', 2025, i + 1),
        data: { enfant, sexe: 'F', date_naissance: date, lieu_naissance: 'Mopti', mere: { nom: 'Cissé', prenoms: 'Oumou' }, date_declaration: date },
        namesNorm: `${normaliseName(`${enfant.nom} ${enfant.prenoms}`)} | cisse oumou`, namesDisplay: `${enfant.nom} ${enfant.prenoms} / Cissé Oumou`, eventDate: date,
        createdBy: agent.userId, createdAt: at, verifiedBy: secretary.userId, verifiedAt: at, validatedBy: officer.userId, validatedAt: at,
      });
    }
    await insertValidatedDocuments(db, batch);
  }
  await db.query('ANALYZE docstream.documents');
}, 120_000);

/** What a plain newest-first scan returns: the order the two-step search must reproduce. */
async function reference(word: string[], from: string, to: string): Promise<number[]> {
  const rows = await db.query<{ numero: number }>(
    `SELECT numero FROM docstream.documents WHERE names_norm LIKE $1 AND names_norm LIKE $2 AND event_date BETWEEN $3 AND $4 ORDER BY numero DESC`,
    [`%${word[0]}%`, `%${word[1] ?? ''}%`, from, to],
  );
  return rows.map((r) => r.numero);
}

async function allPages(input: SearchInput): Promise<number[]> {
  const seen: number[] = [];
  let before: number | undefined;
  for (let page = 0; page < 50; page++) {
    const r = await staff.centre.documents.search(staff.agent, { ...input, ...(before === undefined ? {} : { before }) });
    seen.push(...r.items.map((h) => h.numero));
    if (r.nextCursor === undefined) return seen;
    before = r.nextCursor;
  }
  throw new Error('too many pages');
}

describe('dated name search across the recent window', () => {
  it('finds old documents (all beyond the window) in newest-first order', async () => {
    const got = await allPages({ name: 'KEITA', from: '1958-01-01', to: '1958-12-31', limit: 20 });
    const want = await reference(['keita'], '1958-01-01', '1958-12-31');
    expect(want.length).toBeGreaterThan(40);
    expect(got).toEqual(want);
  });

  it('pages seamlessly across the window edge', async () => {
    // a range straddling the window floor: the first pages come from both steps
    const edge = new Date(Date.UTC(1955, 0, 1) + (N - SEARCH_RECENT_WINDOW) * DAY);
    const from = new Date(edge.getTime() - 200 * DAY).toISOString().slice(0, 10);
    const to = new Date(edge.getTime() + 100 * DAY).toISOString().slice(0, 10);
    const got = await allPages({ name: 'diallo awa', from, to, limit: 7 });
    const want = await reference(['diallo', 'awa'], from, to);
    expect(want.length).toBeGreaterThan(5);
    expect(got).toEqual(want);
  });
});
