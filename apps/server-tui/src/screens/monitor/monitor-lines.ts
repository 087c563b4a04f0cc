import { MONITOR_COLUMNS, SERVICE_STATE_LABELS, type Lang, type MonitorCentre, type MonitorSnapshot, type MonitorSort, type RateBucket, type SortDirection } from '@docstream/core';
import { column, columnRight, fit } from '@docstream/console-kit';
import { ms } from './monitor-strings.js';
import { clockTime } from '../figures.js';

const BARS = '▁▂▃▄▅▆▇█';

/**
 * One character per value, scaled to the largest; nothing at all is a dot, so an idle
 * line is visibly idle (not blank), and any traffic at least the lowest bar.
 */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (v <= 0 ? '·' : BARS[Math.min(BARS.length - 1, Math.ceil((v / max) * BARS.length) - 1)]!)).join('');
}

/** The buckets that are over: the last one is still filling and would always look low. */
export function completeBuckets(buckets: readonly RateBucket[]): RateBucket[] {
  return buckets.slice(0, -1);
}

export function perSecond(lang: Lang, count: number, seconds: number): string {
  const v = seconds > 0 ? count / seconds : 0;
  const text = v >= 100 ? String(Math.round(v)) : v.toFixed(1);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

export function bytes(lang: Lang, n: number): string {
  const units = lang === 'fr' ? ['o', 'ko', 'Mo', 'Go', 'To'] : ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const text = i === 0 ? String(v) : v >= 100 ? String(Math.round(v)) : v.toFixed(1);
  return `${lang === 'fr' ? text.replace('.', ',') : text} ${units[i]}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Today: the time; before: the day. */
export function when(d: Date | null, now: Date): string {
  if (!d) return '-';
  return d.toDateString() === now.toDateString() ? clockTime(d) : `${two(d.getDate())}/${two(d.getMonth() + 1)}`;
}

/** The per-centre table's columns: widths for 78 characters, the name taking what is left. */
const COLS: { sort: MonitorSort | null; head: { fr: string; en: string }; width: number }[] = [
  { sort: 'matricule', head: { fr: 'Mat.', en: 'Mat.' }, width: 5 },
  { sort: 'name', head: { fr: 'Centre', en: 'Centre' }, width: 0 },
  { sort: 'lastSeen', head: { fr: 'Vu', en: 'Seen' }, width: 8 },
  { sort: 'containers', head: { fr: 'Cont.', en: 'Cont.' }, width: 7 },
  { sort: 'documents', head: { fr: 'Docs', en: 'Docs' }, width: 7 },
  { sort: 'acknowledged', head: { fr: 'Accusés', en: 'Acks' }, width: 7 },
  { sort: 'errors', head: { fr: 'Err.', en: 'Err.' }, width: 5 },
  { sort: 'bytesIn', head: { fr: 'Reçu', en: 'In' }, width: 8 },
  { sort: 'bytesOut', head: { fr: 'Envoyé', en: 'Out' }, width: 8 },
];

function widths(width: number): number[] {
  const fixed = COLS.reduce((a, c) => a + c.width, 0) + COLS.length - 1;
  return COLS.map((c) => (c.width === 0 ? Math.max(6, width - 2 - fixed) : c.width));
}

export function centreHeader(lang: Lang, width: number, sort: MonitorSort, direction: SortDirection): string {
  const w = widths(width);
  return COLS.map((c, i) => {
    const head = c.head[lang] + (c.sort === sort ? (direction === 'asc' ? '▲' : '▼') : '');
    return i <= 1 ? column(head, w[i]!) : columnRight(head, w[i]!);
  }).join(' ');
}

export function centreRow(lang: Lang, c: MonitorCentre, width: number, now: Date): string {
  const w = widths(width);
  const cells = [c.matricule, c.name, when(c.lastSeen, now), String(c.containers), String(c.documents), String(c.acknowledged), String(c.errors), bytes(lang, c.bytesIn), bytes(lang, c.bytesOut)];
  return cells.map((v, i) => (i <= 1 ? column(v, w[i]!) : columnRight(v, w[i]!))).join(' ');
}

export function sortName(lang: Lang, sort: MonitorSort): string {
  return MONITOR_COLUMNS.find((c) => c.sort === sort)?.label[lang] ?? sort;
}

/** Service, rates, queues and centres: the lines above the table. */
export function summaryLines(lang: Lang, s: MonitorSnapshot, width: number, hosted: string | undefined): string[] {
  const svc = s.service;
  const up = svc.instances.some((i) => i.state === 'running' && i.connected);
  const here = hosted !== undefined && svc.instances.some((i) => i.instance === hosted && i.state === 'running');
  const service = svc.running
    ? ms(lang, 'serviceRunning', { since: when(svc.since, s.at), broker: ms(lang, up ? 'brokerUp' : 'brokerDown'), here: here ? ms(lang, 'hostedHere') : '' })
    : svc.instances.length > 0
      ? ms(lang, 'serviceNone', { state: SERVICE_STATE_LABELS[svc.instances[0]!.state][lang], at: when(svc.lastHeartbeat, s.at) })
      : ms(lang, 'serviceNever');
  const done = completeBuckets(s.rates.buckets);
  const sec = s.rates.bucketSeconds;
  const last = done[done.length - 1];
  const label = (key: 'containers' | 'documents') => column(ms(lang, key), 11);
  const spark = (key: 'containers' | 'documents') => {
    const rate = ms(lang, 'perSecond', { n: perSecond(lang, last?.[key] ?? 0, sec) });
    return `${label(key)}${sparkline(done.map((b) => b[key]))} ${rate}`;
  };
  const total = done.reduce((a, b) => ({ errors: a.errors + b.errors, bytesIn: a.bytesIn + b.bytesIn, bytesOut: a.bytesOut + b.bytesOut }), { errors: 0, bytesIn: 0, bytesOut: 0 });
  const q = s.queues;
  const c = s.centres;
  return [
    service,
    spark('containers'),
    spark('documents'),
    ms(lang, 'window', { minutes: Math.round((done.length * sec) / 60), seconds: sec, errors: total.errors, bytesIn: bytes(lang, total.bytesIn), bytesOut: bytes(lang, total.bytesOut) }),
    ms(lang, 'queues', { outbox: q.outboxUnsent, notices: q.noticesWaiting, held: q.quarantineHeld, conflicts: q.conflictsOpen, queued: q.serviceQueued }),
    ms(lang, 'centres', { registered: c.registered, active: c.active, minutes: Math.round(c.activeSeconds / 60), never: c.neverSeen, suspended: c.suspended }),
  ].map((l) => fit(l, width));
}

/** How many rate columns fit beside the label and the figure. */
export function sparkWidth(width: number): number {
  return Math.max(10, Math.min(60, width - 11 - 9));
}

/** One refusal, on one line: time, centre, reason in words, then the logged detail. */
export function rejectionLine(lang: Lang, r: MonitorSnapshot['errors'][number], width: number, now: Date): string {
  return fit(`${when(r.at, now)} ${column(r.matricule ?? '?', 5)} ${r.reason[lang]} — ${r.detail}`, width);
}

export function serviceLine(lang: Lang, i: MonitorSnapshot['service']['instances'][number], width: number): string {
  return fit(ms(lang, 'serviceRow', {
    state: SERVICE_STATE_LABELS[i.state][lang], host: i.host, pid: i.pid, received: i.received, accepted: i.accepted, rejected: i.rejected, documents: i.documents,
  }), width);
}
