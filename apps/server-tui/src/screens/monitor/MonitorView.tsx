import { Box, Text } from 'ink';
import type { Label, Lang } from '@docstream/core';
import { fit } from '@docstream/console-kit';
import { ScreenFrame } from '../../keys/kit.js';
import type { MonitorCondition } from '../../keys/monitor-bindings.js';
import { monitorEvery, monitorMode, type MonitorState } from './monitor-reducer.js';
import { clockTime } from '../figures.js';
import { centreHeader, centreRow, rejectionLine, serviceLine, sortName, summaryLines } from './monitor-lines.js';
import { ms } from './monitor-strings.js';

/**
 * Lines other than the table's rows: header, title, six summary lines, sort line, column
 * names, last refusal, message, footer (2), and one spare: a frame as tall as the terminal
 * makes Ink clear the whole screen at each refresh, which flickers.
 */
export const MONITOR_CHROME = 15;

export interface MonitorViewProps {
  lang: Lang;
  width: number;
  state: MonitorState;
  on: readonly MonitorCondition[];
  /** What the hosted service says (starting, stopping), in place of its summary line. */
  hostLine: string | null;
  /** The service this console hosts, to say so. */
  hosted: string | undefined;
  error: Label | null;
}

/**
 * The screen people watch: the service, the rates as sparklines over the last minutes,
 * the queues, the centres; then one of three views (Tab): the per-centre table, the last
 * refusals with their reason, the services. Every line is cut to the width, and the
 * lower part always has the same height, so a refresh redraws the same frame.
 */
export function MonitorView({ lang, width, state, on, hostLine, hosted, error }: MonitorViewProps) {
  const s = state.snapshot;
  const room = state.room;
  const lines = s ? summaryLines(lang, s, width, hosted) : [ms(lang, 'reading'), '', '', '', '', ''];
  if (hostLine) lines[0] = fit(hostLine, width);
  const page = s?.centres.page;
  const status = state.confirmStop
    ? ms(lang, 'confirmStop')
    : s
      ? ms(lang, state.live ? 'live' : 'paused', { every: monitorEvery(state.tookMs), at: clockTime(s.at) })
      : ms(lang, 'reading');

  let body: string[];
  let heading: string;
  if (state.panel === 'centres') {
    heading = centreHeader(lang, width, state.sort, state.direction);
    body = !page ? [] : page.rows.length === 0 ? [ms(lang, page.filter ? 'noMatch' : 'noCentre')] : page.rows.map((c) => centreRow(lang, c, width, s!.at));
  } else if (state.panel === 'rejections') {
    heading = ms(lang, 'panelRejections', { n: s?.errors.length ?? 0 });
    body = !s ? [] : s.errors.length === 0 ? [ms(lang, 'noRejection')] : s.errors.slice(0, room + 1).map((r) => rejectionLine(lang, r, width, s.at));
  } else {
    heading = ms(lang, 'panelServices', { n: s?.service.instances.length ?? 0 });
    body = !s ? [] : s.service.instances.length === 0 ? [ms(lang, 'noService')] : s.service.instances.slice(0, room + 1).map((i) => serviceLine(lang, i, width));
  }
  // the refusals and services views use the last line too (no "last refusal" line there)
  const bodyRoom = state.panel === 'centres' ? room : room + 1;
  const padded = [...body.slice(0, bodyRoom), ...Array<string>(Math.max(0, bodyRoom - body.length)).fill('')];

  const from = page && page.rows.length ? page.offset + 1 : 0;
  const sortLine = state.editing !== null
    ? null
    : ms(lang, 'sortLine', {
        column: sortName(lang, state.sort), arrow: state.direction === 'asc' ? '▲' : '▼',
        filter: state.filter ? ms(lang, 'filtered', { text: state.filter }) : '', from, to: page ? page.offset + page.rows.length : 0, total: page?.total ?? 0,
      });
  const last = s?.errors[0];

  return (
    <ScreenFrame lang={lang} screen="monitor" mode={monitorMode(state)} width={width} title={ms(lang, 'title')} error={error} status={status} on={on}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">{l || ' '}</Text>
      ))}
      {sortLine !== null ? (
        <Text wrap="truncate-end">{fit(sortLine, width)}</Text>
      ) : (
        <Text wrap="truncate-end">
          {ms(lang, 'prompt')}
          {state.editing}
          <Text inverse> </Text>
        </Text>
      )}
      <Text bold wrap="truncate-end">{(state.panel === 'centres' ? '  ' : '') + heading}</Text>
      <Box flexDirection="column">
        {padded.map((l, i) => {
          const selected = state.panel === 'centres' && !!page?.rows.length && i === state.selected && state.editing === null;
          return (
            <Text key={i} inverse={selected} wrap="truncate-end">
              {state.panel === 'centres' ? (selected ? '> ' : '  ') + l : l || ' '}
            </Text>
          );
        })}
      </Box>
      {state.panel === 'centres' ? (
        <Text wrap="truncate-end">{fit(last ? ms(lang, 'lastRejection', { at: clockTime(last.at), matricule: last.matricule ?? '?', reason: last.reason[lang] }) : s ? ms(lang, 'noRejection') : ' ', width)}</Text>
      ) : null}
    </ScreenFrame>
  );
}
