import { randomBytes } from 'node:crypto';
import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DocstreamError, displayNames, eventDateOf, formatNiu, searchableNames, shippedForms,
  type Database, type DocumentData, type Queryable,
} from '@docstream/core';
import { installShippedForms } from '../../core/src/forms/catalog.js';
import type { Session } from '../../core/src/auth/session.js';
import type { Guard } from '../../core/src/server/guard.js';
import { createStatistics, writeFileAside, type Statistics } from '../../core/src/server/statistics.js';
import { centralDocumentsByNumero, searchCentralDocuments } from '../../core/src/server/queries/search.js';
import { scramSha256Verifier } from '../../core/src/server/reporting.js';
import { testDatabase, type TestDatabase } from '../support/test-db.js';
import { withAdmin } from '../support/pg-admin.js';

// The operator layer is another issue's: a guard is injected, so a tiny one stands in,
// refusing as the real one does (suspended first, then the privilege).
function session(userId: number, login: string, privilege: number): Session {
  return Object.freeze({ userId, login, fullName: login, privilege, mustChangePassword: false });
}
const viewer = session(1, 'lecteur', 1);
const supervisor = session(2, 'superviseur', 3);
const suspended = session(3, 'ancien', 0);
const guard: Guard = async (_q, s, min, action) => {
  if (s.privilege === 0) throw new DocstreamError('account_suspended', 'Ce compte est suspendu.', 'This account is suspended.');
  if (s.privilege < min) throw new DocstreamError('forbidden', `Action refusée : ${action.fr}.`, `Not allowed: ${action.en}.`);
  return { id: s.userId, login: s.login };
};

const CENTRES = [
  { matricule: '00042', name: 'Mairie de Kati', region: 'Koulikoro' },
  { matricule: '00043', name: 'Mairie de Ségou', region: 'Ségou' },
  { matricule: '00044', name: 'Mairie de Kayes', region: 'Kayes' },
];

const person = (nom: string, prenoms: string) => ({ nom, prenoms });
const COMMA_QUOTE = 'N\'DIAYE, dit "Le Grand"';

/** Known documents: [centre, kind, data, status, received day]. Numeros follow this order, 1…7. */
const DOCS: [string, string, DocumentData, number, string][] = [
  ['00042', 'acte_naissance', { enfant: person('KONÉ', 'Awa'), sexe: 'F', date_naissance: '2026-01-05', lieu_naissance: 'Kati', mere: person('TRAORÉ', 'Mariam'), date_declaration: '2026-01-06' }, 4, '2026-01-07'],
  ['00042', 'acte_naissance', { enfant: person(COMMA_QUOTE, 'Moussa'), sexe: 'M', date_naissance: '2026-01-20', lieu_naissance: 'Kati', mere: person('CISSÉ', 'Oumou'), date_declaration: '2026-01-21' }, 4, '2026-01-22'],
  ['00042', 'acte_naissance', { enfant: person('DIALLO', 'Éloïse'), sexe: 'F', date_naissance: '2026-02-03', lieu_naissance: 'Kati', mere: person('TOURÉ', 'Aminata'), date_declaration: '2026-02-04' }, 0, '2026-02-05'],
  ['00043', 'acte_naissance', { enfant: person('KONÉ', 'Ibrahim'), sexe: 'M', date_naissance: '2026-02-10', lieu_naissance: 'Ségou', mere: person('DIARRA', 'Awa'), date_declaration: '2026-02-11' }, 4, '2026-02-12'],
  ['00043', 'acte_deces', { defunt: person('KEITA', 'Seydou'), sexe: 'M', date_deces: '2026-02-11', lieu_deces: 'Ségou', declarant: person('KEITA', 'Adama'), date_declaration: '2026-02-12' }, 4, '2026-02-13'],
  ['00044', 'acte_mariage', { epoux: person('COULIBALY', 'Adama'), epoux_date_naissance: '1990-04-01', epouse: person('KONÉ', 'Fatoumata'), epouse_date_naissance: '1994-06-02', date_mariage: '2025-12-31', lieu_mariage: 'Kayes', regime: 'communaute' }, 4, '2026-03-02'],
  ['00044', 'acte_naissance', { enfant: person('SANGARÉ', 'Kadiatou'), sexe: 'F', date_naissance: '2026-03-01', lieu_naissance: 'Kayes', mere: person('MAÏGA', 'Awa'), date_declaration: '2026-03-01' }, 4, '2026-03-03'],
];

