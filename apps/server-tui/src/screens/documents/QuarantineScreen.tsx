import { useEffect, useReducer, useRef } from 'react';
import type { QuarantineCentre, Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { footerRows, useKeys } from '../../keys/kit.js';
import type { Condition } from '../../keys/bindings.js';
import { chromeRows } from './layout.js';
import { cursorOf, hasPages, initialPaged, pagedReducer, selectedItem, type PagedAction, type PagedState } from './paged.js';
import { QuarantineView } from './QuarantineView.js';
import { releaseLines } from './release-hint.js';
import { useReloadWhenShown } from './use-reload.js';

type State = PagedState<null, QuarantineCentre, string>;
const reducer = (s: State, a: PagedAction<null, QuarantineCentre, string>) => pagedReducer(s, a);

/** Column header and page line around the rows (the release hint is counted apart). */
const AROUND = 2;

/** Container of the quarantine: per centre what is held; Enter its containers. Read again on return. */
export function QuarantineScreen({ active, width, rows, session }: { active: boolean; width: number; rows: number; session: Session }) {
  const { server, lang, controls, readOnly } = useConsole();
  const [state, dispatch] = useReducer(reducer, null, (p: null) => initialPaged<null, QuarantineCentre, string>(p));
  const run = useAsyncRunner();

  const on: Condition[] = [...(selectedItem(state) ? (['docRow'] as const) : []), ...(hasPages(state) ? (['docPages'] as const) : [])];
  const hint = releaseLines(lang, width);
  const room = Math.max(3, rows - chromeRows(footerRows(lang, 'quarantine', 'normal', width, on, readOnly).length) - AROUND - hint.length);
  const limit = useRef(room);
  limit.current = room;

  const request = state.request;
  useEffect(() => {
    if (!request) return;
    const after = cursorOf(request);
    run(
      () => server.documents.quarantine.list(session, { limit: limit.current, ...(after !== undefined ? { after } : {}) }),
      (page) => dispatch({ type: 'loaded', id: request.id, page }),
      (e) => dispatch({ type: 'failed', id: request.id, error: errorLabel(e) }),
    );
  }, [request, server, session, run]);

  useReloadWhenShown(active, () => dispatch({ type: 'reload' }));

  useKeys('quarantine', 'normal', {
    up: () => dispatch({ type: 'up' }),
    down: () => dispatch({ type: 'down' }),
    nextPage: () => dispatch({ type: 'nextPage' }),
    prevPage: () => dispatch({ type: 'prevPage' }),
    refresh: () => dispatch({ type: 'reload' }),
    open: () => {
      const c = selectedItem(state);
      if (c) controls.open({ screen: 'quarantineCentre', matricule: c.matricule });
    },
  }, undefined, on);

  return <QuarantineView lang={lang} width={width} list={state} room={room} hint={hint} on={on} />;
}
