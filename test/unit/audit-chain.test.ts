import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, ChainVerifier, type AuditRow } from '@docstream/core';
import { GENESIS_HASH } from '../../core/src/audit/chain.js';

/** A well-formed chain of n rows, each linked to the previous one with auditHash. */
function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry = {
      seq,
      at: new Date(Date.UTC(2026, 2, 15, 10, seq)),
      actorId: seq % 2 === 0 ? 7 : null,
      actorLogin: seq % 2 === 0 ? 'awa' : null,
      action: 'document.draft',
      entity: 'document',
      entityId: String(100 + seq),
      details: { form: 'acte_naissance', changes: { sexe: 'F', n: seq } },
    };
    const hash = auditHash(entry, prev);
    rows.push({ ...entry, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

const headOf = (rows: AuditRow[]) => ({ lastSeq: rows.at(-1)!.seq, lastHash: rows.at(-1)!.hash });

function verify(rows: AuditRow[], head = headOf(rows)) {
  const v = new ChainVerifier();
  v.feed(rows);
  return v.finish(head);
}

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const a = { b: 1, a: { d: [1, { y: 2, x: 'é' }], c: null } };
    const b = { a: { c: null, d: [1, { x: 'é', y: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[1,{"x":"é","y":2}]},"b":1}');
  });

  it('is JSON that reads back to the same value, with undefined keys dropped', () => {
    const v = { z: [true, 'x', 1.5, null], k: { w: undefined, v: 'ok' } };
    expect(JSON.parse(canonicalJson(v))).toEqual({ k: { v: 'ok' }, z: [true, 'x', 1.5, null] });
  });

  it('keeps array order significant and distinguishes values', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: { b: 1 } })).not.toBe(canonicalJson({ a: { b: 2 } }));
  });
});

describe('auditHash', () => {
  const [row] = chain(1);

  it('is a SHA-256 hex digest that ignores the key order of details', () => {
    const reordered = { ...row!, details: { changes: { n: 1, sexe: 'F' }, form: 'acte_naissance' } };
    expect(auditHash(row!, GENESIS_HASH)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(reordered, GENESIS_HASH)).toBe(row!.hash);
  });

  it('changes with any field and with the previous hash', () => {
    const h = row!.hash;
    expect(auditHash({ ...row!, actorLogin: 'sekou' }, GENESIS_HASH)).not.toBe(h);
    expect(auditHash({ ...row!, at: new Date(row!.at.getTime() + 1) }, GENESIS_HASH)).not.toBe(h);
    expect(auditHash({ ...row!, details: { form: 'acte_naissance', changes: { sexe: 'M', n: 1 } } }, GENESIS_HASH)).not.toBe(h);
    expect(auditHash(row!, createHash('sha256').update('x').digest('hex'))).not.toBe(h);
  });
});

describe('ChainVerifier', () => {
  it('accepts an intact chain fed in batches', () => {
    const rows = chain(5);
    const v = new ChainVerifier();
    expect(v.feed(rows.slice(0, 2))).toBe(true);
    expect(v.feed(rows.slice(2))).toBe(true);
    expect(v.finish(headOf(rows))).toEqual({ ok: true, checked: 5 });
  });

  it('accepts an empty log whose head is the genesis', () => {
    expect(new ChainVerifier().finish({ lastSeq: 0, lastHash: GENESIS_HASH })).toEqual({ ok: true, checked: 0 });
  });

  it('detects altered content', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, details: { ...rows[2]!.details, changes: { sexe: 'M', n: 3 } } };
    const r = verify(rows);
    expect(r).toMatchObject({ ok: false, brokenAt: 3, checked: 2 });
    expect(r.reason!.en).toContain('altered');
    expect(r.reason!.fr).toContain('modifié');
  });

  it('detects an altered row whose hash was recomputed, at the next link', () => {
    const rows = chain(5);
    const forged = { ...rows[2]!, actorLogin: 'intrus' };
    rows[2] = { ...forged, hash: auditHash(forged, forged.prevHash) };
    const r = verify(rows);
    expect(r).toMatchObject({ ok: false, brokenAt: 4 });
    expect(r.reason!.en).toContain('previous hash');
  });

  it('detects a missing middle row', () => {
    const rows = chain(5);
    rows.splice(2, 1);
    const r = verify(rows);
    expect(r).toMatchObject({ ok: false, brokenAt: 3, checked: 2 });
    expect(r.reason!.en).toMatch(/3.*missing/);
  });

  it('detects a broken prev link', () => {
    const rows = chain(5);
    rows[3] = { ...rows[3]!, prevHash: rows[1]!.hash };
    expect(verify(rows)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('detects a log that does not start at the genesis', () => {
    const rows = chain(3);
    rows[0] = { ...rows[0]!, prevHash: 'f'.repeat(64) };
    expect(verify(rows)).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('detects a truncated tail via finish(head)', () => {
    const rows = chain(5);
    const r = verify(rows.slice(0, 3), headOf(rows));
    expect(r).toMatchObject({ ok: false, brokenAt: 4, checked: 3 });
    expect(r.reason!.en).toMatch(/truncated.*5/);
  });

  it('detects a replaced last row through the head hash', () => {
    const rows = chain(5);
    const head = headOf(rows);
    const forged = { ...rows[4]!, action: 'document.cancel' };
    rows[4] = { ...forged, hash: auditHash(forged, forged.prevHash) };
    expect(verify(rows, head)).toMatchObject({ ok: false, brokenAt: 6 });
  });

  it('keeps the first failure once broken', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    const v = new ChainVerifier();
    expect(v.feed(rows.slice(0, 2))).toBe(false);
    expect(v.feed(rows.slice(2))).toBe(false);
    expect(v.finish(headOf(rows))).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
