import { useEffect, useReducer, useRef } from 'react';
import type { Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { footerRows, useKeys } from '../../keys/kit.js';
import type { Condition } from '../../keys/bindings.js';
import { conflictsInput, conflictsReducer, initialConflicts } from './conflicts-reducer.js';
import { ConflictsView } from './ConflictsView.js';
import { chromeRows } from './layout.js';
import { cursorOf, hasPages, selectedItem } from './paged.js';
import { useReloadWhenShown } from './use-reload.js';

/** Head line, column header and page line around the rows. */
const AROUND = 3;

/**
 * Container of the conflicts list: open ones first (`t` resolved, all), `/` a centre or a
 * NIU, ←→ pages, Enter the two versions side by side. Read again on return, so a conflict
 * resolved meanwhile leaves the open list.
 */
export function ConflictsScreen({ active, width, rows, session, niu }: { active: boolean; width: number; rows: number; session: Session; niu?: string | undefined }) {
  const { server, lang, controls, readOnly } = useConsole();
  const [state, dispatch] = useReducer(conflictsReducer, niu, initialConflicts);
  const run = useAsyncRunner();

  const typing = state.editing !== null;
  const mode = typing ? 'typing' : 'normal';
  const on: Condition[] = typing ? [] : [...(selectedItem(state.list) ? (['docRow'] as const) : []), ...(hasPages(state.list) ? (['docPages'] as const) : [])];
  const room = Math.max(3, rows - chromeRows(footerRows(lang, 'conflicts', mode, width, on, readOnly).length) - AROUND);
  const limit = useRef(room);
  limit.current = room;

  const request = state.list.request;
  useEffect(() => {
    if (!request) return;
    const before = cursorOf(request);
    run(
      () => server.documents.conflicts.list(session, { ...conflictsInput(request.params), limit: limit.current, ...(before !== undefined ? { before } : {}) }),
      (page) => {
        dispatch({ type: 'counted', id: request.id, total: page.total });
        dispatch({ type: 'loaded', id: request.id, page });
      },
      (e) => dispatch({ type: 'failed', id: request.id, error: errorLabel(e) }),
    );
  }, [request, server, session, run]);

  useReloadWhenShown(active, () => dispatch({ type: 'reload' }));

  useKeys('conflicts', mode, typing
    ? { submit: () => dispatch({ type: 'applyFilter' }), back: () => dispatch({ type: 'cancelFilter' }) }
    : {
        up: () => dispatch({ type: 'up' }),
        down: () => dispatch({ type: 'down' }),
        nextPage: () => dispatch({ type: 'nextPage' }),
        prevPage: () => dispatch({ type: 'prevPage' }),
        refresh: () => dispatch({ type: 'reload' }),
        filter: () => dispatch({ type: 'openFilter' }),
        toggleState: () => dispatch({ type: 'toggleState' }),
        open: () => {
          const c = selectedItem(state.list);
          if (c) controls.open({ screen: 'conflict', conflictId: c.id });
        },
        back: () => (state.list.params.filter !== '' && !niu ? dispatch({ type: 'clearFilter' }) : controls.back()),
      },
  (input, key) => dispatch({ type: 'filterText', input, key }),
  on);

  return <ConflictsView lang={lang} width={width} state={state} room={room} on={on} />;
}
