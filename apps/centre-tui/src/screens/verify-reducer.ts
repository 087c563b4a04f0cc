import type { Label, Lang, Verification } from '@docstream/core';
import { STRINGS, t } from '../i18n.js';
import { editText, type TextKeyState } from '@docstream/console-kit';
import { column } from '@docstream/console-kit';
import { wrapText } from '@docstream/console-kit';

/** The most a QR code holds (version 40, alphanumeric): a scanner never types more. */
export const MAX_SEAL_TEXT = 4296;

/** How much of a long text the screen shows before "… (540 caractères)". */
export const SHOWN_START = 30;

export interface VerifyRequest {
  id: number;
  text: string;
}

export interface VerifyResult {
  /** The text that was verified (the field is already empty for the next scan). */
  text: string;
  verification: Verification;
}

export interface VerifyState {
  /** What the scanner (or a person) has typed so far. */
  text: string;
  /** The verification the container must run; null when idle. */
  request: VerifyRequest | null;
  result: VerifyResult | null;
  error: Label | null;
  nextId: number;
}

export type VerifyAction =
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'submit' }
  | { type: 'clear' }
  | { type: 'verified'; id: number; verification: Verification }
  | { type: 'failed'; id: number; error: Label };

export const initialVerify: VerifyState = { text: '', request: null, result: null, error: null, nextId: 1 };

/**
 * A single text field fed by a USB scanner (a burst of characters, in chunks, then Enter).
 * A verdict is only ever shown beside nothing new: the first character of the next text
 * takes the previous result (or the verification still running) away.
 */
export function verifyReducer(s: VerifyState, a: VerifyAction): VerifyState {
  switch (a.type) {
    case 'text': {
      const text = editText(s.text, a.input, a.key, MAX_SEAL_TEXT);
      if (text === s.text) return s;
      return { ...s, text, result: null, error: null, request: null };
    }
    case 'clear':
      return s.text === '' ? s : { ...s, text: '', error: null };
    case 'submit': {
      if (s.text.trim() === '') return s.result ? s : { ...s, error: STRINGS.verifyEmpty };
      // Sent as typed (a space is a base45 character); the core trims the ends itself.
      return { ...s, text: '', result: null, error: null, request: { id: s.nextId, text: s.text }, nextId: s.nextId + 1 };
    }
    case 'verified':
      if (s.request?.id !== a.id) return s;
      return { ...s, request: null, result: { text: s.request.text, verification: a.verification } };
    case 'failed':
      if (s.request?.id !== a.id) return s;
      return { ...s, request: null, error: a.error };
  }
}

const chars = (text: string) => [...text];

/** A typed text as it fits on one line: whole when short, else its start and its length. */
export function shownText(lang: Lang, text: string, room: number): string {
  const c = chars(text);
  if (c.length <= room) return text;
  return t(lang, 'verifyLong', { start: c.slice(0, Math.max(0, Math.min(SHOWN_START, room - 20))).join(''), n: c.length });
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The issue date of a seal (a calendar day, kept in UTC): 20/03/2026, or 20 March 2026. */
export function issueDate(lang: Lang, d: Date): string {
  const day = d.getUTCDate();
  const month = d.getUTCMonth();
  const year = d.getUTCFullYear();
  if (lang === 'en') return `${day} ${MONTHS_EN[month]} ${year}`;
  return `${String(day).padStart(2, '0')}/${String(month + 1).padStart(2, '0')}/${year}`;
}

/** How the verdict reads without colour, and the colour it may have. */
export function verdictTone(v: Verification['verdict']): 'good' | 'bad' | 'warning' {
  if (v === 'authentic') return 'good';
  return v === 'unreadable' ? 'warning' : 'bad';
}

/**
 * The lines under the verdict: what was verified, the document, each key field
 * "Label : value"; and apart, so it is never cut, whether the trust list was checked.
 * `kindTitle` names the form.
 */
export function resultLines(lang: Lang, r: VerifyResult, kindTitle: Label | undefined, width: number): { lines: string[]; trust: string | null } {
  const v = r.verification;
  // The verified text, cut to one line (the longest label is ~18 characters).
  const rows: [string, string][] = [[t(lang, 'verifyChecked'), shownText(lang, r.text, Math.max(20, width - 24))]];
  const c = v.content;
  if (c) {
    rows.push(
      [t(lang, 'verifyKind'), kindTitle ? kindTitle[lang] : c.kind],
      [t(lang, 'verifyNiu'), c.niu],
      [t(lang, 'verifyCopy'), String(c.copy)],
      [t(lang, 'verifyCentre'), c.centre],
      [t(lang, 'verifyIssued'), issueDate(lang, c.issuedOn)],
    );
    for (const l of v.lines) rows.push([l.label[lang], l.value === '' ? '—' : l.value]);
  } else {
    rows.push([t(lang, 'verifyDetail'), v.detail]);
  }
  const labelWidth = Math.min(24, Math.max(...rows.map(([l]) => chars(l).length)));
  const out: string[] = [];
  for (const [label, value] of rows) {
    const head = `${column(label, labelWidth)} : `;
    const room = width - 1 - chars(head).length;
    wrapText(value, room).forEach((line, i) => out.push((i === 0 ? head : ' '.repeat(chars(head).length)) + line));
  }
  // Whether cancellations and revocations were looked for: said for every decoded seal.
  const trust = c ? (v.trustChecked ? t(lang, 'trustChecked', { version: v.trustVersion ?? '?' }) : t(lang, 'trustMissing')) : null;
  return { lines: out, trust };
}

/** At most `height` lines: when they do not fit, the last one says how many are left out. */
export function fitLines(lines: readonly string[], height: number, lang: Lang): string[] {
  if (lines.length <= height) return [...lines];
  const keep = Math.max(0, height - 1);
  return [...lines.slice(0, keep), t(lang, 'moreLines', { n: lines.length - keep })];
}
