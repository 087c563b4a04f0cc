import { Text } from 'ink';
import type { Lang } from '@docstream/core';
import { column, columnRight, fit } from '@docstream/console-kit';
import { t } from '../i18n.js';
import { ScreenFrame } from '../keys/kit.js';
import { calendarDate, whole } from './figures.js';
import { electionsText, type ElectionItem, type ElectionsState } from './elections-reducer.js';

/** Lines the frame uses around the list: header, title, heading, hint, message, footer, last row. */
const CHROME = 7;

function row(lang: Lang, e: ElectionItem, width: number): string {
  return fit(`${column(calendarDate(lang, e.date), 10)}  ${column(e.id, 16)}  ${columnRight(whole(lang, e.stations), 8)}  ${e.name}`, width - 3);
}

/** The elections loaded on this server, newest first; the selected one marked with '>' and inverse. */
export function ElectionsView({ lang, width, rows, state }: { lang: Lang; width: number; rows: number; state: ElectionsState }) {
  const items = state.items;
  const room = Math.max(3, rows - CHROME);
  const from = items ? Math.max(0, Math.min(state.selected - room + 1, items.length - room)) : 0;
  const shown = items ? items.slice(Math.max(0, from), Math.max(0, from) + room) : [];
  const heading = `${column(electionsText(lang, 'date'), 10)}  ${column(electionsText(lang, 'id'), 16)}  ${columnRight(electionsText(lang, 'stations'), 8)}  ${electionsText(lang, 'name')}`;
  return (
    <ScreenFrame lang={lang} screen="elections" mode="normal" width={width} title={electionsText(lang, 'title')} error={state.error} status={!items && state.loading ? t(lang, 'loading') : null}>
      {items && items.length === 0 ? <Text wrap="wrap">{electionsText(lang, 'none')}</Text> : null}
      {items && items.length > 0 ? (
        <>
          <Text bold wrap="truncate-end">{`  ${heading}`}</Text>
          {shown.map((e, i) => {
            const selected = from + i === state.selected;
            return (
              <Text key={e.id} inverse={selected} wrap="truncate-end">
                {selected ? '> ' : '  '}
                {row(lang, e, width)}
              </Text>
            );
          })}
          <Text wrap="truncate-end">
            {items.length > room ? `${electionsText(lang, 'position', { from: from + 1, to: from + shown.length, total: items.length })} · ` : ''}
            {electionsText(lang, 'choose')}
          </Text>
        </>
      ) : null}
    </ScreenFrame>
  );
}
