import type { Queryable } from '../../db/database.js';
import type { FormDef } from '../../forms/types.js';

export type BulletinType = 'trust' | 'forms';

export interface BulletinRow {
  typ: BulletinType;
  version: number;
  mark: string;
  sdc: Buffer | null;
  built_at: Date | null;
  published_at: Date | null;
}

export async function bulletins(q: Queryable, lock = false): Promise<BulletinRow[]> {
  return q.query<BulletinRow>(`SELECT * FROM xm_system.bulletins ORDER BY typ${lock ? ' FOR UPDATE' : ''}`);
}

export async function saveBulletin(q: Queryable, b: { typ: BulletinType; version: number; mark: string; sdc: Buffer; at: Date }): Promise<void> {
  await q.query('UPDATE xm_system.bulletins SET version = $2, mark = $3, sdc = $4, built_at = $5, published_at = NULL WHERE typ = $1', [b.typ, b.version, b.mark, b.sdc, b.at]);
}

export async function markBulletinPublished(q: Queryable, typ: BulletinType, version: number, at: Date): Promise<void> {
  await q.query('UPDATE xm_system.bulletins SET published_at = $3 WHERE typ = $1 AND version = $2', [typ, version, at]);
}

/** What the trust list is built from: both only grow (no un-revoking, no un-cancelling). */
export async function trustMark(q: Queryable): Promise<string> {
  const [r] = await q.query<{ revoked: number; cancelled: number; seals: number }>(
    `SELECT (SELECT count(*)::int FROM xm_system.certificates WHERE revoked_at IS NOT NULL) AS revoked,
            (SELECT count(*)::int FROM xm_data.documents WHERE status = 0) AS cancelled,
            (SELECT count(*)::int FROM xm_system.seal_keys WHERE revoked_at IS NOT NULL) AS seals`,
  );
  return `${r!.revoked}/${r!.cancelled}/${r!.seals}`;
}

export async function trustContent(q: Queryable): Promise<{ revoked: { serial: string; ski: string; at: string }[]; cancelled: string[]; seals: string[] }> {
  const revoked = await q.query<{ serial: string; ski: string; revoked_at: Date }>(
    'SELECT serial, ski, revoked_at FROM xm_system.certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at, serial',
  );
  const cancelled = await q.query<{ niu: string }>('SELECT niu FROM xm_data.documents WHERE status = 0 ORDER BY niu');
  const seals = await q.query<{ key_id: string }>('SELECT key_id FROM xm_system.seal_keys WHERE revoked_at IS NOT NULL ORDER BY key_id');
  return {
    revoked: revoked.map((r) => ({ serial: r.serial, ski: r.ski, at: r.revoked_at.toISOString() })),
    cancelled: cancelled.map((c) => c.niu),
    seals: seals.map((k) => k.key_id),
  };
}

/** The newest pushed version of each form. */
export async function pushedForms(q: Queryable): Promise<FormDef[]> {
  const rows = await q.query<{ definition: FormDef }>(
    `SELECT DISTINCT ON (id) definition FROM xm_data.forms WHERE pushed_at IS NOT NULL ORDER BY id, version DESC`,
  );
  return rows.map((r) => r.definition);
}

export async function markFormPushed(q: Queryable, id: string, version: number, at: Date): Promise<boolean> {
  const rows = await q.query('UPDATE xm_data.forms SET pushed_at = coalesce(pushed_at, $3) WHERE id = $1 AND version = $2 RETURNING 1', [id, version, at]);
  return rows.length === 1;
}
