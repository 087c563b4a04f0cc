import type { CertificateStatus, CertificateSummary, Label, Lang, ListedCertificate, PkiOverview } from '@docstream/core';
import { EXPIRY_WARNING_DAYS } from '@docstream/core';
import type { Mode, TextKeyState } from '@docstream/console-kit';
import type { Condition } from '../../keys/bindings.js';
import { IDLE, moved, typed, wordsOf, type Prompt } from './prompt.js';

export const SECURITY_STRINGS = {
  title: { fr: 'Sécurité (certificats)', en: 'Security (certificates)' },
  noPki: {
    fr: 'Pas encore d’autorité de certification : lancez docstream-server init (phrase secrète des clés requise).',
    en: 'No certificate authority yet: run docstream-server init (the keys’ passphrase is needed).',
  },
  ca: { fr: 'AC nationale : {subject}', en: 'National CA: {subject}' },
  server: { fr: 'Serveur : {subject}', en: 'Server: {subject}' },
  validity: { fr: '  du {from} au {to} · {days} j restants', en: '  from {from} to {to} · {days} days left' },
  expired: { fr: '  du {from} au {to} · EXPIRÉ', en: '  from {from} to {to} · EXPIRED' },
  renew: { fr: ' · ATTENTION : à renouveler (< {n} j)', en: ' · WARNING: renew it (< {n} days)' },
  fingerprint: { fr: '  SHA-256 : {fp}', en: '  SHA-256: {fp}' },
  sealRoot: { fr: 'Racine des sceaux (P-256) : {state}', en: 'Seal root (P-256): {state}' },
  sealAttested: { fr: 'attestée par l’AC', en: 'attested by the CA' },
  sealNotAttested: { fr: 'SIGNATURE DE L’AC INVALIDE', en: 'CA SIGNATURE INVALID' },
  sealNone: { fr: 'pas encore créée (au premier sceau attesté)', en: 'not created yet (at the first seal attested)' },
  caption: { fr: 'Certificats des centres : {from}–{to} sur {total}{page}', en: 'Centre certificates: {from}–{to} of {total}{page}' },
  captionEmpty: { fr: 'Certificats des centres : aucun', en: 'Centre certificates: none' },
  pageOf: { fr: ' · page {n}/{of}', en: ' · page {n}/{of}' },
  filtered: { fr: ' · centre {filter}…', en: ' · centre {filter}…' },
  colCentre: { fr: 'Centre', en: 'Centre' },
  colSerial: { fr: 'Série', en: 'Serial' },
  colFrom: { fr: 'Du', en: 'From' },
  colTo: { fr: 'Au', en: 'To' },
  colStatus: { fr: 'État', en: 'State' },
  valid: { fr: 'valide ({days} j)', en: 'valid ({days} d)' },
  validSoon: { fr: 'valide, expire dans {days} j', en: 'valid, expires in {days} d' },
  expiredRow: { fr: 'expiré', en: 'expired' },
  revoked: { fr: 'révoqué', en: 'revoked' },
  notYetValid: { fr: 'pas encore valide', en: 'not yet valid' },
  filterPrompt: { fr: 'Centre (début du matricule, vide : tous) : ', en: 'Centre (start of the matricule, empty: all): ' },
  reasonPrompt: { fr: 'Motif de la révocation : ', en: 'Reason for the revocation: ' },
  reasonMissing: { fr: 'Indiquez le motif de la révocation.', en: 'Give the reason for the revocation.' },
  ask: {
    fr: 'Révoquer le certificat {serial} du centre {matricule}, définitivement ? La liste de confiance le portera aux centres. (o/n)',
    en: 'Revoke certificate {serial} of centre {matricule}, for good? The trust list will carry it to the centres. (y/n)',
  },
  done: {
    fr: 'Certificat {serial} du centre {matricule} révoqué ; la liste de confiance le porte aux centres au prochain échange.',
    en: 'Certificate {serial} of centre {matricule} revoked; the trust list carries it to the centres at the next exchange.',
  },
  working: { fr: 'Patientez…', en: 'Please wait…' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
} as const satisfies Record<string, Label>;

export const securityWords = wordsOf(SECURITY_STRINGS);
const { text, label } = securityWords;

export const day = (d: Date) => d.toISOString().slice(0, 10);
/** A serial as the list shows it: its first 16 hex digits. */
export const shortSerial = (serial: string) => (serial.length > 16 ? `${serial.slice(0, 16)}…` : serial);

/** "du … au … · N j restants", with a warning when it ends within EXPIRY_WARNING_DAYS. */
export function validityLine(lang: Lang, c: CertificateSummary): string {
  const base = c.daysLeft < 0 ? text(lang, 'expired', { from: day(c.notBefore), to: day(c.notAfter) }) : text(lang, 'validity', { from: day(c.notBefore), to: day(c.notAfter), days: c.daysLeft });
  return c.expiresSoon && c.daysLeft >= 0 ? base + text(lang, 'renew', { n: EXPIRY_WARNING_DAYS }) : base;
}

export function statusText(lang: Lang, c: { status: CertificateStatus; daysLeft: number }): string {
  switch (c.status) {
    case 'valid':
      return text(lang, c.daysLeft < EXPIRY_WARNING_DAYS ? 'validSoon' : 'valid', { days: c.daysLeft });
    case 'expired':
      return text(lang, 'expiredRow');
    case 'revoked':
      return text(lang, 'revoked');
    case 'notYetValid':
      return text(lang, 'notYetValid');
  }
}

export interface RevokeOp {
  matricule: string;
  serial: string;
  reason: string;
}

export interface CertificatePage {
  rows: ListedCertificate[];
  total: number;
  offset: number;
}

export interface SecurityState {
  /** undefined: not read yet; null: no PKI on this server. */
  overview: PkiOverview | null | undefined;
  page: CertificatePage | null;
  /** The first certificate of the page asked for. */
  offset: number;
  pageSize: number;
  selected: number;
  /** The applied filter (start of a matricule); `filtering`: the filter line is open. */
  filter: string;
  filtering: string | null;
  /** The revocation: its reason typed, the o/n question, the core at work. */
  prompt: Prompt<RevokeOp>;
  request: number | null;
  lastId: number;
  error: Label | null;
  notice: Label | null;
}

export type SecurityAction =
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; overview: PkiOverview | null; page: CertificatePage }
  | { type: 'failed'; id: number; error: Label }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'prevPage' }
  | { type: 'nextPage' }
  | { type: 'filter' }
  | { type: 'revoke' }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'submit' }
  | { type: 'cancel' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'done'; id: number }
  | { type: 'opFailed'; id: number; error: Label };

