import type { KeyObject } from 'node:crypto';
import { decode, encode } from 'cborg';
import { decode as fromBase45, encode as toBase45 } from 'base45';
import { asSign1, compressedPoint, publicKeyFromPoint, sealKeyId, sign1, verify1 } from './cose.js';

/**
 * The QR seal of a certified copy (DESIGN §6), documented for third parties in
 * docs/QR-SEAL.md: "DS1:" + base45(CBOR(COSE_Sign1)). The payload names the document and
 * its key fields and carries the attestation of the centre's seal key by the national seal
 * root, so a verifier needs only the root's public key.
 */
export const SEAL_PREFIX = 'DS1:';

const DAY = 86_400_000;
const days = (d: Date) => Math.floor(d.getTime() / DAY);
const fromDays = (n: number) => new Date(n * DAY);

export interface Attestation {
  matricule: string;
  /** The centre's seal public key, compressed P-256 point. */
  point: Buffer;
  keyId: string;
  notBefore: Date;
  notAfter: Date;
}

/** The national seal root attests a centre's seal key: COSE_Sign1 over {1 matricule, 2 key, 3 from, 4 until (days)}. */
export function attestSealKey(a: { matricule: string; publicKey: KeyObject; notBefore: Date; notAfter: Date }, rootKey: KeyObject): Buffer {
  const point = compressedPoint(a.publicKey);
  const payload = encode(new Map<number, unknown>([[1, a.matricule], [2, point], [3, days(a.notBefore)], [4, days(a.notAfter)]]));
  return Buffer.from(encode(sign1(payload, rootKey)));
}

function readAttestationStructure(v: unknown, root: KeyObject): Attestation {
  const s = asSign1(v);
  if (!verify1(s, root)) throw new SealError('forged', 'attestation not signed by the national seal root');
  const m = decode(s[2], { useMaps: true }) as Map<number, unknown>;
  const point = m.get(2);
  if (typeof m.get(1) !== 'string' || !(point instanceof Uint8Array) || !Number.isInteger(m.get(3)) || !Number.isInteger(m.get(4))) throw new SealError('forged', 'attestation fields');
  return {
    matricule: m.get(1) as string, point: Buffer.from(point), keyId: sealKeyId(point).toString('hex'),
    notBefore: fromDays(m.get(3) as number), notAfter: fromDays((m.get(4) as number) + 1),
  };
}

/** Checks an attestation received from the server against the root (the centre does, before keeping it). */
export function readAttestation(bytes: Uint8Array, root: KeyObject): Attestation {
  return readAttestationStructure(decode(bytes, { useMaps: true }), root);
}

export interface SealContent {
  niu: string;
  /** Form id and version. */
  kind: string;
  formVersion: number;
  /** Key fields as printed (name → text), so the reader compares them with the paper. */
  fields: Record<string, string>;
  issuedOn: Date;
  copy: number;
}

/** Signs a copy's seal with the centre's seal key; `attestation` as the server issued it. */
export function makeSeal(c: SealContent, sealKey: KeyObject, attestation: Uint8Array): string {
  const att = decode(attestation, { useMaps: true });
  const payload = encode(new Map<number, unknown>([
    [1, c.niu], [2, c.kind], [3, c.formVersion], [4, new Map(Object.entries(c.fields))], [5, days(c.issuedOn)], [6, c.copy], [7, att],
  ]));
  // No key id header: the attested key inside says which key signed, and every byte counts in a QR.
  return SEAL_PREFIX + toBase45(encode(sign1(payload, sealKey)));
}

export type SealVerdict = 'authentic' | 'cancelled' | 'revoked' | 'forged' | 'unreadable';

export class SealError extends Error {
  constructor(readonly verdict: 'forged' | 'unreadable', detail: string) {
    super(detail);
  }
}

export interface SealCheck {
  verdict: SealVerdict;
  /** Why, in a few words (English, for logs and the detail line). */
  detail: string;
  content?: SealContent & { centre: string; keyId: string };
  /** Whether a trust list was available to look for cancellations and revocations. */
  trustChecked: boolean;
}

export interface TrustList {
  revokedSealKeys: ReadonlySet<string>;
  cancelledNius: ReadonlySet<string>;
}

/**
 * Verifies a seal offline. Order: readable, signed by the attested key, attested by the
 * root, issued within the attestation, the NIU belongs to the document... then the trust
 * list if known: key revoked, document cancelled.
 */
export function verifySeal(text: string, root: KeyObject, trust?: TrustList): SealCheck {
  const trustChecked = trust !== undefined;
  const t = text.trim();
  if (!t.toUpperCase().startsWith(SEAL_PREFIX)) return { verdict: 'unreadable', detail: 'not a Docstream seal (DS1:)', trustChecked };
  let outer;
  let m: Map<number, unknown>;
  try {
    // Only the one canonical spelling is accepted: a text that decodes to the same bytes
    // but differs (base45 groups out of range, CBOR not in preferred form) is not ours.
    const body = t.slice(SEAL_PREFIX.length).toUpperCase();
    const bytes = fromBase45(body);
    if (toBase45(bytes) !== body) throw new Error('not canonical base45');
    const structure = decode(bytes, { useMaps: true });
    if (!Buffer.from(encode(structure)).equals(bytes)) throw new Error('not canonical CBOR');
    outer = asSign1(structure);
    m = decode(outer[2], { useMaps: true }) as Map<number, unknown>;
    if (!(m instanceof Map)) throw new Error('payload');
  } catch (e) {
    return { verdict: 'unreadable', detail: `cannot decode: ${(e as Error).message}`, trustChecked };
  }
  try {
    const att = readAttestationStructure(m.get(7), root);
    if (!verify1(outer, publicKeyFromPoint(att.point))) throw new SealError('forged', 'seal signature does not match the attested key');
    // Nothing may travel unsigned: an unprotected header would be a place to alter.
    if (outer[1].size > 0) throw new SealError('forged', 'unexpected unprotected header');
    const fields = m.get(4);
    const [niu, kind, formVersion, issued, copy] = [m.get(1), m.get(2), m.get(3), m.get(5), m.get(6)];
    if (typeof niu !== 'string' || typeof kind !== 'string' || !Number.isInteger(formVersion) || !Number.isInteger(issued) || !Number.isInteger(copy) || !(fields instanceof Map)) {
      throw new SealError('forged', 'payload fields');
    }
    const issuedOn = fromDays(issued as number);
    if (issuedOn < att.notBefore || issuedOn >= att.notAfter) throw new SealError('forged', 'issued outside the seal key’s validity');
    const content = {
      niu, kind, formVersion: formVersion as number, issuedOn, copy: copy as number, centre: att.matricule, keyId: att.keyId,
      fields: Object.fromEntries([...fields.entries()].map(([k, v]) => [String(k), String(v)])),
    };
    if (trust?.revokedSealKeys.has(att.keyId)) return { verdict: 'revoked', detail: `seal key ${att.keyId} of centre ${att.matricule} revoked`, content, trustChecked };
    if (trust?.cancelledNius.has(niu)) return { verdict: 'cancelled', detail: `document ${niu} cancelled`, content, trustChecked };
    return { verdict: 'authentic', detail: `sealed by centre ${att.matricule}`, content, trustChecked };
  } catch (e) {
    if (e instanceof SealError) return { verdict: e.verdict, detail: e.message, trustChecked };
    return { verdict: 'forged', detail: (e as Error).message, trustChecked };
  }
}
