import type { HostState, Label, Lang } from '@docstream/core';
import { fill } from '../i18n.js';
import type { TransmissionCondition } from '../keys/bindings.js';

/** Who runs the transmission service now, as the database says (any process). */
export interface ServiceHolder {
  owner: string;
  started_at: Date;
}

const CYCLE_STRINGS = {
  outside: {
    fr: 'Cycle MQTT : hors console (docstream-centre run).',
    en: 'MQTT cycle: outside the console (docstream-centre run).',
  },
  stopped: { fr: 'Cycle MQTT : arrêté — les documents attendent dans la file.', en: 'MQTT cycle: stopped — documents wait in the outbox.' },
  starting: { fr: 'Cycle MQTT : démarrage…', en: 'MQTT cycle: starting…' },
  stopping: { fr: 'Cycle MQTT : arrêt en cours…', en: 'MQTT cycle: stopping…' },
  continuous: { fr: 'Cycle MQTT : EN MARCHE, connexion permanente, {url}, depuis {at}', en: 'MQTT cycle: RUNNING, always connected, {url}, since {at}' },
  intermittent: {
    fr: 'Cycle MQTT : EN MARCHE, un échange toutes les {n} min, {url}, depuis {at}',
    en: 'MQTT cycle: RUNNING, one exchange every {n} min, {url}, since {at}',
  },
  failed: { fr: 'Cycle MQTT : ÉCHEC — {why}', en: 'MQTT cycle: FAILED — {why}' },
  elsewhere: { fr: 'Service tenu par : {owner}, depuis {at}', en: 'Service held by: {owner}, since {at}' },
} as const satisfies Record<string, Label>;

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** The cycle keys that apply: none without a hosted cycle, or while it starts or stops. */
export function cycleConditions(h: HostState | undefined): TransmissionCondition[] {
  if (!h) return [];
  if (h.phase === 'running') return ['cycleStop'];
  if (h.phase === 'stopped' || h.phase === 'failed') return [h.resumed || h.phase === 'failed' ? 'cycleResume' : 'cycleStart'];
  return [];
}

/**
 * What the console says of the cycle: its own (hosted) state, and who holds the service
 * when it is another process (`docstream-centre run`, another console).
 */
export function cycleLines(lang: Lang, h: HostState | undefined, holder: ServiceHolder | undefined): string[] {
  const say = (k: keyof typeof CYCLE_STRINGS, vars: Record<string, string | number> = {}) => fill(CYCLE_STRINGS[k][lang], vars);
  const lines: string[] = [];
  if (!h) lines.push(say('outside'));
  else if (h.phase === 'running') {
    const url = h.url ?? '';
    lines.push(h.mode === 'intermittent' ? say('intermittent', { n: h.intervalMinutes ?? 15, url, at: hhmm(h.since) }) : say('continuous', { url, at: hhmm(h.since) }));
  } else if (h.phase === 'failed') lines.push(say('failed', { why: h.error?.[lang] ?? '' }));
  else lines.push(say(h.phase));
  if (holder && h?.phase !== 'running') lines.push(say('elsewhere', { owner: holder.owner, at: hhmm(holder.started_at) }));
  return lines;
}
