import type { Database } from '../db/database.js';
import { ChainVerifier, type ChainReport } from './chain.js';
import { auditBatch, auditHead, type AuditLog } from './queries.js';

const BATCH = 5000;

/** Re-computes the whole chain in batches, inside one snapshot so writers don't race it. */
export async function verifyAuditLog(db: Database, log: AuditLog): Promise<ChainReport> {
  return db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const v = new ChainVerifier();
    let after = 0;
    for (;;) {
      const rows = await auditBatch(q, log, after, BATCH);
      if (rows.length === 0) break;
      if (!v.feed(rows)) break;
      after = rows[rows.length - 1]!.seq;
    }
    return v.finish(await auditHead(q, log));
  });
}
