import type { Queryable } from '../db/database.js';
import { ContainerRejected, parseSignedData, rejected, verifySignature } from '../crypto/sdc.js';
import { checkIssuedBy } from '../crypto/pki.js';
import { decodePayload } from '../transport/codec.js';
import { BROADCAST_DST, SERVER_ID, type Bodies, type Message } from '../transport/protocol.js';
import { installForm } from '../forms/catalog.js';
import { formVersion } from '../forms/catalog-queries.js';
import { appendAudit } from '../audit/queries.js';
import { replaceRevokedSeals } from './queries/seal.js';

export type BulletinOutcome =
  | { kind: 'trust'; version: number; revoked: number; cancelled: number }
  | { kind: 'forms'; version: number; installed: string[] }
  | { kind: 'stale'; typ: string; version: number }
  | { kind: 'rejected'; step: string; detail: string };

/** Opens a broadcast bulletin: signed by the server's certificate, under the national CA. */
export function openBulletin(bytes: Buffer, serverPem: string, caPem: string): Message {
  const opened = parseSignedData(bytes);
  verifySignature(opened, serverPem);
  let msg: Message;
  try {
    msg = decodePayload(opened.content);
  } catch (e) {
    throw rejected('format', (e as Error).message);
  }
  const h = msg.header;
  if (!checkIssuedBy(serverPem, caPem, new Date(h.ts))) throw rejected('certificate', 'server certificate not valid at ts');
  if (h.src !== SERVER_ID || h.dst !== BROADCAST_DST || (h.typ !== 'trust' && h.typ !== 'forms')) throw rejected('recipient', `${h.typ} from ${h.src} to ${h.dst} is not a bulletin`);
  return msg;
}

/**
 * Applies a bulletin newer than the one held, in the caller's transaction: the trust list
 * replaces the last one; pushed forms install the versions this centre lacks (documents
 * of older versions keep theirs).
 */
export async function applyBulletin(q: Queryable, msg: Message, at: Date): Promise<BulletinOutcome> {
  const h = msg.header;
  const [held] = await q.query<{ version: number }>('SELECT version FROM docstream.bulletins WHERE typ = $1 FOR UPDATE', [h.typ]);
  if (held && held.version >= h.seq) return { kind: 'stale', typ: h.typ, version: h.seq };
  await q.query(
    `INSERT INTO docstream.bulletins (typ, version, received_at) VALUES ($1, $2, $3)
     ON CONFLICT (typ) DO UPDATE SET version = EXCLUDED.version, received_at = EXCLUDED.received_at`,
    [h.typ, h.seq, at],
  );
  if (h.typ === 'trust') {
    const b = msg.body as Bodies['trust'];
    const revoked = Array.isArray(b.revoked) ? b.revoked : [];
    const cancelled = Array.isArray(b.cancelled) ? b.cancelled.filter((n) => typeof n === 'string') : [];
    await q.query('DELETE FROM docstream.trust_revoked');
    await q.query('DELETE FROM docstream.trust_cancelled');
    await q.query(
      `INSERT INTO docstream.trust_revoked (serial, ski, revoked_at)
       SELECT x.serial, x.ski, x.at FROM jsonb_to_recordset($1::jsonb) AS x(serial text, ski text, at timestamptz) ON CONFLICT DO NOTHING`,
      [JSON.stringify(revoked)],
    );
    await q.query('INSERT INTO docstream.trust_cancelled (niu) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [cancelled]);
    await replaceRevokedSeals(q, (Array.isArray(b.seals) ? b.seals : []).filter((k) => typeof k === 'string' && /^[0-9a-f]{16}$/.test(k)));
    return { kind: 'trust', version: h.seq, revoked: revoked.length, cancelled: cancelled.length };
  }
  const installed: string[] = [];
  for (const def of (msg.body as Bodies['forms']).forms ?? []) {
    const have = await formVersion(q, 'centre', def.id);
    if (have && have.version >= def.version) continue;
    const f = await installForm(q, 'centre', def, null, at);
    installed.push(`${f.id}@${f.version}`);
  }
  if (installed.length > 0) await appendAudit(q, 'centre', { at, actorId: null, actorLogin: null, action: 'forms_received', entity: 'form', entityId: null, details: { installed, bulletin: h.seq } });
  return { kind: 'forms', version: h.seq, installed };
}

export function bulletinRejected(e: unknown): BulletinOutcome {
  if (e instanceof ContainerRejected) return { kind: 'rejected', step: e.step, detail: e.detail };
  throw e;
}

/** Is this NIU cancelled, or this certificate revoked, by the last trust list received? */
export async function trustStatus(q: Queryable): Promise<{ version: number | null; revoked: number; cancelled: number; receivedAt: Date | null }> {
  const [r] = await q.query<{ version: number | null; received_at: Date | null; revoked: number; cancelled: number }>(
    `SELECT (SELECT version FROM docstream.bulletins WHERE typ = 'trust') AS version,
            (SELECT received_at FROM docstream.bulletins WHERE typ = 'trust') AS received_at,
            (SELECT count(*)::int FROM docstream.trust_revoked) AS revoked,
            (SELECT count(*)::int FROM docstream.trust_cancelled) AS cancelled`,
  );
  return { version: r!.version, revoked: r!.revoked, cancelled: r!.cancelled, receivedAt: r!.received_at };
}
