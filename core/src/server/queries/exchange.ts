import type { Queryable } from '../../db/database.js';
import type { CertificateRow } from './pki.js';
import { rateCte } from './monitor.js';

export async function evidenceOf(q: Queryable, src: string, seq: number): Promise<Buffer | undefined> {
  const [r] = await q.query<{ signed_data: Buffer }>('SELECT signed_data FROM xm_system.evidence WHERE src = $1 AND seq = $2', [src, seq]);
  return r?.signed_data;
}

/** `documents`: how many NIUs the container carries (documents or cancellations), for the operator's list. */
export async function insertQuarantine(q: Queryable, src: string, seq: number, msgType: string, payload: Buffer, documents: number, at: Date): Promise<void> {
  await q.query('INSERT INTO xm_system.quarantine (src, seq, msg_type, payload, documents, received_at) VALUES ($1, $2, $3, $4, $5, $6)', [src, seq, msgType, payload, documents, at]);
}

export async function outgoing(q: Queryable, dst: string, seq: number): Promise<Buffer | undefined> {
  const [r] = await q.query<{ sdc: Buffer }>('SELECT sdc FROM xm_system.outbox WHERE dst = $1 AND seq = $2', [dst, seq]);
  return r?.sdc;
}

/** What a centre has not yet processed (after its `hello`), oldest first. */
export async function outgoingAfter(q: Queryable, dst: string, seen: number, limit = 500): Promise<{ seq: number; sdc: Buffer }[]> {
  return q.query('SELECT seq, sdc FROM xm_system.outbox WHERE dst = $1 AND seq > $2 ORDER BY seq LIMIT $3', [dst, seen, limit]);
}

/** Committed but never published (the process died in between), oldest first. */
export async function unsentOutgoing(q: Queryable, olderThan: Date, limit = 500): Promise<{ dst: string; seq: number; sdc: Buffer }[]> {
  return q.query('SELECT dst, seq, sdc FROM xm_system.outbox WHERE sent_at IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2', [olderThan, limit]);
}

export async function markOutgoingSent(q: Queryable, items: { dst: string; seq: number }[], at: Date): Promise<void> {
  if (items.length === 0) return;
  await q.query(
    `UPDATE xm_system.outbox o SET sent_at = $3 FROM unnest($1::text[], $2::bigint[]) AS x(dst, seq)
      WHERE o.dst = x.dst AND o.seq = x.seq`,
    [items.map((i) => i.dst), items.map((i) => i.seq), at],
  );
}

export async function recentRejections(q: Queryable, limit = 20): Promise<{ at: Date; src: string | null; step: string; detail: string; bytes: number }[]> {
  return q.query('SELECT at, src, step, detail, bytes FROM xm_system.rejections ORDER BY id DESC LIMIT $1', [limit]);
}

export interface TrafficDelta {
  containersIn?: number;
  documentsIn?: number;
  duplicates?: number;
  conflicts?: number;
  acksOut?: number;
  errors?: number;
  bytesIn?: number;
  bytesOut?: number;
}

/** Moves a centre's counters; traffic seen at `seenAt` also counts in the monitor's rates. */
export async function addTraffic(q: Queryable, matricule: string, d: TrafficDelta, seenAt: Date | null): Promise<void> {
  await q.query(
    `WITH ${rateCte('rate', { at: '$10', containers: '$2', documents: '$3', errors: '$7', bytesIn: '$8', bytesOut: '$9', when: '$10::timestamptz IS NOT NULL' })}
     UPDATE xm_system.traffic SET
       last_seen = coalesce(greatest(last_seen, $10), last_seen, $10),
       containers_in = containers_in + $2, documents_in = documents_in + $3, duplicates = duplicates + $4,
       conflicts = conflicts + $5, acks_out = acks_out + $6, errors = errors + $7, bytes_in = bytes_in + $8, bytes_out = bytes_out + $9
     WHERE matricule = $1`,
    [matricule, d.containersIn ?? 0, d.documentsIn ?? 0, d.duplicates ?? 0, d.conflicts ?? 0, d.acksOut ?? 0, d.errors ?? 0, d.bytesIn ?? 0, d.bytesOut ?? 0, seenAt],
  );
}

export interface TrafficRow {
  matricule: string;
  name: string;
  status: number;
  last_seen: Date | null;
  containers_in: number;
  documents_in: number;
  duplicates: number;
  conflicts: number;
  acks_out: number;
  errors: number;
  bytes_in: number;
  bytes_out: number;
  queued: number;
}

/** The live monitor's per-centre table, readable from any process. */
export async function trafficOf(q: Queryable, matricule: string): Promise<TrafficRow | undefined> {
  return (await trafficTable(q, matricule))[0];
}

