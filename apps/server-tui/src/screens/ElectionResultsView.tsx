import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { TextField } from '@docstream/console-kit';
import { t } from '../i18n.js';
import type { Condition } from '../keys/bindings.js';
import { ScreenFrame } from '../keys/kit.js';
import { clockTime } from './figures.js';
import { areaLines, candidateLines, flaggedLines, panelLabels, resultsTitle, summaryLines } from './election-results-lines.js';
import { PANELS, refreshEvery, resultsMode, resultsText, type ResultsState } from './election-results-reducer.js';

/** The list of reports to examine holds at most this many (the core's default). */
export const FLAGGED_SHOWN = 100;

/**
 * Lines around the panel's rows: header, title, 4 summary lines, the tabs, the panel's
 * heading, the live line, the message, a footer of up to 2 lines, and the terminal's last row.
 */
const CHROME = 13;

/** Rows of the panel that fit the terminal. */
export function panelRoom(rows: number): number {
  return Math.max(3, rows - CHROME);
}

function Line({ text, bold = false }: { text: string; bold?: boolean }) {
  return (
    <Text wrap="truncate-end" bold={bold}>
      {text}
    </Text>
  );
}

export interface ElectionResultsViewProps {
  lang: Lang;
  width: number;
  rows: number;
  /** The election's id, for the title until its results are read. */
  election: string;
  state: ResultsState;
  on: readonly Condition[];
}

/**
 * The figures (stations reported with a bar, turnout, ballots, counts to examine), the tabs
 * (the view shown is in brackets and inverse, never colour alone), one list, whether it refreshes.
 */
export function ElectionResultsView({ lang, width, rows, election, state, on }: ElectionResultsViewProps) {
  const r = state.results;
  const room = panelRoom(rows);
  const labels = panelLabels(lang, r, state.level, FLAGGED_SHOWN);
  const areasReady = r !== null && r.area.level === state.level;
  const panel = !r
    ? null
    : state.panel === 'candidates'
      ? candidateLines(lang, r, width)
      : state.panel === 'areas'
        ? areasReady ? areaLines(lang, r, state.level, width) : null
        : flaggedLines(lang, r, width);
  const empty = state.panel === 'candidates' ? 'noCandidates' : state.panel === 'areas' ? 'noAreas' : 'noFlagged';
  const shown = panel ? panel.rows.slice(state.scroll, state.scroll + room) : [];
  const position = panel && panel.rows.length > room
    ? `${resultsText(lang, 'lines', { from: state.scroll + 1, to: state.scroll + shown.length, total: panel.rows.length })} · `
    : '';
  const label = resultsText(lang, 'filterLabel');
  return (
    <ScreenFrame
      lang={lang}
      screen="electionResults"
      mode={resultsMode(state)}
      width={width}
      title={r ? resultsTitle(lang, r) : election}
      error={state.error}
      status={!r && state.loading ? t(lang, 'loading') : null}
      on={on}
    >
      {r ? (
        <Box flexDirection="column">
          {summaryLines(lang, r, width).map((l, i) => (
            <Line key={`s${i}`} text={l} />
          ))}
          <Text wrap="truncate-end">
            {resultsText(lang, 'view')}
            {PANELS.map((p) => (
              <Text key={p}>
                {' '}
                <Text inverse={p === state.panel} bold={p === state.panel}>
                  {p === state.panel ? `[${labels[p]}]` : ` ${labels[p]} `}
                </Text>
              </Text>
            ))}
          </Text>
          {panel ? (
            <>
              <Line text={panel.heading} bold />
              {panel.rows.length === 0 ? <Line text={`  ${resultsText(lang, empty)}`} /> : shown.map((l, i) => <Line key={`p${state.scroll + i}`} text={l} />)}
            </>
          ) : (
            <Line text={`  ${resultsText(lang, 'reading')}`} />
          )}
          {state.at ? <Line text={position + resultsText(lang, state.live ? 'live' : 'paused', { at: clockTime(state.at), every: refreshEvery(state).toFixed(0) })} /> : null}
        </Box>
      ) : null}
      {state.filter !== null ? <TextField label={label} value={state.filter} focused labelWidth={[...label].length} /> : null}
    </ScreenFrame>
  );
}
