import { useEffect, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { useAsyncRunner, useTerminalSize } from '@docstream/console-kit';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { chosenElection, electionsReducer, initialElections } from './elections-reducer.js';
import { ElectionsView } from './ElectionsView.js';

/** Container of the Elections list: read on opening and on `r`; Enter opens the live results. */
export function ElectionsScreen({ width, session }: { width: number; session: Session }) {
  const { server, lang, controls } = useConsole();
  const { rows } = useTerminalSize();
  const [state, dispatch] = useReducer(electionsReducer, initialElections);
  const run = useAsyncRunner();

  useEffect(() => {
    const request = state.request;
    run(
      () => server.elections.list(session),
      (list) => dispatch({ type: 'loaded', request, items: list.map((e) => ({ id: e.id, name: e.name, date: e.date, stations: e.stations })) }),
      (e) => dispatch({ type: 'failed', request, error: errorLabel(e) }),
    );
  }, [state.request, server, session, run]);

  useKeys('elections', 'normal', {
    up: () => dispatch({ type: 'up' }),
    down: () => dispatch({ type: 'down' }),
    refresh: () => dispatch({ type: 'refresh' }),
    open: () => {
      const e = chosenElection(state);
      if (e) controls.open({ screen: 'electionResults', election: e.id });
    },
  });

  return <ElectionsView lang={lang} width={width} rows={rows} state={state} />;
}
