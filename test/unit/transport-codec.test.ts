import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { decodePayload, encodePayload, type Message } from '@docstream/core';
import { packGroups } from '../../core/src/transport/packing.js';
import { plausibleTimestamp } from '../../core/src/transport/checks.js';
import { birth } from '../support/centre-fixture.js';

const header = { v: 1, typ: 'docs', src: '00042', dst: 'server', seq: 7, ts: '2026-03-20T10:00:00.000Z' } as const;
const doc = (i: number) => ({ n: `00042-2026-${String(i).padStart(6, '0')}-00`, f: 'acte_naissance', fv: 1, va: '2026-03-20T10:00:00.000Z', d: birth({ lieu_naissance: `Lieu ${i}` }) });

describe('payload codec', () => {
  it('round-trips a message and keeps accents', () => {
    const m = { header, body: { docs: [doc(1)] } } as Message;
    expect(decodePayload(encodePayload(m))).toEqual({ header, body: m.body });
  });

  it('the preset dictionary makes a one-document payload smaller than plain deflate', () => {
    const m = { header, body: { docs: [doc(1)] } } as Message;
    const json = Buffer.from(JSON.stringify({ ...header, body: m.body }));
    const plain = deflateRawSync(json, { level: 9 }).length;
    const withDict = encodePayload(m).length;
    expect(withDict).toBeLessThan(plain * 0.8);
  });

  it('refuses an unknown version, garbage, a deflate bomb and a malformed header', () => {
    const good = encodePayload({ header, body: { docs: [] } } as Message);
    expect(() => decodePayload(Buffer.concat([Buffer.from([9]), good.subarray(1)]))).toThrow(/protocol version/);
    expect(() => decodePayload(Buffer.from([1, 0xff, 0xfe, 0x00]))).toThrow();
    const bomb = Buffer.concat([Buffer.from([1]), deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20))]);
    expect(() => decodePayload(bomb)).toThrow();
    const badSeq = encodePayload({ header: { ...header, seq: -1 }, body: {} } as unknown as Message);
    expect(() => decodePayload(badSeq)).toThrow(/seq/);
    const badType = encodePayload({ header: { ...header, typ: 'drop_tables' }, body: {} } as unknown as Message);
    expect(() => decodePayload(badType)).toThrow(/type/);
  });
});

describe('packing under a size bound', () => {
  // Names that do not repeat, as in life: compression cannot make them vanish.
  const items = Array.from({ length: 500 }, (_, i) => ({ ...doc(i + 1), d: birth({ lieu_naissance: randomBytes(6).toString('hex') }) }));
  const enc = (g: readonly unknown[]) => encodePayload({ header, body: { docs: g } } as Message);

  it('keeps every group under the bound, in order, nothing lost or repeated', () => {
    const groups = packGroups(items, 4096, 5000, enc);
    expect(groups.flatMap((g) => g.items)).toEqual(items);
    for (const g of groups) expect(g.encoded.length).toBeLessThanOrEqual(4096);
    // nearly full: all but the last group use most of the bound
    for (const g of groups.slice(0, -1)) expect(g.encoded.length).toBeGreaterThan(4096 * 0.85);
  });

  it('one-document mode gives one group per item; an oversized item travels alone', () => {
    expect(packGroups(items.slice(0, 5), 4096, 1, enc).map((g) => g.items.length)).toEqual([1, 1, 1, 1, 1]);
    const groups = packGroups(items.slice(0, 3), 50, 5000, enc);
    expect(groups.map((g) => g.items.length)).toEqual([1, 1, 1]);
  });
});

describe('timestamp plausibility', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  it('accepts clock skew and a USB stick’s journey, refuses the future and the ancient', () => {
    expect(plausibleTimestamp('2026-11-24T12:10:00Z', now)).toBe(true);
    expect(plausibleTimestamp('2026-06-01T00:00:00Z', now)).toBe(true);
    expect(plausibleTimestamp('2026-11-24T13:00:00Z', now)).toBe(false);
    expect(plausibleTimestamp('2024-01-01T00:00:00Z', now)).toBe(false);
    expect(plausibleTimestamp('not a date', now)).toBe(false);
  });
});
