import type { Queryable } from '../../db/database.js';

/** Claims (src, seq); false when it was already seen (a replay or a re-send). */
export async function claimInbox(
  q: Queryable,
  e: { src: string; seq: number; msgType: string; digest: string; outcome: 'accepted' | 'quarantined'; at: Date },
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO xm_system.inbox (src, seq, msg_type, digest, outcome, received_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING RETURNING seq`,
    [e.src, e.seq, e.msgType, e.digest, e.outcome, e.at],
  );
  return rows.length === 1;
}

export async function inboxEntry(q: Queryable, src: string, seq: number): Promise<{ digest: string; ack_seq: number | null } | undefined> {
  const [r] = await q.query<{ digest: string; ack_seq: number | null }>('SELECT digest, ack_seq FROM xm_system.inbox WHERE src = $1 AND seq = $2', [src, seq]);
  return r;
}

export async function setInboxAck(q: Queryable, src: string, seq: number, ackSeq: number): Promise<void> {
  await q.query('UPDATE xm_system.inbox SET ack_seq = $3 WHERE src = $1 AND seq = $2', [src, seq, ackSeq]);
}

export async function insertEvidence(q: Queryable, src: string, seq: number, signedData: Buffer, at: Date): Promise<void> {
  await q.query('INSERT INTO xm_system.evidence (src, seq, signed_data, received_at) VALUES ($1, $2, $3, $4)', [src, seq, signedData, at]);
}

export async function evidenceOf(q: Queryable, src: string, seq: number): Promise<Buffer | undefined> {
  const [r] = await q.query<{ signed_data: Buffer }>('SELECT signed_data FROM xm_system.evidence WHERE src = $1 AND seq = $2', [src, seq]);
  return r?.signed_data;
}

export async function insertQuarantine(q: Queryable, src: string, seq: number, msgType: string, payload: Buffer, at: Date): Promise<void> {
  await q.query('INSERT INTO xm_system.quarantine (src, seq, msg_type, payload, received_at) VALUES ($1, $2, $3, $4, $5)', [src, seq, msgType, payload, at]);
}

export async function insertOutgoing(q: Queryable, dst: string, seq: number, msgType: string, sdc: Buffer, at: Date): Promise<void> {
  await q.query('INSERT INTO xm_system.outbox (dst, seq, msg_type, sdc, created_at) VALUES ($1, $2, $3, $4, $5)', [dst, seq, msgType, sdc, at]);
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

export async function insertRejection(q: Queryable, r: { at: Date; src: string | null; step: string; detail: string; bytes: number }): Promise<void> {
  await q.query('INSERT INTO xm_system.rejections (at, src, step, detail, bytes) VALUES ($1, $2, $3, $4, $5)', [r.at, r.src, r.step, r.detail.slice(0, 500), r.bytes]);
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

export async function addTraffic(q: Queryable, matricule: string, d: TrafficDelta, seenAt: Date | null): Promise<void> {
  await q.query(
    `UPDATE xm_system.traffic SET
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
export async function trafficTable(q: Queryable): Promise<TrafficRow[]> {
  return q.query<TrafficRow>(
    `SELECT t.matricule, c.name, c.status, t.last_seen, t.containers_in, t.documents_in, t.duplicates, t.conflicts, t.acks_out,
            t.errors, t.bytes_in, t.bytes_out,
            (SELECT count(*)::int FROM xm_system.outbox o WHERE o.dst = t.matricule AND o.sent_at IS NULL) AS queued
       FROM xm_system.traffic t JOIN xm_system.clients c USING (matricule) ORDER BY t.matricule`,
  );
}
