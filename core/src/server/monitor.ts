import { foldName, likeEscape } from '../util/fold.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, type FieldProblem } from '../errors.js';
import type { Label } from '../forms/types.js';
import { CONTROL_CHARS } from '../forms/validate.js';
import type { Session } from '../auth/session.js';
import { OperatorPrivilege, type Guard } from './guard.js';
import { STALE_AFTER_BEATS } from './service-state.js';
import * as m from './queries/monitor.js';

export type MonitorSort = m.CentreSort;
export type SortDirection = 'asc' | 'desc';

/** The per-centre table's sortable columns, in display order, with their headings. */
export const MONITOR_COLUMNS: readonly { sort: MonitorSort; label: Label; defaultDirection: SortDirection }[] = [
  { sort: 'matricule', label: { fr: 'Matricule', en: 'Matricule' }, defaultDirection: 'asc' },
  { sort: 'name', label: { fr: 'Centre', en: 'Centre' }, defaultDirection: 'asc' },
  { sort: 'lastSeen', label: { fr: 'Vu le', en: 'Last seen' }, defaultDirection: 'desc' },
  { sort: 'containers', label: { fr: 'Conteneurs', en: 'Containers' }, defaultDirection: 'desc' },
  { sort: 'documents', label: { fr: 'Documents', en: 'Documents' }, defaultDirection: 'desc' },
  { sort: 'duplicates', label: { fr: 'Doublons', en: 'Duplicates' }, defaultDirection: 'desc' },
  { sort: 'conflicts', label: { fr: 'Conflits', en: 'Conflicts' }, defaultDirection: 'desc' },
  { sort: 'acknowledged', label: { fr: 'Accusés', en: 'Acks' }, defaultDirection: 'desc' },
  { sort: 'errors', label: { fr: 'Erreurs', en: 'Errors' }, defaultDirection: 'desc' },
  { sort: 'bytesIn', label: { fr: 'Octets reçus', en: 'Bytes in' }, defaultDirection: 'desc' },
  { sort: 'bytesOut', label: { fr: 'Octets envoyés', en: 'Bytes out' }, defaultDirection: 'desc' },
];

/** Why a container was refused, by the step that refused it (the log keeps the technical detail). */
export const REJECTION_STEP_LABELS: Record<string, Label> = {
  decryption: { fr: 'indéchiffrable (pas pour ce serveur, ou abîmé)', en: 'cannot be decrypted (not for this server, or damaged)' },
  signature: { fr: 'signature invalide ou signataire inconnu', en: 'bad signature or unknown signer' },
  certificate: { fr: 'certificat refusé (révoqué, expiré ou d’un autre centre)', en: 'certificate refused (revoked, expired or another centre’s)' },
  recipient: { fr: 'adressé à un autre destinataire', en: 'addressed to another recipient' },
  replay: { fr: 'déjà reçu (renvoi du centre)', en: 'already received (the centre sent it again)' },
  timestamp: { fr: 'date invraisemblable (horloge du centre ?)', en: 'implausible time (the centre’s clock?)' },
  format: { fr: 'contenu illisible ou inattendu', en: 'unreadable or unexpected content' },
};

export const SERVICE_STATE_LABELS: Record<MonitorService['state'], Label> = {
  running: { fr: 'en marche', en: 'running' },
  stale: { fr: 'muet (arrêté brutalement ou sans base ?)', en: 'silent (killed, or lost the database?)' },
  stopped: { fr: 'arrêté', en: 'stopped' },
};

export interface MonitorInput {
  /** Column of the per-centre table; default `matricule`. */
  sort?: MonitorSort;
  /** Default: ascending for matricule and name, descending for the counters and last seen. */
  direction?: SortDirection;
  /** Matricule prefix, or part of the centre's name (without care for case or accents). */
  filter?: string;
  /** Paging of the per-centre table: default 0 and 20 (1 to 200). */
  offset?: number;
  limit?: number;
  /** A centre is active when seen within this many seconds (10 to 86,400; default 300). */
  activeSeconds?: number;
  /** The rates: this many buckets (1 to 720, default 60) of this many seconds (a multiple of 5, up to 300; default 5), one hour at most. */
  rateBuckets?: number;
  rateBucketSeconds?: number;
  /** Last rejections and open conflicts listed (0 to 50, default 10). */
  recent?: number;
}

