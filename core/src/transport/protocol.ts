import type { DocumentData } from '../forms/types.js';

/** Message types of DESIGN §4 that this version exchanges. */
export type MessageType = 'docs' | 'cancel' | 'ack' | 'hello' | 'error' | 'enroll' | 'enrolled';

/** The signed header of every message; `dst` is a matricule or "server". */
export interface Header {
  v: number;
  typ: MessageType;
  src: string;
  dst: string;
  seq: number;
  /** ISO time of sealing. */
  ts: string;
}

export const SERVER_ID = 'server';

/** One validated document as it travels: short keys, since every byte crosses a satellite. */
export interface WireDocument {
  /** NIU */
  n: string;
  /** form id and version */
  f: string;
  fv: number;
  /** validated at, ISO */
  va: string;
  d: DocumentData;
}

export interface WireCancel {
  n: string;
  reason: string;
  at: string;
}

export type ItemResult = 'accepted' | 'duplicate' | 'conflict' | 'rejected' | 'quarantined';

/** The server's answer to one container: a result per NIU it carried. */
export interface AckEntry {
  seq: number;
  /** accepted: integrated; quarantined: kept aside (suspended client); rejected: not read at all. */
  r: 'accepted' | 'quarantined' | 'rejected';
  reason?: string;
  items: { n: string; r: ItemResult; reason?: string }[];
}

export interface Bodies {
  docs: { docs: WireDocument[] };
  cancel: { cancels: WireCancel[] };
  ack: { ack: AckEntry[] };
  /** After (re)connecting: the last seq this side has processed from the other. */
  hello: { seen: number };
  error: { code: string; fr: string; en: string; seq?: number };
  enroll: { csr: string; mac: string };
  enrolled: { cert: string; ca: string; server: string; mac: string };
}

export type Message<T extends MessageType = MessageType> = { header: Header; body: Bodies[T] };

export function isType<T extends MessageType>(m: Message, t: T): m is Message<T> {
  return m.header.typ === t;
}
