import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { ScreenFrame } from '../../keys/kit.js';
import { cw, OPERATOR } from './client-words.js';
import { clientHeader, clientRow, clientsConditions, clientsMode, cs, filterSummary, pageLine, type ClientsState } from './clients-reducer.js';

/** Lines other than the rows: header, title, filter, column names, page line, message, footer (2), one spare. */
export const CLIENTS_CHROME = 9;

/**
 * The registry, one page at a time: matricule, name, place, status in words, last
 * contact and balance; `>` and inverse mark the selected centre.
 */
export function ClientsView({ lang, width, state, privilege }: { lang: Lang; width: number; state: ClientsState; privilege: number }) {
  const rows = state.page?.rows ?? [];
  return (
    <ScreenFrame
      lang={lang}
      screen="clients"
      mode={clientsMode(state)}
      width={width}
      title={cs(lang, 'title')}
      error={state.error}
      status={state.request ? cw(lang, 'loading') : null}
      on={clientsConditions(state, privilege)}
    >
      {state.editing === null ? (
        <Text wrap="truncate-end">{filterSummary(lang, state)}</Text>
      ) : (
        <Text wrap="truncate-end">
          {cs(lang, 'prompt')}
          {state.editing}
          <Text inverse> </Text>
        </Text>
      )}
      <Text bold wrap="truncate-end">
        {'  ' + clientHeader(lang, width)}
      </Text>
      <Box flexDirection="column">
        {state.page && rows.length === 0 ? (
          <Text wrap="truncate-end">{'  ' + cs(lang, state.filter !== '' ? 'noMatch' : privilege >= OPERATOR ? 'none' : 'noneViewer')}</Text>
        ) : null}
        {rows.map((c, i) => {
          const selected = i === state.selected && state.editing === null;
          return (
            <Text key={c.matricule} inverse={selected} wrap="truncate-end">
              {selected ? '> ' : '  '}
              {clientRow(lang, c, width)}
            </Text>
          );
        })}
      </Box>
      {state.page ? <Text wrap="truncate-end">{pageLine(lang, state.page)}</Text> : <Box height={1} />}
    </ScreenFrame>
  );
}
