import type { Label, Lang, MessageRow } from '@docstream/core';
import { column, editText, fill, fit, wrapText, type Mode, type TextKeyState } from '@docstream/console-kit';
import type { Condition } from '../../keys/bindings.js';
import { dayTime, OPERATOR } from './client-words.js';

/** How many messages the screen reads (the core allows up to 500). */
export const MESSAGES_LIMIT = 200;
/** What the core accepts in one message. */
export const MAX_MESSAGE = 4000;

export const MESSAGES_STRINGS = {
  title: { fr: 'Messages du centre {matricule}', en: 'Messages of centre {matricule}' },
  summary: { fr: '{n} message(s), {unread} non lu(s) · ● non lu', en: '{n} message(s), {unread} unread · ● unread' },
  none: { fr: 'Aucun message avec ce centre.', en: 'No message with this centre.' },
  colDirection: { fr: 'Sens', en: 'Way' },
  colDate: { fr: 'Date', en: 'Date' },
  colAuthor: { fr: 'Auteur', en: 'Author' },
  colText: { fr: 'Message', en: 'Message' },
  in: { fr: 'reçu', en: 'received' },
  out: { fr: 'envoyé', en: 'sent' },
  from: { fr: 'De', en: 'From' },
  to: { fr: 'À', en: 'To' },
  date: { fr: 'Date', en: 'Date' },
  state: { fr: 'État', en: 'State' },
  centre: { fr: 'centre {matricule}', en: 'centre {matricule}' },
  unread: { fr: 'non lu', en: 'unread' },
  readOn: { fr: 'lu le {date}', en: 'read on {date}' },
  outState: { fr: 'écrit au centre ; part à l’échange suivant', en: 'written to the centre; leaves at the next exchange' },
  writeIntro: { fr: 'Votre message au centre (Entrée : continuer, Esc : abandonner).', en: 'Your message to the centre (Enter: continue, Esc: discard).' },
  field: { fr: 'Message', en: 'Message' },
  empty: { fr: 'Le message est vide.', en: 'The message is empty.' },
  ask: { fr: 'Envoyer ce message au centre {matricule} ? (o/n)', en: 'Send this message to centre {matricule}? (y/n)' },
  sending: { fr: 'Envoi…', en: 'Sending…' },
  queued: { fr: 'Message enregistré ; il part au centre à l’échange suivant.', en: 'Message recorded; it leaves for the centre at the next exchange.' },
} as const satisfies Record<string, Label>;

export function ms(lang: Lang, key: keyof typeof MESSAGES_STRINGS, vars: Record<string, string | number> = {}): string {
  return fill(MESSAGES_STRINGS[key][lang], vars);
}

export interface MessagesState {
  matricule: string;
  rows: MessageRow[] | null;
  selected: number;
  view: 'list' | 'read' | 'write' | 'confirm';
  /** The message open (view 'read'), by id. */
  reading: number | null;
  /** First line shown of the open message. */
  scroll: number;
  draft: string;
  /** `top`: select the newest message when it arrives (after writing one). */
  request: { id: number; top: boolean } | null;
  marking: { id: number; ids: number[] } | null;
  sending: { id: number; text: string } | null;
  lastId: number;
  error: Label | null;
  notice: Label | null;
}

export type MessagesAction =
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; rows: MessageRow[] }
  | { type: 'failed'; id: number; error: Label }
  | { type: 'up' }
  | { type: 'down' }
  /** `mark`: a received message opened is marked read (not in a read-only console). */
  | { type: 'open'; mark: boolean }
  | { type: 'scroll'; by: number; total: number; height: number }
  | { type: 'close' }
  | { type: 'marked'; id: number; at: Date }
  | { type: 'markFailed'; id: number; error: Label }
  | { type: 'write' }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'discard' }
  | { type: 'ask' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'sent'; id: number }
  | { type: 'sendFailed'; id: number; error: Label; code?: string | undefined };

