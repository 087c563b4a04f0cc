import type { DocumentData, FormDef } from '../forms/types.js';

/** Message types of DESIGN §4 that this version exchanges. */
export type MessageType =
  | 'docs' | 'cancel' | 'ack' | 'hello' | 'error' | 'enroll' | 'enrolled'
  | 'query' | 'result' | 'account' | 'profile' | 'message' | 'trust' | 'forms'
  | 'seal' | 'attest' | 'copies' | 'election';

/** `dst` of a bulletin on the broadcast topic: signed for everyone, encrypted for no one. */
export const BROADCAST_DST = '*';

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

/** A centre's balance and query quota as the server holds them. */
export interface WireAccount {
  b: number;
  q: number;
  at: string;
}

/** What a centre may ask the central database: a NIU, or a kind with criteria. */
export interface WireQuery {
  niu?: string;
  kind?: string;
  names?: string;
  from?: string;
  to?: string;
}

/** A document in a query result: as sent by its centre, plus its central status. */
export interface WireResultDocument extends WireDocument {
  /** 0 cancelled: with the reason. */
  s: number;
  cr?: string;
}

export interface WireSignatory {
  id: number;
  name: string;
  title: string;
  national: boolean;
}

export interface Bodies {
  docs: { docs: WireDocument[] };
  cancel: { cancels: WireCancel[] };
  /** `acct`: the balance after the documents were billed. */
  ack: { ack: AckEntry[]; acct?: WireAccount };
  /** After (re)connecting: the last seq this side has processed from the other. */
  hello: { seen: number };
  error: { code: string; fr: string; en: string; seq?: number };
  /** `seal`: the centre's seal key (compressed point, base64), attested in the same exchange. */
  enroll: { csr: string; mac: string; seal?: string };
  enrolled: { cert: string; ca: string; server: string; mac: string; seal?: { att: string; root: string; rootSig: string } };
  query: { q: WireQuery };
  /** `seq`: the query answered; `total`: matches in all, of which `docs` (at most the limit). */
  result: { seq: number; docs: WireResultDocument[]; total: number; acct: WireAccount };
  account: WireAccount;
  profile: { name: string; city: string; region: string; phone: string; status: number; sig: WireSignatory[]; at: string };
  /** `by`: who wrote it (a centre user's name, or the operator's). */
  message: { text: string; by: string };
  /** Revoked centre certificates and cancelled NIUs: the whole list, replacing the last. */
  trust: { revoked: { serial: string; ski: string; at: string }[]; cancelled: string[]; seals?: string[] };
  /** Form definitions the server pushed (the newest version of each). */
  forms: { forms: FormDef[] };
  /** A centre asks the national seal root to attest its seal key (compressed P-256 point, base64). */
  seal: { point: string };
  /** The attestation (CBOR COSE_Sign1), the root's public key (SPKI DER) and the CA's signature over it, base64. */
  attest: { att: string; root: string; rootSig: string };
  /** Certified copies issued, for billing: NIU, copy number, when. */
  copies: { copies: { n: string; c: number; at: string }[] };
  /** An election a centre enters reports for: its candidates and that centre's stations. */
  election: { id: string; name: string; date: string; candidates: { code: string; name: string }[]; stations: { code: string; name: string; registered: number }[] };
}

export type Message<T extends MessageType = MessageType> = { header: Header; body: Bodies[T] };

export function isType<T extends MessageType>(m: Message, t: T): m is Message<T> {
  return m.header.typ === t;
}
