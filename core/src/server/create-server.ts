import type { Database } from '../db/database.js';
import { systemClock, type Clock } from '../clock.js';
import { verifyAuditLog } from '../audit/verify.js';
import type { ChainReport } from '../audit/chain.js';
import { centralDocumentCount } from './queries/documents.js';
import type { FormDef } from '../forms/types.js';
import { formVersion, latestForms } from '../forms/catalog-queries.js';
import { installShippedForms } from '../forms/catalog.js';

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
    forms: {
      list: (): Promise<FormDef[]> => latestForms(db, 'server'),
      get: (id: string, version?: number): Promise<FormDef | undefined> => formVersion(db, 'server', id, version),
    },
    /**
     * Brings the catalog up to date with the kinds this version ships (with their
     * xm_data.v_<kind> views). Idempotent; the server's commands run it after migrating.
     */
    installShippedForms(): Promise<string[]> {
      return db.tx((q) => installShippedForms(q, 'server', clock.now()));
    },
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
