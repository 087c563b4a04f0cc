import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocstreamError, formatNiu } from '@docstream/core';
import { centralCriteria, countCriteria, csvChunk, writeFileAside } from '../../core/src/server/statistics.js';
import { scramSha256Verifier } from '../../core/src/server/reporting.js';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DocstreamError);
    expect((e as DocstreamError).code).toBe('validation');
    return (e as DocstreamError).problems.map((p) => p.field);
  }
  throw new Error('accepted');
}

describe('central search criteria', () => {
  it('normalises names, trims, and keeps only what was given', () => {
    const niu = formatNiu('00042', 2026, 7);
    expect(centralCriteria({ name: '  KONÉ  Awa ', niu: ` ${niu} `, formId: 'acte_naissance', matricule: '00042', region: ' Ségou ', from: '2026-01-01', to: '2026-12-31', status: 0, before: 10, limit: 50 })).toEqual({
      criteria: { nameWords: ['kone', 'awa'], niu, formId: 'acte_naissance', matricule: '00042', region: 'Ségou', from: '2026-01-01', to: '2026-12-31', status: 0, before: 10 },
      limit: 50,
    });
    expect(centralCriteria({ name: '   ', niu: '', region: '' })).toEqual({ criteria: {}, limit: 20 });
  });

  it('reports every bad criterion at once', () => {
    expect(problemsOf(() => centralCriteria({ niu: '00042-2026-000007-00', from: '2026-02-29', to: '2026-13-01', limit: 0, before: 1.5, status: 9, matricule: 'Kati', formId: 'Acte-Naissance' })))
      .toEqual(expect.arrayContaining(['niu', 'from', 'to', 'limit', 'before', 'status', 'matricule', 'formId']));
    expect(problemsOf(() => centralCriteria({ from: '2026-03-01', to: '2026-02-01' }))).toEqual(['to']);
    expect(problemsOf(() => centralCriteria({ region: 'a\u0000b' }))).toEqual(['region']);
  });
});

describe('statistics criteria', () => {
  it('defaults to months of the event date and drops repeated groupings', () => {
    expect(countCriteria({ by: ['kind', 'kind', 'period'] })).toEqual({ by: ['kind', 'period'], period: 'month', basis: 'event' });
    expect(countCriteria({ by: [], period: 'year', on: 'received', region: 'Kayes' })).toEqual({ by: [], period: 'year', basis: 'received', region: 'Kayes' });
  });
  it('refuses unknown groupings, periods and bases', () => {
    expect(problemsOf(() => countCriteria({ by: ['colour' as never], period: 'week' as never, on: 'printed' as never }))).toEqual(['by', 'period', 'on']);
  });
});

describe('CSV', () => {
  const cols = ['numero', 'names_display', 'event_date', 'validated_at', 'tally'];
  const row = { numero: 3, names_display: 'N\'DIAYE, dit "Le Grand" Moussa', event_date: '2026-01-20', validated_at: new Date('2026-01-21T08:30:00Z'), tally: { a: 1 } };

  it('quotes what needs quoting, keeps accents, writes instants in ISO 8601 UTC', () => {
    expect(csvChunk([row, { ...row, numero: 4, names_display: 'KONÉ Awa', event_date: null }], cols, true)).toBe(
      'numero,names_display,event_date,validated_at,tally\n' +
      '3,"N\'DIAYE, dit ""Le Grand"" Moussa",2026-01-20,2026-01-21T08:30:00.000Z,"{""a"":1}"\n' +
      '4,KONÉ Awa,,2026-01-21T08:30:00.000Z,"{""a"":1}"\n',
    );
  });

  it('with ";" puts a BOM before the header only, and quotes fields holding ";" or quotes', () => {
    const header = csvChunk([], cols, true, { separator: ';' });
    expect(header).toBe('\uFEFFnumero;names_display;event_date;validated_at;tally\n');
    expect(csvChunk([{ ...row, names_display: 'A; B' }], cols, false, { separator: ';' })).toBe('3;"A; B";2026-01-20;2026-01-21T08:30:00.000Z;"{""a"":1}"\n');
    expect(csvChunk([], cols, true, { separator: ';', bom: false }).startsWith('numero')).toBe(true);
    expect(csvChunk([], cols, true, { bom: true }).startsWith('\uFEFFnumero,')).toBe(true);
  });
});

describe('files written aside', () => {
  it('turns a full disk into a bilingual error and leaves no part file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ds-aside-'));
    try {
      const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const e = await writeFileAside(join(dir, 'out.csv'), async (write) => {
        await write('numero\n');
        throw full;
      }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DocstreamError);
      expect((e as DocstreamError).fr).toMatch(/support plein/);
      expect((e as DocstreamError).en).toMatch(/device is full/);
      expect(await readdir(dir)).toEqual([]);
      expect(await writeFileAside(join(dir, 'ok.csv'), async (write) => { await write('a\n'); return 1; })).toBe(1);
      expect(await readdir(dir)).toEqual(['ok.csv']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('SCRAM-SHA-256 verifier', () => {
  it('has PostgreSQL’s layout and depends on the salt', () => {
    const salt = Buffer.alloc(16, 7);
    const v = scramSha256Verifier('pencil pencil', salt);
    expect(v).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
    expect(scramSha256Verifier('pencil pencil', salt)).toBe(v);
    expect(scramSha256Verifier('pencil pencil')).not.toBe(v);
    expect(v).not.toContain('pencil');
  });
});
