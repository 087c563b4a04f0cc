import type { Label } from '@docstream/core';
import { editText, type TextKeyState } from '../keys/text-edit.js';
import type { Mode } from '../keys/types.js';

/** What the model needs of a message row (the core's MessageRow, on either side). */
export interface MessageLike {
  id: number;
  direction: 'in' | 'out';
  read_at: Date | null;
}

/** What the core accepts in one message. */
export const MAX_MESSAGE = 4000;

/** The messages screen of either console: a list, a message open, one being written, the o/n before sending it. */
export interface MessagesModel<R extends MessageLike> {
  rows: R[] | null;
  selected: number;
  view: 'list' | 'read' | 'write' | 'confirm';
  /** The message open (view 'read'), by id. */
  reading: number | null;
  /** First line shown of the open message. */
  scroll: number;
  /** The message being written. */
  draft: string;
  /** A list read the container must run; `top`: select the newest message when it arrives (after writing one). */
  request: { id: number; top: boolean } | null;
  /** Messages to mark read. */
  marking: { id: number; ids: number[] } | null;
  /** A message to send (after the o/n question). */
  sending: { id: number; text: string } | null;
  lastId: number;
  error: Label | null;
  notice: Label | null;
}

export type MessagesModelAction<R extends MessageLike> =
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; rows: R[] }
  | { type: 'failed'; id: number; error: Label }
  | { type: 'up' }
  | { type: 'down' }
  /** `mark` (default true): a received message opened is marked read (not in a read-only console). */
  | { type: 'open'; mark?: boolean }
  /** `height`: the lines the open message has room for (to stop scrolling at its end). */
  | { type: 'scroll'; by: number; total: number; height: number }
  | { type: 'close' }
  | { type: 'marked'; id: number; at: Date }
  | { type: 'markFailed'; id: number; error: Label }
  /** `refusal`: the user may not write; said before a word is typed rather than after a whole message. */
  | { type: 'write'; refusal?: Label | undefined }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'discard' }
  | { type: 'ask' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'sent'; id: number }
  | { type: 'sendFailed'; id: number; error: Label; code?: string | undefined };

/** The words each console says in its own terms. */
export interface MessagesWords {
  empty: Label;
  queued: Label;
}

export const emptyMessages = {
  rows: null, selected: 0, view: 'list', reading: null, scroll: 0, draft: '', request: null, marking: null, sending: null,
  lastId: 0, error: null, notice: null,
} as const satisfies MessagesModel<MessageLike>;

export function loadMessages<S extends MessagesModel<MessageLike>>(s: S, top = false): S {
  const id = s.lastId + 1;
  return { ...s, lastId: id, request: { id, top } };
}

export const isUnread = (m: MessageLike): boolean => m.direction === 'in' && m.read_at === null;

export function selectedMessage<R extends MessageLike>(s: MessagesModel<R>): R | undefined {
  return s.rows?.[s.selected];
}

export function openMessage<R extends MessageLike>(s: MessagesModel<R>): R | undefined {
  return s.reading === null ? undefined : s.rows?.find((r) => r.id === s.reading);
}

/** The first line of a body, for the list. */
export function firstLine(body: string): string {
  return body.split(/\r\n|\r|\n/).find((l) => l.trim() !== '')?.trim() ?? '';
}

export function messagesMode(s: MessagesModel<MessageLike>): Mode {
  return s.view === 'write' ? 'typing' : s.view === 'confirm' ? 'confirm' : 'normal';
}

/**
 * The messages screen's reducer, the same in both consoles: reads never answer out of turn
 * (only the last request's answer is kept), the selection follows its message as new ones
 * arrive on top, opening a received message marks it read, a text the core refuses goes
 * back to the field.
 */
export function createMessagesReducer<R extends MessageLike, S extends MessagesModel<R>>(words: MessagesWords) {
  return function messagesReducer(s: S, a: MessagesModelAction<R>): S {
    switch (a.type) {
      case 'refresh':
        return s.view === 'list' || s.view === 'read' ? loadMessages({ ...s, error: null }) : s;
      case 'loaded': {
        if (s.request?.id !== a.id) return s;
        // The selection follows the message it was on (new ones arrive on top).
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
        const opened: S = { ...s, view: 'read', reading: m.id, scroll: 0, error: null, notice: null };
        if (a.mark === false || !isUnread(m)) return opened;
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
        if (s.view !== 'list' || s.sending) return s;
        if (a.refusal) return { ...s, error: a.refusal, notice: null };
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
        if (s.draft.trim() === '') return { ...s, error: words.empty };
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
        return loadMessages({ ...s, sending: null, view: 'list', draft: '', notice: words.queued, error: null }, true);
      case 'sendFailed':
        if (s.sending?.id !== a.id) return s;
        // A text the core refuses (empty, too long) goes back to the field; a refusal of the user ends the writing.
        if (a.code === 'validation') return { ...s, sending: null, view: 'write', error: a.error };
        return { ...s, sending: null, view: 'list', draft: '', error: a.error };
    }
  };
}