function load(s: MessagesState, top = false): MessagesState {
  const id = s.lastId + 1;
  return { ...s, lastId: id, request: { id, top } };
}

export function initialMessages(matricule: string): MessagesState {
  return load({
    matricule, rows: null, selected: 0, view: 'list', reading: null, scroll: 0, draft: '', request: null, marking: null, sending: null,
    lastId: 0, error: null, notice: null,
  });
}

export const isUnread = (m: MessageRow): boolean => m.direction === 'in' && m.read_at === null;

export function selectedMessage(s: MessagesState): MessageRow | undefined {
  return s.rows?.[s.selected];
}

export function openMessage(s: MessagesState): MessageRow | undefined {
  return s.reading === null ? undefined : s.rows?.find((r) => r.id === s.reading);
}

export function messagesReducer(s: MessagesState, a: MessagesAction): MessagesState {
  switch (a.type) {
    case 'refresh':
      return s.view === 'list' || s.view === 'read' ? load({ ...s, error: null }) : s;
    case 'loaded': {
      if (s.request?.id !== a.id) return s;
      const was = s.request.top ? undefined : selectedMessage(s)?.id;
      const at = was === undefined ? -1 : a.rows.findIndex((r) => r.id === was);
      const selected = at >= 0 ? at : s.request.top ? 0 : Math.min(s.selected, Math.max(0, a.rows.length - 1));
      const stillOpen = s.reading !== null && a.rows.some((r) => r.id === s.reading);
      return { ...s, request: null, rows: a.rows, selected, ...(s.view === 'read' && !stillOpen ? { view: 'list' as const, reading: null } : {}) };
    }
    case 'failed':
      return s.request?.id === a.id ? { ...s, request: null, error: a.error } : s;
    case 'up':
    case 'down': {
      if (s.view !== 'list' || !s.rows) return s;
      const selected = Math.max(0, Math.min(s.rows.length - 1, s.selected + (a.type === 'up' ? -1 : 1)));
      return selected === s.selected ? s : { ...s, selected, notice: null };
    }
    case 'open': {
      const m = selectedMessage(s);
      if (s.view !== 'list' || !m) return s;
      const opened: MessagesState = { ...s, view: 'read', reading: m.id, scroll: 0, error: null, notice: null };
      if (!a.mark || !isUnread(m)) return opened;
      const id = s.lastId + 1;
      return { ...opened, lastId: id, marking: { id, ids: [m.id] } };
    }
    case 'scroll': {
      if (s.view !== 'read') return s;
      const scroll = Math.max(0, Math.min(Math.max(0, a.total - a.height), s.scroll + a.by));
      return scroll === s.scroll ? s : { ...s, scroll };
    }
    case 'close':
      return s.view === 'read' ? { ...s, view: 'list', reading: null, scroll: 0 } : s;
    case 'marked': {
      if (s.marking?.id !== a.id) return s;
      const ids = new Set(s.marking.ids);
      return { ...s, marking: null, rows: s.rows?.map((r) => (ids.has(r.id) && r.read_at === null ? { ...r, read_at: a.at } : r)) ?? null };
    }
    case 'markFailed':
      return s.marking?.id === a.id ? { ...s, marking: null, error: a.error } : s;
    case 'write':
      return s.view === 'list' && !s.sending ? { ...s, view: 'write', error: null, notice: null } : s;
    case 'text': {
      if (s.view !== 'write') return s;
      const draft = editText(s.draft, a.input, a.key, MAX_MESSAGE);
      return draft === s.draft ? s : { ...s, draft, error: null };
    }
    case 'discard':
      return s.view === 'write' ? { ...s, view: 'list', draft: '', error: null } : s;
    case 'ask':
      if (s.view !== 'write') return s;
      if (s.draft.trim() === '') return { ...s, error: MESSAGES_STRINGS.empty };
      return { ...s, view: 'confirm', error: null };
    case 'no':
      return s.view === 'confirm' && !s.sending ? { ...s, view: 'write' } : s;
    case 'yes': {
      if (s.view !== 'confirm' || s.sending) return s;
      const id = s.lastId + 1;
      return { ...s, lastId: id, sending: { id, text: s.draft } };
    }
    case 'sent':
      if (s.sending?.id !== a.id) return s;
      // Back to the list, the message just written on top of it.
      return load({ ...s, sending: null, view: 'list', draft: '', notice: MESSAGES_STRINGS.queued, error: null }, true);
    case 'sendFailed':
      if (s.sending?.id !== a.id) return s;
      // A text the core refuses goes back to the field; a refusal of the operator ends the writing.
      if (a.code === 'validation') return { ...s, sending: null, view: 'write', error: a.error };
      return { ...s, sending: null, view: 'list', draft: '', error: a.error };
  }
}

