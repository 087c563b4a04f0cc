/**
 * The Secure Data Container (DESIGN §4): a CMS AuthEnvelopedData (RFC 5083; AES-256-GCM,
 * RSAES-OAEP-SHA-256 key transport) around a CMS SignedData (sha256WithRSAEncryption with
 * contentType, messageDigest and signingTime signed attributes), so that
 *
 *   openssl cms -decrypt -inform DER … | openssl cms -verify -inform DER …
 *
 * opens anything Docstream seals, and Docstream opens what OpenSSL makes with the same
 * algorithms. Structures are read with a strict hand-written BER reader: every field is
 * checked against the one value it may hold, so a damaged container fails as a whole
 * instead of being half understood.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';
import { DocstreamError } from '../errors.js';
import {
  NULL_DER,
  OID,
  TAG,
  content,
  ctx,
  ctxPrim,
  decode,
  expectTag,
  items,
  octetString,
  octets,
  oid,
  pem,
  raw,
  readOid,
  readSerialHex,
  readSmallInt,
  readTime,
  seq,
  setOf,
  smallInt,
  time,
  tlv,
  type Node,
} from './cms-asn1.js';
import { loadCertificate, type ParsedCert } from './pki.js';

// ---------------------------------------------------------------------------------------
// The one error a sender ever learns about: which step failed stays in the log, so a
// forger gets no oracle telling a bad key from a bad signature.

export type RejectionStep = 'decryption' | 'signature' | 'certificate' | 'recipient' | 'replay' | 'timestamp' | 'format';

export class ContainerRejected extends DocstreamError {
  readonly step: RejectionStep;
  /** For the operator's log only; never shown to the sender. */
  readonly detail: string;

  constructor(step: RejectionStep, detail: string, cause?: unknown) {
    super(
      'container_rejected',
      'Conteneur refusé : il n’a pas pu être ouvert et vérifié. Rien n’a été enregistré ; l’expéditeur doit le renvoyer.',
      'Container refused: it could not be opened and verified. Nothing was recorded; the sender must send it again.',
      cause === undefined ? {} : { cause },
    );
    this.name = 'ContainerRejected';
    this.step = step;
    this.detail = detail;
  }
}

export function rejected(step: RejectionStep, detail: string, cause?: unknown): ContainerRejected {
  return new ContainerRejected(step, detail, cause);
}

/** Runs `fn`; whatever it throws leaves as a ContainerRejected of `step`. */
function guarded<T>(step: RejectionStep, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ContainerRejected) throw e;
    throw rejected(step, e instanceof Error ? e.message : String(e), e);
  }
}

class Invalid extends Error {}
const fail = (message: string): never => {
  throw new Invalid(message);
};

// ---------------------------------------------------------------------------------------
// Public types

export interface Signer {
  certPem: string;
  privateKey: KeyObject;
}

export interface SealInput {
  content: Buffer;
  signer: Signer;
  recipientCertPem: string;
  /** Put the signer's certificate in the SignedData (T2D bundles); MQTT leaves it out. */
  includeCertificates?: boolean;
  signingTime?: Date;
}

/** Exactly one of the two CMS identifier forms (RFC 5652 §5.3 SignerIdentifier). */
export type SignerId =
  | { skiHex: string; issuerDer?: undefined; serialHex?: undefined }
  | { skiHex?: undefined; issuerDer: Buffer; serialHex: string };

export interface Opened {
  /** DER ContentInfo(SignedData): the evidence the server archives. */
  signedData: Buffer;
  content: Buffer;
  /**
   * Who signed, as the SignerInfo names it: by subjectKeyIdentifier (what Docstream writes,
   * like `openssl cms -keyid`), or by issuer and serial (plain `openssl cms -sign`).
   */
  signer: SignerId;
  signingTime: Date | undefined;
  certificatesPem: string[];
}

// ---------------------------------------------------------------------------------------
// Fixed encodings

const SHA256_ALG = seq(oid(OID.sha256));
const SHA256_WITH_RSA_ALG = seq(oid(OID.sha256WithRSA), NULL_DER);
// RSAES-OAEP-params { hashFunc [0] sha256, maskGenFunc [1] mgf1(sha256) }, pSource default;
// hash parameters absent, as OpenSSL writes them.
const OAEP_PARAMS = seq(tlv(ctx(0), SHA256_ALG), tlv(ctx(1), seq(oid(OID.mgf1), SHA256_ALG)));
const OAEP_ALG = seq(oid(OID.rsaesOaep), OAEP_PARAMS);
const GCM_TAG_BYTES = 16;
const GCM_NONCE_BYTES = 12;
const CEK_BYTES = 32;

