import { describe, expect, it } from 'vitest';
import { formatNiu, isValidNiu, parseNiu } from '@docstream/core';

/** The 17 digits of a NIU (body + check), without separators. */
const digitsOf = (niu: string) => niu.replace(/-/g, '');
/** Puts the separators back: 5-4-6-2. */
const asNiu = (d: string) => `${d.slice(0, 5)}-${d.slice(5, 9)}-${d.slice(9, 15)}-${d.slice(15)}`;

const SAMPLES: [string, number, number][] = [
  ['00042', 2026, 123],
  ['00001', 1900, 1],
  ['99999', 9999, 999_999],
  ['31415', 2031, 271_828],
  ['00700', 2026, 100_000],
];

describe('formatNiu', () => {
  it('produces MMMMM-YYYY-SSSSSS-CC with the sequence zero-padded', () => {
    const niu = formatNiu('00042', 2026, 123);
    expect(niu).toMatch(/^00042-2026-000123-\d{2}$/);
  });

  it.each(SAMPLES)('uses ISO 7064 MOD 97-10 check digits (%s, %i, %i)', (m, y, s) => {
    const niu = formatNiu(m, y, s);
    const digits15 = m + String(y) + String(s).padStart(6, '0');
    const cc = niu.slice(-2);
    expect(niu).toBe(`${m}-${y}-${digits15.slice(9)}-${cc}`);
    // Independent check: body followed by the check digits is ≡ 1 (mod 97).
    expect(BigInt(digits15 + cc) % 97n).toBe(1n);
  });

  it('gives different NIUs for different sequences and centres', () => {
    const all = new Set([formatNiu('00042', 2026, 1), formatNiu('00042', 2026, 2), formatNiu('00043', 2026, 1), formatNiu('00042', 2027, 1)]);
    expect(all.size).toBe(4);
  });

  it.each([
    ['4242', 2026, 1],
    ['000042', 2026, 1],
    ['0004a', 2026, 1],
    ['', 2026, 1],
    ['00042', 1899, 1],
    ['00042', 10_000, 1],
    ['00042', 2026.5, 1],
    ['00042', 2026, 0],
    ['00042', 2026, -1],
    ['00042', 2026, 1_000_000],
    ['00042', 2026, 1.5],
  ])('throws RangeError for matricule %j, year %j, sequence %j', (m, y, s) => {
    expect(() => formatNiu(m, y, s)).toThrow(RangeError);
  });
});

describe('parseNiu', () => {
  it.each(SAMPLES)('reads back what formatNiu made (%s, %i, %i)', (m, y, s) => {
    const niu = formatNiu(m, y, s);
    expect(parseNiu(niu)).toEqual({ matricule: m, year: y, sequence: s });
    expect(parseNiu(`  ${niu} `)).toEqual({ matricule: m, year: y, sequence: s });
    expect(isValidNiu(niu)).toBe(true);
  });

  it.each(SAMPLES)('rejects every single-digit substitution (%s, %i, %i)', (m, y, s) => {
    const d = digitsOf(formatNiu(m, y, s));
    let tried = 0;
    for (let i = 0; i < d.length; i++) {
      for (const c of '0123456789') {
        if (c === d[i]) continue;
        const typo = asNiu(d.slice(0, i) + c + d.slice(i + 1));
        expect(parseNiu(typo), typo).toBeUndefined();
        tried++;
      }
    }
    expect(tried).toBe(17 * 9);
  });

  it.each(SAMPLES)('rejects every adjacent transposition of differing digits (%s, %i, %i)', (m, y, s) => {
    const d = digitsOf(formatNiu(m, y, s));
    for (let i = 0; i + 1 < d.length; i++) {
      if (d[i] === d[i + 1]) continue;
      const swapped = asNiu(d.slice(0, i) + d[i + 1] + d[i] + d.slice(i + 2));
      expect(isValidNiu(swapped), swapped).toBe(false);
    }
  });

  it.each([
    '',
    '00042202600012347',
    '0042-2026-000123-47',
    '00042-26-000123-47',
    '00042-2026-123-47',
    '00042-2026-000123-4',
    '00042-2026-000123-470',
    '00042/2026/000123/47',
    '00042-2026-000123',
    'OOO42-2026-000123-47',
    '00042-2026-000123-4x',
  ])('rejects the malformed %j', (text) => {
    expect(parseNiu(text)).toBeUndefined();
  });
});

describe('parseNiu canonical check digits', () => {
  it('accepts only the canonical spelling when the check digits could wrap past 97', async () => {
    const { formatNiu: fmt, parseNiu: parse, niuCheckDigits } = await import('@docstream/core');
    // find bodies whose check digits are 98 or 97: their mod-97 twins (01, 00) must be refused
    let found = 0;
    for (let seq = 1; seq < 5000 && found < 3; seq++) {
      const niu = fmt('00042', 2026, seq);
      const cd = niu.slice(-2);
      if (cd !== '98' && cd !== '97') continue;
      found++;
      const twin = niu.slice(0, -2) + (cd === '98' ? '01' : '00');
      expect(parse(niu)).toBeDefined();
      expect(parse(twin)).toBeUndefined();
      expect(niuCheckDigits(niu.replace(/-/g, '').slice(0, 15))).toBe(cd);
    }
    expect(found).toBeGreaterThan(0);
  });
});
