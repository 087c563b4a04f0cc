import { randomBytes, scrypt as scryptCb, timingSafeEqual, randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import { DocstreamError } from '../errors.js';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

// N = 2^13, r = 8, p = 10: one of OWASP's equivalent minimums for scrypt (Password Storage
// Cheat Sheet), the one that needs least memory: 8 MiB per hash instead of 32 MiB for
// N = 2^15, p = 1, which is also 2.5 times less work. A console on the embedded database
// hashes at login beside PostgreSQL in the same process (docs/PERFORMANCE.md, Console
// start-up); ~0.14 s per hash here.
const LOG_N = 13;
const R = 8;
const P = 10;
const KEY_LEN = 32;

function params(logN: number, r: number, p: number) {
  return { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LEN, params(LOG_N, R, P));
  return `scrypt$${LOG_N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** False for a wrong password and for any stored value that is not a well-formed hash of ours. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (!m) return false;
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = Buffer.from(m[4]!, 'base64');
  const expected = Buffer.from(m[5]!, 'base64');
  // A damaged row with an empty or short key must not let any password in.
  if (expected.length !== KEY_LEN || salt.length < 16 || logN < 13 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LEN, params(logN, r, p));
  return timingSafeEqual(key, expected);
}

/**
 * A stored hash made with other parameters than today's (an account created before they
 * changed): the login that proves the password stores it again with today's.
 */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(`scrypt$${LOG_N}$${R}$${P}$`);
}

/** A hash of nothing anyone knows, so a login for an unknown user costs the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export const MIN_PASSWORD_LENGTH = 10;

export function checkPasswordPolicy(password: string, login: string): void {
  const problems: string[][] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    problems.push([`au moins ${MIN_PASSWORD_LENGTH} caractères`, `at least ${MIN_PASSWORD_LENGTH} characters`]);
  }
  if (login !== '' && password.toLowerCase().includes(login.toLowerCase())) {
    problems.push(['ne pas contenir l’identifiant', 'must not contain the user name']);
  }
  if (/^(.)\1*$/u.test(password)) problems.push(['pas un seul caractère répété', 'not one repeated character']);
  if (problems.length > 0) {
    throw new DocstreamError(
      'weak_password',
      `Mot de passe trop faible : ${problems.map((p) => p[0]).join(', ')}. Choisissez-en un autre.`,
      `Password too weak: ${problems.map((p) => p[1]).join(', ')}. Choose another one.`,
    );
  }
}

/** Temporary passwords handed over by an Officer: readable aloud, no look-alike characters. */
export function generateTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const groups: string[] = [];
  for (let g = 0; g < 3; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += alphabet[randomInt(alphabet.length)];
    groups.push(s);
  }
  return groups.join('-');
}
