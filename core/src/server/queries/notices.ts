import type { Queryable } from '../../db/database.js';
import { rateCte } from './monitor.js';

export type NoticeType = 'ack' | 'result' | 'account' | 'profile' | 'message' | 'error' | 'election';

export interface NoticeRow {
  id: number;
  dst: string;
  msg_type: NoticeType;
  body: unknown;
  created_at: Date;
}

export async function insertNotice(q: Queryable, dst: string, msgType: NoticeType, body: unknown, at: Date): Promise<void> {
  await q.query('INSERT INTO xm_system.notices (dst, msg_type, body, created_at) VALUES ($1, $2, $3, $4)', [dst, msgType, JSON.stringify(body), at]);
}

/** The oldest notices of enrolled centres, locked so that two sealers never take the same one. */
export async function lockNotices(q: Queryable, limit: number): Promise<NoticeRow[]> {
  return q.query<NoticeRow>(
    `SELECT n.id, n.dst, n.msg_type, n.body, n.created_at FROM xm_system.notices n
      WHERE EXISTS (SELECT 1 FROM xm_system.certificates c WHERE c.matricule = n.dst AND c.revoked_at IS NULL)
      ORDER BY n.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
}

export async function deleteNotices(q: Queryable, ids: number[]): Promise<void> {
  await q.query('DELETE FROM xm_system.notices WHERE id = ANY($1::bigint[])', [ids]);
}

export async function pendingNoticeCount(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM xm_system.notices');
  return r!.n;
}

export async function insertOutgoing(q: Queryable, o: { dst: string; seq: number; msgType: string; sdc: Buffer; at: Date }): Promise<void> {
  await q.query(
    `WITH o AS (INSERT INTO xm_system.outbox (dst, seq, msg_type, sdc, created_at) VALUES ($1, $2, $3, $4, $5)),
     ${rateCte('rate', { at: '$5', bytesOut: 'length($4)' })}
     UPDATE xm_system.traffic SET bytes_out = bytes_out + length($4) WHERE matricule = $1`,
    [o.dst, o.seq, o.msgType, o.sdc, o.at],
  );
}
