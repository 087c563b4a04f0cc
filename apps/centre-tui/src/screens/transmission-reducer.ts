import type { Label, Lang } from '@docstream/core';
import { translator } from '../i18n.js';
import { editText, type TextKeyState } from '@docstream/console-kit';
import type { TransmissionCondition } from '../keys/bindings.js';
import type { ServiceHolder } from './cycle-lines.js';

/** The live refresh runs at most this often (and never while a read is still running). */
export const REFRESH_MS = 2000;

/** How many refused / conflicting items the screen lists. */
export const PROBLEMS_SHOWN = 4;

/** Every string of the Transmissions screen, French first. */
export const TX_STRINGS = {
  title: { fr: 'Transmissions', en: 'Transmissions' },
  linkTitle: { fr: 'Liaison avec le serveur central', en: 'Link with the central server' },
  connected: { fr: 'Connecté', en: 'Connected' },
  disconnected: { fr: 'Déconnecté', en: 'Disconnected' },
  lastExchange: { fr: 'dernier échange : {at}', en: 'last exchange: {at}' },
  never: { fr: 'jamais', en: 'never' },
  traffic: {
    fr: 'Envoyés : {containers} conteneur(s), {sent}   reçus : {received}   erreurs : {errors}',
    en: 'Sent: {containers} container(s), {sent}   received: {received}   errors: {errors}',
  },
  lastError: { fr: 'Dernière erreur ({at}) : {text}', en: 'Last error ({at}): {text}' },
  noError: { fr: 'Dernière erreur : aucune', en: 'Last error: none' },
  countsTitle: { fr: 'Documents à transmettre', en: 'Documents to transmit' },
  counts: {
    fr: 'En attente : {waiting}  en cours : {in_flight}  acquittés : {acknowledged}',
    en: 'Waiting: {waiting}  in flight: {in_flight}  acknowledged: {acknowledged}',
  },
  counts2: {
    fr: 'En quarantaine : {quarantined}  conflits : {conflicts}  refusés : {rejected}',
    en: 'Quarantined: {quarantined}  conflicts: {conflicts}  rejected: {rejected}',
  },
  certificate: { fr: 'Certificat {fp}… valable jusqu’au {until}', en: 'Certificate {fp}… valid until {until}' },
  certificateExpired: { fr: 'Certificat {fp}… EXPIRÉ depuis le {until}', en: 'Certificate {fp}… EXPIRED since {until}' },
  notEnrolled: {
    fr: 'Pas encore inscrit : docstream-centre enroll --code CODE',
    en: 'Not enrolled yet: docstream-centre enroll --code CODE',
  },
  trust: { fr: 'Liste de confiance n° {version} (reçue le {at})', en: 'Trust list no. {version} (received {at})' },
  noTrust: { fr: 'Aucune liste de confiance reçue', en: 'No trust list received' },
  problemsTitle: { fr: 'Derniers problèmes', en: 'Last problems' },
  noProblems: { fr: 'Derniers problèmes : aucun', en: 'Last problems: none' },
  live: { fr: 'Actualisation automatique toutes les 2 s — lu à {at}', en: 'Refreshed automatically every 2 s — read at {at}' },
  paused: { fr: 'Actualisation automatique EN PAUSE — lu à {at}', en: 'Automatic refresh PAUSED — read at {at}' },
  exportPrompt: { fr: 'Fichier T2D à écrire', en: 'T2D file to write' },
  importPrompt: { fr: 'Réponse T2D à lire', en: 'T2D answer to read' },
  pathEmpty: { fr: 'Tapez le chemin du fichier.', en: 'Type the file path.' },
  writing: { fr: 'Écriture de {path}…', en: 'Writing {path}…' },
  reading: { fr: 'Lecture de {path}…', en: 'Reading {path}…' },
  exported: { fr: '{containers} conteneur(s), {bytes} octets écrits dans {path}', en: '{containers} container(s), {bytes} bytes written to {path}' },
  imported: { fr: '{path} : {n} message(s) lus — {kinds}', en: '{path}: {n} message(s) read — {kinds}' },
  importedNone: { fr: '{path} : aucun message', en: '{path}: no message' },
  docsAcked: { fr: '{n} document(s) acquitté(s)', en: '{n} document(s) acknowledged' },
} as const satisfies Record<string, Label>;

