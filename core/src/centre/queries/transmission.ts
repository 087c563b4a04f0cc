import type { Queryable } from '../../db/database.js';
import type { DocumentData } from '../../forms/types.js';

export interface PkiRow {
  csr_pem: string | null;
  enrol_key: string | null;
  centre_pem: string | null;
  ca_pem: string | null;
  server_pem: string | null;
  enrolled_at: Date | null;
}

export async function pkiRow(q: Queryable): Promise<PkiRow | undefined> {
  const [r] = await q.query<PkiRow>('SELECT csr_pem, enrol_key, centre_pem, ca_pem, server_pem, enrolled_at FROM docstream.pki');
  return r;
}

export async function savePendingEnrolment(q: Queryable, csrPem: string, enrolKey: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO docstream.pki (csr_pem, enrol_key, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (singleton) DO UPDATE SET csr_pem = $1, enrol_key = $2, updated_at = $3`,
    [csrPem, enrolKey, at],
  );
}

export async function saveEnrolment(q: Queryable, c: { centrePem: string; caPem: string; serverPem: string }, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO docstream.pki (centre_pem, ca_pem, server_pem, enrolled_at, updated_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (singleton) DO UPDATE SET centre_pem = $1, ca_pem = $2, server_pem = $3, enrolled_at = $4, enrol_key = NULL, updated_at = $4`,
    [c.centrePem, c.caPem, c.serverPem, at],
  );
}

export interface PendingItem {
  id: number;
  msg_type: 'docs' | 'cancel';
  niu: string;
  form_id: string;
  form_version: number;
  validated_at: Date;
  data: DocumentData;
  cancel_reason: string | null;
  cancelled_at: Date | null;
}

/**
 * Outbox rows not yet in a container, oldest first. A cancellation waits until the
 * server has acknowledged the document it cancels, so it never arrives first.
 */
