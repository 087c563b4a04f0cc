import { Box, Text } from 'ink';
import type { Lang, QuarantineCentre } from '@docstream/core';
import { column, columnRight, fit } from '@docstream/console-kit';
import { ScreenFrame } from '../../keys/kit.js';
import type { Condition } from '../../keys/bindings.js';
import { wrapMessage, windowStart } from './layout.js';
import { pageNumber, type PagedState } from './paged.js';
import { ReleaseHint } from './release-hint.js';
import { dateOnly, dt } from './strings.js';

export type QuarantineList = PagedState<null, QuarantineCentre, string>;

const W = { matricule: 6, containers: 6, documents: 7, oldest: 10, newest: 10 };

function nameWidth(width: number): number {
  return Math.max(8, width - 1 - 2 - (W.matricule + W.containers + W.documents + W.oldest + W.newest + 5));
}

/** One centre: what it has held, how many documents, since when. */
export function centreRow(c: QuarantineCentre, width: number): string {
  return [
    column(c.matricule, W.matricule),
    column(c.name ?? '—', nameWidth(width)),
    columnRight(String(c.containers), W.containers),
    columnRight(c.uncounted ? `${c.documents}+?` : String(c.documents), W.documents),
    column(dateOnly(c.oldest), W.oldest),
    fit(dateOnly(c.newest), W.newest),
  ].join(' ');
}

function headerRow(lang: Lang, width: number): string {
  return [
    column(dt(lang, 'colCentre'), W.matricule),
    column(dt(lang, 'colName'), nameWidth(width)),
    columnRight(dt(lang, 'colContainers'), W.containers),
    columnRight(dt(lang, 'colDocuments'), W.documents),
    column(dt(lang, 'colOldest'), W.oldest),
    dt(lang, 'colNewest'),
  ].join(' ');
}

export function QuarantineView({ lang, width, list, room, hint, on }: { lang: Lang; width: number; list: QuarantineList; room: number; hint: readonly string[]; on: readonly Condition[] }) {
  const items = list.page?.items ?? [];
  const msg = wrapMessage(lang, width, list.error, list.request ? dt(lang, 'loading') : null);
  const shown = Math.max(1, room - (msg.rows - 1));
  const start = windowStart(items.length, list.selected, shown);
  const pageText = list.page ? dt(lang, 'pageLine', { page: pageNumber(list) }) + (list.page.nextCursor !== undefined ? dt(lang, 'morePages') : list.cursors.length > 1 ? dt(lang, 'lastPage') : '') : '';
  return (
    <ScreenFrame lang={lang} screen="quarantine" mode="normal" on={on} width={width} title={dt(lang, 'quarantineTitle')} error={msg.error} status={msg.status}>
      <Text bold wrap="truncate-end">{'  ' + headerRow(lang, width)}</Text>
      <Box flexDirection="column">
        {list.page && items.length === 0 ? <Text>{'  ' + dt(lang, 'nothingHeld')}</Text> : null}
        {items.slice(start, start + shown).map((c, i) => {
          const selected = start + i === list.selected;
          return (
            <Text key={c.matricule} inverse={selected} wrap="truncate-end">
              {selected ? '> ' : '  '}
              {centreRow(c, width)}
            </Text>
          );
        })}
      </Box>
      {pageText ? <Text>{pageText}</Text> : <Box height={1} />}
      <ReleaseHint lines={hint} />
    </ScreenFrame>
  );
}
