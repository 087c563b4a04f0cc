import { X509Certificate, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtemp, rm, stat, chmod, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocstreamError } from '../../core/src/errors.js';
import {
  certificateInfo,
  certificatePublicKey,
  checkIssuedBy,
  createCaCertificate,
  createCsr,
  exportPkcs12,
  generateKeyPair,
  importPkcs12,
  issueCertificate,
  issuerAndSerial,
  readCsr,
  type KeyPair,
} from '../../core/src/crypto/pki.js';
import { decryptPrivateKey, encryptPrivateKey, readKeyFile, writeKeyFile } from '../../core/src/crypto/keystore.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const DAY = 86_400_000;

function spki(key: { export(o: { type: 'spki'; format: 'der' }): Buffer }): string {
  return key.export({ type: 'spki', format: 'der' }).toString('hex');
}

/** The error `fn` throws, asserting it is a DocstreamError. */
async function failure(fn: () => unknown): Promise<DocstreamError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DocstreamError);
    return e as DocstreamError;
  }
  throw new Error('expected a failure');
}

let caKey: KeyPair;
let caPem: string;
let centreKey: KeyPair;
let centrePem: string;

beforeAll(() => {
  caKey = generateKeyPair();
  caPem = createCaCertificate({ key: caKey, commonName: 'Autorité Docstream', country: 'ML', now: NOW });
  centreKey = generateKeyPair();
  centrePem = issueCertificate({
    publicKey: centreKey.publicKey,
    commonName: '00042',
    ca: { certPem: caPem, privateKey: caKey.privateKey },
    now: NOW,
    usage: 'centre',
  });
});

describe('certificate authority', () => {
  it('makes a self-signed CA certificate with the CA extensions', () => {
    const x = new X509Certificate(caPem);
    expect(x.ca).toBe(true);
    expect(x.verify(caKey.publicKey)).toBe(true);
    expect(x.checkIssued(x)).toBe(true);
    const info = certificateInfo(caPem);
    expect(info.subjectCN).toBe('Autorité Docstream');
    expect(info.issuerCN).toBe('Autorité Docstream');
    expect(info.isCA).toBe(true);
    expect(info.notBefore.getTime()).toBe(NOW.getTime() - 3_600_000);
    expect(info.notAfter.getUTCFullYear()).toBe(2046);
    expect(info.serialHex).toMatch(/^[0-7][0-9a-f]{31}$/);
    expect(x.subject).toContain('O=Docstream');
  });

  it('issues a centre certificate that chains to the CA', () => {
    const info = certificateInfo(centrePem);
    expect(info.subjectCN).toBe('00042');
    expect(info.issuerCN).toBe('Autorité Docstream');
    expect(info.isCA).toBe(false);
    expect(info.notAfter.getTime() - NOW.getTime()).toBe(825 * DAY);
    expect(info.fingerprint256).toMatch(/^[0-9a-f]{64}$/);
    expect(info.fingerprint256).toBe(new X509Certificate(centrePem).fingerprint256.replace(/:/g, '').toLowerCase());
    expect(new X509Certificate(centrePem).keyUsage?.sort()).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.4']);
    expect(spki(certificatePublicKey(centrePem))).toBe(spki(centreKey.publicKey));
    expect(checkIssuedBy(centrePem, caPem, NOW)).toBe(true);
    // issuerAndSerial is the CA's subject, byte for byte.
    const id = issuerAndSerial(centrePem);
    expect(id.serialHex).toBe(info.serialHex);
    expect(id.issuerDer.equals(issuerAndSerial(caPem).issuerDer)).toBe(true);
  });

  it('gives the server certificate serverAuth as well', () => {
    const key = generateKeyPair();
    const pem = issueCertificate({
      publicKey: key.publicKey,
      commonName: 'docstream-server',
      ca: { certPem: caPem, privateKey: caKey.privateKey },
      now: NOW,
      usage: 'server',
    });
    expect(new X509Certificate(pem).keyUsage?.sort()).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.4']);
    expect(checkIssuedBy(pem, caPem, NOW)).toBe(true);
  });

  it('refuses a certificate from another CA, and one outside its validity', () => {
    const otherKey = generateKeyPair();
    const otherCa = createCaCertificate({ key: otherKey, commonName: 'Autorité Docstream', country: 'ML', now: NOW });
    // Same name, different key: only the signature check tells them apart.
    expect(checkIssuedBy(centrePem, otherCa, NOW)).toBe(false);
    expect(checkIssuedBy(centrePem, caPem, new Date(NOW.getTime() + 826 * DAY))).toBe(false);
    expect(checkIssuedBy(centrePem, caPem, new Date(NOW.getTime() - 2 * 3_600_000))).toBe(false);
    // A leaf is not a CA.
    expect(checkIssuedBy(centrePem, centrePem, NOW)).toBe(false);
  });

  it('refuses a certificate whose signature does not verify', () => {
    const der = new X509Certificate(centrePem).raw;
    der[der.length - 10]! ^= 0x01; // inside the signature value: names and key ids still match
    const forged = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
    expect(new X509Certificate(forged).checkIssued(new X509Certificate(caPem))).toBe(true);
    expect(checkIssuedBy(forged, caPem, NOW)).toBe(false);
  });

  it('refuses to issue with a CA key that does not match the CA certificate', async () => {
    const e = await failure(() =>
      issueCertificate({ publicKey: centreKey.publicKey, commonName: '00043', ca: { certPem: caPem, privateKey: centreKey.privateKey }, now: NOW, usage: 'centre' }),
    );
    expect(e.code).toBe('pki');
  });

  it('refuses an unreadable certificate with a pki error', async () => {
    expect((await failure(() => certificateInfo('not a certificate'))).code).toBe('pki');
  });
});

