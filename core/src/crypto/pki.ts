/**
 * The Docstream PKI: the national CA, the server's and centres' certificates, CSRs and
 * PKCS#12 files.
 *
 * node-forge only lays out X.509 / PKCS#10 / PKCS#12 structures. Every RSA operation and
 * every signature check is node:crypto (OpenSSL): forge's RSA verification has had
 * signature-forgery flaws, so a certificate or CSR is never trusted on forge's word.
 */
import {
  X509Certificate,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';
import { createRequire } from 'node:module';
import type forge from 'node-forge';
import { DocstreamError } from '../errors.js';
import {
  AsnError,
  NULL_DER,
  OID,
  TAG,
  content,
  ctx,
  decode,
  expectTag,
  items,
  nameAttribute,
  octetString,
  oid,
  octets,
  pem,
  raw,
  readOid,
  readSerialHex,
  readSmallInt,
  readTime,
  seq,
  smallInt,
  tlv,
  unpem,
  type Node,
} from './cms-asn1.js';

export interface CertInfo {
  serialHex: string;
  /** The whole subject name, e.g. "C=ML, O=Docstream, CN=Docstream National CA". */
  subject: string;
  subjectCN: string;
  issuerCN: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, lowercase hex without colons. */
  fingerprint256: string;
  /**
   * The subjectKeyIdentifier, lowercase hex: how containers name their signer. For a
   * certificate without that extension, the RFC 5280 §4.2.1.2 method-1 identifier of its
   * key (such a certificate's containers name it by issuer and serial instead).
   */
  skiHex: string;
  isCA: boolean;
}

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const ORGANIZATION = 'Docstream';
const MIN_RSA_BITS = 2048;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// Loaded on first use: most runs of a console never lay out a certificate, and forge's
// ~60 modules held ~4 MiB for nothing (docs/PERFORMANCE.md, Console start-up).
const require = createRequire(import.meta.url);
let forgeLib: typeof forge | undefined;
const nodeForge = (): typeof forge => (forgeLib ??= require('node-forge') as typeof forge);

// Functions forge has but its type definitions leave out.
const forgePki = () =>
  nodeForge().pki as typeof forge.pki & {
    getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
    getCertificationRequestInfo(csr: ReturnType<typeof forge.pki.createCertificationRequest>): forge.asn1.Asn1;
  };

function pkiError(fr: string, en: string, cause?: unknown): DocstreamError {
  return new DocstreamError('pki', fr, en, cause === undefined ? {} : { cause });
}

// ---------------------------------------------------------------------------------------
// Parsed certificates, cached: the server checks thousands of containers a second against
// a few hundred centre certificates, and parsing a PEM costs more than using it.

export interface ParsedCert {
  readonly pem: string;
  readonly der: Buffer;
  readonly x509: X509Certificate;
  readonly publicKey: KeyObject;
  readonly issuerDer: Buffer;
  readonly subjectDer: Buffer;
  /** The serial INTEGER element exactly as in the certificate (for CMS identifiers). */
  readonly serialDer: Buffer;
  readonly serialHex: string;
  readonly subjectCN: string;
  readonly issuerCN: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectKeyId: Buffer | undefined;
}

const CACHE_MAX = 4096;
const certCache = new Map<string, ParsedCert>();

/** A certificate from its PEM, parsed once. Throws DocstreamError('pki') if unreadable. */
export function loadCertificate(certPem: string): ParsedCert {
  const hit = certCache.get(certPem);
  if (hit !== undefined) return hit;
  const parsed = parseCertificate(certPem);
  if (certCache.size >= CACHE_MAX) certCache.delete(certCache.keys().next().value!);
  certCache.set(certPem, parsed);
  return parsed;
}

function parseCertificate(certPem: string): ParsedCert {
  try {
    const der = unpem(certPem, 'CERTIFICATE');
    const x509 = new X509Certificate(der);
    const [tbs] = items(decode(der), TAG.SEQUENCE, 'Certificate', 3);
    const fields = items(tbs!, TAG.SEQUENCE, 'TBSCertificate', 6, 10);
    // The version [0] is absent in v1 certificates.
    const f = fields[0]!.tag === ctx(0) ? fields.slice(1) : fields;
    const [serial, , issuer, validity, subject] = f as [Node, Node, Node, Node, Node];
    const [from, to] = items(validity, TAG.SEQUENCE, 'Validity', 2);
    return {
      pem: certPem,
      der,
      x509,
      publicKey: x509.publicKey,
      issuerDer: raw(expectTag(issuer, TAG.SEQUENCE, 'issuer')),
      subjectDer: raw(expectTag(subject, TAG.SEQUENCE, 'subject')),
      serialDer: raw(serial),
      serialHex: readSerialHex(serial, 'serialNumber'),
      subjectCN: nameAttribute(subject, OID.commonName) ?? '',
      issuerCN: nameAttribute(issuer, OID.commonName) ?? '',
      notBefore: readTime(from, 'notBefore'),
      notAfter: readTime(to, 'notAfter'),
      subjectKeyId: subjectKeyIdOf(f),
    };
  } catch (e) {
    throw pkiError(
      'Certificat illisible : ce n’est pas un certificat X.509 au format PEM. Vérifiez le fichier fourni.',
      'Unreadable certificate: this is not a PEM X.509 certificate. Check the file you supplied.',
      e,
    );
  }
}

const SKI_OID = '2.5.29.14';

function subjectKeyIdOf(tbsFields: Node[]): Buffer | undefined {
  const extensions = tbsFields.find((n) => n.tag === ctx(3));
  if (extensions === undefined) return undefined;
  const [list] = items(extensions, ctx(3), 'extensions', 1);
  for (const ext of items(list!, TAG.SEQUENCE, 'Extensions', 1, 100)) {
    const parts = items(ext, TAG.SEQUENCE, 'Extension', 2, 3);
    if (readOid(parts[0], 'extnID') !== SKI_OID) continue;
    const value = decode(content(expectTag(parts[parts.length - 1], TAG.OCTET_STRING, 'extnValue')));
    return Buffer.from(content(expectTag(value, TAG.OCTET_STRING, 'keyIdentifier')));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Keys

export function generateKeyPair(bits = MIN_RSA_BITS): KeyPair {
  if (!Number.isInteger(bits) || bits < MIN_RSA_BITS) {
    throw new DocstreamError(
      'validation',
      `Taille de clé refusée : au moins ${MIN_RSA_BITS} bits.`,
      `Key size refused: at least ${MIN_RSA_BITS} bits.`,
    );
  }
  return generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
}

function forgePublicKey(key: KeyObject): forge.pki.PublicKey {
  return nodeForge().pki.publicKeyFromPem(key.export({ type: 'spki', format: 'pem' }) as string);
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey (the PKCS#1 RSAPublicKey). */
function keyIdentifier(key: KeyObject): Buffer {
  return createHash('sha1').update(key.export({ type: 'pkcs1', format: 'der' })).digest();
}

/** keyIdentifier for RSA keys; for others, SHA-1 of the SubjectPublicKeyInfo. */
function fallbackKeyIdentifier(key: KeyObject): Buffer {
  return key.asymmetricKeyType === 'rsa' ? keyIdentifier(key) : createHash('sha1').update(key.export({ type: 'spki', format: 'der' })).digest();
}

function requireStrongRsa(key: KeyObject, fr: string, en: string): void {
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < MIN_RSA_BITS) {
    throw pkiError(`${fr} : une clé RSA d’au moins ${MIN_RSA_BITS} bits est exigée.`, `${en}: an RSA key of at least ${MIN_RSA_BITS} bits is required.`);
  }
}

// ---------------------------------------------------------------------------------------
// Building certificates and CSRs: forge lays out the to-be-signed part, node:crypto signs.

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function nameFields(commonName: string, organization?: string, country?: string): forge.pki.CertificateField[] {
  const field = (shortName: string, value: string): forge.pki.CertificateField =>
    // Accented names (a CA named "Autorité …") need UTF8String; PrintableString otherwise.
    // (forge's typings call valueTagClass a Class; forge reads it as a universal Type.)
    PRINTABLE.test(value) ? { shortName, value } : { shortName, value, valueTagClass: nodeForge().asn1.Type.UTF8 as unknown as forge.asn1.Class };
  const fields: forge.pki.CertificateField[] = [];
  if (country !== undefined) fields.push({ shortName: 'C', value: country });
  if (organization !== undefined) fields.push(field('O', organization));
  fields.push(field('CN', commonName));
  return fields;
}

function randomSerialHex(): string {
  const bytes = randomBytes(16);
  // First byte in 0x01..0x7f: positive, and exactly 16 bytes once DER-encoded.
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

const binary = (bytes: Buffer): string => bytes.toString('binary');
const fromForge = (asn: forge.asn1.Asn1): Buffer => Buffer.from(nodeForge().asn1.toDer(asn).getBytes(), 'binary');

const SHA256_WITH_RSA = seq(oid(OID.sha256WithRSA), NULL_DER);

/** Certificate or CertificationRequest: the signed part, the algorithm, the signature. */
function signStructure(toBeSigned: Buffer, privateKey: KeyObject): Buffer {
  const signature = sign('sha256', toBeSigned, privateKey);
  return seq(toBeSigned, SHA256_WITH_RSA, tlv(TAG.BIT_STRING, Buffer.from([0]), signature));
}

interface TbsInput {
  publicKey: KeyObject;
  subject: forge.pki.CertificateField[];
  /** The issuer Name exactly as in the CA certificate; absent for a self-signed one. */
  issuerDer?: Buffer;
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
}

function buildTbs(input: TbsInput): Buffer {
  const cert = nodeForge().pki.createCertificate();
  cert.publicKey = forgePublicKey(input.publicKey);
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = input.notBefore;
  cert.validity.notAfter = input.notAfter;
  cert.setSubject(input.subject);
  cert.setIssuer(input.subject);
  cert.setExtensions(input.extensions);
  cert.siginfo.algorithmOid = nodeForge().pki.oids.sha256WithRSAEncryption!;
  const tbs = forgePki().getTBSCertificate(cert);
  if (input.issuerDer !== undefined) {
    // Copy the CA's subject byte for byte, so that issuer/subject chaining and CMS
    // issuer-and-serial identifiers match whatever string types the CA certificate uses.
    (tbs.value as forge.asn1.Asn1[])[3] = nodeForge().asn1.fromDer(binary(input.issuerDer));
  }
  return fromForge(tbs);
}

export function createCaCertificate(opts: {
  key: KeyPair;
  commonName: string;
  organization?: string;
  country?: string;
  validityYears?: number;
  now?: Date;
}): string {
  requireStrongRsa(opts.key.publicKey, 'Clé de l’autorité refusée', 'CA key refused');
  const now = opts.now ?? new Date();
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (opts.validityYears ?? 20));
  const tbs = buildTbs({
    publicKey: opts.key.publicKey,
    subject: nameFields(opts.commonName, opts.organization ?? ORGANIZATION, opts.country),
    notBefore: new Date(now.getTime() - HOUR_MS),
    notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  return finishCertificate(tbs, opts.key.privateKey, opts.key.publicKey);
}

/** Signs, then checks the result with OpenSSL before anyone relies on it. */
function finishCertificate(tbs: Buffer, signingKey: KeyObject, issuerPublicKey: KeyObject): string {
  const der = signStructure(tbs, signingKey);
  if (!new X509Certificate(der).verify(issuerPublicKey)) {
    throw pkiError(
      'Certificat non émis : la clé privée de l’autorité ne correspond pas à son certificat. Vérifiez les fichiers de l’autorité.',
      'Certificate not issued: the CA private key does not match the CA certificate. Check the CA files.',
    );
  }
  return pem('CERTIFICATE', der);
}

export function createCsr(opts: { key: KeyPair; commonName: string; organization?: string }): string {
  requireStrongRsa(opts.key.publicKey, 'Clé refusée', 'Key refused');
  const csr = nodeForge().pki.createCertificationRequest();
  csr.publicKey = forgePublicKey(opts.key.publicKey);
  csr.setSubject(nameFields(opts.commonName, opts.organization ?? ORGANIZATION));
  const info = fromForge(forgePki().getCertificationRequestInfo(csr));
  return pem('CERTIFICATE REQUEST', signStructure(info, opts.key.privateKey));
}

const RSA_SIGNATURE_HASHES: Record<string, string> = {
  [OID.sha256WithRSA]: 'sha256',
  [OID.sha384WithRSA]: 'sha384',
  [OID.sha512WithRSA]: 'sha512',
};

function badCsr(cause?: unknown): DocstreamError {
  return pkiError(
    'Demande de certificat refusée : elle est illisible ou sa signature ne correspond pas à sa clé. Demandez au centre de la générer à nouveau.',
    'Certificate request refused: it is unreadable or its signature does not match its key. Ask the centre to generate it again.',
    cause,
  );
}

/** The key and CN of a PKCS#10 request, once its self-signature has been checked by OpenSSL. */
export function readCsr(csrPem: string): { publicKey: KeyObject; commonName: string } {
  let parsed: { info: Node; hash: string; signature: Buffer; spki: Node; subject: Node };
  try {
    const der = /-----BEGIN NEW CERTIFICATE REQUEST-----/.test(csrPem)
      ? unpem(csrPem, 'NEW CERTIFICATE REQUEST')
      : unpem(csrPem, 'CERTIFICATE REQUEST');
    const [info, algorithm, bits] = items(decode(der), TAG.SEQUENCE, 'CertificationRequest', 3) as [Node, Node, Node];
    const [version, subject, spki] = items(info, TAG.SEQUENCE, 'CertificationRequestInfo', 4) as [Node, Node, Node];
    if (readSmallInt(version, 'version') !== 0) throw new AsnError('CSR version is not 1');
    const [algOid, ...params] = items(algorithm, TAG.SEQUENCE, 'signatureAlgorithm', 1, 2);
    const hash = RSA_SIGNATURE_HASHES[readOid(algOid, 'signatureAlgorithm')];
    if (hash === undefined) throw new AsnError('unsupported CSR signature algorithm');
    if (params.length === 1 && !raw(params[0]!).equals(NULL_DER)) throw new AsnError('bad signature parameters');
    const sigBits = content(expectTag(bits, TAG.BIT_STRING, 'signature'));
    if (sigBits[0] !== 0) throw new AsnError('signature BIT STRING with unused bits');
    parsed = { info, hash, signature: sigBits.subarray(1), spki: expectTag(spki, TAG.SEQUENCE, 'subjectPKInfo'), subject };
  } catch (e) {
    throw badCsr(e);
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: raw(parsed.spki), format: 'der', type: 'spki' });
  } catch (e) {
    throw badCsr(e);
  }
  requireStrongRsa(publicKey, 'Demande de certificat refusée', 'Certificate request refused');
  if (!verify(parsed.hash, raw(parsed.info), publicKey, parsed.signature)) throw badCsr();
  const commonName = nameAttribute(parsed.subject, OID.commonName);
  if (commonName === undefined || commonName === '') throw badCsr(new Error('no CN in the CSR subject'));
  return { publicKey, commonName };
}

export function issueCertificate(opts: {
  publicKey: KeyObject;
  commonName: string;
  organization?: string;
  ca: { certPem: string; privateKey: KeyObject };
  validityDays?: number;
  now?: Date;
  usage: 'server' | 'centre';
}): string {
  requireStrongRsa(opts.publicKey, 'Certificat non émis', 'Certificate not issued');
  const ca = loadCertificate(opts.ca.certPem);
  const now = opts.now ?? new Date();
  if (!ca.x509.ca || now < ca.notBefore || now > ca.notAfter) {
    throw pkiError(
      'Certificat non émis : le certificat de l’autorité n’est pas une autorité valide à cette date. Renouvelez l’autorité.',
      'Certificate not issued: the CA certificate is not a valid CA at this date. Renew the CA.',
    );
  }
  // A certificate outliving its CA would be refused by every verifier anyway.
  const wanted = new Date(now.getTime() + (opts.validityDays ?? 825) * DAY_MS);
  const notAfter = wanted > ca.notAfter ? ca.notAfter : wanted;
  const tbs = buildTbs({
    publicKey: opts.publicKey,
    subject: nameFields(opts.commonName, opts.organization ?? ORGANIZATION),
    issuerDer: ca.subjectDer,
    notBefore: new Date(now.getTime() - HOUR_MS),
    notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      // emailProtection is the usage OpenSSL wants of a CMS signer: without it the
      // auditor's plain `openssl cms -verify` refuses every container ("unsuitable
      // certificate purpose"). Both sides sign containers.
      { name: 'extKeyUsage', clientAuth: true, emailProtection: true, serverAuth: opts.usage === 'server' },
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: binary(ca.subjectKeyId ?? keyIdentifier(ca.publicKey)) },
    ],
  });
  return finishCertificate(tbs, opts.ca.privateKey, ca.publicKey);
}

// ---------------------------------------------------------------------------------------
// Reading certificates

export function certificateInfo(certPem: string): CertInfo {
  const c = loadCertificate(certPem);
  return {
    serialHex: c.serialHex,
    subject: c.x509.subject.split('\n').join(', '),
    subjectCN: c.subjectCN,
    issuerCN: c.issuerCN,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    fingerprint256: c.x509.fingerprint256.replace(/:/g, '').toLowerCase(),
    skiHex: (c.subjectKeyId ?? fallbackKeyIdentifier(c.publicKey)).toString('hex'),
    isCA: c.x509.ca,
  };
}

const validAt = (c: ParsedCert, at: Date): boolean => at >= c.notBefore && at <= c.notAfter;

/**
 * True when `certPem` was issued by the CA `caPem` (names, key identifiers and key usage as
 * OpenSSL checks them, and the signature verified with the CA's key) and both are within
 * their validity at `at`.
 */
export function checkIssuedBy(certPem: string, caPem: string, at: Date): boolean {
  const cert = loadCertificate(certPem);
  const ca = loadCertificate(caPem);
  return ca.x509.ca && cert.x509.checkIssued(ca.x509) && cert.x509.verify(ca.publicKey) && validAt(cert, at) && validAt(ca, at);
}

export function certificatePublicKey(certPem: string): KeyObject {
  return loadCertificate(certPem).publicKey;
}

/** The issuer Name (DER, exactly as in the certificate) and serial: a CMS signer/recipient id. */
export function issuerAndSerial(certPem: string): { issuerDer: Buffer; serialHex: string } {
  const c = loadCertificate(certPem);
  return { issuerDer: c.issuerDer, serialHex: c.serialHex };
}

// ---------------------------------------------------------------------------------------
// PKCS#12

const P12_ITERATIONS = 2048; // OpenSSL 3's default
const MAC_DIGESTS: Record<string, { node: string; forge: () => forge.md.MessageDigest; bytes: number }> = {
  [OID.sha256]: { node: 'sha256', forge: () => nodeForge().md.sha256.create(), bytes: 32 },
  ['1.3.14.3.2.26']: { node: 'sha1', forge: () => nodeForge().md.sha1.create(), bytes: 20 },
  [OID.sha384]: { node: 'sha384', forge: () => nodeForge().md.sha384.create(), bytes: 48 },
  [OID.sha512]: { node: 'sha512', forge: () => nodeForge().md.sha512.create(), bytes: 64 },
};

function wrongP12Passphrase(cause?: unknown): DocstreamError {
  return new DocstreamError(
    'key_locked',
    'Phrase secrète incorrecte pour le fichier PKCS#12 : vérifiez-la (majuscules, accents) et réessayez.',
    'Wrong passphrase for the PKCS#12 file: check it (case, accents) and try again.',
    cause === undefined ? {} : { cause },
  );
}

function badP12(cause?: unknown): DocstreamError {
  return pkiError(
    'Fichier PKCS#12 illisible ou sans clé RSA et certificat correspondants. Exportez à nouveau la clé et le certificat (.p12) depuis l’outil d’origine.',
    'Unreadable PKCS#12 file, or no matching RSA key and certificate in it. Export the key and certificate (.p12) again from the original tool.',
    cause,
  );
}

/**
 * The PKCS#12 integrity MAC (RFC 7292 appendix B): forge's PKCS#12 key derivation (which
 * takes the passphrase as the BMPString the standard wants), HMAC by node:crypto.
 */
function p12Mac(passphrase: string, salt: Buffer, iterations: number, digestOid: string, data: Buffer): Buffer {
  const d = MAC_DIGESTS[digestOid];
  if (d === undefined) throw new AsnError(`unsupported PKCS#12 MAC digest ${digestOid}`);
  const key = nodeForge().pkcs12.generateKey(passphrase, nodeForge().util.createBuffer(binary(salt)), 3, iterations, d.bytes, d.forge());
  return createHmac(d.node, Buffer.from(key.getBytes(), 'binary')).update(data).digest();
}

interface PfxParts {
  version: Node;
  authSafe: Node;
  authSafeData: Buffer;
  mac?: { digestOid: string; digest: Buffer; salt: Buffer; iterations: number };
}

function readPfx(der: Buffer): PfxParts {
  const [version, authSafe, macData] = items(decode(der), TAG.SEQUENCE, 'PFX', 2, 3) as [Node, Node, Node | undefined];
  if (readSmallInt(version, 'PFX version') !== 3) throw new AsnError('PFX version is not 3');
  const [type, wrapped] = items(authSafe, TAG.SEQUENCE, 'authSafe', 2);
  if (readOid(type, 'authSafe type') !== OID.data) throw new AsnError('public-key integrity mode is not supported');
  const [inner] = items(wrapped!, ctx(0), 'authSafe content', 1);
  const parts: PfxParts = { version, authSafe, authSafeData: octets(inner!, 'authSafe data') };
  if (macData !== undefined) {
    const [digestInfo, salt, iterations] = items(macData, TAG.SEQUENCE, 'MacData', 2, 3) as [Node, Node, Node | undefined];
    const [algorithm, digest] = items(digestInfo, TAG.SEQUENCE, 'DigestInfo', 2) as [Node, Node];
    const [digestOid] = items(algorithm, TAG.SEQUENCE, 'digestAlgorithm', 1, 2);
    parts.mac = {
      digestOid: readOid(digestOid, 'MAC digest'),
      digest: content(expectTag(digest, TAG.OCTET_STRING, 'MAC')),
      salt: content(expectTag(salt, TAG.OCTET_STRING, 'MAC salt')),
      iterations: iterations === undefined ? 1 : readSmallInt(iterations, 'MAC iterations'),
    };
    // forge derives the MAC key in JavaScript: a hostile count must not stall the console.
    if (parts.mac.iterations < 1 || parts.mac.iterations > 1_000_000) throw new AsnError('bad MAC iteration count');
  }
  return parts;
}

/** The two spellings of a passphrase PKCS#12 tools use: UTF-8 bytes (PBES2) and as typed (legacy PBE). */
function passphraseCandidates(passphrase: string): string[] {
  const utf8 = nodeForge().util.encodeUtf8(passphrase);
  return utf8 === passphrase ? [passphrase] : [utf8, passphrase];
}

/** forge decrypts the bags, each passphrase spelling in turn (the MAC is already checked). */
function openBags(pfxWithoutMac: Buffer, passphrase: string): forge.pkcs12.Pkcs12Pfx {
  let lastError: unknown;
  for (const candidate of passphraseCandidates(passphrase)) {
    try {
      return nodeForge().pkcs12.pkcs12FromAsn1(nodeForge().asn1.fromDer(binary(pfxWithoutMac), false), false, candidate);
    } catch (e) {
      lastError = e;
    }
  }
  throw wrongP12Passphrase(lastError);
}

export function importPkcs12(der: Buffer, passphrase: string): { privateKey: KeyObject; certPem: string; chainPems: string[] } {
  let pfx: PfxParts;
  try {
    pfx = readPfx(der);
  } catch (e) {
    throw badP12(e);
  }
  if (pfx.mac !== undefined) {
    let expected: Buffer;
    try {
      expected = p12Mac(passphrase, pfx.mac.salt, pfx.mac.iterations, pfx.mac.digestOid, pfx.authSafeData);
    } catch (e) {
      throw badP12(e);
    }
    if (expected.length !== pfx.mac.digest.length || !timingSafeEqual(expected, pfx.mac.digest)) throw wrongP12Passphrase();
  }
  const bags = openBags(seq(raw(pfx.version), raw(pfx.authSafe)), passphrase);
  return pairKeyAndCertificates(bags);
}

function pairKeyAndCertificates(p12: forge.pkcs12.Pkcs12Pfx): { privateKey: KeyObject; certPem: string; chainPems: string[] } {
  try {
    const { oids } = nodeForge().pki;
    const keyBags = [
      ...(p12.getBags({ bagType: oids.pkcs8ShroudedKeyBag! })[oids.pkcs8ShroudedKeyBag!] ?? []),
      ...(p12.getBags({ bagType: oids.keyBag! })[oids.keyBag!] ?? []),
    ];
    const certBags = p12.getBags({ bagType: oids.certBag! })[oids.certBag!] ?? [];
    if (keyBags.length !== 1 || keyBags[0]!.key == null) throw new Error(`expected one RSA key, found ${keyBags.length}`);
    const privateKey = createPrivateKey(nodeForge().pki.privateKeyToPem(keyBags[0]!.key));
    const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    const pems = certBags.map((b) => {
      if (b.cert == null) throw new Error('a certificate in the file is not an RSA X.509 certificate');
      return pem('CERTIFICATE', fromForge(nodeForge().pki.certificateToAsn1(b.cert)));
    });
    const mine = pems.findIndex((p) => loadCertificate(p).publicKey.export({ type: 'spki', format: 'der' }).equals(spki));
    if (mine < 0) throw new Error('no certificate matches the private key');
    return { privateKey, certPem: pems[mine]!, chainPems: pems.filter((_, i) => i !== mine) };
  } catch (e) {
    throw e instanceof DocstreamError ? e : badP12(e);
  }
}

/**
 * A PKCS#12 file OpenSSL and other tools read: key encrypted with PBES2 (PBKDF2
 * HMAC-SHA-256, AES-256-CBC), certificates in clear, HMAC-SHA-256 integrity — forge only
 * writes SHA-1 MACs, so the MAC is added here.
 */
export function exportPkcs12(opts: { privateKey: KeyObject; certPem: string; chainPems?: string[]; passphrase: string }): Buffer {
  if (opts.passphrase === '') {
    throw new DocstreamError(
      'validation',
      'Phrase secrète vide : choisissez-en une pour protéger la clé exportée.',
      'Empty passphrase: choose one to protect the exported key.',
    );
  }
  const key = nodeForge().pki.privateKeyFromPem(opts.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) as forge.pki.rsa.PrivateKey;
  const certs = [opts.certPem, ...(opts.chainPems ?? [])].map((p) => nodeForge().pki.certificateFromPem(pem('CERTIFICATE', loadCertificate(p).der)));
  const options = { algorithm: 'aes256', prfAlgorithm: 'sha256', count: P12_ITERATIONS, useMac: false } as const;
  // PBES2 keys derive from the passphrase's UTF-8 bytes; forge wants them as a binary string.
  const unsigned = fromForge(nodeForge().pkcs12.toPkcs12Asn1(key, certs, nodeForge().util.encodeUtf8(opts.passphrase), options));
  const pfx = readPfx(unsigned);
  const salt = randomBytes(16);
  const mac = p12Mac(opts.passphrase, salt, P12_ITERATIONS, OID.sha256, pfx.authSafeData);
  const macData = seq(seq(seq(oid(OID.sha256), NULL_DER), octetString(mac)), octetString(salt), smallInt(P12_ITERATIONS));
  return seq(raw(pfx.version), raw(pfx.authSafe), macData);
}
