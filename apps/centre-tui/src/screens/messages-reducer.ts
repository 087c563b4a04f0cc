import type { Centre, Label, Lang } from '@docstream/core';
import { STRINGS, t } from '../i18n.js';
import { editText, type TextKeyState } from '@docstream/console-kit';
import type { Condition, Mode } from '../keys/bindings.js';
import { column, fit } from '@docstream/console-kit';
import { wrapText } from '@docstream/console-kit';

/** One message as the core lists it (newest first). */
export type MessageRow = Awaited<ReturnType<Centre['server']['messages']['list']>>[number];

/** How many messages the screen reads (the core allows up to 500). */
export const MESSAGES_LIMIT = 200;
/** What the core accepts in one message. */
export const MAX_MESSAGE = 4000;
/** Secretary (2) and Officer (3) may write to the server. */
export const WRITE_PRIVILEGE = 2;

export type MessagesView = 'list' | 'read' | 'write' | 'confirm';

export interface MessagesState {
  rows: MessageRow[] | null;
  selected: number;
  view: MessagesView;
  /** The message open (view 'read'), by id. */
  reading: number | null;
  /** First line shown of the open message. */
  scroll: number;
  /** The message being written. */
  draft: string;
  /** A list read the container must run. */
  /** `top`: select the newest message when it arrives (after writing one). */
  request: { id: number; top?: boolean } | null;
  /** Messages to mark read. */
  marking: { id: number; ids: number[] } | null;
  /** A message to send (after the o/n question). */
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
  /** `height`: the lines the open message has room for (to stop scrolling at its end). */
  | { type: 'open' }
  | { type: 'scroll'; by: number; total: number; height: number }
  | { type: 'close' }
  | { type: 'marked'; id: number; at: Date }
  | { type: 'markFailed'; id: number; error: Label }
  | { type: 'write'; privilege: number }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'discard' }
  | { type: 'ask' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'sent'; id: number }
  | { type: 'sendFailed'; id: number; error: Label; code?: string | undefined };

function load(s: MessagesState, top = false): MessagesState {
  const id = s.lastId + 1;
  return { ...s, lastId: id, request: top ? { id, top } : { id } };
}

export function initialMessages(): MessagesState {
  return load({
    rows: null, selected: 0, view: 'list', reading: null, scroll: 0, draft: '', request: null, marking: null, sending: null,
    lastId: 0, error: null, notice: null,
  });
}

export function selectedMessage(s: MessagesState): MessageRow | undefined {
  return s.rows?.[s.selected];
}

export function openMessage(s: MessagesState): MessageRow | undefined {
  return s.reading === null ? undefined : s.rows?.find((r) => r.id === s.reading);
}

export const isUnread = (m: MessageRow): boolean => m.direction === 'in' && m.read_at === null;

