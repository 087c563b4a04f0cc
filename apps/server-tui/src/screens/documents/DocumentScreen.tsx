import { useEffect, useMemo, useReducer } from 'react';
import type { DocumentDetail, Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { footerRows, useKeys } from '../../keys/kit.js';
import type { Condition } from '../../keys/bindings.js';
import { conflictsTarget, documentLines } from './document-lines.js';
import { chromeRows } from './layout.js';
import { initialScroll, scrollReducer, type ScrollState, type ScrollAction } from './scroll-reducer.js';
import { ScrolledView } from './ScrolledView.js';
import { dt } from './strings.js';
import { useReloadWhenShown } from './use-reload.js';

type State = ScrollState<DocumentDetail>;
const reducer = (s: State, a: ScrollAction<DocumentDetail>) => scrollReducer(s, a);

/** Container of a central document's detail: fields with their labels, container, history; `c` its conflicts. */
export function DocumentScreen({ active, width, rows, session, niu }: { active: boolean; width: number; rows: number; session: Session; niu: string }) {
  const { server, lang, controls, readOnly } = useConsole();
  const [state, dispatch] = useReducer(reducer, undefined, () => initialScroll<DocumentDetail>());
  const run = useAsyncRunner();

  useEffect(() => {
    const request = state.request;
    run(
      () => server.documents.detail(session, niu),
      (data) => dispatch({ type: 'loaded', request, data }),
      (e) => dispatch({ type: 'failed', request, error: errorLabel(e) }),
    );
  }, [state.request, server, session, niu, run]);

  // A conflict resolved from here changes the history: read it again on return.
  useReloadWhenShown(active, () => dispatch({ type: 'refresh' }));

  const lines = useMemo(() => (state.data ? documentLines(lang, state.data, width) : []), [state.data, lang, width]);
  const target = state.data ? conflictsTarget(state.data) : null;
  const on0: Condition[] = target ? ['docConflicts'] : [];
  const height0 = rows - chromeRows(footerRows(lang, 'docDetail', 'normal', width, [...on0, 'docScroll'], readOnly).length) - 1;
  const on: Condition[] = lines.length > height0 ? [...on0, 'docScroll'] : on0;
  const height = Math.max(3, rows - chromeRows(footerRows(lang, 'docDetail', 'normal', width, on, readOnly).length) - 1);
  const total = lines.length;

  useKeys('docDetail', 'normal', {
    up: () => dispatch({ type: 'scroll', by: -1, total, height }),
    down: () => dispatch({ type: 'scroll', by: 1, total, height }),
    prevPage: () => dispatch({ type: 'page', direction: -1, total, height }),
    nextPage: () => dispatch({ type: 'page', direction: 1, total, height }),
    refresh: () => dispatch({ type: 'refresh' }),
    conflictsOf: () => {
      if (!target) return;
      controls.open('conflictId' in target ? { screen: 'conflict', conflictId: target.conflictId } : { screen: 'conflicts', niu: target.niu });
    },
  }, undefined, on);

  return (
    <ScrolledView lang={lang} width={width} screen="docDetail" mode="normal" on={on} title={dt(lang, 'detailTitle', { niu })}
      lines={lines} scroll={state.scroll} height={height} error={state.error} status={state.loading ? dt(lang, 'loading') : null} />
  );
}
