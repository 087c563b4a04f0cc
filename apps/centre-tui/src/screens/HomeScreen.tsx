import { useEffect, useReducer, useRef } from 'react';
import type { Session } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../hooks/key-dispatch.js';
import { useAsyncRunner } from '../hooks/useAsyncRunner.js';
import { HOME_MENU, homeReducer, initialHome, summariseCounts } from './home-reducer.js';
import { HomeView } from './HomeView.js';

/** Container: counts per stage (re-read each time Home comes back on top), and the menu. */
export function HomeScreen({ active, width, session, databaseLine }: { active: boolean; width: number; session: Session; databaseLine: string }) {
  const { centre, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(homeReducer, initialHome);
  const run = useAsyncRunner();

  useEffect(() => {
    const request = state.request;
    run(
      () => centre.documents.counts(session),
      (rows) => dispatch({ type: 'loaded', request, counts: summariseCounts(rows) }),
      (e) => dispatch({ type: 'failed', request, error: errorLabel(e) }),
    );
  }, [state.request, centre, session, run]);

  // Back from another screen: the counts may have changed.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) dispatch({ type: 'refresh' });
    wasActive.current = active;
  }, [active]);

  useKeys('home', 'normal', {
    up: () => dispatch({ type: 'up' }),
    down: () => dispatch({ type: 'down' }),
    refresh: () => dispatch({ type: 'refresh' }),
    open: () => {
      const d = HOME_MENU[state.selected];
      if (d) controls.go(d.id);
    },
  });

  return <HomeView lang={lang} width={width} state={state} session={session} databaseLine={databaseLine} />;
}