// ---------------------------------------------------------------------------------------
// Sealing

function signedAttributes(digest: Buffer, signingTime: Date): Buffer[] {
  return [
    seq(oid(OID.contentType), setOf([oid(OID.data)])),
    seq(oid(OID.signingTime), setOf([time(signingTime)])),
    seq(oid(OID.messageDigest), setOf([octetString(digest)])),
  ];
}

/**
 * A certificate's CMS identifier (RFC 5652 §5.3 sid, §6.2.1 rid): its subjectKeyIdentifier
 * as `[0] IMPLICIT SubjectKeyIdentifier` (22 bytes for a SHA-1 key id, against 65 to 100-odd
 * for issuer and serial, depending on the CA's name: a satellite link pays for every byte), or, for a certificate without that
 * extension, its issuer Name and serial, byte for byte. `version` is the SignerInfo /
 * KeyTransRecipientInfo version that goes with the form.
 */
function identifierOf(cert: ParsedCert, role: keyof typeof ROLE): { der: Buffer; version: number } {
  if (cert.subjectKeyId !== undefined && cert.subjectKeyId.length > 0) {
    return { der: tlv(ctxPrim(0), cert.subjectKeyId), version: role === 'signer' ? 3 : 2 };
  }
  return { der: seq(cert.issuerDer, cert.serialDer), version: role === 'signer' ? 1 : 0 };
}

const ROLE = { signer: ['du signataire', 'signer'], recipient: ['du destinataire', 'recipient'] } as const;

function rsaCertificate(certPem: string, role: keyof typeof ROLE): ParsedCert {
  const cert = loadCertificate(certPem);
  if (cert.publicKey.asymmetricKeyType !== 'rsa') {
    const [fr, en] = ROLE[role];
    throw new DocstreamError(
      'pki',
      `Le certificat ${fr} n’a pas de clé RSA. Utilisez un certificat de la PKI Docstream.`,
      `The ${en} certificate has no RSA key. Use a Docstream PKI certificate.`,
    );
  }
  return cert;
}

export function signOnly(input: { content: Buffer; signer: Signer; includeCertificates?: boolean; signingTime?: Date }): Buffer {
  const cert = rsaCertificate(input.signer.certPem, 'signer');
  const digest = createHash('sha256').update(input.content).digest();
  // Sorted: DER SET OF (the signature covers this exact encoding).
  const attributes = setOf(signedAttributes(digest, input.signingTime ?? new Date()));
  const signature = sign('sha256', attributes, input.signer.privateKey);
  // A key that does not match its certificate would make containers nobody can verify.
  if (!verify('sha256', attributes, cert.publicKey, signature)) {
    throw new DocstreamError(
      'pki',
      'La clé privée ne correspond pas au certificat du signataire. Vérifiez les fichiers de clé et de certificat.',
      'The private key does not match the signer certificate. Check the key and certificate files.',
    );
  }
  const sid = identifierOf(cert, 'signer');
  const signerInfo = seq(
    smallInt(sid.version),
    sid.der,
    SHA256_ALG,
    Buffer.concat([Buffer.from([ctx(0)]), attributes.subarray(1)]), // [0] IMPLICIT SET
    SHA256_WITH_RSA_ALG,
    octetString(signature),
  );
  const signedData = seq(
    // RFC 5652 §5.1: version 3 when a SignerInfo is version 3 (SKI), 1 otherwise.
    smallInt(sid.version === 3 ? 3 : 1),
    setOf([SHA256_ALG]),
    seq(oid(OID.data), tlv(ctx(0), octetString(input.content))),
    ...(input.includeCertificates ? [tlv(ctx(0), cert.der)] : []),
    setOf([signerInfo]),
  );
  return seq(oid(OID.signedData), tlv(ctx(0), signedData));
}