function load(s: SecurityState): SecurityState {
  return { ...s, lastId: s.lastId + 1, request: s.lastId + 1 };
}

export function initialSecurity(pageSize: number): SecurityState {
  return load({
    overview: undefined, page: null, offset: 0, pageSize: Math.max(1, pageSize), selected: 0, filter: '', filtering: null,
    prompt: IDLE, request: null, lastId: 0, error: null, notice: null,
  });
}

export const chosenCertificate = (s: SecurityState): ListedCertificate | undefined => s.page?.rows[s.selected];

const revocable = (c: ListedCertificate | undefined) => c !== undefined && (c.status === 'valid' || c.status === 'notYetValid');
const idle = (s: SecurityState) => s.prompt.step === 'idle' && s.filtering === null;

export function securityReducer(s: SecurityState, a: SecurityAction): SecurityState {
  const p = s.prompt;
  switch (a.type) {
    case 'refresh':
      return idle(s) ? load({ ...s, error: null, notice: null }) : s;
    case 'loaded': {
      if (a.id !== s.request) return s;
      const was = chosenCertificate(s)?.serial;
      const at = was === undefined ? -1 : a.page.rows.findIndex((r) => r.serial === was);
      const selected = at >= 0 ? at : Math.min(s.selected, Math.max(0, a.page.rows.length - 1));
      return { ...s, request: null, overview: a.overview, page: a.page, selected };
    }
    case 'failed':
      return a.id === s.request ? { ...s, request: null, error: a.error } : s;
    case 'up':
    case 'down':
      if (!idle(s) || !s.page || s.page.rows.length === 0) return s;
      return { ...s, selected: moved(s.selected, s.page.rows.length, a.type === 'up' ? -1 : 1) };
    case 'prevPage':
    case 'nextPage': {
      if (!idle(s) || !s.page || s.request !== null) return s;
      const offset = a.type === 'prevPage' ? Math.max(0, s.offset - s.pageSize) : s.offset + s.pageSize;
      if (offset === s.offset || offset >= s.page.total) return s;
      return load({ ...s, offset, selected: 0, error: null, notice: null });
    }
    case 'filter':
      return idle(s) ? { ...s, filtering: s.filter, error: null, notice: null } : s;
    case 'revoke': {
      const c = chosenCertificate(s);
      if (!idle(s) || !revocable(c)) return s;
      return { ...s, prompt: { step: 'typing', text: '' }, error: null, notice: null };
    }
    case 'text': {
      if (s.filtering !== null) {
        const f = typed(s.filtering, a.input, a.key, 16);
        return f === s.filtering ? s : { ...s, filtering: f };
      }
      if (p.step !== 'typing') return s;
      const t = typed(p.text, a.input, a.key, 500);
      return t === p.text ? s : { ...s, prompt: { ...p, text: t }, error: null };
    }
    case 'submit': {
      if (s.filtering !== null) return load({ ...s, filter: s.filtering.trim(), filtering: null, offset: 0, selected: 0 });
      const c = chosenCertificate(s);
      if (p.step !== 'typing' || !c) return s;
      if (p.text.trim() === '') return { ...s, error: SECURITY_STRINGS.reasonMissing };
      return { ...s, prompt: { step: 'asking', text: p.text, op: { matricule: c.matricule, serial: c.serial, reason: p.text.trim() } }, error: null };
    }
    case 'cancel':
      if (s.filtering !== null) return { ...s, filtering: null };
      return p.step === 'typing' ? { ...s, prompt: IDLE, error: null } : s;
    case 'no':
      return p.step === 'asking' ? { ...s, prompt: { step: 'typing', text: p.text } } : s;
    case 'yes':
      return p.step === 'asking' ? { ...s, lastId: s.lastId + 1, prompt: { step: 'running', id: s.lastId + 1, op: p.op, text: p.text } } : s;
    case 'done':
      if (p.step !== 'running' || p.id !== a.id) return s;
      return load({ ...s, prompt: IDLE, error: null, notice: label('done', { serial: shortSerial(p.op.serial), matricule: p.op.matricule }) });
    case 'opFailed':
      return p.step === 'running' && p.id === a.id ? { ...s, prompt: { step: 'typing', text: p.text }, error: a.error } : s;
  }
}

export function securityMode(s: SecurityState): Mode {
  if (s.filtering !== null || s.prompt.step === 'typing') return 'typing';
  return s.prompt.step === 'asking' ? 'confirm' : 'normal';
}

export function securityConditions(s: SecurityState): Condition[] {
  if (s.filtering !== null) return ['adminFilter'];
  if (s.prompt.step === 'typing') return ['adminTyping'];
  if (!idle(s) || !s.page) return [];
  const on: Condition[] = [];
  if (s.page.rows.length > 0) on.push('adminRows');
  if (revocable(chosenCertificate(s))) on.push('certRevocable');
  if (s.page.total > s.pageSize) on.push('certPages');
  return on;
}
