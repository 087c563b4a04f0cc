import { createHash, sign } from 'node:crypto';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificateInfo, createCaCertificate, generateKeyPair, issueCertificate, loadCertificate, type KeyPair } from '../../core/src/crypto/pki.js';
import {
  ContainerRejected,
  decrypt,
  parseSignedData,
  rejected,
  seal,
  signOnly,
  verifySignature,
  type Opened,
} from '../../core/src/crypto/sdc.js';
import { content, ctxPrim, decode, items, octets, raw, readSmallInt, seq, tlv, TAG, type Node } from '../../core/src/crypto/cms-asn1.js';

const NOW = new Date('2026-03-01T10:00:00Z');

interface Party {
  key: KeyPair;
  certPem: string;
}

let server: Party;
let centre: Party;
let stranger: Party;

function party(caKey: KeyPair, caPem: string, cn: string, usage: 'server' | 'centre'): Party {
  const key = generateKeyPair();
  const certPem = issueCertificate({ publicKey: key.publicKey, commonName: cn, ca: { certPem: caPem, privateKey: caKey.privateKey }, now: NOW, usage });
  return { key, certPem };
}

beforeAll(() => {
  const caKey = generateKeyPair();
  const caPem = createCaCertificate({ key: caKey, commonName: 'Docstream CA', now: NOW });
  server = party(caKey, caPem, 'docstream-server', 'server');
  centre = party(caKey, caPem, '00042', 'centre');
  stranger = party(caKey, caPem, '00077', 'centre');
});

const asServer = () => ({ certPem: server.certPem, privateKey: server.key.privateKey });
const asCentre = () => ({ certPem: centre.certPem, privateKey: centre.key.privateKey });

function sealFromCentre(content: Buffer, extra: { includeCertificates?: boolean; signingTime?: Date } = {}): Buffer {
  return seal({ content, signer: asCentre(), recipientCertPem: server.certPem, signingTime: NOW, ...extra });
}

/** The rejection `fn` throws; anything else (or nothing) fails the test. */
function rejection(fn: () => unknown): ContainerRejected {
  try {
    fn();
  } catch (e) {
    if (e instanceof ContainerRejected) return e;
    throw new Error(`expected ContainerRejected, got ${String(e)}`);
  }
  throw new Error('expected ContainerRejected, but it was accepted');
}

function open(sdc: Buffer): Opened {
  const opened = decrypt(sdc, asServer());
  verifySignature(opened, centre.certPem);
  return opened;
}

describe('seal, decrypt, verify', () => {
  it('round-trips the content, the signer and the signing time', () => {
    const content = Buffer.from('{"v":1,"typ":"docs","src":"00042"} données é');
    const opened = open(sealFromCentre(content));
    expect(opened.content.equals(content)).toBe(true);
    expect(opened.signingTime?.toISOString()).toBe(NOW.toISOString());
    expect(opened.certificatesPem).toEqual([]);
    expect(opened.signer).toEqual({ skiHex: certificateInfo(centre.certPem).skiHex });
    expect(opened.signer.skiHex).toMatch(/^[0-9a-f]{40}$/);
    // The archived evidence stands alone: it parses and verifies without the envelope.
    const again = parseSignedData(opened.signedData);
    expect(again.content.equals(content)).toBe(true);
    verifySignature(again, centre.certPem);
  });

  it('round-trips empty and large contents', () => {
    for (const size of [0, 1, 127, 128, 65_535, 65_536, 1_000_000]) {
      const content = Buffer.alloc(size, 0x5a);
      expect(open(sealFromCentre(content)).content.equals(content)).toBe(true);
    }
  });

  it('writes signingTime as GeneralizedTime from 2050', () => {
    const when = new Date('2051-06-01T00:00:00Z');
    const opened = open(sealFromCentre(Buffer.from('x'), { signingTime: when }));
    expect(opened.signingTime?.toISOString()).toBe(when.toISOString());
    expect(opened.signedData.includes(Buffer.from('20510601000000Z'))).toBe(true);
  });

  it('puts the signer certificate in the container only when asked', () => {
    const withCerts = open(sealFromCentre(Buffer.from('x'), { includeCertificates: true }));
    expect(withCerts.certificatesPem).toEqual([centre.certPem]);
  });

  it('measures the overhead of a container without certificates', () => {
    const content = Buffer.alloc(1024, 1);
    const bare = sealFromCentre(content).length - content.length;
    const withCerts = sealFromCentre(content, { includeCertificates: true }).length - content.length;
    console.log(`SDC overhead for 1 KiB (RSA-2048): ${bare} bytes without certificates, ${withCerts} with`);
    // Two RSA-2048 blocks (key transport, signature, 512 bytes), two subjectKeyIdentifiers
    // (22 bytes each, whatever the CA's name), algorithms and signed attributes.
    expect(bare).toBeLessThanOrEqual(940);
    expect(withCerts).toBeGreaterThan(bare + 700);
  });
});