export type TxKey = keyof typeof TX_STRINGS;

export const tx = translator(TX_STRINGS);

/** What `centre.transmission.counts()` returns. */
export interface TxCounts {
  waiting: number;
  in_flight: number;
  acknowledged: number;
  conflicts: number;
  rejected: number;
  quarantined: number;
}

/** `docstream.link_state`, typed (bigint columns arrive as text). */
export interface LinkView {
  connected: boolean;
  lastConnectAt: Date | null;
  lastSendAt: Date | null;
  lastReceiveAt: Date | null;
  containersSent: number;
  bytesSent: number;
  bytesReceived: number;
  errors: number;
  lastError: string | null;
  lastErrorAt: Date | null;
}

export interface TxProblem {
  niu: string;
  msg_type: string;
  result: string;
  reason: string | null;
}

export interface TxSnapshot {
  counts: TxCounts;
  link: LinkView;
  enrolled: { matricule: string; fingerprint: string; notAfter: Date } | undefined;
  trust: { version: number | null; receivedAt: Date | null };
  problems: TxProblem[];
  /** Who runs the transmission service, if anyone (this console or another process). */
  service?: ServiceHolder | undefined;
  /** When it was read. */
  at: Date;
}

function dateOf(v: unknown): Date | null {
  if (v instanceof Date) return v;
  if (typeof v === 'string' || typeof v === 'number') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v) || 0);

/** Reads the row of `centre.transmission.link()` (an empty object when there is none). */
export function linkView(row: Record<string, unknown>): LinkView {
  return {
    connected: row.connected === true,
    lastConnectAt: dateOf(row.last_connect_at),
    lastSendAt: dateOf(row.last_send_at),
    lastReceiveAt: dateOf(row.last_receive_at),
    containersSent: num(row.containers_sent),
    bytesSent: num(row.bytes_sent),
    bytesReceived: num(row.bytes_received),
    errors: num(row.errors),
    lastError: typeof row.last_error === 'string' ? row.last_error : null,
    lastErrorAt: dateOf(row.last_error_at),
  };
}

/** What one T2D import brought, by kind (acknowledgements, trust list, refusals…). */
export interface ImportSummary {
  total: number;
  byKind: Record<string, number>;
  /** Documents the acknowledgements accepted. */
  documentsAcked: number;
}

export function summariseImport(outcomes: readonly { kind: string; acknowledged?: number }[]): ImportSummary {
  const byKind: Record<string, number> = {};
  let documentsAcked = 0;
  for (const o of outcomes) {
    byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
    if (o.kind === 'ack') documentsAcked += o.acknowledged ?? 0;
  }
  return { total: outcomes.length, byKind, documentsAcked };
}

const KIND_LABELS: Record<string, Label> = {
  ack: { fr: 'accusé(s) de réception', en: 'acknowledgement(s)' },
  enrolled: { fr: 'inscription', en: 'enrolment' },
  applied: { fr: 'message(s) du serveur appliqué(s)', en: 'server message(s) applied' },
  replay: { fr: 'déjà reçu(s)', en: 'already received' },
  error: { fr: 'erreur(s) du serveur', en: 'server error(s)' },
  rejected: { fr: 'REFUSÉ(S)', en: 'REFUSED' },
  trust: { fr: 'liste(s) de confiance', en: 'trust list(s)' },
  forms: { fr: 'formulaire(s)', en: 'form(s)' },
  stale: { fr: 'bulletin(s) périmé(s)', en: 'stale bulletin(s)' },
};

