import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import type { MessageType } from '../transport/protocol.js';
import type { ServerIdentity } from './identity.js';
import { sealFor, type Reply } from './seal.js';
import { reserveAnswer } from './queries/exchange.js';
import * as n from './queries/notices.js';

/**
 * Seals the notices that administrative actions queued (profile, account, messages,
 * answers of a released quarantine) into the outbox, oldest first. Needs the server's
 * key, so it runs in the service, in `t2d import`, and after a CLI action when the
 * passphrase is at hand. Returns the containers made, for an immediate send.
 */
export async function sealNotices(db: Database, clock: Clock, identity: () => Promise<ServerIdentity>, limit = 200): Promise<Reply[]> {
  if ((await n.pendingNoticeCount(db)) === 0) return [];
  const id = await identity();
  return db.tx(async (q) => {
    const list = await n.lockNotices(q, limit);
    const out: Reply[] = [];
    const now = clock.now();
    for (const notice of list) {
      const { seq, pem } = await reserveAnswer(q, notice.dst);
      const reply = sealFor(id, notice.dst, seq, pem, notice.msg_type as MessageType, notice.body as never, now);
      await n.insertOutgoing(q, { dst: notice.dst, seq, msgType: notice.msg_type, sdc: reply.bytes, at: now });
      out.push(reply);
    }
    await n.deleteNotices(q, list.map((x) => x.id));
    return out;
  });
}
