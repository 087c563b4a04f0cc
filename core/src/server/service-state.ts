import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { beatService, insertService, RATE_RETENTION_SECONDS, stopService, type ServiceCounters } from './queries/monitor.js';

/** How often a running service writes its heartbeat, by default. */
export const HEARTBEAT_MS = 5000;
/** A service whose heartbeat is older than this many of its intervals has died or lost the database. */
export const STALE_AFTER_BEATS = 3;
/** Rows of services stopped or silent for this long are removed when a service starts. */
const FORGET_AFTER_MS = 7 * 86_400_000;

export interface ServiceAnnouncement {
  /** The broker, without any password. */
  broker: string;
  shareGroup?: string;
  concurrency: number;
  heartbeatMs?: number;
}

export interface ServiceBeacon {
  readonly instance: string;
  readonly heartbeatMs: number;
  beat(c: ServiceCounters): Promise<void>;
  stopped(c: ServiceCounters): Promise<void>;
}

/**
 * Makes a running server service visible to every process through its row in
 * xm_system.service_state: started, heartbeat with its counters, stopped. The monitor
 * reads the row, whichever process (headless `run` or a console) hosts the service.
 */
export async function announceService(db: Database, clock: Clock, a: ServiceAnnouncement): Promise<ServiceBeacon> {
  const host = hostname().slice(0, 100);
  const instance = `${host}/${process.pid}/${randomBytes(3).toString('hex')}`;
  const heartbeatMs = Math.max(100, Math.round(a.heartbeatMs ?? HEARTBEAT_MS));
  const now = clock.now();
  await insertService(db, {
    instance, host, pid: process.pid, at: now, heartbeatMs, broker: a.broker.slice(0, 500), shareGroup: a.shareGroup ?? null, concurrency: a.concurrency,
  }, new Date(now.getTime() - FORGET_AFTER_MS));
  return {
    instance,
    heartbeatMs,
    beat(c) {
      const at = clock.now();
      return beatService(db, instance, at, c, new Date(at.getTime() - RATE_RETENTION_SECONDS * 1000));
    },
    stopped(c) {
      return stopService(db, instance, clock.now(), c);
    },
  };
}