/** "1 accusé(s) de réception (3 document(s) acquitté(s)), 1 liste(s) de confiance". */
export function importKinds(lang: Lang, s: ImportSummary): string {
  return Object.entries(s.byKind)
    .map(([kind, n]) => {
      const text = `${n} ${KIND_LABELS[kind]?.[lang] ?? kind}`;
      return kind === 'ack' ? `${text} (${tx(lang, 'docsAcked', { n: s.documentsAcked })})` : text;
    })
    .join(', ');
}

export type PromptKind = 'export' | 'import';

export interface TxJob {
  id: number;
  kind: PromptKind;
  /** As typed. */
  path: string;
}

export type TxOutcome =
  | { kind: 'exported'; path: string; containers: number; bytes: number }
  | { kind: 'imported'; path: string; summary: ImportSummary };

export interface TransmissionState {
  snapshot: TxSnapshot | null;
  error: Label | null;
  /** Id of the read to run; `loaded` answers with the same id. */
  request: number;
  loading: boolean;
  /** Whether the screen refreshes itself (`p`). */
  live: boolean;
  /** The path question, when open. */
  prompt: { kind: PromptKind; text: string } | null;
  /** The export or import the container must run; null when idle. */
  job: TxJob | null;
  outcome: TxOutcome | null;
  nextJob: number;
}

export type TransmissionAction =
  | { type: 'refresh' }
  | { type: 'tick' }
  | { type: 'loaded'; request: number; snapshot: TxSnapshot }
  | { type: 'failed'; request: number; error: Label }
  | { type: 'pause' }
  | { type: 'ask'; kind: PromptKind; path: string }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'cancel' }
  | { type: 'submit' }
  | { type: 'exported'; id: number; containers: number; bytes: number; path: string }
  | { type: 'imported'; id: number; summary: ImportSummary; path: string }
  | { type: 'jobFailed'; id: number; error: Label };

export const initialTransmission: TransmissionState = {
  snapshot: null, error: null, request: 1, loading: true, live: true, prompt: null, job: null, outcome: null, nextJob: 1,
};

/** Paths can be long: a typed path is kept to this many characters. */
export const MAX_PATH = 1000;

/**
 * The Transmissions screen: a status read again on `r` and, while live, on each tick (at
 * most one read at a time, so a slow database is never queued up); `e` / `i` open a path
 * question; Enter hands the job to the container, whose answer (or error) closes it. A
 * failed job brings the question back with its path, so a mistyped folder is fixed in place.
 */
export function transmissionReducer(s: TransmissionState, a: TransmissionAction): TransmissionState {
  switch (a.type) {
    case 'refresh':
      return { ...s, request: s.request + 1, loading: true };
    case 'tick':
      if (!s.live || s.loading) return s;
      return { ...s, request: s.request + 1, loading: true };
    case 'loaded':
      return a.request === s.request ? { ...s, snapshot: a.snapshot, loading: false, error: s.job || s.prompt ? s.error : null } : s;
    case 'failed':
      return a.request === s.request ? { ...s, loading: false, error: a.error } : s;
    case 'pause':
      return { ...s, live: !s.live };
    case 'ask':
      if (s.job) return s;
      return { ...s, prompt: { kind: a.kind, text: a.path }, error: null };
    case 'text': {
      if (!s.prompt) return s;
      const text = editText(s.prompt.text, a.input, a.key, MAX_PATH);
      return text === s.prompt.text ? s : { ...s, prompt: { ...s.prompt, text }, error: null };
    }
    case 'cancel':
      return s.prompt ? { ...s, prompt: null, error: null } : s;
    case 'submit': {
      if (!s.prompt || s.job) return s;
      const path = s.prompt.text.trim();
      if (path === '') return { ...s, error: TX_STRINGS.pathEmpty };
      return { ...s, prompt: null, error: null, outcome: null, job: { id: s.nextJob, kind: s.prompt.kind, path }, nextJob: s.nextJob + 1 };
    }
    case 'exported':
      if (s.job?.id !== a.id) return s;
      return { ...s, job: null, outcome: { kind: 'exported', path: a.path, containers: a.containers, bytes: a.bytes }, request: s.request + 1, loading: true };
    case 'imported':
      if (s.job?.id !== a.id) return s;
      return { ...s, job: null, outcome: { kind: 'imported', path: a.path, summary: a.summary }, request: s.request + 1, loading: true };
    case 'jobFailed':
      if (s.job?.id !== a.id) return s;
      return { ...s, job: null, error: a.error, prompt: { kind: s.job.kind, text: s.job.path } };
  }
}

