import { Box, Text } from 'ink';
import type { HeldState, Lang, QuarantinedContainer } from '@docstream/core';
import { column, columnRight, fit } from '@docstream/console-kit';
import { ScreenFrame } from '../../keys/kit.js';
import type { Condition } from '../../keys/bindings.js';
import { heldError, heldMode, heldStatus, markedLine, type HeldScreenState } from './held-reducer.js';
import { wrapMessage, windowStart } from './layout.js';
import { pageNumber } from './paged.js';
import { ReleaseHint } from './release-hint.js';
import { dateTime, dt, type DocsStringKey } from './strings.js';

const W = { mark: 4, seq: 7, type: 8, documents: 5, received: 16, state: 8 };

function reasonWidth(width: number): number {
  return Math.max(8, width - 1 - 2 - (W.mark + W.seq + W.type + W.documents + W.received + W.state + 5));
}

const STATE_WORDS: Record<HeldState, DocsStringKey> = { held: 'heldStateHeld', released: 'heldStateReleased', rejected: 'heldStateRejected', all: 'heldStateAll' };
const ROW_WORDS: Record<QuarantinedContainer['state'], DocsStringKey> = { held: 'rowHeld', released: 'rowReleased', rejected: 'rowRejected' };

/** One container: `[x]` when marked, its number, type, documents, arrival, state in words, and why it was rejected. */
export function containerRow(lang: Lang, c: QuarantinedContainer, marked: boolean, width: number): string {
  const mark = c.state === 'held' ? (marked ? '[x]' : '[ ]') : '';
  const why = c.state === 'rejected' ? dt(lang, 'rejectedBy', { by: c.rejectedBy ?? '?', reason: c.rejectReason ?? '' }) : '';
  return [
    column(mark, W.mark - 1),
    columnRight(`#${c.seq}`, W.seq),
    column(c.type, W.type),
    columnRight(c.documents === null ? '?' : String(c.documents), W.documents),
    column(dateTime(c.receivedAt), W.received),
    column(dt(lang, ROW_WORDS[c.state]), W.state),
    fit(why, reasonWidth(width)),
  ].join(' ');
}

function headerRow(lang: Lang, width: number): string {
  return [
    column('', W.mark - 1),
    columnRight(dt(lang, 'colSeq'), W.seq),
    column(dt(lang, 'colType'), W.type),
    columnRight(dt(lang, 'colDocuments'), W.documents),
    column(dt(lang, 'colReceived'), W.received),
    column(dt(lang, 'colState'), W.state),
    fit('', reasonWidth(width)),
  ].join(' ').trimEnd();
}

export interface HeldViewProps {
  lang: Lang;
  width: number;
  matricule: string;
  state: HeldScreenState;
  room: number;
  hint: readonly string[];
  on: readonly Condition[];
}

export function HeldView({ lang, width, matricule, state, room, hint, on }: HeldViewProps) {
  const { list } = state;
  const items = list.page?.items ?? [];
  const msg = wrapMessage(lang, width, heldError(state), heldStatus(lang, state, matricule, width));
  const shown = Math.max(1, room - (msg.rows - 1));
  const start = windowStart(items.length, list.selected, shown);
  const pageText = list.page ? dt(lang, 'pageLine', { page: pageNumber(list) }) + (list.page.nextCursor !== undefined ? dt(lang, 'morePages') : list.cursors.length > 1 ? dt(lang, 'lastPage') : '') : '';
  return (
    <ScreenFrame lang={lang} screen="quarantineCentre" mode={heldMode(state)} on={on} width={width} title={dt(lang, 'heldTitle', { matricule })} error={msg.error} status={msg.status}>
      <Text wrap="truncate-end">{dt(lang, 'heldHead', { state: dt(lang, STATE_WORDS[list.params.state]), marked: markedLine(lang, state) })}</Text>
      <Text bold wrap="truncate-end">{'  ' + headerRow(lang, width)}</Text>
      <Box flexDirection="column">
        {list.page && items.length === 0 ? <Text>{'  ' + dt(lang, 'noContainers')}</Text> : null}
        {items.slice(start, start + shown).map((c, i) => {
          const selected = start + i === list.selected;
          return (
            <Text key={c.seq} inverse={selected} wrap="truncate-end">
              {selected ? '> ' : '  '}
              {containerRow(lang, c, state.marked.includes(c.seq), width)}
            </Text>
          );
        })}
      </Box>
      {pageText ? <Text>{pageText}</Text> : <Box height={1} />}
      <ReleaseHint lines={hint} />
    </ScreenFrame>
  );
}