export function seal(input: SealInput): Buffer {
  const recipient = rsaCertificate(input.recipientCertPem, 'recipient');
  const signed = signOnly(input);
  const cek = randomBytes(CEK_BYTES);
  const nonce = randomBytes(GCM_NONCE_BYTES);
  // No authAttrs, hence no AAD: what RFC 5083 and OpenSSL do in that case.
  const cipher = createCipheriv('aes-256-gcm', cek, nonce, { authTagLength: GCM_TAG_BYTES });
  const encrypted = Buffer.concat([cipher.update(signed), cipher.final()]);
  const encryptedKey = publicEncrypt({ key: recipient.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek);
  const rid = identifierOf(recipient, 'recipient');
  const recipientInfo = seq(smallInt(rid.version), rid.der, OAEP_ALG, octetString(encryptedKey));
  const gcmAlg = seq(oid(OID.aes256Gcm), seq(octetString(nonce), smallInt(GCM_TAG_BYTES)));
  const authEnveloped = seq(
    smallInt(0),
    setOf([recipientInfo]),
    seq(oid(OID.data), gcmAlg, tlv(ctxPrim(0), encrypted)),
    octetString(cipher.getAuthTag()),
  );
  return seq(oid(OID.authEnvelopedData), tlv(ctx(0), authEnveloped));
}

// ---------------------------------------------------------------------------------------
// Reading AuthEnvelopedData

interface Envelope {
  recipients: { rid: Identifier; encryptedKey: Buffer }[];
  nonce: Buffer;
  encrypted: Buffer;
  mac: Buffer;
}

/** ContentInfo { contentType, [0] EXPLICIT content } of the expected type. */
function unwrapContentInfo(der: Buffer, expected: string): Node {
  const [type, explicit] = items(decode(der), TAG.SEQUENCE, 'ContentInfo', 2) as [Node, Node];
  if (readOid(type, 'contentType') !== expected) fail(`content type is not ${expected}`);
  return items(explicit, ctx(0), 'ContentInfo content', 1)[0]!;
}

function readEnvelope(der: Buffer): Envelope {
  const fields = items(unwrapContentInfo(der, OID.authEnvelopedData), TAG.SEQUENCE, 'AuthEnvelopedData', 4);
  const [version, recipientInfos, encryptedContentInfo, mac] = fields as [Node, Node, Node, Node];
  if (readSmallInt(version, 'version') !== 0) fail('AuthEnvelopedData version is not 0');
  const recipients = items(recipientInfos, TAG.SET, 'RecipientInfos', 1, 64).map(readKeyTransRecipient);
  const [type, algorithm, encrypted] = items(encryptedContentInfo, TAG.SEQUENCE, 'EncryptedContentInfo', 3) as [Node, Node, Node];
  if (readOid(type, 'encrypted content type') !== OID.data) fail('encrypted content type is not id-data');
  const [algOid, params] = items(algorithm, TAG.SEQUENCE, 'contentEncryptionAlgorithm', 2) as [Node, Node];
  if (readOid(algOid, 'content encryption') !== OID.aes256Gcm) fail('content encryption is not AES-256-GCM');
  const [nonce, icvLen] = items(params, TAG.SEQUENCE, 'GCMParameters', 2) as [Node, Node];
  const nonceBytes = content(expectTag(nonce, TAG.OCTET_STRING, 'aes-nonce'));
  if (nonceBytes.length !== GCM_NONCE_BYTES) fail('GCM nonce is not 12 bytes');
  if (readSmallInt(icvLen, 'aes-ICVlen') !== GCM_TAG_BYTES) fail('GCM tag length is not 16');
  if (encrypted.tag !== ctxPrim(0) && encrypted.tag !== ctx(0)) fail('encryptedContent missing');
  const macBytes = content(expectTag(mac, TAG.OCTET_STRING, 'mac'));
  if (macBytes.length !== GCM_TAG_BYTES) fail('mac is not 16 bytes');
  return { recipients, nonce: nonceBytes, encrypted: octets(encrypted, 'encryptedContent'), mac: macBytes };
}

function readKeyTransRecipient(info: Node): { rid: Identifier; encryptedKey: Buffer } {
  const [version, rid, algorithm, encryptedKey] = items(info, TAG.SEQUENCE, 'KeyTransRecipientInfo', 4) as [Node, Node, Node, Node];
  // RFC 5652 §6.2.1: version 0 with issuerAndSerialNumber, 2 with subjectKeyIdentifier.
  const identifier = readIdentifier(rid, 'recipient');
  if (readSmallInt(version, 'KeyTransRecipientInfo version') !== ('ski' in identifier ? 2 : 0)) fail('KeyTransRecipientInfo version does not match its identifier');
  if (!raw(algorithm).equals(OAEP_ALG)) checkOaepAlgorithm(algorithm);
  return { rid: identifier, encryptedKey: content(expectTag(encryptedKey, TAG.OCTET_STRING, 'encryptedKey')) };
}

/** A SignerIdentifier / RecipientIdentifier, parsed (the two forms RFC 5652 defines for them). */
type Identifier = { ski: Buffer } | { issuer: Buffer; serialHex: string };

const MAX_KEY_ID_BYTES = 64;

function readIdentifier(n: Node, what: string): Identifier {
  if (n.tag === ctxPrim(0)) {
    const ski = content(n);
    if (ski.length === 0 || ski.length > MAX_KEY_ID_BYTES) fail(`${what} subjectKeyIdentifier has a bad length`);
    return { ski };
  }
  const [issuer, serial] = items(n, TAG.SEQUENCE, 'IssuerAndSerialNumber', 2) as [Node, Node];
  return { issuer: raw(expectTag(issuer, TAG.SEQUENCE, 'issuer')), serialHex: readSerialHex(serial, 'serialNumber') };
}

/**
 * Whether an identifier names this certificate: the subjectKeyIdentifier extension byte for
 * byte, or the issuer Name byte for byte (we issue all certificates) and the serial by value.
 */
function identifies(id: Identifier, cert: ParsedCert): boolean {
  if ('ski' in id) return cert.subjectKeyId !== undefined && id.ski.equals(cert.subjectKeyId);
  return id.issuer.equals(cert.issuerDer) && id.serialHex === cert.serialHex;
}

/** Only RSAES-OAEP with SHA-256 and MGF1-SHA-256; hash parameters may be absent or NULL. */
function checkOaepAlgorithm(algorithm: Node): void {
  const [algOid, params] = items(algorithm, TAG.SEQUENCE, 'keyEncryptionAlgorithm', 2) as [Node, Node];
  if (readOid(algOid, 'key encryption') !== OID.rsaesOaep) fail('key encryption is not RSAES-OAEP');
  const [hashFunc, maskGenFunc] = items(params, TAG.SEQUENCE, 'RSAES-OAEP-params', 2) as [Node, Node];
  checkSha256(items(hashFunc, ctx(0), 'hashFunc', 1)[0]!);
  const [mgf, mgfHash] = items(items(maskGenFunc, ctx(1), 'maskGenFunc', 1)[0]!, TAG.SEQUENCE, 'maskGenAlgorithm', 2) as [Node, Node];
  if (readOid(mgf, 'mask generation') !== OID.mgf1) fail('mask generation is not MGF1');
  checkSha256(mgfHash);
}

function checkSha256(algorithm: Node): void {
  const [algOid, params] = items(algorithm, TAG.SEQUENCE, 'digestAlgorithm', 1, 2);
  if (readOid(algOid, 'digest') !== OID.sha256) fail('digest is not SHA-256');
  if (params !== undefined && !raw(params).equals(NULL_DER)) fail('bad digest parameters');
}

function unwrapKey(encryptedKey: Buffer, privateKey: KeyObject): Buffer {
  try {
    const cek = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, encryptedKey);
    if (cek.length === CEK_BYTES) return cek;
  } catch {
    // fall through
  }
  // A bad key block goes on with a random key and fails at the GCM tag, like any other
  // damage: no timing difference tells an attacker which part of the container was wrong
  // (RFC 3218 §2.3).
  return randomBytes(CEK_BYTES);
}

