import type { Queryable } from '../../db/database.js';
import type { TrafficRow } from './exchange.js';

/** Width of a stored rate bucket (migration 006: xm_system.rate_bucket). */
export const RATE_BUCKET_SECONDS = 5;
/** How long rate buckets are kept; the service prunes older ones at each heartbeat. */
export const RATE_RETENTION_SECONDS = 3600;

type RateArgs = { at: string; containers?: string; documents?: string; errors?: string; bytesIn?: string; bytesOut?: string; when?: string };

/**
 * The statement adding to the current rate bucket of this database backend. The
 * arguments are parameter references or SQL constants of the calling statement (never
 * input); `when` makes the count conditional.
 */
function rateUpsert(p: RateArgs): string {
  return `INSERT INTO xm_system.traffic_rates AS r (bucket, slot, containers, documents, errors, bytes_in, bytes_out)
       SELECT xm_system.rate_bucket(${p.at}::timestamptz), pg_backend_pid(), (${p.containers ?? '0'})::bigint, (${p.documents ?? '0'})::bigint,
              (${p.errors ?? '0'})::bigint, (${p.bytesIn ?? '0'})::bigint, (${p.bytesOut ?? '0'})::bigint
       ${p.when ? `WHERE ${p.when}` : ''}
       ON CONFLICT (bucket, slot) DO UPDATE SET containers = r.containers + excluded.containers, documents = r.documents + excluded.documents,
         errors = r.errors + excluded.errors, bytes_in = r.bytes_in + excluded.bytes_in, bytes_out = r.bytes_out + excluded.bytes_out`;
}

/** The same as a data-modifying CTE, placed in a statement that moves a centre's counters: no extra round trip. */
export function rateCte(name: string, p: RateArgs): string {
  return `${name} AS (
       ${rateUpsert(p)}
     )`;
}

export interface RateDelta {
  containers: number;
  documents: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
}

/** Adds a batch's traffic to the current bucket, once per transaction (the ingest's batch). */
export async function addRate(q: Queryable, at: Date, d: RateDelta): Promise<void> {
  if (d.containers === 0 && d.documents === 0 && d.errors === 0 && d.bytesIn === 0 && d.bytesOut === 0) return;
  await q.query(rateUpsert({ at: '$1', containers: '$2', documents: '$3', errors: '$4', bytesIn: '$5', bytesOut: '$6' }), [at, d.containers, d.documents, d.errors, d.bytesIn, d.bytesOut]);
}

export interface OverviewRow {
  registered: number;
  suspended: number;
  active: number;
  never_seen: number;
  containers_in: number;
  documents_in: number;
  acks_out: number;
  errors: number;
  bytes_in: number;
  bytes_out: number;
  outbox_unsent: number;
  notices: number;
  quarantine_held: number;
  conflicts_open: number;
}

/**
 * Centre counts, totals since the start, and the queue depths, in one statement ($1: the
 * time after which a centre counts as active). The two tables are read apart (no join):
 * every client has its traffic row.
 */
export const OVERVIEW_SQL = `SELECT c.*, t.*,
            (SELECT count(*) FROM xm_system.outbox WHERE sent_at IS NULL) AS outbox_unsent,
            (SELECT count(*) FROM xm_system.notices) AS notices,
            (SELECT count(*) FROM xm_system.quarantine WHERE released_at IS NULL AND rejected_at IS NULL) AS quarantine_held,
            (SELECT count(*) FROM xm_data.conflicts WHERE resolved_at IS NULL) AS conflicts_open
       FROM (SELECT count(*) AS registered, count(*) FILTER (WHERE status = 0) AS suspended FROM xm_system.clients) c,
            (SELECT count(*) FILTER (WHERE last_seen >= $1) AS active, count(*) FILTER (WHERE last_seen IS NULL) AS never_seen,
                    coalesce(sum(containers_in), 0)::bigint AS containers_in, coalesce(sum(documents_in), 0)::bigint AS documents_in,
                    coalesce(sum(acks_out), 0)::bigint AS acks_out, coalesce(sum(errors), 0)::bigint AS errors,
                    coalesce(sum(bytes_in), 0)::bigint AS bytes_in, coalesce(sum(bytes_out), 0)::bigint AS bytes_out
               FROM xm_system.traffic) t`;

export async function overview(q: Queryable, activeSince: Date): Promise<OverviewRow> {
  const [r] = await q.query<OverviewRow>(OVERVIEW_SQL, [activeSince]);
  return r!;
}

export interface RateRow {
  at: Date;
  containers: number;
  documents: number;
  errors: number;
  bytes_in: number;
  bytes_out: number;
}