export interface RateBucket {
  /** Start of the bucket; the last one is the current bucket, still filling. */
  at: Date;
  containers: number;
  documents: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
}

export type RateTotals = Omit<RateBucket, 'at'>;

export interface MonitorService {
  instance: string;
  host: string;
  pid: number;
  /** running: heartbeat fresh; stale: no heartbeat for 3 intervals (killed, hung, or database lost); stopped: stopped cleanly. */
  state: 'running' | 'stale' | 'stopped';
  startedAt: Date;
  heartbeatAt: Date;
  heartbeatMs: number;
  stoppedAt: Date | null;
  broker: string;
  /** Its MQTT connections to the broker were up at the last heartbeat. */
  connected: boolean;
  shareGroup: string | null;
  concurrency: number;
  /** Since it started: containers taken from the broker, accepted (or quarantined), rejected; documents integrated. */
  received: number;
  accepted: number;
  rejected: number;
  documents: number;
  /** Containers waiting in its memory for a lane. */
  queued: number;
}

export interface MonitorCentre {
  matricule: string;
  name: string;
  /** Client status: 0 suspended … 3 all services. */
  status: number;
  lastSeen: Date | null;
  /** Seen within `activeSeconds`. */
  active: boolean;
  containers: number;
  documents: number;
  duplicates: number;
  conflicts: number;
  /** Acknowledgements sent. */
  acknowledged: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
  /** Answers committed for it and not yet published. */
  queued: number;
  /** Its containers held in quarantine. */
  held: number;
}

export interface MonitorRejection {
  id: number;
  at: Date;
  /** The centre it claimed to come from, when known. */
  matricule: string | null;
  step: string;
  reason: Label;
  /** The technical detail, as logged (English). */
  detail: string;
  bytes: number;
}

export interface MonitorConflict {
  id: number;
  niu: string;
  matricule: string;
  formId: string;
  receivedAt: Date;
}

export interface MonitorSnapshot {
  /** The server's clock when the snapshot was taken. */
  at: Date;
  service: {
    /** At least one service has a fresh heartbeat. */
    running: boolean;
    /** When the longest-running of them started. */
    since: Date | null;
    /** The newest heartbeat of any service. */
    lastHeartbeat: Date | null;
    /** Services not stopped (running or silent), then those stopped within a day; newest first, 20 at most. */
    instances: MonitorService[];
  };
  rates: { bucketSeconds: number; buckets: RateBucket[]; total: RateTotals };
  queues: {
    /** Answers to centres committed and not yet published. */
    outboxUnsent: number;
    /** Administrative notices waiting for the service to seal them. */
    noticesWaiting: number;
    /** Containers of suspended centres kept in quarantine. */
    quarantineHeld: number;
    conflictsOpen: number;
    /** Containers received and waiting in the running services' memory. */
    serviceQueued: number;
  };
  centres: {
    registered: number;
    suspended: number;
    active: number;
    neverSeen: number;
    activeSeconds: number;
    /** Since the start, all centres together. */
    totals: { containers: number; documents: number; acknowledged: number; errors: number; bytesIn: number; bytesOut: number };
    page: { rows: MonitorCentre[]; total: number; offset: number; limit: number; sort: MonitorSort; direction: SortDirection; filter: string };
  };
  errors: MonitorRejection[];
  conflicts: MonitorConflict[];
}

const SORTS = Object.keys(m.CENTRE_ORDER) as MonitorSort[];

function intIn(p: FieldProblem[], field: string, v: number | undefined, min: number, max: number, dflt: number, fr: string, en: string): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < min || v > max) {
    p.push({ field, fr, en });
    return dflt;
  }
  return v;
}

