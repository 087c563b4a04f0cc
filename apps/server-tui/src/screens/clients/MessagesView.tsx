import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { kitText, windowStart } from '@docstream/console-kit';
import { ScreenFrame } from '../../keys/kit.js';
import { cw } from './client-words.js';
import {
  isUnread, messageHeader, messageLines, messageRow, messagesConditions, messagesMode, ms, openMessage, readHeight, type MessagesState,
} from './messages-reducer.js';

/** Lines other than the list's: header, title, summary, column names, message line, footer (2), one spare. */
const LIST_CHROME = 8;

/** The typed text as it fits on one line: its end, with '…' before when cut. */
function shownDraft(draft: string, room: number): string {
  const c = [...draft];
  return c.length <= room ? draft : `…${c.slice(c.length - room + 1).join('')}`;
}

/**
 * The messages exchanged with one centre, newest first: "●" marks a received message not
 * yet read (said in the summary line, readable without colour); Enter shows one in full;
 * `n` writes one, asked before it is recorded.
 */
export function MessagesView({ lang, width, rows, state, privilege }: { lang: Lang; width: number; rows: number; state: MessagesState; privilege: number }) {
  const status = state.sending
    ? ms(lang, 'sending')
    : state.view === 'confirm'
      ? ms(lang, 'ask', { matricule: state.matricule })
      : state.request && !state.rows
        ? cw(lang, 'loading')
        : (state.notice?.[lang] ?? null);
  const frame = (children: ReactNode) => (
    <ScreenFrame lang={lang} screen="clientMessages" mode={messagesMode(state)} width={width} title={ms(lang, 'title', { matricule: state.matricule })} error={state.error} status={status} on={messagesConditions(state, privilege)}>
      {children}
    </ScreenFrame>
  );

  if (state.view === 'write' || state.view === 'confirm') {
    const label = ms(lang, 'field');
    const room = Math.max(10, width - [...label].length - 7);
    return frame(
      <>
        <Text wrap="truncate-end">{ms(lang, 'writeIntro')}</Text>
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
    const { head, body } = messageLines(lang, state, open, width);
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
        {body.length > height ? <Text>{kitText(lang, 'linesPosition', { from: state.scroll + 1, to: state.scroll + shown.length, total: body.length })}</Text> : null}
      </>,
    );
  }

  const list = state.rows ?? [];
  const height = Math.max(1, rows - LIST_CHROME);
  const start = windowStart(state.selected, list.length, height);
  return frame(
    <>
      <Text wrap="truncate-end">{state.rows ? ms(lang, 'summary', { n: list.length, unread: list.filter(isUnread).length }) : ' '}</Text>
      <Text bold wrap="truncate-end">
        {'  ' + messageHeader(lang, width)}
      </Text>
      {state.rows && list.length === 0 ? <Text>{'  ' + ms(lang, 'none')}</Text> : null}
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