export async function trafficTable(q: Queryable, matricule?: string): Promise<TrafficRow[]> {
  return q.query<TrafficRow>(
    `SELECT t.matricule, c.name, c.status, t.last_seen, t.containers_in, t.documents_in, t.duplicates, t.conflicts, t.acks_out,
            t.errors, t.bytes_in, t.bytes_out,
            (SELECT count(*)::int FROM xm_system.outbox o WHERE o.dst = t.matricule AND o.sent_at IS NULL) AS queued
       FROM xm_system.traffic t JOIN xm_system.clients c USING (matricule)
      WHERE $1::text IS NULL OR t.matricule = $1 ORDER BY t.matricule`,
    [matricule ?? null],
  );
}

/** The certificates named by a batch's signers, in one query. */
/** A container's signer as its SignerInfo names it (sdc.ts Opened['signer']). */
export interface SignerRef {
  skiHex?: string | undefined;
  serialHex?: string | undefined;
}

/** The candidate certificates for a batch's signers, newest first, from one query. */
export interface SignerCertificates {
  bySki: Map<string, CertificateRow[]>;
  bySerial: Map<string, CertificateRow>;
}

/**
 * The certificates a batch's signers may be, in one query: by subjectKeyIdentifier (what
 * Docstream writes) or by serial (containers made by plain `openssl cms -sign`).
 */
export async function signerCertificates(q: Queryable, signers: SignerRef[]): Promise<SignerCertificates> {
  const skis = [...new Set(signers.flatMap((s) => (s.skiHex === undefined ? [] : [s.skiHex])))];
  const serials = [...new Set(signers.flatMap((s) => (s.skiHex === undefined && s.serialHex !== undefined ? [s.serialHex] : [])))];
  const found: SignerCertificates = { bySki: new Map(), bySerial: new Map() };
  if (skis.length === 0 && serials.length === 0) return found;
  const rows = await q.query<CertificateRow>(
    `SELECT serial, matricule, pem, fingerprint, ski, not_before, not_after, issued_at, source, revoked_at, revoke_reason
       FROM xm_system.certificates WHERE ski = ANY($1::text[]) OR serial = ANY($2::text[])
      ORDER BY issued_at DESC, serial`,
    [skis, serials],
  );
  for (const r of rows) {
    found.bySerial.set(r.serial, r);
    const same = found.bySki.get(r.ski);
    if (same) same.push(r);
    else found.bySki.set(r.ski, [r]);
  }
  return found;
}

/**
 * The certificate a signer names. Several certificates share a subjectKeyIdentifier when a
 * renewal kept the key (they share the public key, so the signature verifies with any of
 * them): the newest one not revoked and valid at the signing time, else the newest, whose
 * revocation or validity the caller then refuses.
 */
export function signerCertificate(found: SignerCertificates, signer: SignerRef, signingTime: Date | undefined): CertificateRow | undefined {
  if (signer.skiHex === undefined) return signer.serialHex === undefined ? undefined : found.bySerial.get(signer.serialHex);
  const candidates = found.bySki.get(signer.skiHex) ?? [];
  const at = signingTime?.getTime();
  return candidates.find((c) => c.revoked_at === null && at !== undefined && at >= c.not_before.getTime() && at <= c.not_after.getTime()) ?? candidates[0];
}

export const inboxKey = (src: string, seq: number): string => `${src}:${seq}`;

/** Which of a batch's (src, seq) were seen already, in one query. */
export async function inboxEntries(q: Queryable, keys: { src: string; seq: number }[]): Promise<Map<string, { digest: string; ack_seq: number | null }>> {
  if (keys.length === 0) return new Map();
  const rows = await q.query<{ src: string; seq: number; digest: string; ack_seq: number | null }>(
    `SELECT i.src, i.seq, i.digest, i.ack_seq FROM xm_system.inbox i JOIN unnest($1::text[], $2::bigint[]) AS k(src, seq) ON i.src = k.src AND i.seq = k.seq`,
    [keys.map((k) => k.src), keys.map((k) => k.seq)],
  );
  return new Map(rows.map((r) => [inboxKey(r.src, r.seq), r]));
}

/** The status of a batch's clients, in one query. */
export async function clientStatuses(q: Queryable, matricules: string[]): Promise<Map<string, number>> {
  if (matricules.length === 0) return new Map();
  const rows = await q.query<{ matricule: string; status: number }>('SELECT matricule, status FROM xm_system.clients WHERE matricule = ANY($1::text[])', [[...new Set(matricules)]]);
  return new Map(rows.map((r) => [r.matricule, r.status]));
}