/** The key mode the screen is in: the path question takes every printable key. */
export function transmissionMode(s: TransmissionState): 'normal' | 'typing' {
  return s.prompt ? 'typing' : 'normal';
}

/** The conditions that hold, for the keys and the footer. */
export function transmissionConditions(s: TransmissionState): TransmissionCondition[] {
  return [s.live ? 'live' : 'paused', ...(s.job ? [] : ['idle' as const])];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local day and time, as the centre's clock reads it: 20/03/2026 14:05, or 2026-03-20 14:05. */
export function when(lang: Lang, d: Date | null): string {
  if (!d) return tx(lang, 'never');
  const day = lang === 'fr' ? `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}` : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function clockTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Bytes in words: 812 o, 4,2 Ko, 1,5 Mo (kB, MB in English). */
export function sizeText(lang: Lang, n: number): string {
  const units = lang === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const text = i === 0 ? String(v) : v.toFixed(1);
  return `${lang === 'fr' ? text.replace('.', ',') : text} ${units[i]}`;
}

/** The most recent of two moments. */
export function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/** The default export file: ./docstream-<matricule>-<YYYY-MM-DD>.t2d */
export function defaultExportPath(matricule: string | undefined, d: Date): string {
  return `./docstream-${matricule ?? 'centre'}-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.t2d`;
}

/** The lines of the status blocks, each fitting `width` (the view cuts what is longer). */
export function statusLines(lang: Lang, snap: TxSnapshot, now: Date): { link: string[]; counts: string[]; identity: string[]; problems: string[] } {
  const l = snap.link;
  const link = [
    `${l.connected ? tx(lang, 'connected') : tx(lang, 'disconnected')} — ${tx(lang, 'lastExchange', { at: when(lang, latest(l.lastSendAt, l.lastReceiveAt)) })}`,
    tx(lang, 'traffic', { containers: l.containersSent, sent: sizeText(lang, l.bytesSent), received: sizeText(lang, l.bytesReceived), errors: l.errors }),
    l.lastError ? tx(lang, 'lastError', { at: when(lang, l.lastErrorAt), text: l.lastError }) : tx(lang, 'noError'),
  ];
  const counts = [tx(lang, 'counts', { ...snap.counts }), tx(lang, 'counts2', { ...snap.counts })];
  const e = snap.enrolled;
  const until = e ? when(lang, e.notAfter).slice(0, 10) : '';
  const identity = [
    e ? tx(lang, e.notAfter < now ? 'certificateExpired' : 'certificate', { fp: e.fingerprint.slice(0, 16), until }) : tx(lang, 'notEnrolled'),
    snap.trust.version !== null ? tx(lang, 'trust', { version: snap.trust.version, at: when(lang, snap.trust.receivedAt) }) : tx(lang, 'noTrust'),
  ];
  const problems = snap.problems.slice(0, PROBLEMS_SHOWN).map((p) => `${p.niu} ${p.msg_type} ${p.result}${p.reason ? ` : ${p.reason}` : ''}`);
  return { link, counts, identity, problems };
}

/** The line that says what the last export or import did. */
export function outcomeText(lang: Lang, o: TxOutcome): string {
  if (o.kind === 'exported') return tx(lang, 'exported', { containers: o.containers, bytes: o.bytes, path: o.path });
  if (o.summary.total === 0) return tx(lang, 'importedNone', { path: o.path });
  return tx(lang, 'imported', { path: o.path, n: o.summary.total, kinds: importKinds(lang, o.summary) });
}
