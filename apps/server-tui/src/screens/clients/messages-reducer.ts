import type { Label, Lang, MessageRow } from '@docstream/core';
import {
  column, createMessagesReducer, emptyMessages, translator, firstLine, fit, isUnread, loadMessages, wrapText, type MessagesModel, type MessagesModelAction,
} from '@docstream/console-kit';

export { firstLine, isUnread, MAX_MESSAGE, messagesMode, openMessage, selectedMessage } from '@docstream/console-kit';
import type { Condition } from '../../keys/bindings.js';
import { dayTime, OPERATOR } from './client-words.js';

/** How many messages the screen reads (the core allows up to 500). */
export const MESSAGES_LIMIT = 200;

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

export const ms = translator(MESSAGES_STRINGS);

/** The kit's messages model, for one centre. */
export interface MessagesState extends MessagesModel<MessageRow> {
  matricule: string;
}

export type MessagesAction = MessagesModelAction<MessageRow>;

export function initialMessages(matricule: string): MessagesState {
  return loadMessages<MessagesState>({ ...emptyMessages, matricule });
}

export const messagesReducer = createMessagesReducer<MessageRow, MessagesState>({ empty: MESSAGES_STRINGS.empty, queued: MESSAGES_STRINGS.queued });

export function messagesConditions(s: MessagesState, privilege: number): Condition[] {
  if (s.view === 'read') return ['messageOpen'];
  if (s.view !== 'list' || s.rows === null) return [];
  return privilege >= OPERATOR ? ['messageList', 'messageWrite'] : ['messageList'];
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
