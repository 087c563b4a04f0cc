import type { Queryable } from '../db/database.js';
import { auditHash, type AuditEntry, type AuditRow } from './chain.js';

/** Which side's log; table names are constants here, never input. */
export type AuditLog = 'centre' | 'server';

const SQL = {
  centre: { log: 'docstream.audit', head: 'docstream.audit_head' },
  server: { log: 'xm_system.audit', head: 'xm_system.audit_head' },
} as const;

export interface AuditInput {
  at: Date;
  actorId: number | null;
  actorLogin: string | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one entry inside the caller's transaction. Locking the head row first makes
 * concurrent writers chain one after the other, never fork.
 */
export async function appendAudit(q: Queryable, log: AuditLog, input: AuditInput): Promise<AuditRow> {
  const t = SQL[log];
  // FOR UPDATE waits for a concurrent writer and then reads its committed head.
  const [locked] = await q.query<{ last_seq: number; last_hash: string }>(
    `SELECT last_seq, last_hash FROM ${t.head} WHERE singleton FOR UPDATE`,
  );
  const head = locked && { seq: locked.last_seq + 1, prev: locked.last_hash };
  if (!head) throw new Error(`${t.head} has no row`);
  const entry: AuditEntry = {
    seq: head.seq,
    at: new Date(input.at.getTime()),
    actorId: input.actorId,
    actorLogin: input.actorLogin,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId === null ? null : String(input.entityId),
    details: JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>,
  };
  const hash = auditHash(entry, head.prev);
  await q.query(
    `INSERT INTO ${t.log} (seq, at, actor_id, actor_login, action, entity, entity_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [entry.seq, entry.at, entry.actorId, entry.actorLogin, entry.action, entry.entity, entry.entityId, entry.details, head.prev, hash],
  );
  await q.query(`UPDATE ${t.head} SET last_seq = $1, last_hash = $2 WHERE singleton`, [entry.seq, hash]);
  return { ...entry, prevHash: head.prev, hash };
}

interface RawRow {
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_login: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

function toRow(r: RawRow): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorLogin: r.actor_login,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export async function auditBatch(q: Queryable, log: AuditLog, afterSeq: number, limit: number): Promise<AuditRow[]> {
  const rows = await q.query<RawRow>(`SELECT * FROM ${SQL[log].log} WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]);
  return rows.map(toRow);
}

export async function auditHead(q: Queryable, log: AuditLog): Promise<{ lastSeq: number; lastHash: string }> {
  const [h] = await q.query<{ last_seq: number; last_hash: string }>(`SELECT last_seq, last_hash FROM ${SQL[log].head}`);
  return { lastSeq: h?.last_seq ?? 0, lastHash: h?.last_hash ?? '' };
}

export async function auditForEntity(q: Queryable, log: AuditLog, entity: string, entityId: string): Promise<AuditRow[]> {
  const rows = await q.query<RawRow>(`SELECT * FROM ${SQL[log].log} WHERE entity = $1 AND entity_id = $2 ORDER BY seq`, [entity, entityId]);
  return rows.map(toRow);
}
