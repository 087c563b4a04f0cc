/**
 * A small BER reader and DER writer for the CMS structures of the Secure Data Container.
 *
 * Hand-written rather than node-forge's ASN.1 because the container code needs the exact
 * byte ranges of what it received (signed attributes are verified over their original
 * bytes), works on Buffers without the binary-string copies forge makes, and must turn
 * any hostile input into one clean error: every read is bounds-checked, nesting is capped,
 * and nothing loops without consuming bytes.
 */

export class AsnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AsnError';
  }
}

/** One decoded element. `tag` is the identifier octet (0x30 SEQUENCE, 0xA0 [0] constructed…). */
export interface Node {
  readonly buf: Buffer;
  readonly tag: number;
  readonly constructed: boolean;
  /** Offsets in `buf`: the element spans [start, end), its contents [contentStart, contentEnd). */
  readonly start: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly end: number;
  readonly children: Node[];
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8: 0x0c,
  PRINTABLE: 0x13,
  T61: 0x14,
  IA5: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONSTRUCTED_OCTET_STRING: 0x24,
} as const;

/** Context-specific tags: [n] constructed (EXPLICIT, or IMPLICIT of a constructed type) and primitive. */
export const ctx = (n: number): number => 0xa0 | n;
export const ctxPrim = (n: number): number => 0x80 | n;

// Deeper than any CMS or X.509 structure; bounds the recursion on hostile input.
const MAX_DEPTH = 48;

// ---------------------------------------------------------------------------------------
// Reading

/** Decodes one element that must fill `buf` exactly (trailing bytes are an error). */
export function decode(buf: Buffer): Node {
  const node = readNode(buf, 0, buf.length, 0);
  if (node.end !== buf.length) throw new AsnError(`${buf.length - node.end} trailing bytes`);
  return node;
}

function readNode(buf: Buffer, start: number, limit: number, depth: number): Node {
  if (depth > MAX_DEPTH) throw new AsnError('nesting too deep');
  if (start + 2 > limit) throw new AsnError(`truncated header at ${start}`);
  const tag = buf[start]!;
  // High tag numbers never occur in the structures read here.
  if ((tag & 0x1f) === 0x1f) throw new AsnError(`unsupported high tag number at ${start}`);
  const constructed = (tag & 0x20) !== 0;
  const first = buf[start + 1]!;
  let pos = start + 2;

  if (first === 0x80) {
    if (!constructed) throw new AsnError(`indefinite length on a primitive at ${start}`);
    const children: Node[] = [];
    for (;;) {
      if (pos + 2 > limit) throw new AsnError(`missing end-of-contents after ${start}`);
      if (buf[pos] === 0 && buf[pos + 1] === 0) {
        return { buf, tag, constructed, start, contentStart: start + 2, contentEnd: pos, end: pos + 2, children };
      }
      const child = readNode(buf, pos, limit, depth + 1);
      children.push(child);
      pos = child.end;
    }
  }

  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count > 4) throw new AsnError(`length too large at ${start}`);
    if (pos + count > limit) throw new AsnError(`truncated length at ${start}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos + i]!;
    pos += count;
  }
  const contentStart = pos;
  const contentEnd = contentStart + length;
  if (contentEnd > limit) throw new AsnError(`element at ${start} overruns its container`);

  const children: Node[] = [];
  if (constructed) {
    let p = contentStart;
    while (p < contentEnd) {
      const child = readNode(buf, p, contentEnd, depth + 1);
      children.push(child);
      p = child.end;
    }
  }
  return { buf, tag, constructed, start, contentStart, contentEnd, end: contentEnd, children };
}

/** The whole element as received, header included. */
export const raw = (n: Node): Buffer => n.buf.subarray(n.start, n.end);

/** The contents octets of a primitive element. */
export function content(n: Node): Buffer {
  if (n.constructed) throw new AsnError(`tag 0x${n.tag.toString(16)} must be primitive`);
  return n.buf.subarray(n.contentStart, n.contentEnd);
}

export function expectTag(n: Node | undefined, tag: number, what: string): Node {
  if (n === undefined) throw new AsnError(`${what}: missing`);
  if (n.tag !== tag) throw new AsnError(`${what}: tag 0x${n.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  return n;
}

/** Children of a SEQUENCE/SET, checking their count. */
export function items(n: Node, tag: number, what: string, min: number, max = min): Node[] {
  expectTag(n, tag, what);
  if (n.children.length < min || n.children.length > max) {
    throw new AsnError(`${what}: ${n.children.length} elements, expected ${min}..${max}`);
  }
  return n.children;
}

/**
 * The value of an OCTET STRING (or an IMPLICIT-tagged one), joining the segments of the
 * constructed BER form OpenSSL writes when it streams.
 */
export function octets(n: Node, what: string, depth = 0): Buffer {
  if (!n.constructed) return content(n);
  if (depth > 4) throw new AsnError(`${what}: nested segments too deep`);
  return Buffer.concat(
    n.children.map((c) => {
      if (c.tag !== TAG.OCTET_STRING && c.tag !== TAG.CONSTRUCTED_OCTET_STRING) throw new AsnError(`${what}: segment is not an OCTET STRING`);
      return octets(c, what, depth + 1);
    }),
  );
}

export function readOid(n: Node | undefined, what: string): string {
  const bytes = content(expectTag(n, TAG.OID, what));
  if (bytes.length === 0 || bytes.length > 64 || (bytes[bytes.length - 1]! & 0x80) !== 0) {
    throw new AsnError(`${what}: malformed OID`);
  }
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (value === 0 && b === 0x80) throw new AsnError(`${what}: non-minimal OID arc`);
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new AsnError(`${what}: OID arc too large`);
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) {
        const top = value < 40 ? 0 : value < 80 ? 1 : 2;
        arcs.push(top, value - top * 40);
      } else {
        arcs.push(value);
      }
      value = 0;
    }
  }
  return arcs.join('.');
}

