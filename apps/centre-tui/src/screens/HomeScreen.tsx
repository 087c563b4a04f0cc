import { useEffect, useMemo, useRef } from 'react';
import type { Session } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner, useSyncReducer } from '@docstream/console-kit';
import { homeReducer, homeSelection, homeStatus, initHome, MINE_LIMIT, queuesFor, summariseCounts } from './home-reducer.js';
import { HomeView } from './HomeView.js';

/** The periodic refresh while Home is on top (at most this often). */
export const HOME_REFRESH_MS = 5_000;

/** A part of the dashboard that could not be read shows as unknown; only the counts are an error. */
const optional = <T,>(p: Promise<T>): Promise<T | null> => p.catch(() => null);

/** Container: counts, work queues, link, messages, balance (re-read on `r`, on coming back, every 5 s), and the menu. */
export function HomeScreen({ active, width, session, databaseLine }: { active: boolean; width: number; session: Session; databaseLine: string }) {
  const { centre, lang, controls } = useConsole();
  const queues = useMemo(() => queuesFor(session.privilege), [session.privilege]);
  const [state, dispatch, current] = useSyncReducer(homeReducer, initHome(queues.length));
  const run = useAsyncRunner();

  useEffect(() => {
    const request = state.request;
    const wantsMine = queues.some((q) => q.id === 'mine');
    run(
      async () => {
        const [rows, link, tx, unread, account, mine] = await Promise.all([
          centre.documents.counts(session),
          optional(centre.transmission.link()),
          optional(centre.transmission.counts()),
          optional(centre.server.messages.list(session, { unread: true, limit: 500 })),
          optional(centre.server.account(session)),
          wantsMine ? optional(centre.documents.search(session, { stage: 'draft', status: 1, mine: true, limit: MINE_LIMIT })) : Promise.resolve(null),
        ]);
        return { counts: summariseCounts(rows), status: homeStatus({ link, tx, unread, account: account ?? null, mine }) };
      },
      (r) => dispatch({ type: 'loaded', request, counts: r.counts, status: r.status }),
      (e) => dispatch({ type: 'failed', request, error: errorLabel(e) }),
    );
  }, [state.request, centre, session, run, queues]);

  // Back from another screen: the counts may have changed.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) dispatch({ type: 'refresh' });
    wasActive.current = active;
  }, [active]);

  // While on top, a quiet re-read every 5 s (skipped while one is under way).
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
      const sel = homeSelection(current(), queues);
      if (!sel) return;
      if ('queue' in sel) controls.open({ screen: 'documents', criteria: sel.queue.criteria });
      else controls.go(sel.destination);
    },
  });

  return <HomeView lang={lang} width={width} state={state} session={session} databaseLine={databaseLine} queues={queues} />;
}
