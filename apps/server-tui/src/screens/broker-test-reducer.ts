import type { BrokerTestPhase, BrokerTestResult, Label } from '@docstream/core';
import { editText, translator, type TextKeyState } from '@docstream/console-kit';

/** Every string of the broker test screen, French first. */
export const BROKER_STRINGS = {
  title: { fr: 'Test du courtier MQTT', en: 'MQTT broker test' },
  brokerConfigured: { fr: 'Courtier : {url} (MQTT_URL)', en: 'Broker: {url} (MQTT_URL)' },
  brokerEmbedded: { fr: 'Courtier : {url} (embarqué)', en: 'Broker: {url} (embedded)' },
  embeddedHint: {
    fr: 'Sans MQTT_URL : le courtier embarqué, présent tant que docstream-server run tourne.',
    en: 'Without MQTT_URL: the embedded broker, there while docstream-server run is running.',
  },
  count: { fr: 'Messages (allers-retours, rafale)', en: 'Messages (round trips, burst)' },
  size: { fr: 'Taille d’un message (octets)', en: 'Size of a message (bytes)' },
  qos: { fr: 'QoS (0 ou 1)', en: 'QoS (0 or 1)' },
  timeout: { fr: 'Attente maximale (secondes)', en: 'Longest wait (seconds)' },
  badCount: { fr: 'Messages : un nombre entier de 1 à 100 000.', en: 'Messages: a whole number from 1 to 100,000.' },
  badSize: { fr: 'Taille : un nombre entier d’octets de 8 à 16 777 216.', en: 'Size: a whole number of bytes from 8 to 16,777,216.' },
  badQos: { fr: 'QoS : 0 ou 1.', en: 'QoS: 0 or 1.' },
  badTimeout: { fr: 'Attente maximale : un nombre entier de secondes de 1 à 3 600.', en: 'Longest wait: a whole number of seconds from 1 to 3,600.' },
  running: { fr: 'Test en cours (Esc l’annule) :', en: 'Test running (Esc cancels it):' },
  cancelling: { fr: 'Annulation…', en: 'Cancelling…' },
  phaseDone: { fr: 'fait', en: 'done' },
  phaseNow: { fr: 'en cours', en: 'running' },
  phaseNext: { fr: 'à venir', en: 'next' },
  phaseConnect: { fr: '1. Connexion', en: '1. Connect' },
  phaseLatency: { fr: '2. Latence : {done} / {total} allers-retours', en: '2. Latency: {done} / {total} round trips' },
  phaseBurst: { fr: '3. Débit : {done} / {total} messages de la rafale reçus', en: '3. Throughput: {done} / {total} burst messages received' },
  resultTitle: { fr: 'Résultat (MQTT {protocol}, QoS {qos}) :', en: 'Result (MQTT {protocol}, QoS {qos}):' },
  granted: { fr: ' — QoS accordée : {qos}', en: ' — QoS granted: {qos}' },
  connectTime: { fr: 'Connexion : {ms}', en: 'Connect: {ms}' },
  latencyHead: { fr: 'Latence aller-retour ({n} messages de {size} octets, un à la fois) :', en: 'Round-trip latency ({n} messages of {size} bytes, one at a time):' },
  latencyFigures: { fr: 'min {min} · médiane {p50} · p95 {p95} · max {max}', en: 'min {min} · median {p50} · p95 {p95} · max {max}' },
  throughput: { fr: 'Débit (rafale de {n}) : {rate} messages/s · {kbs} ko/s', en: 'Throughput (burst of {n}): {rate} messages/s · {kbs} kB/s' },
  noLoss: { fr: 'Perdus : aucun sur {sent}.', en: 'Lost: none of {sent}.' },
  losses: { fr: 'PERDUS : {lost} sur {sent} (latence {l}, rafale {b}).', en: 'LOST: {lost} of {sent} (latency {l}, burst {b}).' },
  queueHint: {
    fr: 'Le courtier a jeté des messages en file (Mosquitto : max_queued_messages, 1000).',
    en: 'The broker dropped queued messages (Mosquitto: max_queued_messages, 1000).',
  },
} as const satisfies Record<string, Label>;

export type BrokerKey = keyof typeof BROKER_STRINGS;

export const brokerText = translator(BROKER_STRINGS);

export type FieldName = 'count' | 'size' | 'qos' | 'timeout';
export const FIELDS: readonly FieldName[] = ['count', 'size', 'qos', 'timeout'];
export type BrokerFields = Record<FieldName, string>;

/** As `docstream-server broker-test` without options. */
export const DEFAULT_FIELDS: BrokerFields = { count: '200', size: '1024', qos: '1', timeout: '10' };

