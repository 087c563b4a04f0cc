import { useEffect } from 'react';
import { useAsyncRunner, useSyncReducer } from '@docstream/console-kit';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { HOME_REFRESH_MS, homeChoice, homeReducer, initialHome, type HomeSnapshot } from './home-reducer.js';
import { HomeView } from './HomeView.js';

/** Container of Home: reads the figures on `r` and every 5 s while on top; Enter opens a screen. */
export function HomeScreen({ active, width, databaseLine }: { active: boolean; width: number; databaseLine: string }) {
  const { server, lang, controls } = useConsole();
  const [state, dispatch, current] = useSyncReducer(homeReducer, initialHome);
  const run = useAsyncRunner();

  useEffect(() => {
    const request = state.request;
    run(
      async (): Promise<HomeSnapshot> => {
        const { n, estimated } = await server.documentTally();
        return { documents: n, estimated, at: new Date() };
      },
      (snapshot) => dispatch({ type: 'loaded', request, snapshot }),
      (e) => dispatch({ type: 'failed', request, error: errorLabel(e) }),
    );
  }, [state.request, server, run]);

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => dispatch({ type: 'tick' }), HOME_REFRESH_MS);
    return () => clearInterval(timer);
  }, [active]);

  useKeys('home', 'normal', {
    up: () => dispatch({ type: 'up' }),
    down: () => dispatch({ type: 'down' }),
    refresh: () => dispatch({ type: 'refresh' }),
    open: () => {
      const to = homeChoice(current());
      if (to) controls.go(to);
    },
  });

  return <HomeView lang={lang} width={width} state={state} databaseLine={databaseLine} />;
}