/** The same certificate (key, subject, issuer, serial, validity) without subjectKeyIdentifier. */
function withoutSki(certPem: string, caKey: KeyPair): string {
  const original = forge.pki.certificateFromPem(certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = original.publicKey;
  cert.serialNumber = original.serialNumber;
  cert.validity.notBefore = original.validity.notBefore;
  cert.validity.notAfter = original.validity.notAfter;
  // forge reads UTF8String values as raw bytes and would encode them to UTF-8 again.
  const names = (attrs: forge.pki.CertificateField[]) =>
    attrs.map((a) => (a.valueTagClass === (forge.asn1.Type.UTF8 as unknown) ? { ...a, value: forge.util.decodeUtf8(a.value as string) } : a));
  cert.setSubject(names(original.subject.attributes));
  cert.setIssuer(names(original.issuer.attributes));
  cert.setExtensions([{ name: 'basicConstraints', cA: false, critical: true }]);
  cert.sign(forge.pki.privateKeyFromPem(caKey.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

describe('identifiers', () => {
  // The national CA's real name: issuer-and-serial identifiers cost what they cost in service.
  let ca: { key: KeyPair; pem: string };
  let srv: Party;
  let ctr: Party;
  beforeAll(() => {
    const key = generateKeyPair();
    ca = { key, pem: createCaCertificate({ key, commonName: 'Autorité de certification Docstream', country: 'ML', now: NOW }) };
    srv = party(key, ca.pem, 'docstream-server', 'server');
    ctr = party(key, ca.pem, '00042', 'centre');
  });

  /** [AuthEnvelopedData version, KeyTransRecipientInfo, SignedData version, SignerInfo] of a container. */
  function structure(sdc: Buffer, recipient: Party) {
    const authEnveloped = decode(sdc).children[1]!.children[0]!;
    const ktri = authEnveloped.children[1]!.children[0]!;
    const opened = decrypt(sdc, { certPem: recipient.certPem, privateKey: recipient.key.privateKey });
    const signedData = decode(opened.signedData).children[1]!.children[0]!;
    return { authEnvelopedVersion: readSmallInt(authEnveloped.children[0], 'v'), ktri, signedDataVersion: readSmallInt(signedData.children[0], 'v'), signerInfo: signerInfoOf(opened.signedData), opened };
  }

  it('names the signer and the recipient by subjectKeyIdentifier (SignerInfo v3, SignedData v3, KeyTransRecipientInfo v2)', () => {
    const sdc = seal({ content: Buffer.from('x'), signer: { certPem: ctr.certPem, privateKey: ctr.key.privateKey }, recipientCertPem: srv.certPem, signingTime: NOW });
    const s = structure(sdc, srv);
    expect(s.authEnvelopedVersion).toBe(0);
    expect(readSmallInt(s.ktri.children[0], 'v')).toBe(2);
    expect(s.ktri.children[1]!.tag).toBe(ctxPrim(0));
    expect(content(s.ktri.children[1]!).equals(loadCertificate(srv.certPem).subjectKeyId!)).toBe(true);
    expect(s.signedDataVersion).toBe(3);
    expect(readSmallInt(s.signerInfo.children[0], 'v')).toBe(3);
    expect(s.signerInfo.children[1]!.tag).toBe(ctxPrim(0));
    expect(content(s.signerInfo.children[1]!).toString('hex')).toBe(certificateInfo(ctr.certPem).skiHex);
    verifySignature(s.opened, ctr.certPem);
    // The identifier must be the certificate's: the same key under another certificate
    // without the extension does not match it.
    expect(rejection(() => verifySignature(s.opened, withoutSki(ctr.certPem, ca.key))).detail).toBe('signed by another certificate');
  });

  it('makes a one-document container at least 120 bytes smaller than issuer and serial do', () => {
    const content = Buffer.alloc(1024, 9);
    const seal2 = (signer: Party, signerPem: string, recipientPem: string) =>
      seal({ content, signer: { certPem: signerPem, privateKey: signer.key.privateKey }, recipientCertPem: recipientPem, signingTime: NOW });
    const byKeyId = seal2(ctr, ctr.certPem, srv.certPem);
    // Certificates without the extension fall back to issuer and serial (SignerInfo v1,
    // SignedData v1, KeyTransRecipientInfo v0): the container as it was before.
    const [ctrLegacy, srvLegacy] = [withoutSki(ctr.certPem, ca.key), withoutSki(srv.certPem, ca.key)];
    const byIssuer = seal2(ctr, ctrLegacy, srvLegacy);
    const legacy = structure(byIssuer, { key: srv.key, certPem: srvLegacy });
    expect([legacy.authEnvelopedVersion, readSmallInt(legacy.ktri.children[0], 'v'), legacy.signedDataVersion, readSmallInt(legacy.signerInfo.children[0], 'v')]).toEqual([0, 0, 1, 1]);
    expect(legacy.opened.signer).toEqual({ issuerDer: loadCertificate(ca.pem).subjectDer, serialHex: certificateInfo(ctr.certPem).serialHex });
    verifySignature(legacy.opened, ctrLegacy);
    console.log(`1 KiB container: ${byIssuer.length} B with issuer-and-serial identifiers, ${byKeyId.length} B with key identifiers (${byIssuer.length - byKeyId.length} B saved)`);
    expect(byIssuer.length - byKeyId.length).toBeGreaterThanOrEqual(120);
  });
});

describe('speed', () => {
  it('seals and opens a 1 KiB container in a few milliseconds', () => {
    const content = Buffer.alloc(1024, 3);
    const runs = 300;
    const sealed: Buffer[] = [];
    let t = performance.now();
    for (let i = 0; i < runs; i++) sealed.push(sealFromCentre(content));
    const sealMs = (performance.now() - t) / runs;
    t = performance.now();
    for (const sdc of sealed) open(sdc);
    const openMs = (performance.now() - t) / runs;
    const big = sealFromCentre(Buffer.alloc(1 << 20, 4));
    t = performance.now();
    open(big);
    const bigMs = performance.now() - t;
    console.log(`1 KiB: seal ${sealMs.toFixed(3)} ms, decrypt+verify ${openMs.toFixed(3)} ms; 1 MiB decrypt+verify ${bigMs.toFixed(1)} ms`);
    // Loose bounds: they catch an accidental pure-JS RSA, not a slow machine.
    expect(sealMs).toBeLessThan(25);
    expect(openMs).toBeLessThan(25);
  });
});

describe('rejections', () => {
  it('rejects with one uniform message, the step kept for the log', () => {
    const e = rejected('replay', 'seq 12 already seen');
    expect(e.code).toBe('container_rejected');
    expect(e.step).toBe('replay');
    expect(e.detail).toBe('seq 12 already seen');
    expect(e.fr).toBe("Conteneur refusé : il n’a pas pu être ouvert et vérifié. Rien n’a été enregistré ; l’expéditeur doit le renvoyer.");
    expect(JSON.stringify(e)).not.toContain('seq 12');
  });

  it('rejects a container for another recipient at the decryption step', () => {
    const sdc = sealFromCentre(Buffer.from('x'));
    expect(rejection(() => decrypt(sdc, { certPem: stranger.certPem, privateKey: stranger.key.privateKey })).step).toBe('decryption');
    // The right certificate with the wrong key: the key transport fails.
    expect(rejection(() => decrypt(sdc, { certPem: server.certPem, privateKey: stranger.key.privateKey })).step).toBe('decryption');
  });

  it('rejects a signature checked against another certificate', () => {
    const opened = decrypt(sealFromCentre(Buffer.from('x')), asServer());
    expect(rejection(() => verifySignature(opened, stranger.certPem)).step).toBe('signature');
  });

  it('rejects content that was changed and encrypted again', () => {
    const content = Buffer.from('montant=100');
    const signed = signOnly({ content, signer: asCentre(), signingTime: NOW });
    const forged = Buffer.from(signed);
    const at = forged.indexOf(content);
    forged.write('montant=900', at, 'latin1');
    // The attacker re-wraps the altered SignedData properly for the server.
    const opened = parseSignedData(forged);
    expect(opened.content.toString()).toBe('montant=900');
    expect(rejection(() => verifySignature(opened, centre.certPem)).step).toBe('signature');
    // And a caller that swaps the content after parsing gets caught too.
    const honest = parseSignedData(signed);
    expect(rejection(() => verifySignature({ ...honest, content: Buffer.from('montant=900') }, centre.certPem)).step).toBe('signature');
  });

  it('rejects a signature made by another key under the signer identifier', () => {
    // signOnly refuses a key that does not match its certificate…
    expect(() => signOnly({ content: Buffer.from('x'), signer: { certPem: centre.certPem, privateKey: stranger.key.privateKey } })).toThrow(
      /private key does not match/,
    );
    // …so an impostor signs as itself and rewrites the identifier to the centre's (key
    // identifiers of the same length): only the RSA check can tell.
    const forged = signOnly({ content: Buffer.from('x'), signer: { certPem: stranger.certPem, privateKey: stranger.key.privateKey } });
    const theirs = Buffer.from(parseSignedData(forged).signer.skiHex!, 'hex');
    const ours = Buffer.from(parseSignedData(signOnly({ content: Buffer.from('x'), signer: asCentre() })).signer.skiHex!, 'hex');
    expect(theirs.length).toBe(ours.length);
    ours.copy(forged, forged.indexOf(theirs));
    const opened = parseSignedData(forged);
    expect(opened.signer.skiHex).toBe(ours.toString('hex'));
    const e = rejection(() => verifySignature(opened, centre.certPem));
    expect(e.step).toBe('signature');
    expect(e.detail).toBe('RSA signature is invalid');
  });

  it('turns every single flipped bit into ContainerRejected', () => {
    const sdc = sealFromCentre(Buffer.alloc(1024, 7));
    const positions = new Set<number>();
    // The whole header region densely (where a flip can go unnoticed if a field is not
    // checked), then spread over the ciphertext and the tag.
    for (let i = 0; i < 40; i++) positions.add(Math.floor((i * 420) / 40));
    for (let i = 0; i < 30; i++) positions.add(Math.floor((i * sdc.length) / 30));
    positions.add(sdc.length - 1);
    for (const byte of positions) {
      for (const bit of [0, 3, 7]) {
        const damaged = Buffer.from(sdc);
        damaged[byte]! ^= 1 << bit;
        const e = rejection(() => open(damaged));
        expect(['decryption', 'signature']).toContain(e.step);
      }
    }
    expect(positions.size).toBeGreaterThanOrEqual(50);
  });

  it('turns every flipped bit of the header into ContainerRejected', () => {
    const sdc = sealFromCentre(Buffer.from('x'));
    // Everything before the ciphertext: identifiers, algorithms, GCM parameters, wrapped key.
    const authEnveloped = decode(sdc).children[1]!.children[0]!;
    const ciphertextStart = authEnveloped.children[2]!.children[2]!.contentStart;
    expect(ciphertextStart).toBeGreaterThan(400);
    for (let byte = 0; byte < ciphertextStart; byte++) {
      for (const bit of new Set([0, byte % 8])) {
        const damaged = Buffer.from(sdc);
        damaged[byte]! ^= 1 << bit;
        rejection(() => open(damaged));
      }
    }
  });

  it('rejects truncated containers and random bytes', () => {
    const sdc = sealFromCentre(Buffer.from('contenu'));
    for (let length = 0; length < sdc.length; length += 7) rejection(() => decrypt(sdc.subarray(0, length), asServer()));
    for (let i = 0; i < 200; i++) {
      const noise = Buffer.from(Array.from({ length: 1 + ((i * 37) % 600) }, (_, j) => (i * 131 + j * 17 + (j >> 3)) & 0xff));
      if (i % 2 === 0) noise[0] = 0x30; // looks like a SEQUENCE, to get past the first byte
      rejection(() => decrypt(noise, asServer()));
      rejection(() => parseSignedData(noise));
    }
    rejection(() => decrypt(Buffer.concat([sdc, Buffer.from([0])]), asServer()));
  });

  it('rejects nesting bombs without blowing the stack', () => {
    let nested: Buffer = Buffer.alloc(0);
    for (let i = 0; i < 200; i++) nested = tlv(TAG.SEQUENCE, nested);
    const indefinite = Buffer.from(Buffer.alloc(200_000).map((_, i) => (i % 2 ? 0x80 : 0x30))); // 100,000 open SEQUENCEs
    rejection(() => parseSignedData(nested));
    rejection(() => parseSignedData(indefinite));
    rejection(() => decrypt(indefinite, asServer()));
  });

  it('verifies signed attributes exactly as received, unsorted included', () => {
    const content = Buffer.from('ordre');
    const signed = signOnly({ content, signer: asCentre(), signingTime: NOW });
    // Rebuild the SignedData with the attributes in reverse order: still validly signed
    // only if the verifier re-uses the received bytes; then check it is refused, since
    // the signature was over the sorted order.
    const opened = parseSignedData(signed);
    verifySignature(opened, centre.certPem);
    const reordered = withReversedAttributes(signed);
    expect(reordered.equals(signed)).toBe(false);
    expect(rejection(() => verifySignature(parseSignedData(reordered), centre.certPem)).step).toBe('signature');
    // A signer that signed its attributes unsorted (as some tools do) is accepted: the
    // received order is what gets verified, never a re-sorted one.
    const resigned = withSignatureOverReceivedAttributes(reordered);
    verifySignature(parseSignedData(resigned), centre.certPem);
  });

  it('reads the digest of the content it actually verifies', () => {
    const content = Buffer.from('abc');
    const opened = parseSignedData(signOnly({ content, signer: asCentre() }));
    const digest = createHash('sha256').update(content).digest();
    expect(opened.signedData.includes(digest)).toBe(true);
  });
});

function signerInfoOf(signed: Buffer): Node {
  const signedData = decode(signed).children[1]!.children[0]!;
  return signedData.children[signedData.children.length - 1]!.children[0]!;
}

/** Re-signs the signed attributes exactly as they are encoded in `signed`. */
function withSignatureOverReceivedAttributes(signed: Buffer): Buffer {
  const info = signerInfoOf(signed);
  const attrs = raw(info.children.find((n: Node) => n.tag === 0xa0)!);
  const signature = sign('sha256', Buffer.concat([Buffer.from([0x31]), attrs.subarray(1)]), centre.key.privateKey);
  const slot = info.children[info.children.length - 1]!; // signature OCTET STRING
  const out = Buffer.from(signed);
  signature.copy(out, slot.contentStart);
  return out;
}

/** The same SignedData with its signed attributes in reverse order (lengths unchanged). */
function withReversedAttributes(signed: Buffer): Buffer {
  const attrs = signerInfoOf(signed).children.find((n: Node) => n.tag === 0xa0)!;
  const reversed = Buffer.concat(attrs.children.map(raw).reverse());
  const out = Buffer.from(signed);
  reversed.copy(out, attrs.contentStart);
  return out;
}

describe('ASN.1 reader', () => {
  it('joins constructed OCTET STRING segments and reads indefinite lengths', () => {
    const segmented = Buffer.concat([Buffer.from([0x24, 0x80]), tlv(TAG.OCTET_STRING, Buffer.from('ab')), tlv(TAG.OCTET_STRING, Buffer.from('c')), Buffer.from([0, 0])]);
    const outer = decode(Buffer.concat([Buffer.from([0x30, 0x80]), segmented, Buffer.from([0, 0])]));
    const [inner] = items(outer, TAG.SEQUENCE, 'outer', 1);
    expect(octets(inner!, 'x').toString()).toBe('abc');
    expect(raw(outer).length).toBe(4 + segmented.length);
    expect(seq(Buffer.from([5, 0]))).toEqual(Buffer.from([0x30, 2, 5, 0]));
  });
});
