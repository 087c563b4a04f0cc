import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DocstreamError, hashPassword, MIN_PASSWORD_LENGTH, normaliseName, verifyPassword } from '@docstream/core';
import { checkPasswordPolicy, generateTemporaryPassword, needsRehash } from '../../core/src/crypto/passwords.js';

describe('normaliseName', () => {
  it.each([
    ['  Koné  Aïssata ', 'kone aissata'],
    ['KONÉ', 'kone'],
    ['Touré'.normalize('NFD'), 'toure'],
    ["N'DIAYE Fatoumata", "n'diaye fatoumata"],
    ['Jean-Pierre\tSANGARÉ', 'jean-pierre sangare'],
    ['Çağla, Ñúñez!', 'cagla nunez'],
    ['   ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it('makes spellings that differ only by case and accents equal', () => {
    expect(normaliseName('KONÉ Aïssata')).toBe(normaliseName('kone aissata'));
    expect(normaliseName('Hélène')).toBe(normaliseName('HELENE'));
  });
});

describe('hashPassword / verifyPassword', () => {
  it('round-trips, and refuses a wrong password', async () => {
    const stored = await hashPassword('Registre-National-2026');
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('Registre-National-2026', stored)).toBe(true);
    expect(await verifyPassword('registre-national-2026', stored)).toBe(false);
    expect(await verifyPassword('Registre-National-2026 ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts: two hashes of the same password differ and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('même-mot-de-passe'), hashPassword('même-mot-de-passe')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('même-mot-de-passe', a)).toBe(true);
    expect(await verifyPassword('même-mot-de-passe', b)).toBe(true);
  });

  it('does not keep the password in the stored form', async () => {
    const stored = await hashPassword('secret-cafe-2026');
    expect(stored).not.toContain('secret');
    expect(stored.split('$')).toHaveLength(6);
  });

  it('accepts an accented password typed in decomposed form', async () => {
    const stored = await hashPassword('Sécurité-2026');
    expect(await verifyPassword('Sécurité-2026'.normalize('NFD'), stored)).toBe(true);
  });

  it('hashes with N = 2^13, r = 8, p = 10 (8 MiB), and still verifies a hash made with N = 2^15, p = 1', async () => {
    const stored = await hashPassword('Registre-National-2026');
    expect(stored).toMatch(/^scrypt\$13\$8\$10\$/);
    expect(needsRehash(stored)).toBe(false);
    const salt = randomBytes(16);
    const key = scryptSync('Registre-National-2026', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 2 ** 20 });
    const old = `scrypt$15$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword('Registre-National-2026', old)).toBe(true);
    expect(await verifyPassword('Registre-National-2025', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
  });

  it('refuses a stored hash whose cost is below the floor', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('faible-2026-x', salt, 32, { N: 2 ** 12, r: 8, p: 1 });
    expect(await verifyPassword('faible-2026-x', `scrypt$12$8$1$${salt.toString('base64')}$${key.toString('base64')}`)).toBe(false);
  });

  it('refuses a stored value of another scheme', async () => {
    expect(await verifyPassword('x', 'bcrypt$2b$10$abc')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });

  // Known bug: verifyPassword derives a key as long as the stored one, so a stored hash
  // whose key part is empty compares two empty buffers and accepts ANY password.
  it('refuses every password against a stored hash with an empty key', async () => {
    const parts = (await hashPassword('le-vrai-mot-de-passe')).split('$');
    parts[5] = '';
    expect(await verifyPassword('nimporte-quoi', parts.join('$'))).toBe(false);
  });
});

describe('checkPasswordPolicy', () => {
  function weakness(password: string, login: string): DocstreamError {
    try {
      checkPasswordPolicy(password, login);
    } catch (e) {
      expect(e).toBeInstanceOf(DocstreamError);
      const err = e as DocstreamError;
      expect(err.code).toBe('weak_password');
      expect(err.fr).not.toBe(err.en);
      return err;
    }
    return expect.fail(`"${password}" was accepted`);
  }

  it('accepts a long password unrelated to the login', () => {
    expect(() => checkPasswordPolicy('saisie-des-actes-1', 'awa')).not.toThrow();
    expect(() => checkPasswordPolicy('x'.repeat(MIN_PASSWORD_LENGTH - 1) + 'y', 'awa')).not.toThrow();
  });

  it(`refuses fewer than ${MIN_PASSWORD_LENGTH} characters, counting characters not bytes`, () => {
    expect(weakness('court-1', 'awa').en).toContain(`at least ${MIN_PASSWORD_LENGTH} characters`);
    expect(weakness('éééé-àààà', 'awa').en).toContain('at least');
  });

  it('refuses a password containing the login, whatever the case', () => {
    const e = weakness('MonNomEstSekou2026', 'sekou');
    expect(e.en).toContain('user name');
    expect(e.fr).toContain('identifiant');
  });

  it('refuses one character repeated', () => {
    expect(weakness('aaaaaaaaaaaa', 'awa').en).toContain('repeated');
  });

  it('lists every weakness at once', () => {
    const e = weakness('awa', 'awa');
    expect(e.en).toContain('at least');
    expect(e.en).toContain('user name');
  });
});

describe('generateTemporaryPassword', () => {
  const samples = Array.from({ length: 200 }, generateTemporaryPassword);

  it('is three groups of four readable characters, without look-alikes (0 o 1 l i)', () => {
    for (const p of samples) expect(p).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  });

  it('is random', () => {
    expect(new Set(samples).size).toBe(samples.length);
  });

  // 'officier' contains o and i, which the alphabet lacks, so it can never appear in one.
  it('is long enough for the policy', () => {
    for (const p of samples.slice(0, 20)) expect(() => checkPasswordPolicy(p, 'officier')).not.toThrow();
  });
});

describe('names typed with a curly apostrophe', () => {
  it('normalise to the same search text as with a straight one', async () => {
    const { normaliseName: n } = await import('@docstream/core');
    expect(n('N’Diaye')).toBe(n("N'Diaye"));
  });
});

describe('a person name with a curly apostrophe', () => {
  it('is accepted and stored with the straight one', async () => {
    const { shippedForms, validateDocument } = await import('@docstream/core');
    const form = shippedForms().find((f) => f.id === 'acte_deces')!;
    const r = validateDocument(form, { defunt: { nom: 'N’Diaye', prenoms: 'Aïda' } }, { complete: false, today: '2026-11-23' });
    expect(r.problems).toEqual([]);
    expect(r.data.defunt).toEqual({ nom: "N'Diaye", prenoms: 'Aïda' });
  });
});