export interface BrokerParams {
  count: number;
  payloadBytes: number;
  qos: 0 | 1;
  timeoutMs: number;
}

export interface BrokerProgress {
  phase: BrokerTestPhase;
  /** Messages done in the phase (round trips, or burst messages received). */
  done: number;
}

export interface BrokerTestState {
  fields: BrokerFields;
  focus: number;
  /** The test to run, or running; the container starts it when its id appears. */
  run: { id: number; params: BrokerParams } | null;
  progress: BrokerProgress | null;
  cancelling: boolean;
  result: BrokerTestResult | null;
  error: Label | null;
  /** Not an error: what the core said when the test was cancelled. */
  notice: Label | null;
  nextId: number;
}

export type BrokerTestAction =
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'field'; by: 1 | -1 }
  | { type: 'start' }
  | { type: 'progress'; id: number; phase: BrokerTestPhase; done: number }
  | { type: 'finished'; id: number; result: BrokerTestResult }
  | { type: 'failed'; id: number; error: Label; cancelled: boolean }
  | { type: 'cancel' };

export const initialBrokerTest: BrokerTestState = {
  fields: DEFAULT_FIELDS, focus: 0, run: null, progress: null, cancelling: false, result: null, error: null, notice: null, nextId: 1,
};

function wholeIn(text: string, min: number, max: number): number | undefined {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

/** The typed values as the core takes them, or the first field that is wrong and why. */
export function brokerParams(f: BrokerFields): { params: BrokerParams } | { field: FieldName; error: Label } {
  const count = wholeIn(f.count, 1, 100_000);
  if (count === undefined) return { field: 'count', error: BROKER_STRINGS.badCount };
  const payloadBytes = wholeIn(f.size, 8, 16 * 1024 * 1024);
  if (payloadBytes === undefined) return { field: 'size', error: BROKER_STRINGS.badSize };
  const qos = wholeIn(f.qos, 0, 1);
  if (qos === undefined) return { field: 'qos', error: BROKER_STRINGS.badQos };
  const timeout = wholeIn(f.timeout, 1, 3600);
  if (timeout === undefined) return { field: 'timeout', error: BROKER_STRINGS.badTimeout };
  return { params: { count, payloadBytes, qos: qos as 0 | 1, timeoutMs: timeout * 1000 } };
}

/**
 * The broker test screen: four fields with defaults, Enter starts (the container runs the
 * core's test and reports its phases), Esc during the run cancels it. Answers of an older
 * run are ignored, so a cancelled test never overwrites what came after.
 */
export function brokerTestReducer(s: BrokerTestState, a: BrokerTestAction): BrokerTestState {
  switch (a.type) {
    case 'text': {
      if (s.run) return s;
      const name = FIELDS[s.focus]!;
      const value = editText(s.fields[name], a.input, a.key, 12);
      return value === s.fields[name] ? s : { ...s, fields: { ...s.fields, [name]: value }, error: null };
    }
    case 'field':
      return s.run ? s : { ...s, focus: (s.focus + a.by + FIELDS.length) % FIELDS.length };
    case 'start': {
      if (s.run) return s;
      const checked = brokerParams(s.fields);
      if ('error' in checked) return { ...s, error: checked.error, focus: FIELDS.indexOf(checked.field) };
      return {
        ...s, run: { id: s.nextId, params: checked.params }, nextId: s.nextId + 1,
        progress: { phase: 'connect', done: 0 }, cancelling: false, result: null, error: null, notice: null,
      };
    }
    case 'progress':
      if (s.run?.id !== a.id) return s;
      if (s.progress?.phase === a.phase && s.progress.done === a.done) return s;
      return { ...s, progress: { phase: a.phase, done: a.done } };
    case 'finished':
      if (s.run?.id !== a.id) return s;
      return { ...s, run: null, progress: null, cancelling: false, result: a.result };
    case 'failed':
      if (s.run?.id !== a.id) return s;
      return { ...s, run: null, progress: null, cancelling: false, ...(a.cancelled ? { notice: a.error } : { error: a.error }) };
    case 'cancel':
      return s.run && !s.cancelling ? { ...s, cancelling: true } : s;
  }
}

/** The form takes the keys until a test runs; then only Esc (cancel) works. */
export function brokerMode(s: BrokerTestState): 'normal' | 'typing' {
  return s.run ? 'normal' : 'typing';
}

/**
 * The core reports `done` of `total` over the whole test (round trips, then burst
 * messages received); each phase's own count, for the progress lines.
 */
export function phaseProgress(done: number, count: number, phase: BrokerTestPhase): number {
  return phase === 'burst' ? Math.max(0, done - count) : phase === 'latency' ? Math.min(done, count) : 0;
}