async function insertKnownDocuments(q: Queryable): Promise<void> {
  for (const c of CENTRES) {
    await q.query('INSERT INTO xm_system.clients (matricule, name, region) VALUES ($1, $2, $3)', [c.matricule, c.name, c.region]);
  }
  const forms = shippedForms();
  let seq = 0;
  for (const [matricule, kind, data, status, received] of DOCS) {
    const form = forms.find((f) => f.id === kind)!;
    seq += 1;
    await q.query(
      `INSERT INTO xm_data.documents (numero, niu, matricule, form_id, form_version, status, data, names_norm, names_display, event_date, validated_at, received_at, cancelled_at, cancel_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ($12::date + time '10:00') AT TIME ZONE 'UTC', $13, $14)`,
      [seq, formatNiu(matricule, 2026, seq), matricule, kind, form.version, status, data, searchableNames(form, data), displayNames(form, data),
        eventDateOf(form, data), new Date('2026-01-01T08:00:00Z'), received, status === 0 ? new Date('2026-02-06T08:00:00Z') : null, status === 0 ? 'Doublon' : null],
    );
  }
  await q.query(`SELECT setval('xm_data.documents_numero_seq', 7)`);
}

const display = (i: number) => {
  const [, kind, data] = DOCS[i - 1]!;
  return displayNames(shippedForms().find((f) => f.id === kind)!, data);
};

async function collect(fn: (write: (chunk: string) => void) => Promise<number>): Promise<{ text: string; rows: number; chunks: number }> {
  let text = '';
  let chunks = 0;
  const rows = await fn((chunk) => {
    text += chunk;
    chunks += 1;
  });
  return { text, rows, chunks };
}