/** Sums of the stored buckets in [from, to), regrouped by `seconds` (a multiple of 5); empty buckets are absent. */
export async function rates(q: Queryable, from: Date, to: Date, seconds: number): Promise<RateRow[]> {
  return q.query<RateRow>(
    `SELECT to_timestamp(floor(extract(epoch FROM bucket) / $3) * $3) AS at,
            sum(containers)::bigint AS containers, sum(documents)::bigint AS documents, sum(errors)::bigint AS errors,
            sum(bytes_in)::bigint AS bytes_in, sum(bytes_out)::bigint AS bytes_out
       FROM xm_system.traffic_rates WHERE bucket >= $1 AND bucket < $2 GROUP BY 1 ORDER BY 1`,
    [from, to, seconds],
  );
}

/**
 * Sortable columns of the per-centre table, with the table that holds each: the only text
 * of an ORDER BY besides code constants.
 */
export const CENTRE_ORDER = {
  matricule: { table: 'c', column: 'matricule' },
  name: { table: 'c', column: 'name_folded' },
  lastSeen: { table: 't', column: 'last_seen' },
  containers: { table: 't', column: 'containers_in' },
  documents: { table: 't', column: 'documents_in' },
  duplicates: { table: 't', column: 'duplicates' },
  conflicts: { table: 't', column: 'conflicts' },
  acknowledged: { table: 't', column: 'acks_out' },
  errors: { table: 't', column: 'errors' },
  bytesIn: { table: 't', column: 'bytes_in' },
  bytesOut: { table: 't', column: 'bytes_out' },
} as const;
export type CentreSort = keyof typeof CENTRE_ORDER;

export interface CentrePageCriteria {
  sort: CentreSort;
  direction: 'asc' | 'desc';
  /** LIKE patterns, already escaped: a matricule prefix and a folded-name substring. */
  matriculePrefix?: string;
  nameContains?: string;
  offset: number;
  limit: number;
}

/** A centre's traffic counters (as `client show` reads them), and what it has in quarantine. */
export interface CentreRow extends TrafficRow {
  /** Its containers held in quarantine. */
  held: number;
}

/** The filter on clients (alias c), its parameters appended to `params`. */
function centreFilter(c: Pick<CentrePageCriteria, 'matriculePrefix' | 'nameContains'>, params: unknown[]): string | undefined {
  const either: string[] = [];
  if (c.matriculePrefix !== undefined) {
    params.push(c.matriculePrefix);
    either.push(`c.matricule LIKE $${params.length}`);
  }
  if (c.nameContains !== undefined) {
    params.push(c.nameContains);
    either.push(`c.name_folded LIKE $${params.length}`);
  }
  return either.length ? `(${either.join(' OR ')})` : undefined;
}

/**
 * One page of the per-centre table, sorted and filtered in SQL. The page's matricules
 * are chosen in the one table that holds the sort column (an index walk for matricule and
 * name; a top-N sort of the counters alone for the others — no index on the counters:
 * they change at every container, and an index would cost every ingest), then only those
 * rows are joined and their costly counts (queued answers, quarantine) computed.
 */
export async function centrePage(q: Queryable, c: CentrePageCriteria): Promise<CentreRow[]> {
  const { text, params } = centrePageStatement(c);
  return q.query<CentreRow>(text, params);
}

/** The statement of centrePage, apart so that a benchmark can EXPLAIN exactly it. */
export function centrePageStatement(c: CentrePageCriteria): { text: string; params: unknown[] } {
  const dir = c.direction === 'asc' ? 'ASC' : 'DESC';
  const { table, column } = CENTRE_ORDER[c.sort];
  const params: unknown[] = [c.offset, c.limit];
  const filter = centreFilter(c, params);
  const keys = table === 'c'
    ? `SELECT c.matricule FROM xm_system.clients c ${filter ? `WHERE ${filter}` : ''}
        ORDER BY c.${column} ${dir}${c.sort === 'name' ? `, c.name ${dir}` : ''}, c.matricule OFFSET $1 LIMIT $2`
    : `SELECT t.matricule FROM xm_system.traffic t ${filter ? `WHERE t.matricule IN (SELECT c.matricule FROM xm_system.clients c WHERE ${filter})` : ''}
        ORDER BY t.${column} ${dir} NULLS LAST, t.matricule OFFSET $1 LIMIT $2`;
  const order = `${table}.${column} ${dir} NULLS LAST${c.sort === 'name' ? `, c.name ${dir}` : ''}, matricule`;
  return {
    text: `WITH page AS (${keys})
     SELECT matricule, c.name, c.status, t.last_seen, t.containers_in, t.documents_in, t.duplicates, t.conflicts, t.acks_out,
            t.errors, t.bytes_in, t.bytes_out,
            (SELECT count(*) FROM xm_system.outbox o WHERE o.dst = matricule AND o.sent_at IS NULL) AS queued,
            (SELECT count(*) FROM xm_system.quarantine h WHERE h.src = matricule AND h.released_at IS NULL AND h.rejected_at IS NULL) AS held
       FROM page JOIN xm_system.clients c USING (matricule) JOIN xm_system.traffic t USING (matricule)
      ORDER BY ${order}`,
    params,
  };
}

