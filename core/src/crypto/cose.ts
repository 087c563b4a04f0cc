import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { decode, encode } from 'cborg';

/**
 * The small part of COSE (RFC 9052) the QR seal needs: COSE_Sign1 with ES256 (ECDSA P-256,
 * SHA-256, raw r‖s signature), as the EU Digital COVID Certificate uses it, so a third
 * party can check a seal with any COSE library.
 */
const ES256 = -7;
const PROTECTED = encode(new Map([[1, ES256]]));
const EMPTY = new Uint8Array(0);

/** [protected, unprotected, payload, signature], untagged. */
export type Sign1 = [Uint8Array, Map<number, unknown>, Uint8Array, Uint8Array];

/** The seal keys are P-256: a signature is 64 bytes, a compressed public key 33. */
export function generateSealKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

/** The 33-byte compressed point of a P-256 public (or private) key. */
export function compressedPoint(key: KeyObject): Buffer {
  // JWK whatever form the key was imported in (a key read from a compressed point exports compressed SPKI).
  const jwk = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('not a P-256 key');
  const y = Buffer.from(jwk.y, 'base64url');
  return Buffer.concat([Buffer.from([(y[y.length - 1]! & 1) === 1 ? 3 : 2]), Buffer.from(jwk.x, 'base64url')]);
}

// SubjectPublicKeyInfo of a P-256 key with a compressed point, before the point.
const SPKI_P256_COMPRESSED = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

export function publicKeyFromPoint(point: Uint8Array): KeyObject {
  if (point.length !== 33 || (point[0] !== 2 && point[0] !== 3)) throw new Error('not a compressed P-256 point');
  return createPublicKey({ key: Buffer.concat([SPKI_P256_COMPRESSED, point]), format: 'der', type: 'spki' });
}

/** 8 bytes of SHA-256 of the compressed point: how the trust list names a revoked seal key. */
export function sealKeyId(point: Uint8Array): Buffer {
  return createHash('sha256').update(point).digest().subarray(0, 8);
}

function toBeSigned(protectedHeader: Uint8Array, payload: Uint8Array): Uint8Array {
  return encode(['Signature1', protectedHeader, EMPTY, payload]);
}

export function sign1(payload: Uint8Array, key: KeyObject, kid?: Uint8Array): Sign1 {
  const signature = sign('sha256', toBeSigned(PROTECTED, payload), { key, dsaEncoding: 'ieee-p1363' });
  return [PROTECTED, kid ? new Map([[4, kid]]) : new Map(), payload, signature];
}

/** Reads a COSE_Sign1 structure; throws on anything else. */
export function asSign1(v: unknown): Sign1 {
  if (!Array.isArray(v) || v.length !== 4 || !(v[0] instanceof Uint8Array) || !(v[1] instanceof Map) || !(v[2] instanceof Uint8Array) || !(v[3] instanceof Uint8Array)) {
    throw new Error('not a COSE_Sign1 structure');
  }
  const prot = decode(v[0], { useMaps: true }) as Map<number, unknown>;
  if (!(prot instanceof Map) || prot.get(1) !== ES256) throw new Error('not ES256');
  return v as Sign1;
}

export function verify1(s: Sign1, key: KeyObject): boolean {
  if (s[3].length !== 64) return false;
  return verify('sha256', toBeSigned(s[0], s[2]), { key, dsaEncoding: 'ieee-p1363' }, s[3]);
}