describe('server search, statistics and CSV export', () => {
  let tdb: TestDatabase;
  let db: Database;
  let stats: Statistics;
  beforeAll(async () => {
    tdb = await testDatabase();
    db = tdb.open(4);
    await db.tx((q) => installShippedForms(q, 'server', new Date('2026-01-01T00:00:00Z')));
    await db.tx(insertKnownDocuments);
    stats = createStatistics(db, guard);
  });

  const numeros = (items: { numero: number }[]) => items.map((h) => h.numero);

  it('searches by name (case and accents ignored), kind, centre, region and event period, newest first', async () => {
    expect(numeros((await stats.search(viewer, { name: 'kone' })).items)).toEqual([6, 4, 1]);
    // every word in one of the person names: Ibrahim KONÉ's mother is an Awa
    expect(numeros((await stats.search(viewer, { name: 'Koné Awa' })).items)).toEqual([4, 1]);
    expect(numeros((await stats.search(viewer, { name: 'KONE awa TRAORÉ' })).items)).toEqual([1]);
    expect(numeros((await stats.search(viewer, { formId: 'acte_naissance' })).items)).toEqual([7, 4, 3, 2, 1]);
    expect(numeros((await stats.search(viewer, { matricule: '00043' })).items)).toEqual([5, 4]);
    expect(numeros((await stats.search(viewer, { region: 'Koulikoro' })).items)).toEqual([3, 2, 1]);
    expect(numeros((await stats.search(viewer, { from: '2026-02-01', to: '2026-02-28' })).items)).toEqual([5, 4, 3]);
    expect(numeros((await stats.search(viewer, { status: 0 })).items)).toEqual([3]);
    expect(numeros((await stats.search(viewer, { niu: formatNiu('00043', 2026, 5) })).items)).toEqual([5]);
    expect(numeros((await stats.search(viewer, { region: 'Ségou', name: 'keita', formId: 'acte_deces' })).items)).toEqual([5]);
    const [hit] = (await stats.search(viewer, { niu: formatNiu('00042', 2026, 2) })).items;
    expect(hit).toEqual({
      numero: 2, niu: formatNiu('00042', 2026, 2), matricule: '00042', form_id: 'acte_naissance', form_version: 1, status: 4,
      event_date: '2026-01-20', names_display: display(2), validated_at: new Date('2026-01-01T08:00:00Z'), received_at: expect.any(Date),
    });
  });

  it('pages with a cursor', async () => {
    const first = await stats.search(viewer, { formId: 'acte_naissance', limit: 2 });
    expect(numeros(first.items)).toEqual([7, 4]);
    expect(first.nextCursor).toBe(4);
    const second = await stats.search(viewer, { formId: 'acte_naissance', limit: 2, before: first.nextCursor! });
    expect(numeros(second.items)).toEqual([3, 2]);
    const last = await stats.search(viewer, { formId: 'acte_naissance', limit: 2, before: second.nextCursor! });
    expect(numeros(last.items)).toEqual([1]);
    expect(last.nextCursor).toBeUndefined();
  });

  it('serves the query functions another module answers centres with', async () => {
    expect(numeros(await searchCentralDocuments(db, { region: 'Kayes', limit: 10 }))).toEqual([7, 6]);
    const docs = await centralDocumentsByNumero(db, [3, 99, 1]);
    expect(docs.map((d) => d.numero)).toEqual([3, 1]);
    expect(docs[0]).toMatchObject({ status: 0, cancel_reason: 'Doublon', data: DOCS[2]![2], cancelled_at: new Date('2026-02-06T08:00:00Z') });
    expect(await centralDocumentsByNumero(db, [])).toEqual([]);
  });

  it('refuses bad criteria with what to do, in French and English', async () => {
    const refused = async (p: Promise<unknown>, field: string) => {
      const e = await p.then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(DocstreamError);
      expect((e as DocstreamError).code).toBe('validation');
      expect((e as DocstreamError).problems.map((x) => x.field)).toContain(field);
    };
    const niu = formatNiu('00042', 2026, 1);
    await refused(stats.search(viewer, { niu: `${niu.slice(0, -1)}${(Number(niu.slice(-1)) + 1) % 10}` }), 'niu');
    await refused(stats.search(viewer, { from: '2026-02-30' }), 'from');
    await refused(stats.search(viewer, { limit: 500 }), 'limit');
    await refused(stats.search(viewer, { before: -3 }), 'before');
    await refused(stats.search(viewer, { matricule: '42' }), 'matricule');
    await refused(stats.search(viewer, { formId: 'acte_inconnu' }), 'formId');
    await refused(stats.counts(viewer, { by: ['kind', 'colour' as never] }), 'by');
    await refused(stats.counts(viewer, { by: ['period'], period: 'week' as never }), 'period');
    await refused(stats.exportKindCsv(viewer, 'x"; DROP TABLE xm_data.documents; --', () => {}), 'formId');
    const e = await stats.search(viewer, { from: 'hier' }).catch((x: DocstreamError) => x);
    expect((e as DocstreamError).fr).toMatch(/AAAA-MM-JJ/);
    expect((e as DocstreamError).en).toMatch(/YYYY-MM-DD/);
  });

  it('counts per kind, centre, region and month, cancelled documents apart', async () => {
    expect(await stats.counts(viewer, { by: ['kind'] })).toEqual([
      { kind: 'acte_deces', n: 1, cancelled: 0 },
      { kind: 'acte_mariage', n: 1, cancelled: 0 },
      { kind: 'acte_naissance', n: 4, cancelled: 1 },
    ]);
    expect(await stats.counts(viewer, { by: ['centre'] })).toEqual([
      { matricule: '00042', centre_name: 'Mairie de Kati', n: 2, cancelled: 1 },
      { matricule: '00043', centre_name: 'Mairie de Ségou', n: 2, cancelled: 0 },
      { matricule: '00044', centre_name: 'Mairie de Kayes', n: 2, cancelled: 0 },
    ]);
    expect(await stats.counts(viewer, { by: ['region'] })).toEqual([
      { region: 'Kayes', n: 2, cancelled: 0 },
      { region: 'Koulikoro', n: 2, cancelled: 1 },
      { region: 'Ségou', n: 2, cancelled: 0 },
    ]);
    expect(await stats.counts(viewer, { by: ['period'], period: 'month' })).toEqual([
      { period: '2025-12', n: 1, cancelled: 0 },
      { period: '2026-01', n: 2, cancelled: 0 },
      { period: '2026-02', n: 2, cancelled: 1 },
      { period: '2026-03', n: 1, cancelled: 0 },
    ]);
    expect(await stats.counts(viewer, { by: [] })).toEqual([{ n: 6, cancelled: 1 }]);
  });

  it('combines groupings and filters, on the event date or the reception date', async () => {
    expect(await stats.counts(viewer, { by: ['region', 'kind'], from: '2026-02-01', to: '2026-03-31' })).toEqual([
      { region: 'Kayes', kind: 'acte_naissance', n: 1, cancelled: 0 },
      { region: 'Koulikoro', kind: 'acte_naissance', n: 0, cancelled: 1 },
      { region: 'Ségou', kind: 'acte_deces', n: 1, cancelled: 0 },
      { region: 'Ségou', kind: 'acte_naissance', n: 1, cancelled: 0 },
    ]);
    expect(await stats.counts(viewer, { by: ['period'], period: 'year' })).toEqual([
      { period: '2025', n: 1, cancelled: 0 },
      { period: '2026', n: 5, cancelled: 1 },
    ]);
    // the 2025 wedding was received in March 2026; to = the last day, inclusive
    expect(await stats.counts(viewer, { by: ['period'], period: 'year', on: 'received' })).toEqual([{ period: '2026', n: 6, cancelled: 1 }]);
    expect(await stats.counts(viewer, { by: ['kind'], on: 'received', from: '2026-03-02', to: '2026-03-02' })).toEqual([{ kind: 'acte_mariage', n: 1, cancelled: 0 }]);
    expect(await stats.counts(viewer, { by: ['period'], period: 'day', formId: 'acte_deces', region: 'Ségou', matricule: '00043' })).toEqual([{ period: '2026-02-11', n: 1, cancelled: 0 }]);
  });

  it('exports a search as CSV: a header, one line per hit, names as typed and quoted where needed', async () => {
    const { text, rows } = await collect((w) => stats.exportSearchCsv(viewer, { formId: 'acte_naissance', limit: 1 }, w));
    expect(rows).toBe(5);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('numero,niu,matricule,form_id,form_version,status,event_date,names_display,validated_at,received_at');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([7, 4, 3, 2, 1]);
    expect(lines[4]).toBe(`2,${formatNiu('00042', 2026, 2)},00042,acte_naissance,1,4,2026-01-20,"${display(2).replaceAll('"', '""')}",2026-01-01T08:00:00.000Z,2026-01-22T10:00:00.000Z`);
    expect(display(2)).toBe('N\'DIAYE, dit "Le Grand" Moussa / CISSÉ Oumou');
    expect(lines[5]).toContain(',KONÉ Awa / TRAORÉ Mariam,');
    expect(lines[3]).toContain(',DIALLO Éloïse / TOURÉ Aminata,');

    const semi = await collect((w) => stats.exportSearchCsv(viewer, { name: 'N’Diaye' }, w, { separator: ';' }));
    expect(semi.rows).toBe(1);
    // a BOM so that spreadsheets read UTF-8; commas need no quotes with ';', double quotes still do
    expect(semi.text.startsWith('\uFEFFnumero;niu;')).toBe(true);
    expect(semi.text).toContain(`;"N'DIAYE, dit ""Le Grand"" Moussa / CISSÉ Oumou";`);

    const none = await collect((w) => stats.exportSearchCsv(viewer, { name: 'personne' }, w));
    expect(none).toMatchObject({ rows: 0, text: 'numero,niu,matricule,form_id,form_version,status,event_date,names_display,validated_at,received_at\n' });
  });

  it('exports a per-kind view as CSV, one column per form field', async () => {
    const { text, rows } = await collect((w) => stats.exportKindCsv(viewer, 'acte_naissance', w));
    expect(rows).toBe(5);
    const lines = text.trimEnd().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 7)).toEqual(['numero', 'niu', 'matricule', 'status', 'form_version', 'validated_at', 'received_at']);
    expect(header).toEqual(expect.arrayContaining(['enfant_nom', 'enfant_prenoms', 'sexe', 'date_naissance', 'mere_nom', 'date_declaration']));
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([1, 2, 3, 4, 7]);
    const second = lines[2]!;
    expect(second).toContain(`,"N'DIAYE, dit ""Le Grand""",Moussa,M,2026-01-20,`);
    const d = await collect((w) => stats.exportKindCsv(viewer, 'acte_deces', w, { separator: ';' }));
    expect(d.rows).toBe(1);
    expect(d.text).toContain(';KEITA;Seydou;M;');
  });

  it('lets a viewer search and export, not a suspended operator; reporting logins need a supervisor', async () => {
    expect((await stats.search(viewer, {})).items).toHaveLength(7);
    await expect(stats.search(suspended, {})).rejects.toMatchObject({ code: 'account_suspended' });
    await expect(stats.counts(suspended, { by: ['kind'] })).rejects.toMatchObject({ code: 'account_suspended' });
    let written = '';
    await expect(stats.exportSearchCsv(suspended, {}, (c) => { written += c; })).rejects.toMatchObject({ code: 'account_suspended' });
    await expect(stats.exportKindCsv(suspended, 'acte_naissance', (c) => { written += c; })).rejects.toMatchObject({ code: 'account_suspended' });
    expect(written).toBe('');
    await expect(stats.createReportingLogin(viewer, `ds_rep_${randomBytes(4).toString('hex')}`, 'un mot de passe solide')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('streams a large export page by page, every document once, and writes files aside', async () => {
    // 2,345 diplomas: more than two export pages
    await db.query(
      `INSERT INTO xm_data.documents (niu, matricule, form_id, form_version, status, data, names_norm, names_display, validated_at)
       SELECT '00044-2025-' || lpad(i::text, 6, '0') || '-00', '00044', 'diplome', 1, 4, jsonb_build_object('i', i), 'x', 'X ' || i, now()
       FROM generate_series(1, 2345) AS i`,
    );
    const search = await collect((w) => stats.exportSearchCsv(viewer, { formId: 'diplome' }, w));
    expect(search.rows).toBe(2345);
    expect(search.chunks).toBe(1 + 3);
    const ids = search.text.trimEnd().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
    expect(new Set(ids).size).toBe(2345);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const view = await collect((w) => stats.exportKindCsv(viewer, 'diplome', w));
    expect(view.rows).toBe(2345);

    const dir = await mkdtemp(join(tmpdir(), 'ds-csv-'));
    try {
      const file = join(dir, 'diplomes.csv');
      const n = await writeFileAside(file, (write) => stats.exportKindCsv(viewer, 'diplome', write, { separator: ';' }));
      expect(n).toBe(2345);
      expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(2347);
      expect(await readdir(dir)).toEqual(['diplomes.csv']);
      // a refused export leaves nothing behind, not even the part file
      await expect(writeFileAside(join(dir, 'refus.csv'), (write) => stats.exportKindCsv(suspended, 'diplome', write))).rejects.toMatchObject({ code: 'account_suspended' });
      expect(await readdir(dir)).toEqual(['diplomes.csv']);
      // an unwritable place: a clear error, in both languages
      const e = await writeFileAside(join(dir, 'no-such-dir', 'x.csv'), async (write) => write('a')).catch((x: DocstreamError) => x);
      expect(e).toBeInstanceOf(DocstreamError);
      expect((e as DocstreamError).fr).toMatch(/écriture impossible/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the reporting role cannot read xm_system', () => {
  const name = `ds_rep_${randomBytes(5).toString('hex')}`;
  const password = 'Rapports-2026 mensuels';
  let tdb: TestDatabase;
  let db: Database;
  let reader: pg.Client | undefined;
  beforeAll(async () => {
    tdb = await testDatabase();
    db = tdb.open(2);
    await db.tx((q) => installShippedForms(q, 'server', new Date('2026-01-01T00:00:00Z')));
    await db.tx(insertKnownDocuments);
    await db.query(`INSERT INTO xm_system.ledger (matricule, service, amount) VALUES ('00042', 'recharge', 1000)`);
  });
  // Roles are cluster-wide: drop this one whatever happened (DROP OWNED also revokes its CONNECT).
  afterAll(async () => {
    await reader?.end().catch(() => {});
    await withAdmin(async (c) => {
      const { rows } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
      if (rows.length) await c.query(`DROP OWNED BY "${name}"; DROP ROLE "${name}"`);
    });
  });

  it('a supervisor creates a login that reads xm_data only, and cannot write', async () => {
    const stats = createStatistics(db, guard);
    expect(await stats.createReportingLogin(supervisor, name, password)).toEqual({ name, database: tdb.name });
    await expect(stats.createReportingLogin(supervisor, name, password)).rejects.toMatchObject({ code: 'conflict' });
    await expect(stats.createReportingLogin(supervisor, 'Robert"; DROP ROLE x; --', password)).rejects.toMatchObject({ code: 'validation' });
    await expect(stats.createReportingLogin(supervisor, 'docstream_reporting', password)).rejects.toMatchObject({ code: 'validation' });
    await expect(stats.createReportingLogin(supervisor, `${name}x`, 'court')).rejects.toMatchObject({ code: 'weak_password' });
    const [audit] = await db.query<{ action: string; actor_login: string }>(`SELECT action, actor_login FROM xm_system.audit WHERE entity_id = $1`, [name]);
    expect(audit).toEqual({ action: 'reporting_login_created', actor_login: 'superviseur' });

    reader = new pg.Client({ host: '127.0.0.1', port: 5432, database: tdb.name, user: name, password });
    await reader.connect();
    expect((await reader.query('SELECT current_user AS u')).rows[0].u).toBe(name);
    expect((await reader.query('SELECT count(*)::int AS n FROM xm_data.documents')).rows[0].n).toBe(7);
    const births = await reader.query('SELECT enfant_nom FROM xm_data.v_acte_naissance ORDER BY numero');
    expect(births.rows.map((r) => r.enfant_nom)).toEqual(['KONÉ', COMMA_QUOTE, 'DIALLO', 'KONÉ', 'SANGARÉ']);
    const denied = async (sql: string) => {
      const e = await reader!.query(sql).then(() => undefined, (x: { code?: string; message?: string }) => x);
      expect(e, sql).toMatchObject({ code: '42501' });
      expect(e!.message).toMatch(/permission denied/);
    };
    await denied('SELECT * FROM xm_system.clients');
    await denied('SELECT * FROM xm_system.ledger');
    await denied('SELECT * FROM xm_system.operators');
    await denied(`INSERT INTO xm_data.documents (niu, matricule, form_id, form_version, status, data, validated_at)
      VALUES ('00042-2026-000999-00', '00042', 'acte_naissance', 1, 4, '{}', now())`);
    await denied(`UPDATE xm_data.documents SET status = 0`);
    await denied('CREATE TABLE xm_data.intrus (x int)');
  });

  it('stores the SCRAM verifier PostgreSQL itself would compute, never the password', async () => {
    const [{ stored }] = await withAdmin(async (c) => (await c.query('SELECT rolpassword AS stored FROM pg_authid WHERE rolname = $1', [name])).rows);
    const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(stored as string);
    expect(m).not.toBeNull();
    expect(scramSha256Verifier(password, Buffer.from(m![2]!, 'base64'), Number(m![1]))).toBe(stored);
    // the same check against a verifier made by PostgreSQL from the plain password
    const other = `ds_rep_${randomBytes(5).toString('hex')}`;
    const pgStored = await withAdmin(async (c) => {
      try {
        await c.query(`SET password_encryption = 'scram-sha-256'`);
        await c.query(`CREATE ROLE "${other}" PASSWORD 'Rapports-2026 mensuels'`);
        return (await c.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [other])).rows[0].rolpassword as string;
      } finally {
        await c.query(`DROP ROLE IF EXISTS "${other}"`);
      }
    });
    const p = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(pgStored)!;
    expect(scramSha256Verifier(password, Buffer.from(p[2]!, 'base64'), Number(p[1]))).toBe(pgStored);
  });
});