describe('certificate requests', () => {
  it('round-trips the CN and the public key', () => {
    const csr = createCsr({ key: centreKey, commonName: '00042' });
    expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    const read = readCsr(csr);
    expect(read.commonName).toBe('00042');
    expect(spki(read.publicKey)).toBe(spki(centreKey.publicKey));
  });

  it('rejects a CSR whose subject was changed after signing', async () => {
    const csr = createCsr({ key: centreKey, commonName: '00042' });
    const der = Buffer.from(csr.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    const at = der.indexOf(Buffer.from('00042'));
    expect(at).toBeGreaterThan(0);
    der.write('00099', at, 'latin1');
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect((await failure(() => readCsr(tampered))).code).toBe('pki');
  });

  it('rejects a CSR whose signature was made by another key', async () => {
    const other = generateKeyPair();
    const csr = createCsr({ key: { publicKey: centreKey.publicKey, privateKey: other.privateKey }, commonName: '00042' });
    expect((await failure(() => readCsr(csr))).code).toBe('pki');
  });
});

describe('keys at rest', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ds-keys-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('encrypts and decrypts a private key', () => {
    const pem = encryptPrivateKey(centreKey.privateKey, 'phrase secrète');
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const key = decryptPrivateKey(pem, 'phrase secrète');
    const signature = sign('sha256', Buffer.from('x'), key);
    expect(verify('sha256', Buffer.from('x'), centreKey.publicKey, signature)).toBe(true);
  });

  it('says key_locked for a wrong passphrase and refuses an empty one', async () => {
    const pem = encryptPrivateKey(centreKey.privateKey, 'right');
    const e = await failure(() => decryptPrivateKey(pem, 'wrong'));
    expect(e.code).toBe('key_locked');
    expect(e.fr).toContain('DOCSTREAM_KEY_PASSPHRASE');
    expect((await failure(() => encryptPrivateKey(centreKey.privateKey, ''))).code).toBe('validation');
  });

  it('refuses a clear key where an encrypted one belongs', async () => {
    const clear = centreKey.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect((await failure(() => decryptPrivateKey(clear, 'any'))).code).toBe('pki');
  });

  it('writes a 0600 key file in a 0700 folder, never over an existing one', async () => {
    const path = join(dir, 'new', 'centre.key');
    await writeKeyFile(path, centreKey.privateKey, 'pass');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'new'))).mode & 0o777).toBe(0o700);
    const key = await readKeyFile(path, 'pass');
    expect(spki(createPublicKey(key))).toBe(spki(centreKey.publicKey));
    const before = await readFile(path, 'utf8');
    const e = await failure(() => writeKeyFile(path, generateKeyPair().privateKey, 'pass'));
    expect(e.code).toBe('pki');
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('refuses a key file others can read, and says what to run for a missing one', async () => {
    const path = join(dir, 'loose.key');
    await writeFile(path, encryptPrivateKey(centreKey.privateKey, 'pass'), { mode: 0o644 });
    await chmod(path, 0o644);
    const e = await failure(() => readKeyFile(path, 'pass'));
    expect(e.code).toBe('pki');
    expect(e.en).toContain('chmod 600');
    await chmod(path, 0o600);
    await expect(readKeyFile(path, 'pass')).resolves.toBeDefined();
    const missing = await failure(() => readKeyFile(join(dir, 'none.key'), 'pass'));
    expect(missing.code).toBe('pki');
    expect(missing.en).toContain('init');
    expect((await failure(() => readKeyFile(path, 'bad'))).code).toBe('key_locked');
  });
});

describe('PKCS#12', () => {
  it('round-trips key, certificate and chain', () => {
    const p12 = exportPkcs12({ privateKey: centreKey.privateKey, certPem: centrePem, chainPems: [caPem], passphrase: 'clé à l’écart' });
    const back = importPkcs12(p12, 'clé à l’écart');
    expect(new X509Certificate(back.certPem).raw.equals(new X509Certificate(centrePem).raw)).toBe(true);
    expect(back.chainPems).toHaveLength(1);
    expect(new X509Certificate(back.chainPems[0]!).raw.equals(new X509Certificate(caPem).raw)).toBe(true);
    expect(spki(createPublicKey(back.privateKey))).toBe(spki(centreKey.publicKey));
  });

  it('says key_locked for a wrong passphrase, pki for a file that is not PKCS#12', async () => {
    const p12 = exportPkcs12({ privateKey: centreKey.privateKey, certPem: centrePem, passphrase: 'right' });
    expect((await failure(() => importPkcs12(p12, 'wrong'))).code).toBe('key_locked');
    expect((await failure(() => importPkcs12(Buffer.from('garbage'), 'right'))).code).toBe('pki');
    expect((await failure(() => exportPkcs12({ privateKey: centreKey.privateKey, certPem: centrePem, passphrase: '' }))).code).toBe('validation');
  });
});