/** Checks a snapshot request as a console or a command typed it. */
export function monitorCriteria(input: MonitorInput) {
  const p: FieldProblem[] = [];
  const sort = input.sort ?? 'matricule';
  if (!SORTS.includes(sort)) p.push({ field: 'sort', fr: `tri « ${String(sort)} » inconnu : ${SORTS.join(', ')}`, en: `unknown sort “${String(sort)}”: ${SORTS.join(', ')}` });
  const column = MONITOR_COLUMNS.find((c) => c.sort === sort);
  const direction = input.direction ?? column?.defaultDirection ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') p.push({ field: 'direction', fr: 'sens du tri : asc ou desc', en: 'sort direction: asc or desc' });
  const filter = (input.filter ?? '').trim();
  if (CONTROL_CHARS.test(filter) || [...filter].length > 100) {
    p.push({ field: 'filter', fr: 'filtre : 100 caractères au plus, sans caractère de contrôle', en: 'filter: 100 characters at most, no control characters' });
  }
  const offset = intIn(p, 'offset', input.offset, 0, 10_000_000, 0, 'début de page : un nombre entier positif', 'page start: a whole number, 0 or more');
  const limit = intIn(p, 'limit', input.limit, 1, 200, 20, 'taille de page : un nombre entier de 1 à 200', 'page size: a whole number from 1 to 200');
  const activeSeconds = intIn(p, 'activeSeconds', input.activeSeconds, 10, 86_400, 300, 'centre actif : vu dans les 10 à 86 400 dernières secondes', 'active centre: seen within the last 10 to 86,400 seconds');
  const rateBuckets = intIn(p, 'rateBuckets', input.rateBuckets, 1, 720, 60, 'débit : 1 à 720 intervalles', 'rates: 1 to 720 intervals');
  const rateBucketSeconds = intIn(p, 'rateBucketSeconds', input.rateBucketSeconds, m.RATE_BUCKET_SECONDS, 300, m.RATE_BUCKET_SECONDS,
    'intervalle du débit : un multiple de 5 secondes, jusqu’à 300', 'rate interval: a multiple of 5 seconds, up to 300');
  if (rateBucketSeconds % m.RATE_BUCKET_SECONDS !== 0) {
    p.push({ field: 'rateBucketSeconds', fr: 'intervalle du débit : un multiple de 5 secondes, jusqu’à 300', en: 'rate interval: a multiple of 5 seconds, up to 300' });
  } else if (rateBuckets * rateBucketSeconds > m.RATE_RETENTION_SECONDS) {
    p.push({ field: 'rateBuckets', fr: 'débit : une heure au plus (intervalles × secondes ≤ 3600)', en: 'rates: one hour at most (intervals × seconds ≤ 3600)' });
  }
  const recent = intIn(p, 'recent', input.recent, 0, 50, 10, 'derniers refus : 0 à 50', 'last rejections: 0 to 50');
  if (p.length > 0) {
    throw new DocstreamError('validation', `Moniteur : ${p.map((x) => x.fr).join(' ; ')}.`, `Monitor: ${p.map((x) => x.en).join('; ')}.`, { problems: p });
  }
  const folded = foldName(filter);
  return {
    sort, direction, filter, offset, limit, activeSeconds, rateBuckets, rateBucketSeconds, recent,
    ...(filter === '' ? {} : { nameContains: `%${likeEscape(folded)}%`, ...(/^[0-9]{1,5}$/.test(filter) ? { matriculePrefix: `${filter}%` } : {}) }),
  };
}

const VIEW: Label = { fr: 'consulter le moniteur des transmissions', en: 'viewing the transmission monitor' };

function serviceOf(r: m.ServiceRow, now: Date): MonitorService {
  const silent = now.getTime() - r.heartbeat_at.getTime() > STALE_AFTER_BEATS * r.heartbeat_ms;
  return {
    instance: r.instance, host: r.host, pid: r.pid,
    state: r.stopped_at ? 'stopped' : silent ? 'stale' : 'running',
    startedAt: r.started_at, heartbeatAt: r.heartbeat_at, heartbeatMs: r.heartbeat_ms, stoppedAt: r.stopped_at,
    broker: r.broker, connected: r.connected && !r.stopped_at && !silent, shareGroup: r.share_group, concurrency: r.concurrency,
    received: r.received, accepted: r.accepted, rejected: r.rejected, documents: r.documents, queued: r.queued,
  };
}

/**
 * The live transmission monitor, for every operator (viewer and up). Everything comes
 * from the database, so it shows the service whichever process runs it. A snapshot is the
 * session check, then one round of six small statements at once on the pool (seven with a
 * filter); docs/PERFORMANCE.md gives their cost with 10,000 centres.
 */
