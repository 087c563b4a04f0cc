import type { Database } from '../db/database.js';
import { systemClock, type Clock } from '../clock.js';
import { verifyAuditLog } from '../audit/verify.js';
import type { ChainReport } from '../audit/chain.js';
import { centralDocumentCount } from './queries/documents.js';

export interface ServerDeps {
  db: Database;
  clock?: Clock;
}

/**
 * The one factory for the server's services. The foundation provides the schemas
 * (xm_system, xm_data); clients, ingest, billing and elections arrive with their issues.
 */
export function createServer(deps: ServerDeps) {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  return {
    db,
    clock,
    documentCount(): Promise<number> {
      return centralDocumentCount(db);
    },
    verifyAudit(): Promise<ChainReport> {
      return verifyAuditLog(db, 'server');
    },
    close(): Promise<void> {
      return db.close();
    },
  };
}

export type Server = ReturnType<typeof createServer>;
