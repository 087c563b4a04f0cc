import { column, kitText, windowStart } from '@docstream/console-kit';
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { t } from '../i18n.js';
import { ScreenFrame } from '../keys/kit.js';
import {
  COLS, isUnread, messageLines, messageRow, messagesConditions, messagesMode, openMessage, type MessagesState,
} from './messages-reducer.js';

export interface MessagesViewProps {
  lang: Lang;
  width: number;
  /** The terminal's rows: the list and the open message are cut to fit. */
  rows: number;
  state: MessagesState;
}

/** Lines other than the list's: header, title, summary, column names, message line, footer, one spare. */
const LIST_CHROME = 7;

/** The typed text as it fits on one line: its end, with '…' before when cut. */
function shownDraft(draft: string, room: number): string {
  const c = [...draft];
  return c.length <= room ? draft : `…${c.slice(c.length - room + 1).join('')}`;
}

/** Height of the open message's body at this terminal size. */
export function readHeight(rows: number, headLines: number): number {
  // Header, title, head, blank, position line, message line, footer, spare.
  return Math.max(1, rows - 6 - headLines - 1);
}

/**
 * The messages exchanged with the central server, newest first: "●" marks a received
 * message not yet read (readable without colour, and said in the summary line); Enter
 * shows one in full; `n` writes one, asked before it is recorded.
 */
export function MessagesView({ lang, width, rows, state }: MessagesViewProps) {
  const mode = messagesMode(state);
  const on = messagesConditions(state);
  const status = state.sending
    ? t(lang, 'messageSending')
    : state.view === 'confirm'
      ? t(lang, 'messageAsk')
      : state.request && !state.rows
        ? t(lang, 'loading')
        : state.notice
          ? state.notice[lang]
          : null;
  const frame = (children: ReactNode) => (
    <ScreenFrame lang={lang} screen="messages" mode={mode} width={width} title={t(lang, 'messagesTitle')} error={state.error} status={status} on={on}>
      {children}
    </ScreenFrame>
  );

  if (state.view === 'write' || state.view === 'confirm') {
    const label = t(lang, 'messageField');
    const room = Math.max(10, width - [...label].length - 7);
    return frame(
      <>
        <Text wrap="truncate-end">{t(lang, 'messageWriteIntro')}</Text>
        <Box marginY={1}>
          <Text>
            {state.view === 'write' ? '> ' : '  '}
            {label}
            {' : '}
            {shownDraft(state.draft, room)}
            {state.view === 'write' ? <Text inverse> </Text> : null}
          </Text>
        </Box>
      </>,
    );
  }

  const open = openMessage(state);
  if (state.view === 'read' && open) {
    const { head, body } = messageLines(lang, open, width);
    const height = readHeight(rows, head.length);
    const shown = body.slice(state.scroll, state.scroll + height);
    return frame(
      <>
        {head.map((l, i) => (
          <Text key={`h${i}`} wrap="truncate-end">
            {l}
          </Text>
        ))}
        <Box height={1} />
        {shown.map((l, i) => (
          <Text key={i} wrap="truncate-end">
            {l === '' ? ' ' : l}
          </Text>
        ))}
        {body.length > height ? (
          <Text>{kitText(lang, 'linesPosition', { from: state.scroll + 1, to: state.scroll + shown.length, total: body.length })}</Text>
        ) : null}
      </>,
    );
  }

  const list = state.rows ?? [];
  const unread = list.filter(isUnread).length;
  const height = Math.max(1, rows - LIST_CHROME);
  const start = windowStart(state.selected, list.length, height);
  const header = [
    column('', COLS.unread - 1),
    column(t(lang, 'messageDirection'), COLS.direction),
    column(t(lang, 'messageDate'), COLS.date),
    column(t(lang, 'messageAuthor'), COLS.author),
    t(lang, 'messageField'),
  ].join(' ');
  return frame(
    <>
      <Text wrap="truncate-end">
        {state.rows ? `${t(lang, 'messagesSummary', { n: list.length, unread })}  (${t(lang, 'messageLegend')})` : ' '}
      </Text>
      <Text bold wrap="truncate-end">
        {'  ' + header}
      </Text>
      {state.rows && list.length === 0 ? <Text>{'  ' + t(lang, 'messagesNone')}</Text> : null}
      {list.slice(start, start + height).map((m, i) => {
        const selected = start + i === state.selected;
        return (
          <Text key={m.id} inverse={selected} bold={isUnread(m)} wrap="truncate-end">
            {selected ? '> ' : '  '}
            {messageRow(lang, m, width)}
          </Text>
        );
      })}
    </>,
  );
}