export function createMonitor(db: Database, guard: Guard, clock: Clock) {
  return {
    async snapshot(session: Session, input: MonitorInput = {}): Promise<MonitorSnapshot> {
      const c = monitorCriteria(input);
      await guard(db, session, OperatorPrivilege.Viewer, VIEW);
      const now = clock.now();
      const width = c.rateBucketSeconds * 1000;
      const current = Math.floor(now.getTime() / width) * width;
      const from = new Date(current - (c.rateBuckets - 1) * width);
      const filtered = c.filter !== '';
      const [ov, rateRows, rows, rejections, conflicts, svc, matching] = await Promise.all([
        m.overview(db, new Date(now.getTime() - c.activeSeconds * 1000)),
        m.rates(db, from, new Date(current + width), c.rateBucketSeconds),
        m.centrePage(db, c),
        m.lastRejections(db, c.recent),
        m.lastOpenConflicts(db, c.recent),
        m.services(db, new Date(now.getTime() - 86_400_000)),
        filtered ? m.centreCount(db, c) : undefined,
      ]);
      const total = matching ?? ov.registered;

      const byTime = new Map(rateRows.map((r) => [r.at.getTime(), r]));
      const buckets: RateBucket[] = Array.from({ length: c.rateBuckets }, (_, i) => {
        const at = from.getTime() + i * width;
        const r = byTime.get(at);
        return { at: new Date(at), containers: r?.containers ?? 0, documents: r?.documents ?? 0, errors: r?.errors ?? 0, bytesIn: r?.bytes_in ?? 0, bytesOut: r?.bytes_out ?? 0 };
      });
      const sum = (k: keyof RateTotals) => buckets.reduce((a, b) => a + b[k], 0);

      const instances = svc.map((r) => serviceOf(r, now));
      const running = instances.filter((s) => s.state === 'running');
      const activeSince = now.getTime() - c.activeSeconds * 1000;
      return {
        at: now,
        service: {
          running: running.length > 0,
          since: running.length ? new Date(Math.min(...running.map((s) => s.startedAt.getTime()))) : null,
          lastHeartbeat: instances.length ? new Date(Math.max(...instances.map((s) => s.heartbeatAt.getTime()))) : null,
          instances,
        },
        rates: {
          bucketSeconds: c.rateBucketSeconds,
          buckets,
          total: { containers: sum('containers'), documents: sum('documents'), errors: sum('errors'), bytesIn: sum('bytesIn'), bytesOut: sum('bytesOut') },
        },
        queues: {
          outboxUnsent: ov.outbox_unsent,
          noticesWaiting: ov.notices,
          quarantineHeld: ov.quarantine_held,
          conflictsOpen: ov.conflicts_open,
          serviceQueued: running.reduce((a, s) => a + s.queued, 0),
        },
        centres: {
          registered: ov.registered,
          suspended: ov.suspended,
          active: ov.active,
          neverSeen: ov.never_seen,
          activeSeconds: c.activeSeconds,
          totals: { containers: ov.containers_in, documents: ov.documents_in, acknowledged: ov.acks_out, errors: ov.errors, bytesIn: ov.bytes_in, bytesOut: ov.bytes_out },
          page: {
            rows: rows.map((r) => ({
              matricule: r.matricule, name: r.name, status: r.status, lastSeen: r.last_seen,
              active: r.last_seen !== null && r.last_seen.getTime() >= activeSince,
              containers: r.containers_in, documents: r.documents_in, duplicates: r.duplicates, conflicts: r.conflicts, acknowledged: r.acks_out,
              errors: r.errors, bytesIn: r.bytes_in, bytesOut: r.bytes_out, queued: r.queued, held: r.held,
            })),
            total, offset: c.offset, limit: c.limit, sort: c.sort, direction: c.direction, filter: c.filter,
          },
        },
        errors: rejections.map((r) => ({
          id: r.id, at: r.at, matricule: r.src, step: r.step,
          reason: REJECTION_STEP_LABELS[r.step] ?? { fr: `refusé (${r.step})`, en: `refused (${r.step})` }, detail: r.detail, bytes: r.bytes,
        })),
        conflicts: conflicts.map((r) => ({ id: r.id, niu: r.niu, matricule: r.matricule, formId: r.form_id, receivedAt: r.received_at })),
      };
    },
  };
}

export type Monitor = ReturnType<typeof createMonitor>;

export { foldName };
