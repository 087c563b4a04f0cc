import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { CURRENT_DICTIONARY, DICTIONARIES } from './dictionary.js';
import type { Header, Message, MessageType } from './protocol.js';

const TYPES: ReadonlySet<string> = new Set<MessageType>(['docs', 'cancel', 'ack', 'hello', 'error', 'enroll', 'enrolled', 'query', 'result', 'account', 'profile', 'message', 'trust', 'forms', 'seal', 'attest', 'copies', 'election']);
/** A deflate bomb must not exhaust a low-spec machine: no payload inflates past this. */
export const MAX_PAYLOAD_BYTES = 32 * 1024 * 1024;

export class PayloadError extends Error {}

/**
 * The signed content of a container: one byte naming the dictionary (the protocol
 * version), then the message as JSON, deflated with that preset dictionary so that
 * even a one-document container stays small.
 */
export function encodePayload(message: Message): Buffer {
  const json = Buffer.from(JSON.stringify({ ...message.header, body: message.body }), 'utf8');
  const packed = deflateRawSync(json, { level: 9, memLevel: 9, dictionary: DICTIONARIES[CURRENT_DICTIONARY]! });
  return Buffer.concat([Buffer.from([CURRENT_DICTIONARY]), packed]);
}

export function decodePayload(bytes: Buffer): Message {
  const dictionary = DICTIONARIES[bytes[0] ?? -1];
  if (!dictionary) throw new PayloadError(`unknown protocol version ${bytes[0]}`);
  let json: string;
  try {
    json = inflateRawSync(bytes.subarray(1), { dictionary, maxOutputLength: MAX_PAYLOAD_BYTES }).toString('utf8');
  } catch (e) {
    throw new PayloadError(`payload does not inflate: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new PayloadError('payload is not JSON');
  }
  return checkShape(raw);
}

function checkShape(raw: unknown): Message {
  if (typeof raw !== 'object' || raw === null) throw new PayloadError('payload is not an object');
  const r = raw as Record<string, unknown>;
  const { v, typ, src, dst, seq, ts, body } = r;
  if (v !== 1) throw new PayloadError(`header v ${String(v)}`);
  if (typeof typ !== 'string' || !TYPES.has(typ)) throw new PayloadError(`unknown message type ${String(typ)}`);
  if (typeof src !== 'string' || typeof dst !== 'string') throw new PayloadError('src/dst missing');
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) throw new PayloadError('bad seq');
  if (typeof ts !== 'string' || Number.isNaN(Date.parse(ts))) throw new PayloadError('bad ts');
  if (typeof body !== 'object' || body === null) throw new PayloadError('body missing');
  const header: Header = { v, typ: typ as MessageType, src, dst, seq, ts };
  return { header, body } as Message;
}
