import type { Database } from '../db/database.js';
import { systemClock, type Clock } from '../clock.js';
import { verifyAuditLog } from '../audit/verify.js';
import type { ChainReport } from '../audit/chain.js';
import { centralDocumentCount, centralDocumentTally } from './queries/documents.js';
import type { FormDef } from '../forms/types.js';
import { formVersion, latestForms } from '../forms/catalog-queries.js';
import { installShippedForms } from '../forms/catalog.js';
import { serverIdentityLoader, type KeyAccess } from './identity.js';
import { createPkiService } from './pki-service.js';
import { createClientService } from './clients.js';
import { createIngest } from './ingest.js';
import { createOperatorService, operatorSessions } from './operators.js';
import { createAccounts } from './accounts.js';
import { createCorrespondence } from './correspondence.js';
import { createStatistics } from './statistics.js';
import { sealNotices } from './outgoing.js';
import { createBulletins } from './bulletins.js';
import { createSealAuthority } from './seal-authority.js';
import { createElections } from './elections.js';
import { createDocuments } from './documents.js';
import { createMonitor } from './monitor.js';
import { announceService, type ServiceAnnouncement } from './service-state.js';
import * as exchange from './queries/exchange.js';
import { openConflicts } from './queries/ingest.js';
import { createSettingsService } from './settings-service.js';

export interface ServerDeps {
  db: Database;
  clock?: Clock;
  /** Where the encrypted private keys are and their passphrase; needed to transmit. */
  keys?: KeyAccess;
}

/**
 * The one factory for the server's services. Every service that acts for an operator
 * takes the operator's session and checks it through `operators.guard`.
 */
export function createServer(deps: ServerDeps) {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  const identity = serverIdentityLoader(db, deps.keys);
  const operators = createOperatorService(db, clock, operatorSessions());
  const guard = operators.guard;
  const seals = createSealAuthority(deps.keys, identity);
  const pki = createPkiService(db, clock, deps.keys, identity, guard, seals);
  const ingest = createIngest(db, clock, identity, pki, seals);
  const clients = createClientService(db, clock, guard, ingest.releaseQuarantine);
  const accounts = createAccounts(db, clock, guard);
  const { messages, signatories } = createCorrespondence(db, clock, guard);
  const statistics = createStatistics(db, guard, clock);
  const bulletins = createBulletins(db, clock, identity, guard);
  const elections = createElections(db, clock, guard);
  const documents = createDocuments(db, clock, guard, statistics);
  const monitor = createMonitor(db, guard, clock);
  return {
    db,
    clock,
    operators,
    pki,
    clients,
    accounts,
    messages,
    signatories,
    statistics,
    bulletins,
    seals,
    elections,
    /** The console's Documents area: search, detail with history, conflicts and quarantine to resolve. */
    documents,
    monitor,
    ingest,
    identity,
    settings: createSettingsService(db, clock, guard),
    /** Seals what administrative actions queued for the centres (needs the keys). */
    sealNotices: (limit?: number) => sealNotices(db, clock, identity, limit),
    transport: {
      /** Per-centre counters of the live monitor (from the database: any process may run the service). */
      traffic: () => exchange.trafficTable(db),
      rejections: (limit?: number) => exchange.recentRejections(db, limit),
      conflicts: (limit?: number) => openConflicts(db, limit),
      unsent: (olderThan: Date) => exchange.unsentOutgoing(db, olderThan),
      markSent: (items: { dst: string; seq: number }[]) => exchange.markOutgoingSent(db, items, clock.now()),
      evidence: (src: string, seq: number) => exchange.evidenceOf(db, src, seq),
      /** A service starting: its row in xm_system.service_state, then heartbeats, so the monitor of any process sees it. */
      announceService: (a: ServiceAnnouncement) => announceService(db, clock, a),
    },
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
    /** For a live screen: exact below `exactBelow` rows (200,000), PostgreSQL's estimate above. */
    documentTally(exactBelow = 200_000): Promise<{ n: number; estimated: boolean }> {
      return centralDocumentTally(db, exactBelow);
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
