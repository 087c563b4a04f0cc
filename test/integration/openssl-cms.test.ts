/**
 * The containers against the reference implementation: what Docstream seals, the openssl
 * command line opens and verifies, and the other way round (DESIGN §4: any auditor must be
 * able to check a container with `openssl cms`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateInfo,
  createCaCertificate,
  createCsr,
  exportPkcs12,
  generateKeyPair,
  importPkcs12,
  issueCertificate,
  readCsr,
  type KeyPair,
} from '../../core/src/crypto/pki.js';
import { ContainerRejected, decrypt, parseSignedData, seal, verifySignature } from '../../core/src/crypto/sdc.js';

let dir: string;
const at = (name: string) => join(dir, name);

interface Party {
  key: KeyPair;
  certPem: string;
}
let caKey: KeyPair;
let caPem: string;
let server: Party;
let centre: Party;

/** Runs openssl; returns stdout, or throws with its stderr. */
function openssl(args: string[], input?: Buffer): Buffer {
  return execFileSync('openssl', args, { cwd: dir, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

/** The auditor's pipe, exactly as an operator would type it. */
function auditorPipe(sdcFile: string, verifyArgs: string): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync(
    'bash',
    ['-c', `set -o pipefail; openssl cms -decrypt -inform DER -in ${sdcFile} -recip server.pem -inkey server.key | openssl cms -verify -inform DER ${verifyArgs}`],
    { cwd: dir, maxBuffer: 64 << 20 },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

const pkcs8 = (k: KeyPair) => k.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

function spki(key: { export(o: { type: 'spki'; format: 'der' }): Buffer }): string {
  return key.export({ type: 'spki', format: 'der' }).toString('hex');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ds-openssl-'));
  const now = new Date();
  caKey = generateKeyPair();
  caPem = createCaCertificate({ key: caKey, commonName: 'Autorité de certification Docstream', country: 'ML', now });
  const issue = (cn: string, usage: 'server' | 'centre'): Party => {
    const key = generateKeyPair();
    return { key, certPem: issueCertificate({ publicKey: key.publicKey, commonName: cn, ca: { certPem: caPem, privateKey: caKey.privateKey }, now, usage }) };
  };
  server = issue('docstream-server', 'server');
  centre = issue('00042', 'centre');
  // Keys in clear, mode 0600, in a private temporary folder: only openssl reads them.
  await writeFile(at('ca.pem'), caPem);
  await writeFile(at('server.pem'), server.certPem);
  await writeFile(at('server.key'), pkcs8(server.key), { mode: 0o600 });
  await writeFile(at('centre.pem'), centre.certPem);
  await writeFile(at('centre.key'), pkcs8(centre.key), { mode: 0o600 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('certificates and requests with openssl', () => {
  it('openssl verifies the chain of both issued certificates', () => {
    expect(openssl(['verify', '-CAfile', 'ca.pem', 'server.pem', 'centre.pem']).toString()).toBe('server.pem: OK\ncentre.pem: OK\n');
    const text = openssl(['x509', '-in', 'centre.pem', '-noout', '-text']).toString();
    expect(text).toContain('CA:FALSE');
    expect(text).toContain('Digital Signature, Key Encipherment');
    expect(text).toContain('TLS Web Client Authentication');
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text).toMatch(/Subject: O ?= ?Docstream, CN ?= ?00042/);
    const ca = openssl(['x509', '-in', 'ca.pem', '-noout', '-text']).toString();
    expect(ca).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(ca).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(ca).toContain('Subject Key Identifier');
  });

  it('openssl accepts our CSR and we accept openssl’s', async () => {
    await writeFile(at('ours.csr'), createCsr({ key: centre.key, commonName: '00042' }));
    expect(openssl(['req', '-in', 'ours.csr', '-verify', '-noout']).toString() + '').toBeDefined();
    openssl(['req', '-new', '-key', 'centre.key', '-subj', '/O=Docstream/CN=00043', '-out', 'theirs.csr']);
    const read = readCsr(await readFile(at('theirs.csr'), 'utf8'));
    expect(read.commonName).toBe('00043');
    expect(spki(read.publicKey)).toBe(spki(centre.key.publicKey));
  });
});

describe('Docstream → openssl', () => {
  const content = Buffer.from(JSON.stringify({ v: 1, typ: 'docs', src: '00042', dst: 'server', seq: 7, body: 'é'.repeat(300) }));

  it('opens and verifies a container without certificates, given the centre certificate', async () => {
    await writeFile(at('bare.sdc'), seal({ content, signer: { certPem: centre.certPem, privateKey: centre.key.privateKey }, recipientCertPem: server.certPem }));
    const r = auditorPipe('bare.sdc', '-CAfile ca.pem -certfile centre.pem');
    expect(r.stderr).toContain('Verification successful');
    expect(r.status).toBe(0);
    expect(r.stdout.equals(content)).toBe(true);
    // Without the certificate openssl cannot find the signer: certificates really are left out.
    const lacking = auditorPipe('bare.sdc', '-CAfile ca.pem');
    expect(lacking.status).not.toBe(0);
  });

  it('opens and verifies a container that carries its certificate', async () => {
    await writeFile(
      at('full.sdc'),
      seal({ content, signer: { certPem: centre.certPem, privateKey: centre.key.privateKey }, recipientCertPem: server.certPem, includeCertificates: true }),
    );
    const r = auditorPipe('full.sdc', '-CAfile ca.pem');
    expect(r.stderr).toContain('Verification successful');
    expect(r.status).toBe(0);
    expect(r.stdout.equals(content)).toBe(true);
  });

  it('shows the structure DESIGN §4 describes', async () => {
    const outer = openssl(['asn1parse', '-inform', 'DER', '-in', 'full.sdc']).toString();
    expect(outer).toContain('id-smime-ct-authEnvelopedData');
    expect(outer).toContain('rsaesOaep');
    expect(outer).toContain('mgf1');
    expect(outer).toContain('aes-256-gcm');
    const inner = openssl(['cms', '-decrypt', '-inform', 'DER', '-in', 'full.sdc', '-recip', 'server.pem', '-inkey', 'server.key']);
    const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER'], inner).toString();
    expect(printed).toContain('contentType: pkcs7-signedData');
    expect(printed).toContain('algorithm: sha256WithRSAEncryption');
    expect(printed).toMatch(/object: contentType[\s\S]*object: signingTime[\s\S]*object: messageDigest/);
    // Signer and recipient named by subjectKeyIdentifier, as `openssl cms -keyid` does.
    expect(printed).toMatch(/version: 3[\s\S]*d\.subjectKeyIdentifier/);
    const envelope = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'full.sdc']).toString();
    expect(envelope).toContain('d.subjectKeyIdentifier');
  });

  it('a flipped bit makes openssl fail as well (by its exit status)', async () => {
    const sdc = await readFile(at('full.sdc'));
    for (const byte of [30, 200, Math.floor(sdc.length / 2), sdc.length - 3]) {
      const damaged = Buffer.from(sdc);
      damaged[byte]! ^= 0x10;
      await writeFile(at('damaged.sdc'), damaged);
      // pipefail matters: with a damaged GCM tag (the last bytes), `openssl cms -decrypt`
      // writes the plaintext out before it checks the tag, then exits 4; the verify after
      // it succeeds on that plaintext. Only the decrypt's exit status shows the damage.
      expect(auditorPipe('damaged.sdc', '-CAfile ca.pem').status, `flip at ${byte}`).not.toBe(0);
      const decryptOnly = spawnSync('openssl', ['cms', '-decrypt', '-inform', 'DER', '-in', 'damaged.sdc', '-recip', 'server.pem', '-inkey', 'server.key'], { cwd: dir });
      expect(decryptOnly.status, `flip at ${byte}`).not.toBe(0);
    }
  });
});

describe('openssl → Docstream', () => {
  const content = Buffer.from('résultats du bureau 12: 431 votants\n'.repeat(20));

  async function opensslContainer(stream: boolean, extraSign: string[] = [], extraEncrypt: string[] = []): Promise<Buffer> {
    await writeFile(at('content.bin'), content);
    const streamed = stream ? ['-stream'] : [];
    openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-nodetach', '-outform', 'DER', '-signer', 'centre.pem', '-inkey', 'centre.key', '-in', 'content.bin', '-out', 'signed.der', ...streamed, ...extraSign]);
    // -inform is for messages openssl reads; the signed DER is the data to encrypt, as is.
    openssl(['cms', '-encrypt', '-binary', '-aes-256-gcm', '-recip', 'server.pem', '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256', '-in', 'signed.der', '-outform', 'DER', '-out', 'sdc.der', ...streamed, ...extraEncrypt]);
    return readFile(at('sdc.der'));
  }

  it('opens and verifies what `openssl cms -sign | openssl cms -encrypt` makes', async () => {
    const sdc = await opensslContainer(false);
    const opened = decrypt(sdc, { certPem: server.certPem, privateKey: server.key.privateKey });
    verifySignature(opened, centre.certPem);
    expect(opened.content.equals(content)).toBe(true);
    // openssl includes the signer certificate and adds smimeCapabilities: both accepted.
    expect(opened.certificatesPem).toEqual([centre.certPem]);
    expect(opened.signingTime).toBeInstanceOf(Date);
    expect(opened.signedData.equals(await readFile(at('signed.der')))).toBe(true);
    // Without -keyid openssl names the signer by issuer and serial.
    expect(opened.signer.skiHex).toBeUndefined();
    expect(opened.signer.serialHex).toBe(certificateInfo(centre.certPem).serialHex);
  });

  it('opens and verifies what `openssl cms -sign -keyid | openssl cms -encrypt -keyid` makes', async () => {
    const sdc = await opensslContainer(false, ['-keyid'], ['-keyid']);
    const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'sdc.der']).toString();
    expect(printed).toContain('subjectKeyIdentifier');
    const opened = decrypt(sdc, { certPem: server.certPem, privateKey: server.key.privateKey });
    verifySignature(opened, centre.certPem);
    expect(opened.content.equals(content)).toBe(true);
    expect(opened.signer).toEqual({ skiHex: certificateInfo(centre.certPem).skiHex });
    // Streamed too, and the signed data on its own.
    const streamed = await opensslContainer(true, ['-keyid'], ['-keyid']);
    verifySignature(decrypt(streamed, { certPem: server.certPem, privateKey: server.key.privateKey }), centre.certPem);
    verifySignature(parseSignedData(await readFile(at('signed.der'))), centre.certPem);
  });

  it('reads the BER indefinite-length encoding of openssl’s streaming mode', async () => {
    const sdc = await opensslContainer(true);
    expect(sdc[1]).toBe(0x80); // indefinite length: really BER
    const opened = decrypt(sdc, { certPem: server.certPem, privateKey: server.key.privateKey });
    expect(opened.signedData[1]).toBe(0x80);
    verifySignature(opened, centre.certPem);
    expect(opened.content.equals(content)).toBe(true);
  });

  it('verifies openssl’s signed data on its own, without certificates', async () => {
    await opensslContainer(false, ['-nocerts']);
    const opened = parseSignedData(await readFile(at('signed.der')));
    expect(opened.certificatesPem).toEqual([]);
    verifySignature(opened, centre.certPem);
    expect(opened.content.equals(content)).toBe(true);
  });

  it('rejects openssl’s container with a flipped bit', async () => {
    const sdc = await opensslContainer(false);
    sdc[sdc.length - 100]! ^= 1;
    expect(() => decrypt(sdc, { certPem: server.certPem, privateKey: server.key.privateKey })).toThrow(ContainerRejected);
  });
});

describe('PKCS#12 with openssl', () => {
  it('openssl reads the PKCS#12 we write (AES-256, SHA-256 MAC)', async () => {
    await writeFile(at('ours.p12'), exportPkcs12({ privateKey: centre.key.privateKey, certPem: centre.certPem, chainPems: [caPem], passphrase: 'clé secrète' }));
    const info = spawnSync('openssl', ['pkcs12', '-in', 'ours.p12', '-info', '-nodes', '-passin', 'pass:clé secrète'], { cwd: dir });
    expect(info.status, info.stderr.toString()).toBe(0);
    const err = info.stderr.toString();
    expect(err).toContain('MAC: sha256');
    expect(err).toContain('AES-256-CBC');
    const out = info.stdout.toString();
    expect(out).toContain('BEGIN PRIVATE KEY');
    expect(out).toContain(centre.certPem.trim().split('\n')[1]);
    expect(out).toContain(caPem.trim().split('\n')[1]);
  });

  it('imports the PKCS#12 files openssl writes, modern and legacy', async () => {
    const variants: [string, string[]][] = [
      ['modern.p12', []],
      ['legacy.p12', ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']],
    ];
    for (const [file, extra] of variants) {
      openssl(['pkcs12', '-export', '-inkey', 'centre.key', '-in', 'centre.pem', '-certfile', 'ca.pem', '-passout', 'pass:phrase àéï', '-out', file, ...extra]);
      const got = importPkcs12(await readFile(at(file)), 'phrase àéï');
      expect(got.certPem).toBe(centre.certPem);
      expect(got.chainPems).toEqual([caPem]);
      expect(spki(createPublicKey(got.privateKey))).toBe(spki(centre.key.publicKey));
      expect(() => importPkcs12(Buffer.alloc(0), 'x')).toThrow();
      let code: string | undefined;
      try {
        importPkcs12(await readFile(at(file)), 'phrase aei');
      } catch (e) {
        code = (e as { code?: string }).code;
      }
      expect(code, file).toBe('key_locked');
    }
  });
});