/** Claims (src, seq) and archives the signed content, in one statement; false for a replay. */
export async function claimWithEvidence(
  q: Queryable,
  e: { src: string; seq: number; msgType: string; digest: string; outcome: 'accepted' | 'quarantined'; signedData: Buffer | null; at: Date },
): Promise<boolean> {
  const rows = await q.query(
    `WITH claimed AS (
       INSERT INTO xm_system.inbox (src, seq, msg_type, digest, outcome, received_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING src, seq
     ), archived AS (
       INSERT INTO xm_system.evidence (src, seq, signed_data, received_at) SELECT src, seq, $7, $6 FROM claimed WHERE $7::bytea IS NOT NULL
     )
     SELECT 1 FROM claimed`,
    [e.src, e.seq, e.msgType, e.digest, e.outcome, e.at, e.signedData],
  );
  return rows.length === 1;
}

/** Reserves the seq of the answer to a centre (row lock: its answers stay in order) and finds the certificate to seal it to. */
export async function reserveAnswer(q: Queryable, matricule: string): Promise<{ seq: number; pem: string | null }> {
  const [r] = await q.query<{ seq: number; pem: string | null }>(
    `UPDATE xm_system.clients SET down_seq = down_seq + 1 WHERE matricule = $1
     RETURNING down_seq AS seq, (SELECT c.pem FROM xm_system.certificates c WHERE c.matricule = $1 AND c.revoked_at IS NULL ORDER BY c.issued_at DESC LIMIT 1) AS pem`,
    [matricule],
  );
  if (!r) throw new Error(`no client ${matricule}`);
  return r;
}

/**
 * Stores the answer, links it from the inbox rows it answers, and moves the counters, in
 * one statement. The monitor's rate bucket is moved once for the whole batch (addRate).
 */
export async function recordAnswer(
  q: Queryable,
  a: { dst: string; seq: number; msgType: string; sdc: Buffer; at: Date; answers: number[] },
  traffic: TrafficDelta,
): Promise<void> {
  await q.query(
    `WITH o AS (
       INSERT INTO xm_system.outbox (dst, seq, msg_type, sdc, created_at) VALUES ($1, $2, $3, $4, $5)
     ), i AS (
       UPDATE xm_system.inbox SET ack_seq = $2 WHERE src = $1 AND seq = ANY($6::bigint[])
     )
     UPDATE xm_system.traffic SET
       last_seen = greatest(coalesce(last_seen, $5), $5),
       containers_in = containers_in + $7, documents_in = documents_in + $8, duplicates = duplicates + $9,
       conflicts = conflicts + $10, acks_out = acks_out + $11, errors = errors + $12, bytes_in = bytes_in + $13, bytes_out = bytes_out + $14
     WHERE matricule = $1`,
    [a.dst, a.seq, a.msgType, a.sdc, a.at, a.answers, traffic.containersIn ?? 0, traffic.documentsIn ?? 0, traffic.duplicates ?? 0,
      traffic.conflicts ?? 0, traffic.acksOut ?? 0, traffic.errors ?? 0, traffic.bytesIn ?? 0, traffic.bytesOut ?? 0],
  );
}

export async function insertRejections(q: Queryable, list: { at: Date; src: string | null; step: string; detail: string; bytes: number }[]): Promise<void> {
  if (list.length === 0) return;
  // Each rejection is an error in the rate bucket of its time.
  await q.query(
    `WITH x AS (
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::int[]) AS x(at, src, step, detail, bytes)
     ), logged AS (
       INSERT INTO xm_system.rejections (at, src, step, detail, bytes) SELECT at, src, step, detail, bytes FROM x
     )
     INSERT INTO xm_system.traffic_rates AS r (bucket, slot, errors, bytes_in)
     SELECT xm_system.rate_bucket(at), pg_backend_pid(), count(*), sum(bytes) FROM x GROUP BY 1
     ON CONFLICT (bucket, slot) DO UPDATE SET errors = r.errors + excluded.errors, bytes_in = r.bytes_in + excluded.bytes_in`,
    [list.map((r) => r.at), list.map((r) => r.src), list.map((r) => r.step), list.map((r) => r.detail.slice(0, 500)), list.map((r) => r.bytes)],
  );
  const perClient = new Map<string, { n: number; bytes: number }>();
  for (const r of list) {
    if (!r.src) continue;
    const c = perClient.get(r.src) ?? { n: 0, bytes: 0 };
    c.n++;
    c.bytes += r.bytes;
    perClient.set(r.src, c);
  }
  if (perClient.size === 0) return;
  await q.query(
    `UPDATE xm_system.traffic t SET errors = t.errors + x.n, bytes_in = t.bytes_in + x.bytes
       FROM unnest($1::text[], $2::int[], $3::bigint[]) AS x(matricule, n, bytes) WHERE t.matricule = x.matricule`,
    [[...perClient.keys()], [...perClient.values()].map((c) => c.n), [...perClient.values()].map((c) => c.bytes)],
  );
}