/** How many centres match the filter, for paging. */
export async function centreCount(q: Queryable, c: Pick<CentrePageCriteria, 'matriculePrefix' | 'nameContains'>): Promise<number> {
  const params: unknown[] = [];
  const filter = centreFilter(c, params);
  const [r] = await q.query<{ n: number }>(`SELECT count(*) AS n FROM xm_system.clients c ${filter ? `WHERE ${filter}` : ''}`, params);
  return r!.n;
}

export interface RejectionRow {
  id: number;
  at: Date;
  src: string | null;
  step: string;
  detail: string;
  bytes: number;
}

export async function lastRejections(q: Queryable, limit: number): Promise<RejectionRow[]> {
  if (limit === 0) return [];
  return q.query<RejectionRow>('SELECT id, at, src, step, detail, bytes FROM xm_system.rejections ORDER BY id DESC LIMIT $1', [limit]);
}

export interface OpenConflictRow {
  id: number;
  niu: string;
  matricule: string;
  form_id: string;
  received_at: Date;
}

/** The newest conflicts still open. */
export async function lastOpenConflicts(q: Queryable, limit: number): Promise<OpenConflictRow[]> {
  if (limit === 0) return [];
  return q.query<OpenConflictRow>(
    'SELECT id, niu, matricule, form_id, received_at FROM xm_data.conflicts WHERE resolved_at IS NULL ORDER BY id DESC LIMIT $1',
    [limit],
  );
}

// ---------------------------------------------------------------------------------------
// The services' own rows (service_state): written by startServerService, read by the monitor.

export interface ServiceRow {
  instance: string;
  host: string;
  pid: number;
  started_at: Date;
  heartbeat_at: Date;
  heartbeat_ms: number;
  stopped_at: Date | null;
  broker: string;
  connected: boolean;
  share_group: string | null;
  concurrency: number;
  received: number;
  accepted: number;
  rejected: number;
  documents: number;
  queued: number;
}

/** Services not stopped (running or gone silent), and those stopped since `stoppedSince`, newest first. */
export async function services(q: Queryable, stoppedSince: Date): Promise<ServiceRow[]> {
  return q.query<ServiceRow>(
    `SELECT instance, host, pid, started_at, heartbeat_at, heartbeat_ms, stopped_at, broker, connected, share_group, concurrency,
            received, accepted, rejected, documents, queued
       FROM xm_system.service_state WHERE stopped_at IS NULL OR stopped_at >= $1
      ORDER BY stopped_at IS NULL DESC, heartbeat_at DESC LIMIT 20`,
    [stoppedSince],
  );
}

export interface ServiceCounters {
  connected: boolean;
  received: number;
  accepted: number;
  rejected: number;
  documents: number;
  queued: number;
}

/** A service starting; rows of services stopped or silent before `forgetBefore` are removed. */
export async function insertService(
  q: Queryable,
  s: { instance: string; host: string; pid: number; at: Date; heartbeatMs: number; broker: string; shareGroup: string | null; concurrency: number },
  forgetBefore: Date,
): Promise<void> {
  await q.query(
    `WITH old AS (
       DELETE FROM xm_system.service_state WHERE coalesce(stopped_at, heartbeat_at) < $9
     )
     INSERT INTO xm_system.service_state (instance, host, pid, started_at, heartbeat_at, heartbeat_ms, broker, share_group, concurrency)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8)`,
    [s.instance, s.host, s.pid, s.at, s.heartbeatMs, s.broker, s.shareGroup, s.concurrency, forgetBefore],
  );
}

/** The heartbeat; it also drops the rate buckets older than the retention. */
export async function beatService(q: Queryable, instance: string, at: Date, c: ServiceCounters, pruneBefore: Date): Promise<void> {
  await q.query(
    `WITH pruned AS (
       DELETE FROM xm_system.traffic_rates WHERE bucket < $8
     )
     UPDATE xm_system.service_state SET heartbeat_at = greatest(heartbeat_at, $2), connected = $3,
            received = $4, accepted = $5, rejected = $6, documents = $7, queued = $9
      WHERE instance = $1`,
    [instance, at, c.connected, c.received, c.accepted, c.rejected, c.documents, pruneBefore, c.queued],
  );
}

export async function stopService(q: Queryable, instance: string, at: Date, c: ServiceCounters): Promise<void> {
  await q.query(
    `UPDATE xm_system.service_state SET stopped_at = greatest(started_at, $2), heartbeat_at = greatest(heartbeat_at, $2), connected = false,
            received = $3, accepted = $4, rejected = $5, documents = $6, queued = $7
      WHERE instance = $1`,
    [instance, at, c.received, c.accepted, c.rejected, c.documents, c.queued],
  );
}