export async function lockUnpacked(q: Queryable, limit: number): Promise<PendingItem[]> {
  return q.query<PendingItem>(
    `SELECT o.id, o.msg_type, o.niu, d.form_id, d.form_version, d.validated_at, d.data, d.cancel_reason, d.cancelled_at
       FROM docstream.outbox o JOIN docstream.documents d ON d.numero = o.document_numero
      WHERE o.container_seq IS NULL
        AND (o.msg_type = 'docs' OR EXISTS (SELECT 1 FROM docstream.outbox p WHERE p.document_numero = o.document_numero
                                              AND p.msg_type = 'docs' AND p.acked_at IS NOT NULL))
      ORDER BY o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
    [limit],
  );
}

export async function nextContainerSeq(q: Queryable): Promise<number> {
  const [r] = await q.query<{ seq: number }>(`SELECT nextval('docstream.container_seq') AS seq`);
  return r!.seq;
}

export async function insertContainer(q: Queryable, c: { seq: number; msgType: string; sdc: Buffer; itemCount: number; at: Date }, outboxIds: number[]): Promise<void> {
  await q.query('INSERT INTO docstream.containers (seq, msg_type, sdc, item_count, created_at) VALUES ($1, $2, $3, $4, $5)', [c.seq, c.msgType, c.sdc, c.itemCount, c.at]);
  await q.query('UPDATE docstream.outbox SET container_seq = $1 WHERE id = ANY($2::bigint[])', [c.seq, outboxIds]);
}

/** Containers never sent, or sent long enough ago without an answer. */
export async function dueContainers(q: Queryable, sentBefore: Date, limit: number, exclude: number[] = []): Promise<{ seq: number; sdc: Buffer; attempts: number }[]> {
  return q.query(
    `SELECT seq, sdc, attempts FROM docstream.containers
      WHERE acked_at IS NULL AND (sent_at IS NULL OR sent_at < $1) AND seq <> ALL($3::bigint[]) ORDER BY seq LIMIT $2`,
    [sentBefore, limit, exclude],
  );
}

export async function unackedContainers(q: Queryable, limit: number): Promise<{ seq: number; sdc: Buffer }[]> {
  return q.query('SELECT seq, sdc FROM docstream.containers WHERE acked_at IS NULL ORDER BY seq LIMIT $1', [limit]);
}

export async function markContainersSent(q: Queryable, seqs: number[], at: Date): Promise<void> {
  await q.query('UPDATE docstream.containers SET sent_at = $2, attempts = attempts + 1 WHERE seq = ANY($1::bigint[])', [seqs, at]);
}

export async function claimInbox(q: Queryable, src: string, seq: number, msgType: string, at: Date): Promise<boolean> {
  const rows = await q.query('INSERT INTO docstream.inbox (src, seq, msg_type, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING seq', [src, seq, msgType, at]);
  return rows.length === 1;
}

/** The highest seq up to which every container from `src` was processed (for `hello`). */
export async function contiguousSeen(q: Queryable, src: string): Promise<number> {
  const [r] = await q.query<{ seen: number }>(
    `SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM docstream.inbox WHERE src = $1 AND seq = 1) THEN 0
            ELSE (SELECT min(i.seq) FROM docstream.inbox i WHERE i.src = $1 AND i.seq >= 1
                    AND NOT EXISTS (SELECT 1 FROM docstream.inbox j WHERE j.src = $1 AND j.seq = i.seq + 1)) END AS seen`,
    [src],
  );
  return r?.seen ?? 0;
}

export async function applyAck(
  q: Queryable,
  entry: { seq: number; outcome: string; reason: string | null; items: { n: string; r: string; reason: string | null }[] },
  at: Date,
): Promise<number> {
  await q.query('UPDATE docstream.containers SET acked_at = coalesce(acked_at, $2), outcome = $3, reason = $4 WHERE seq = $1', [entry.seq, at, entry.outcome, entry.reason]);
  // A quarantined item is held by the server, not integrated: its answer is still to come.
  await q.query(
    `UPDATE docstream.outbox o SET result = x.r, reason = x.reason, acked_at = CASE WHEN x.r = 'quarantined' THEN NULL ELSE $3::timestamptz END
       FROM jsonb_to_recordset($2::jsonb) AS x(n text, r text, reason text)
      WHERE o.container_seq = $1 AND o.niu = x.n`,
    [entry.seq, JSON.stringify(entry.items), at],
  );
  const rows = await q.query(
    `UPDATE docstream.documents d SET status = 4
       FROM docstream.outbox o
      WHERE o.container_seq = $1 AND o.msg_type = 'docs' AND o.result IN ('accepted', 'duplicate')
        AND d.numero = o.document_numero AND d.status = 3 RETURNING d.numero`,
    [entry.seq],
  );
  return rows.length;
}

export interface LinkDelta {
  connected?: boolean;
  connectAt?: Date;
  sendAt?: Date;
  receiveAt?: Date;
  containersSent?: number;
  bytesSent?: number;
  bytesReceived?: number;
  error?: { at: Date; text: string };
}

export async function updateLink(q: Queryable, d: LinkDelta): Promise<void> {
  await q.query(
    `UPDATE docstream.link_state SET
       connected = coalesce($1, connected), last_connect_at = coalesce($2, last_connect_at),
       last_send_at = coalesce($3, last_send_at), last_receive_at = coalesce($4, last_receive_at),
       containers_sent = containers_sent + $5, bytes_sent = bytes_sent + $6, bytes_received = bytes_received + $7,
       errors = errors + CASE WHEN $8::text IS NULL THEN 0 ELSE 1 END,
       last_error = coalesce($8, last_error), last_error_at = coalesce($9, last_error_at)`,
    [d.connected ?? null, d.connectAt ?? null, d.sendAt ?? null, d.receiveAt ?? null, d.containersSent ?? 0, d.bytesSent ?? 0, d.bytesReceived ?? 0, d.error?.text ?? null, d.error?.at ?? null],
  );
}

export interface TransmissionCounts {
  waiting: number;
  in_flight: number;
  acknowledged: number;
  conflicts: number;
  rejected: number;
  quarantined: number;
}

export async function transmissionCounts(q: Queryable): Promise<TransmissionCounts> {
  const [r] = await q.query<TransmissionCounts>(
    `SELECT count(*) FILTER (WHERE container_seq IS NULL)::int AS waiting,
            count(*) FILTER (WHERE container_seq IS NOT NULL AND result IS NULL)::int AS in_flight,
            count(*) FILTER (WHERE result IN ('accepted', 'duplicate'))::int AS acknowledged,
            count(*) FILTER (WHERE result = 'conflict')::int AS conflicts,
            count(*) FILTER (WHERE result = 'rejected')::int AS rejected,
            count(*) FILTER (WHERE result = 'quarantined')::int AS quarantined
       FROM docstream.outbox`,
  );
  return r!;
}

export async function linkState(q: Queryable): Promise<Record<string, unknown>> {
  const [r] = await q.query<Record<string, unknown>>('SELECT * FROM docstream.link_state');
  return r ?? {};
}

export async function itemProblems(q: Queryable, limit = 50): Promise<{ niu: string; msg_type: string; result: string; reason: string | null }[]> {
  return q.query(`SELECT niu, msg_type, result, reason FROM docstream.outbox WHERE result IN ('conflict', 'rejected') ORDER BY id DESC LIMIT $1`, [limit]);
}

export interface ServiceOwner {
  owner: string;
  started_at: Date;
  heartbeat_at: Date;
}

/**
 * Takes the service for `owner` unless another owner's heartbeat is younger than
 * `staleSeconds`; returns the holder when refused.
 */
export async function claimService(q: Queryable, owner: string, staleSeconds: number): Promise<{ claimed: true } | { claimed: false; holder: ServiceOwner }> {
  const taken = await q.query(
    `UPDATE docstream.link_state SET service_owner = $1, service_started_at = now(), service_heartbeat_at = now()
      WHERE service_owner IS NULL OR service_owner = $1 OR service_heartbeat_at < now() - make_interval(secs => $2)
      RETURNING service_owner`,
    [owner, staleSeconds],
  );
  if (taken.length > 0) return { claimed: true };
  const [holder] = await q.query<ServiceOwner>('SELECT service_owner AS owner, service_started_at AS started_at, service_heartbeat_at AS heartbeat_at FROM docstream.link_state');
  return { claimed: false, holder: holder! };
}

/** Returns false when the service was taken over meanwhile (its heartbeat went stale). */
export async function serviceHeartbeat(q: Queryable, owner: string): Promise<boolean> {
  const r = await q.query('UPDATE docstream.link_state SET service_heartbeat_at = now() WHERE service_owner = $1 RETURNING 1', [owner]);
  return r.length > 0;
}

export async function releaseService(q: Queryable, owner: string): Promise<void> {
  await q.query('UPDATE docstream.link_state SET service_owner = NULL, service_heartbeat_at = NULL WHERE service_owner = $1', [owner]);
}

/** Who runs the service now, if anyone said so in the last `staleSeconds`. */
export async function currentService(q: Queryable, staleSeconds: number): Promise<ServiceOwner | undefined> {
  const [r] = await q.query<ServiceOwner>(
    `SELECT service_owner AS owner, service_started_at AS started_at, service_heartbeat_at AS heartbeat_at FROM docstream.link_state
      WHERE service_owner IS NOT NULL AND service_heartbeat_at >= now() - make_interval(secs => $1)`,
    [staleSeconds],
  );
  return r;
}
