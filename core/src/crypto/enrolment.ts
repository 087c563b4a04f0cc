import { createHmac, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import { DocstreamError } from '../errors.js';

// Crockford's base32: no I, L, O, U, so a code read aloud over a bad phone line survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 symbols, 80 bits: far beyond guessing, short enough to dictate. */
export function newEnrolmentCode(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += ALPHABET[randomInt(32)];
  return s.match(/.{4}/g)!.join('-');
}

export function normaliseEnrolmentCode(code: string): string {
  const s = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(s)) {
    throw new DocstreamError(
      'validation',
      'Code d’inscription mal saisi : 16 caractères (ex. 7K2M-9QXD-4HRT-B8WN). Relisez-le sur la fiche remise par le serveur central.',
      'Enrolment code mistyped: 16 characters (e.g. 7K2M-9QXD-4HRT-B8WN). Read it again from the slip the central server gave you.',
      { problems: [{ field: 'code', fr: 'code mal saisi', en: 'mistyped code' }] },
    );
  }
  return s;
}

/**
 * Both sides derive the same key from the code; the server stores only this key, and
 * the code never travels: the centre proves it knows the code with a MAC over its
 * request, and the server's answer carries a MAC too, so the centre can trust the CA
 * certificate it receives.
 */
export function enrolmentKey(code: string, matricule: string): string {
  return scryptSync(normaliseEnrolmentCode(code), `docstream-enrol:${matricule}`, 32, { N: 2 ** 14, r: 8, p: 1 }).toString('hex');
}

export function enrolmentMac(keyHex: string, ...parts: string[]): string {
  const h = createHmac('sha256', Buffer.from(keyHex, 'hex'));
  for (const p of parts) h.update(`${Buffer.byteLength(p)}:`).update(p);
  return h.digest('hex');
}

export function macMatches(expectedHex: string, givenHex: string): boolean {
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(/^[0-9a-f]{64}$/.test(givenHex) ? givenHex : '', 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