/**
 * Step 1: decryption only. Returns the inner SignedData, parsed but NOT verified: call
 * verifySignature before trusting anything in it.
 */
export function decrypt(sdc: Buffer, recipient: Signer): Opened {
  // Our own certificate being unreadable is a configuration fault, not the container's:
  // it surfaces as a pki error instead of rejecting every container.
  const me = rsaCertificate(recipient.certPem, 'recipient');
  return guarded('decryption', () => {
    const envelope = readEnvelope(sdc);
    const mine = envelope.recipients.find((r) => identifies(r.rid, me)) ?? fail('not addressed to this certificate');
    const cek = unwrapKey(mine.encryptedKey, recipient.privateKey);
    const decipher = createDecipheriv('aes-256-gcm', cek, envelope.nonce, { authTagLength: GCM_TAG_BYTES });
    decipher.setAuthTag(envelope.mac);
    const plain = Buffer.concat([decipher.update(envelope.encrypted), decipher.final()]);
    return toOpened(plain, readSignedData(plain));
  });
}

// ---------------------------------------------------------------------------------------
// Reading SignedData

interface SignerDetails {
  sid: Identifier;
  /** The attributes as received, re-tagged as a SET: what the signature covers (RFC 5652 §5.4). */
  signedAttrs: Buffer | undefined;
  signature: Buffer;
  contentType: string | undefined;
  messageDigest: Buffer | undefined;
  signingTime: Date | undefined;
}