/** A small non-negative INTEGER (versions, counts). */
export function readSmallInt(n: Node | undefined, what: string): number {
  const bytes = content(expectTag(n, TAG.INTEGER, what));
  if (bytes.length === 0 || bytes.length > 4 || (bytes[0]! & 0x80) !== 0) throw new AsnError(`${what}: not a small positive integer`);
  if (bytes.length > 1 && bytes[0] === 0 && (bytes[1]! & 0x80) === 0) throw new AsnError(`${what}: non-minimal integer`);
  return bytes.reduce((v, b) => v * 256 + b, 0);
}

/**
 * A serial number as lowercase hex of its magnitude, without the sign-padding zero: the
 * one spelling used to compare serials from certificates and from CMS identifiers.
 */
export function readSerialHex(n: Node | undefined, what: string): string {
  const bytes = content(expectTag(n, TAG.INTEGER, what));
  if (bytes.length === 0 || bytes.length > 32) throw new AsnError(`${what}: bad serial length`);
  return serialBytesToHex(bytes);
}

export function serialBytesToHex(bytes: Buffer): string {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i).toString('hex');
}

/** UTCTime or GeneralizedTime, UTC ('Z') only, as certificates and CMS write them. */
export function readTime(n: Node | undefined, what: string): Date {
  if (n === undefined) throw new AsnError(`${what}: missing`);
  const text = content(n).toString('latin1');
  let m: RegExpExecArray | null;
  let year: number;
  if (n.tag === TAG.UTC_TIME) {
    m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?Z$/.exec(text);
    if (!m) throw new AsnError(`${what}: malformed UTCTime`);
    const yy = Number(m[1]);
    year = yy < 50 ? 2000 + yy : 1900 + yy;
  } else if (n.tag === TAG.GENERALIZED_TIME) {
    m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:\.\d{1,9})?Z$/.exec(text);
    if (!m) throw new AsnError(`${what}: malformed GeneralizedTime`);
    year = Number(m[1]);
  } else {
    throw new AsnError(`${what}: not a time`);
  }
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new AsnError(`${what}: impossible date`);
  }
  return date;
}

/** The text of a directory string (the types X.509 names use). */
export function readString(n: Node, what: string): string {
  const bytes = content(n);
  switch (n.tag) {
    case TAG.UTF8:
      return bytes.toString('utf8');
    case TAG.PRINTABLE:
    case TAG.IA5:
    case TAG.T61:
      return bytes.toString('latin1');
    case TAG.BMP:
      if (bytes.length % 2 !== 0) throw new AsnError(`${what}: odd BMPString`);
      return Buffer.from(bytes).swap16().toString('utf16le');
    default:
      throw new AsnError(`${what}: unsupported string type 0x${n.tag.toString(16)}`);
  }
}

/** The first value of an attribute type (e.g. CN, 2.5.4.3) in a Name. */
export function nameAttribute(name: Node, oid: string): string | undefined {
  for (const rdn of items(name, TAG.SEQUENCE, 'Name', 0, 1000)) {
    for (const atv of items(rdn, TAG.SET, 'RDN', 1, 100)) {
      const [type, value] = items(atv, TAG.SEQUENCE, 'AttributeTypeAndValue', 2);
      if (readOid(type, 'attribute type') === oid) return readString(value!, 'attribute value');
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Writing (DER)

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(length), ...parts]);
}

export const seq = (...parts: Buffer[]): Buffer => tlv(TAG.SEQUENCE, ...parts);

/** DER SET OF: the members sorted by their encodings (X.690 11.6). */
export const setOf = (parts: Buffer[], tag: number = TAG.SET): Buffer => tlv(tag, ...[...parts].sort(Buffer.compare));

export const octetString = (value: Buffer): Buffer => tlv(TAG.OCTET_STRING, value);
export const NULL_DER = Buffer.from([0x05, 0x00]);

export function smallInt(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(TAG.INTEGER, Buffer.from(bytes));
}

const oidCache = new Map<string, Buffer>();

export function oid(dotted: string): Buffer {
  let der = oidCache.get(dotted);
  if (der === undefined) {
    const arcs = dotted.split('.').map(Number);
    const body: number[] = [];
    const first = arcs[0]! * 40 + arcs[1]!;
    for (const arc of [first, ...arcs.slice(2)]) {
      const chunk = [arc & 0x7f];
      for (let a = Math.floor(arc / 128); a > 0; a = Math.floor(a / 128)) chunk.unshift((a & 0x7f) | 0x80);
      body.push(...chunk);
    }
    der = tlv(TAG.OID, Buffer.from(body));
    oidCache.set(dotted, der);
  }
  return der;
}

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5652 §11.3, RFC 5280 §4.1.2.5). */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(TAG.UTC_TIME, Buffer.from(`${digits.slice(2)}Z`, 'latin1'));
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(`${digits}Z`, 'latin1'));
}

export function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** The DER inside the first PEM block with this label. */
export function unpem(text: string, label: string): Buffer {
  const m = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(text);
  if (!m) throw new AsnError(`no ${label} PEM block`);
  return Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
}

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  authEnvelopedData: '1.2.840.113549.1.9.16.1.23',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaesOaep: '1.2.840.113549.1.1.7',
  mgf1: '1.2.840.113549.1.1.8',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  aes256Gcm: '2.16.840.1.101.3.4.1.46',
  commonName: '2.5.4.3',
} as const;
