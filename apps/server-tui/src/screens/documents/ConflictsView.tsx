import { Box, Text } from 'ink';
import type { ConflictState, ConflictSummary, Lang } from '@docstream/core';
import { column, columnRight, fit } from '@docstream/console-kit';
import { ScreenFrame } from '../../keys/kit.js';
import type { Condition } from '../../keys/bindings.js';
import { filterIsNiu, type ConflictsState } from './conflicts-reducer.js';
import { wrapMessage, windowStart } from './layout.js';
import { pageNumber } from './paged.js';
import { dateOnly, dt, type DocsStringKey } from './strings.js';

const W = { id: 6, niu: 20, centre: 6, received: 10, state: 10 };

function differsWidth(width: number): number {
  return Math.max(8, width - 1 - 2 - (W.id + W.niu + W.centre + W.received + W.state + 5));
}

const STATE_WORDS: Record<ConflictState, DocsStringKey> = { open: 'stateOpen', resolved: 'stateResolved', all: 'stateAll' };

/** One conflict: number, NIU, centre, when the other version came, open or resolved, the fields that differ. */
export function conflictRow(lang: Lang, c: ConflictSummary, width: number): string {
  return [
    columnRight(`#${c.id}`, W.id),
    column(c.niu, W.niu),
    column(c.matricule, W.centre),
    column(dateOnly(c.receivedAt), W.received),
    column(dt(lang, c.state === 'open' ? 'rowOpen' : 'rowResolved'), W.state),
    fit(c.differences.map((f) => f.label[lang]).join(', '), differsWidth(width)),
  ].join(' ');
}

function headerRow(lang: Lang, width: number): string {
  return [
    columnRight(dt(lang, 'colId'), W.id),
    column(dt(lang, 'colNiu'), W.niu),
    column(dt(lang, 'colCentre'), W.centre),
    column(dt(lang, 'colReceived'), W.received),
    column(dt(lang, 'colState'), W.state),
    fit(dt(lang, 'colDiffers'), differsWidth(width)),
  ].join(' ');
}

export function conflictsHead(lang: Lang, s: ConflictsState): string {
  const { state, filter } = s.list.params;
  const scope = filter === '' ? dt(lang, 'scopeAll') : filterIsNiu(filter) ? dt(lang, 'scopeNiu', { niu: filter }) : dt(lang, 'scopeCentre', { centre: filter });
  return dt(lang, 'conflictsHead', { state: dt(lang, STATE_WORDS[state]), total: s.total ?? '…', scope });
}

export function ConflictsView({ lang, width, state, room, on }: { lang: Lang; width: number; state: ConflictsState; room: number; on: readonly Condition[] }) {
  const { list, editing } = state;
  const items = list.page?.items ?? [];
  const msg = wrapMessage(lang, width, list.error, list.request ? dt(lang, 'loading') : null);
  const shown = Math.max(1, room - (msg.rows - 1));
  const start = windowStart(items.length, list.selected, shown);
  const pageText = list.page ? dt(lang, 'pageLine', { page: pageNumber(list) }) + (list.page.nextCursor !== undefined ? dt(lang, 'morePages') : list.cursors.length > 1 ? dt(lang, 'lastPage') : '') : '';
  return (
    <ScreenFrame lang={lang} screen="conflicts" mode={editing === null ? 'normal' : 'typing'} on={on} width={width} title={dt(lang, 'conflictsTitle')} error={msg.error} status={msg.status}>
      {editing === null ? (
        <Text wrap="truncate-end">{conflictsHead(lang, state)}</Text>
      ) : (
        <Text wrap="truncate-end">
          {dt(lang, 'filterPrompt')}
          {editing}
          <Text inverse> </Text>
        </Text>
      )}
      <Text bold wrap="truncate-end">{'  ' + headerRow(lang, width)}</Text>
      <Box flexDirection="column">
        {list.page && items.length === 0 ? <Text>{'  ' + dt(lang, 'noConflicts')}</Text> : null}
        {items.slice(start, start + shown).map((c, i) => {
          const selected = start + i === list.selected && editing === null;
          return (
            <Text key={c.id} inverse={selected} wrap="truncate-end">
              {selected ? '> ' : '  '}
              {conflictRow(lang, c, width)}
            </Text>
          );
        })}
      </Box>
      {pageText ? <Text>{pageText}</Text> : <Box height={1} />}
    </ScreenFrame>
  );
}