interface SignedParts {
  content: Buffer;
  certificates: Node[];
  signer: SignerDetails;
}

const SIGNATURE_ALGORITHMS = new Set<string>([OID.sha256WithRSA, OID.rsaEncryption]);

function readSignedData(der: Buffer): SignedParts {
  const fields = items(unwrapContentInfo(der, OID.signedData), TAG.SEQUENCE, 'SignedData', 4, 6);
  const [version, digestAlgorithms, encap] = fields as [Node, Node, Node];
  const signedDataVersion = readSmallInt(version, 'SignedData version');
  items(digestAlgorithms, TAG.SET, 'digestAlgorithms', 1, 8).forEach(checkDigestAlgorithm);
  const content = readEncapsulatedContent(encap);
  const rest = fields.slice(3);
  const certificates = rest[0]?.tag === ctx(0) ? rest.shift()!.children : [];
  certificates.forEach((c) => expectTag(c, TAG.SEQUENCE, 'certificate'));
  // Revocation lists travel in `trust` messages, not here; a [1] crls field is skipped.
  if (rest[0]?.tag === ctx(1)) rest.shift();
  if (rest.length !== 1) fail('unexpected fields in SignedData');
  const [signerInfo] = items(rest[0]!, TAG.SET, 'SignerInfos', 1) as [Node];
  const signer = readSignerInfo(signerInfo);
  // RFC 5652 §5.1: with id-data content and X.509 certificates only, version 3 exactly when
  // the SignerInfo is version 3 (identified by subjectKeyIdentifier), else 1.
  if (signedDataVersion !== ('ski' in signer.sid ? 3 : 1)) fail('SignedData version does not match its SignerInfo');
  return { content, certificates, signer };
}

function toOpened(der: Buffer, parts: SignedParts): Opened {
  const sid = parts.signer.sid;
  return {
    signedData: der,
    content: parts.content,
    signer: 'ski' in sid ? { skiHex: sid.ski.toString('hex') } : { issuerDer: Buffer.from(sid.issuer), serialHex: sid.serialHex },
    signingTime: parts.signer.signingTime,
    certificatesPem: parts.certificates.map((c) => pem('CERTIFICATE', raw(c))),
  };
}

function checkDigestAlgorithm(algorithm: Node): void {
  const [algOid, params] = items(algorithm, TAG.SEQUENCE, 'DigestAlgorithmIdentifier', 1, 2);
  readOid(algOid, 'digestAlgorithm');
  if (params !== undefined && !raw(params).equals(NULL_DER)) fail('bad digest parameters');
}

function readEncapsulatedContent(encap: Node): Buffer {
  const [type, explicit] = items(encap, TAG.SEQUENCE, 'EncapsulatedContentInfo', 1, 2);
  if (readOid(type, 'eContentType') !== OID.data) fail('encapsulated content is not id-data');
  if (explicit === undefined) return fail('detached signature: the content is not in the container');
  const [value] = items(explicit, ctx(0), 'eContent', 1) as [Node];
  return octets(expectTag(value, value.constructed ? TAG.CONSTRUCTED_OCTET_STRING : TAG.OCTET_STRING, 'eContent'), 'eContent');
}

