import type { Centre, Label, Lang } from '@docstream/core';
import { STRINGS, t } from '../i18n.js';
import {
  column, createMessagesReducer, emptyMessages, firstLine, fit, isUnread, loadMessages, wrapText, type MessagesModel, type MessagesModelAction,
} from '@docstream/console-kit';
import type { Condition } from '../keys/bindings.js';

export { firstLine, isUnread, MAX_MESSAGE, messagesMode, openMessage, selectedMessage } from '@docstream/console-kit';

/** One message as the core lists it (newest first). */
export type MessageRow = Awaited<ReturnType<Centre['server']['messages']['list']>>[number];

/** How many messages the screen reads (the core allows up to 500). */
export const MESSAGES_LIMIT = 200;
/** Secretary (2) and Officer (3) may write to the server. */
export const WRITE_PRIVILEGE = 2;

export type MessagesState = MessagesModel<MessageRow>;

/** The kit's actions, but writing says who asks (refused below Secretary). */
export type MessagesAction = Exclude<MessagesModelAction<MessageRow>, { type: 'write' }> | { type: 'write'; privilege: number };

export function initialMessages(): MessagesState {
  return loadMessages<MessagesState>({ ...emptyMessages });
}

const model = createMessagesReducer<MessageRow, MessagesState>({ empty: STRINGS.messageEmpty, queued: STRINGS.messageQueued });

export function messagesReducer(s: MessagesState, a: MessagesAction): MessagesState {
  if (a.type !== 'write') return model(s, a);
  return model(s, { type: 'write', refusal: a.privilege < WRITE_PRIVILEGE ? STRINGS.messageNotAllowed : undefined });
}

/** The key table's conditions for this state. */
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