export function messagesMode(s: MessagesState): Mode {
  return s.view === 'write' ? 'typing' : s.view === 'confirm' ? 'confirm' : 'normal';
}

export function messagesConditions(s: MessagesState, privilege: number): Condition[] {
  if (s.view === 'read') return ['messageOpen'];
  if (s.view !== 'list' || s.rows === null) return [];
  return privilege >= OPERATOR ? ['messageList', 'messageWrite'] : ['messageList'];
}

/** The first line of a body, for the list. */
export function firstLine(body: string): string {
  return body.split(/\r\n|\r|\n/).find((l) => l.trim() !== '')?.trim() ?? '';
}

const COLS = { unread: 1, direction: 8, date: 16, author: 18 };

function textWidth(width: number): number {
  return Math.max(8, width - 1 - 2 - (COLS.unread + 1 + COLS.direction + 1 + COLS.date + 1 + COLS.author + 1));
}

export function messageHeader(lang: Lang, width: number): string {
  return [' ', column(ms(lang, 'colDirection'), COLS.direction), column(ms(lang, 'colDate'), COLS.date), column(ms(lang, 'colAuthor'), COLS.author), fit(ms(lang, 'colText'), textWidth(width))].join(' ');
}

export function messageRow(lang: Lang, m: MessageRow, width: number): string {
  return [
    isUnread(m) ? '●' : ' ',
    column(ms(lang, m.direction === 'in' ? 'in' : 'out'), COLS.direction),
    column(dayTime(lang, m.at), COLS.date),
    column(m.author, COLS.author),
    fit(firstLine(m.body), textWidth(width)),
  ].join(' ');
}

/** The open message as lines: who, when, its state, then the body wrapped to `width`. */
export function messageLines(lang: Lang, s: MessagesState, m: MessageRow, width: number): { head: string[]; body: string[] } {
  const centre = ms(lang, 'centre', { matricule: s.matricule });
  const state = m.direction === 'out' ? ms(lang, 'outState') : m.read_at ? ms(lang, 'readOn', { date: dayTime(lang, m.read_at) }) : ms(lang, 'unread');
  const rows: [string, string][] = m.direction === 'in'
    ? [[ms(lang, 'from'), `${m.author || '—'} (${centre})`], [ms(lang, 'date'), dayTime(lang, m.at)], [ms(lang, 'state'), state]]
    : [[ms(lang, 'from'), m.author], [ms(lang, 'to'), centre], [ms(lang, 'date'), dayTime(lang, m.at)], [ms(lang, 'state'), state]];
  const w = Math.max(...rows.map(([l]) => [...l].length));
  const head = rows.map(([l, v]) => fit(`${column(l, w)} : ${v}`, width - 1));
  const body = m.body.split(/\r\n|\r|\n/).flatMap((line) => (line === '' ? [''] : wrapText(line, width - 1)));
  return { head, body };
}

/** Height of the open message's body: header, title, head, blank, position, message, footer, spare. */
export function readHeight(rows: number, headLines: number): number {
  return Math.max(1, rows - 6 - headLines - 1);
}