function readSignerInfo(info: Node): SignerDetails {
  const fields = items(info, TAG.SEQUENCE, 'SignerInfo', 5, 7);
  // RFC 5652 §5.3: version 1 with issuerAndSerialNumber, 3 with subjectKeyIdentifier.
  const sid = readIdentifier(fields[1]!, 'signer');
  if (readSmallInt(fields[0], 'SignerInfo version') !== ('ski' in sid ? 3 : 1)) fail('SignerInfo version does not match its identifier');
  checkSha256(fields[2]!);
  let i = 3;
  const signedAttrs = fields[i]!.tag === ctx(0) ? fields[i++] : undefined;
  const [algOid, params] = items(fields[i++]!, TAG.SEQUENCE, 'signatureAlgorithm', 1, 2);
  const signatureAlgorithm = readOid(algOid, 'signatureAlgorithm');
  if (!SIGNATURE_ALGORITHMS.has(signatureAlgorithm)) fail(`signature algorithm ${signatureAlgorithm} is not RSA PKCS#1 v1.5`);
  if (params !== undefined && !raw(params).equals(NULL_DER)) fail('bad signature parameters');
  const signature = content(expectTag(fields[i++], TAG.OCTET_STRING, 'signature'));
  // Unsigned attributes (counter-signatures, timestamps) are not used; tolerated, not read.
  if (i < fields.length && fields[i++]!.tag !== ctx(1)) fail('unexpected field in SignerInfo');
  if (i !== fields.length) fail('unexpected fields in SignerInfo');
  const attrs = signedAttrs === undefined ? new Map<string, Node>() : readAttributes(signedAttrs);
  const contentType = attrs.get(OID.contentType);
  const messageDigest = attrs.get(OID.messageDigest);
  const signingTime = attrs.get(OID.signingTime);
  return {
    sid,
    signedAttrs: signedAttrs === undefined ? undefined : Buffer.concat([Buffer.from([TAG.SET]), raw(signedAttrs).subarray(1)]),
    signature,
    contentType: contentType === undefined ? undefined : readOid(contentType, 'contentType attribute'),
    messageDigest: messageDigest === undefined ? undefined : content(expectTag(messageDigest, TAG.OCTET_STRING, 'messageDigest')),
    signingTime: signingTime === undefined ? undefined : readTime(signingTime, 'signingTime'),
  };
}

/** The single value of each signed attribute RFC 5652 constrains; those may appear once. */
function readAttributes(set: Node): Map<string, Node> {
  const values = new Map<string, Node>();
  for (const attribute of items(set, ctx(0), 'signedAttrs', 1, 64)) {
    const [type, attrValues] = items(attribute, TAG.SEQUENCE, 'Attribute', 2) as [Node, Node];
    const name = readOid(type, 'attribute type');
    const all = items(attrValues, TAG.SET, 'attribute values', 1, 64);
    if (name === OID.contentType || name === OID.messageDigest || name === OID.signingTime) {
      if (values.has(name) || all.length !== 1) fail(`attribute ${name} must have exactly one value`);
      values.set(name, all[0]!);
    }
  }
  return values;
}

/** A DER ContentInfo(SignedData), e.g. archived evidence or one made by `openssl cms -sign`. */
export function parseSignedData(der: Buffer): Opened {
  return guarded('format', () => toOpened(der, readSignedData(der)));
}

/**
 * Step 2: the signature, with the signer certificate the caller chose (whose own validity
 * is the caller's 'certificate' step).
 */
export function verifySignature(opened: Opened, signerCertPem: string): void {
  const cert = guarded('certificate', () => rsaCertificate(signerCertPem, 'signer'));
  guarded('signature', () => {
    const { content: signedContent, signer } = readSignedData(opened.signedData);
    // What the caller will use must be what was signed.
    if (!signedContent.equals(opened.content)) fail('content differs from the signed data');
    if (!identifies(signer.sid, cert)) fail('signed by another certificate');
    if (signer.signedAttrs === undefined) fail('no signed attributes');
    if (signer.contentType !== OID.data) fail('contentType attribute missing or not id-data');
    const digest = createHash('sha256').update(signedContent).digest();
    if (signer.messageDigest === undefined || signer.messageDigest.length !== digest.length || !timingSafeEqual(signer.messageDigest, digest)) {
      fail('messageDigest does not match the content');
    }
    if (!verify('sha256', signer.signedAttrs!, cert.publicKey, signer.signature)) fail('RSA signature is invalid');
  });
}

