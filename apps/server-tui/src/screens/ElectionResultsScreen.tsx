import { useEffect, useReducer } from 'react';
import { performance } from 'node:perf_hooks';
import type { Session } from '@docstream/core';
import { useAsyncRunner, useTerminalSize } from '@docstream/console-kit';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import {
  initialResults, refreshDelay, resultsConditions, resultsMode, resultsQuery, resultsReducer,
} from './election-results-reducer.js';
import { ElectionResultsView, FLAGGED_SHOWN, panelRoom } from './ElectionResultsView.js';

/**
 * Container of an election's live results: one `results()` read at a time (the sums are
 * done by PostgreSQL), again every 2 s (slower when reads are slow) while on top and not
 * paused, and at once when the view, level or region changes.
 */
export function ElectionResultsScreen({ active, width, session, election }: { active: boolean; width: number; session: Session; election: string }) {
  const { server, lang } = useConsole();
  const { rows } = useTerminalSize();
  const [state, dispatch] = useReducer(resultsReducer, initialResults);
  const run = useAsyncRunner();

  useEffect(() => {
    run(
      () => server.elections.regions(session, election),
      (regions) => dispatch({ type: 'regions', regions }),
      () => undefined, // the results' own read says what is wrong
    );
  }, [server, session, election, run]);

  useEffect(() => {
    const request = state.request;
    const query = resultsQuery(state);
    const started = performance.now();
    run(
      () => server.elections.results(session, election, { ...query, missingLimit: 0, flaggedLimit: FLAGGED_SHOWN }),
      (results) => dispatch({ type: 'loaded', request, results, at: new Date(), tookMs: performance.now() - started }),
      (e) => dispatch({ type: 'failed', request, error: errorLabel(e) }),
    );
    // Only a new request reads: the query is the state's at that moment.
  }, [state.request, server, session, election, run]);

  // The next read is timed from the end of the last one: never two at once, never back to back.
  const delay = refreshDelay(state);
  useEffect(() => {
    if (!active || !state.live || state.loading) return;
    const timer = setTimeout(() => dispatch({ type: 'tick' }), delay);
    return () => clearTimeout(timer);
  }, [active, state.live, state.loading, state.request, delay]);

  const room = panelRoom(rows);
  const mode = resultsMode(state);
  const on = resultsConditions(state);
  useKeys(
    'electionResults',
    mode,
    mode === 'typing'
      ? { submit: () => dispatch({ type: 'submitFilter' }), back: () => dispatch({ type: 'cancelFilter' }) }
      : {
          up: () => dispatch({ type: 'scroll', by: -1, room }),
          down: () => dispatch({ type: 'scroll', by: 1, room }),
          prevPage: () => dispatch({ type: 'scroll', by: -(room - 1), room }),
          nextPage: () => dispatch({ type: 'scroll', by: room - 1, room }),
          panel: () => dispatch({ type: 'panel' }),
          levelPrev: () => dispatch({ type: 'level', by: -1 }),
          levelNext: () => dispatch({ type: 'level', by: 1 }),
          filter: () => dispatch({ type: 'openFilter' }),
          pause: () => dispatch({ type: 'pause' }),
          refresh: () => dispatch({ type: 'refresh' }),
        },
    (input, key) => dispatch({ type: 'text', input, key }),
    on,
  );

  return <ElectionResultsView lang={lang} width={width} rows={rows} election={election} state={state} on={on} />;
}
