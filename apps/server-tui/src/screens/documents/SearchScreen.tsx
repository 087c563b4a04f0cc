import { useEffect, useReducer, useRef } from 'react';
import type { Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { footerRows, useKeys } from '../../keys/kit.js';
import type { Condition } from '../../keys/bindings.js';
import { chromeRows } from './layout.js';
import { cursorOf, hasPages, selectedItem } from './paged.js';
import { fieldOfProblem, initialSearch, searchInput, searchReducer } from './search-reducer.js';
import { SearchView } from './SearchView.js';
import { useReloadWhenShown } from './use-reload.js';

/** Criteria line, column header and page line around the results. */
const AROUND = 3;

/**
 * Container of the central search: `/` opens the criteria (the core checks them and a
 * refused one comes back to its field), ←→ page by cursor, Enter opens the document.
 */
export function SearchScreen({ active, width, rows, session }: { active: boolean; width: number; rows: number; session: Session }) {
  const { server, lang, controls, readOnly } = useConsole();
  const [state, dispatch] = useReducer(searchReducer, undefined, initialSearch);
  const run = useAsyncRunner();

  const typing = state.editing !== null;
  const mode = typing ? 'typing' : 'normal';
  const on: Condition[] = typing ? [] : [...(selectedItem(state.list) ? (['docRow'] as const) : []), ...(hasPages(state.list) ? (['docPages'] as const) : [])];
  const room = Math.max(3, rows - chromeRows(footerRows(lang, 'docSearch', mode, width, on, readOnly).length) - AROUND);

  useEffect(() => {
    run(
      () => server.forms.list(),
      (forms) => dispatch({ type: 'kinds', kinds: forms.map((f) => ({ id: f.id, title: f.title })) }),
      () => undefined, // without titles the rows show the kind's id
    );
  }, [server, run]);

  // Read when a search is asked, not a reason to search again.
  const asked = useRef({ room, kinds: state.kinds });
  asked.current = { room, kinds: state.kinds };

  const request = state.list.request;
  useEffect(() => {
    if (!request) return;
    const before = cursorOf(request);
    const { room: limit, kinds } = asked.current;
    run(
      () => server.documents.search(session, searchInput(request.params, kinds), { limit, ...(before !== undefined ? { before } : {}) }),
      (page) => dispatch({ type: 'loaded', id: request.id, page }),
      (e) => dispatch({ type: 'refused', id: request.id, error: errorLabel(e), field: fieldOfProblem((e as { problems?: { field?: string }[] }).problems?.[0]?.field) }),
    );
  }, [request, server, session, run]);

  useReloadWhenShown(active, () => dispatch({ type: 'reload' }));

  useKeys('docSearch', mode, typing
    ? {
        submit: () => dispatch({ type: 'applyCriteria' }),
        back: () => dispatch({ type: 'cancelCriteria' }),
        nextField: () => dispatch({ type: 'nextField' }),
        prevField: () => dispatch({ type: 'prevField' }),
      }
    : {
        up: () => dispatch({ type: 'up' }),
        down: () => dispatch({ type: 'down' }),
        nextPage: () => dispatch({ type: 'nextPage' }),
        prevPage: () => dispatch({ type: 'prevPage' }),
        refresh: () => dispatch({ type: 'reload' }),
        filter: () => dispatch({ type: 'openCriteria' }),
        open: () => {
          const hit = selectedItem(state.list);
          if (hit) controls.open({ screen: 'docDetail', niu: hit.niu });
        },
        back: () => (Object.values(state.list.params).some((v) => v.trim() !== '') ? dispatch({ type: 'clearCriteria' }) : controls.back()),
      },
  (input, key) => dispatch({ type: 'criteriaText', input, key }),
  on);

  return <SearchView lang={lang} width={width} state={state} room={room} on={on} />;
}