export function messagesReducer(s: MessagesState, a: MessagesAction): MessagesState {
  switch (a.type) {
    case 'refresh':
      return load({ ...s, error: null });
    case 'loaded': {
      if (s.request?.id !== a.id) return s;
      // The selection follows the message it was on (new ones arrive on top).
      const was = s.request.top ? undefined : selectedMessage(s)?.id;
      const at = was === undefined ? -1 : a.rows.findIndex((r) => r.id === was);
      const selected = at >= 0 ? at : s.request.top ? 0 : Math.min(s.selected, Math.max(0, a.rows.length - 1));
      const stillOpen = s.reading !== null && a.rows.some((r) => r.id === s.reading);
      return {
        ...s,
        request: null,
        rows: a.rows,
        selected,
        ...(s.view === 'read' && !stillOpen ? { view: 'list' as const, reading: null } : {}),
      };
    }
    case 'failed':
      if (s.request?.id !== a.id) return s;
      return { ...s, request: null, error: a.error };
    case 'up':
    case 'down': {
      if (s.view !== 'list' || !s.rows) return s;
      const by = a.type === 'up' ? -1 : 1;
      const selected = Math.max(0, Math.min(s.rows.length - 1, s.selected + by));
      return selected === s.selected ? s : { ...s, selected, notice: null };
    }
    case 'open': {
      const m = selectedMessage(s);
      if (s.view !== 'list' || !m) return s;
      const opened: MessagesState = { ...s, view: 'read', reading: m.id, scroll: 0, error: null, notice: null };
      if (!isUnread(m)) return opened;
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
      if (s.marking?.id !== a.id) return s;
      return { ...s, marking: null, error: a.error };
    case 'write':
      if (s.view !== 'list') return s;
      // Refused here, before a word is typed, rather than after a whole message.
      if (a.privilege < WRITE_PRIVILEGE) return { ...s, error: STRINGS.messageNotAllowed, notice: null };
      return { ...s, view: 'write', error: null, notice: null };
    case 'text': {
      if (s.view !== 'write') return s;
      const draft = editText(s.draft, a.input, a.key, MAX_MESSAGE);
      return draft === s.draft ? s : { ...s, draft, error: null };
    }
    case 'discard':
      return s.view === 'write' ? { ...s, view: 'list', draft: '', error: null } : s;
    case 'ask':
      if (s.view !== 'write') return s;
      if (s.draft.trim() === '') return { ...s, error: STRINGS.messageEmpty };
      return { ...s, view: 'confirm', error: null };
    case 'no':
      return s.view === 'confirm' ? { ...s, view: 'write' } : s;
    case 'yes': {
      if (s.view !== 'confirm' || s.sending) return s;
      const id = s.lastId + 1;
      return { ...s, lastId: id, sending: { id, text: s.draft } };
    }
    case 'sent': {
      if (s.sending?.id !== a.id) return s;
      // Back to the list, on top of it the message just written.
      return load({ ...s, sending: null, view: 'list', draft: '', notice: STRINGS.messageQueued, error: null }, true);
    }
    case 'sendFailed': {
      if (s.sending?.id !== a.id) return s;
      // A text the core refuses (empty, too long) goes back to the field; a refusal of the user ends the writing.
      if (a.code === 'validation') return { ...s, sending: null, view: 'write', error: a.error };
      return { ...s, sending: null, view: 'list', draft: '', error: a.error };
    }
  }
}

/** The key table's mode and conditions for this state. */
export function messagesMode(s: MessagesState): Mode {
  return s.view === 'write' ? 'typing' : s.view === 'confirm' ? 'confirm' : 'normal';
}

export function messagesConditions(s: MessagesState): Condition[] {
  if (s.view === 'list') return ['messageList'];
  if (s.view === 'read') return ['messageOpen'];
  return [];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A message's date and time, in the console's time zone: 20/03/2026 09:05, or 2026-03-20 09:05. */
export function messageDate(lang: Lang, d: Date): string {
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (lang === 'en') return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${time}`;
}

/** The first line of a body, for the list. */
export function firstLine(body: string): string {
  return body.split(/\r\n|\r|\n/).find((l) => l.trim() !== '')?.trim() ?? '';
}

export const COLS = { unread: 2, direction: 9, date: 16, author: 18 };

/** One line of the list (without the selection marker), fitted to `width`. */
export function messageRow(lang: Lang, m: MessageRow, width: number): string {
  const room = Math.max(8, width - 3 - (COLS.unread + COLS.direction + 1 + COLS.date + 1 + COLS.author + 1));
  return [
    column(isUnread(m) ? t(lang, 'messageUnread') : '', COLS.unread - 1),
    column(t(lang, m.direction === 'in' ? 'messageIn' : 'messageOut'), COLS.direction),
    column(messageDate(lang, m.at), COLS.date),
    column(m.author, COLS.author),
    fit(firstLine(m.body), room),
  ].join(' ');
}

/** The state line of a message: unread, read on…, waiting for the next exchange, sent. */
export function messageState(lang: Lang, m: MessageRow): string {
  if (m.direction === 'in') return m.read_at ? t(lang, 'messageStateRead', { date: messageDate(lang, m.read_at) }) : t(lang, 'messageStateUnread');
  return m.container_seq === null ? t(lang, 'messageStateWaiting') : t(lang, 'messageStateSent', { seq: m.container_seq });
}

/** The open message as lines: who, when, its state, then the body wrapped to `width`. */
export function messageLines(lang: Lang, m: MessageRow, width: number): { head: string[]; body: string[] } {
  const rows: [string, string][] = [
    m.direction === 'in' ? [t(lang, 'messageFrom'), `${m.author} (${t(lang, 'messageServer')})`] : [t(lang, 'messageFrom'), m.author],
    ...(m.direction === 'out' ? [[t(lang, 'messageTo'), t(lang, 'messageServer')] as [string, string]] : []),
    [t(lang, 'messageDate'), messageDate(lang, m.at)],
    [t(lang, 'messageState'), messageState(lang, m)],
  ];
  const w = Math.max(...rows.map(([l]) => [...l].length));
  const head = rows.map(([l, v]) => fit(`${column(l, w)} : ${v}`, width - 1));
  const body = m.body.split(/\r\n|\r|\n/).flatMap((line) => (line === '' ? [''] : wrapText(line, width - 1)));
  return { head, body };
}
