import { rejected, seal } from '../crypto/sdc.js';
import { encodePayload } from '../transport/codec.js';
import { SERVER_ID, type Bodies, type Message, type MessageType } from '../transport/protocol.js';
import type { ServerIdentity } from './identity.js';

/** A container to send back: an SDC for a centre, or a plain enrolment answer. */
export interface Reply {
  dst: string;
  seq: number;
  bytes: Buffer;
}

/** Signs and encrypts one message for a centre, to its current certificate. */
export function sealFor<T extends MessageType>(id: ServerIdentity, dst: string, seq: number, pem: string | null, typ: T, body: Bodies[T], at: Date): Reply {
  if (!pem) throw rejected('certificate', `no valid certificate to answer ${dst}`);
  const msg = { header: { v: 1, typ, src: SERVER_ID, dst, seq, ts: at.toISOString() }, body } as Message;
  return { dst, seq, bytes: seal({ content: encodePayload(msg), signer: { certPem: id.serverPem, privateKey: id.serverKey }, recipientCertPem: pem, signingTime: at }) };
}
