import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { attestSealKey, generateSealKeyPair, makeSeal, sealKeyId, compressedPoint, verifySeal, SEAL_PREFIX } from '@docstream/core';

const root = generateSealKeyPair();
const centre = generateSealKeyPair();
const attestation = attestSealKey({ matricule: '00042', publicKey: centre.publicKey, notBefore: new Date('2026-01-01'), notAfter: new Date('2028-12-31') }, root.privateKey);
const content = {
  niu: '00042-2026-000123-47', kind: 'acte_naissance', formVersion: 1, issuedOn: new Date('2026-11-24T10:00:00Z'), copy: 3,
  fields: { enfant: 'KONÉ Awa Fatoumata', date_naissance: '2026-03-01', lieu_naissance: 'Bamako, Commune IV', mere: 'TRAORÉ Mariam' },
};

describe('the QR seal', () => {
  it('verifies offline with the root key alone, and fits a small QR', () => {
    const text = makeSeal(content, centre.privateKey, attestation);
    expect(text.startsWith(SEAL_PREFIX)).toBe(true);
    expect(text).toMatch(/^DS1:[0-9A-Z $%*+\-./:]+$/);
    const r = verifySeal(text, root.publicKey);
    expect(r).toMatchObject({ verdict: 'authentic', trustChecked: false, content: { niu: content.niu, centre: '00042', copy: 3, fields: content.fields } });
    const version = QRCode.create(text, { errorCorrectionLevel: 'M' }).version;
    expect(version).toBeLessThanOrEqual(15);
  });

  it('any changed character of the payload gives forged (or unreadable), never authentic', () => {
    const text = makeSeal(content, centre.privateKey, attestation);
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    for (let i = SEAL_PREFIX.length; i < text.length; i += 7) {
      const c = text[i]!;
      const other = alphabet[(alphabet.indexOf(c) + 1) % alphabet.length]!;
      const r = verifySeal(text.slice(0, i) + other + text.slice(i + 1), root.publicKey);
      expect(['forged', 'unreadable']).toContain(r.verdict);
    }
  });

  it('a key the root did not attest gives forged; the trust list gives cancelled and revoked', () => {
    const other = generateSealKeyPair();
    const selfMade = attestSealKey({ matricule: '00042', publicKey: centre.publicKey, notBefore: new Date('2026-01-01'), notAfter: new Date('2028-12-31') }, other.privateKey);
    expect(verifySeal(makeSeal(content, centre.privateKey, selfMade), root.publicKey).verdict).toBe('forged');
    // signed with a key other than the attested one
    expect(verifySeal(makeSeal(content, other.privateKey, attestation), root.publicKey).verdict).toBe('forged');
    const text = makeSeal(content, centre.privateKey, attestation);
    const keyId = sealKeyId(compressedPoint(centre.publicKey)).toString('hex');
    expect(verifySeal(text, root.publicKey, { revokedSealKeys: new Set(), cancelledNius: new Set([content.niu]) }).verdict).toBe('cancelled');
    expect(verifySeal(text, root.publicKey, { revokedSealKeys: new Set([keyId]), cancelledNius: new Set() }).verdict).toBe('revoked');
    expect(verifySeal(text, root.publicKey, { revokedSealKeys: new Set(), cancelledNius: new Set() })).toMatchObject({ verdict: 'authentic', trustChecked: true });
    // issued after the attestation ran out
    expect(verifySeal(makeSeal({ ...content, issuedOn: new Date('2029-06-01') }, centre.privateKey, attestation), root.publicKey).verdict).toBe('forged');
    expect(verifySeal('HC1:NCFOXN%TS3DH', root.publicKey).verdict).toBe('unreadable');
  });
});
