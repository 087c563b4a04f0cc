import { useEffect, useMemo, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { footerRows, useKeys } from '../../keys/kit.js';
import { conflictLines } from './conflict-lines.js';
import { conflictConditions, conflictError, conflictMode, conflictReducer, conflictStatus, initialConflict } from './conflict-reducer.js';
import { chromeRows } from './layout.js';
import { ScrolledView } from './ScrolledView.js';
import { dt } from './strings.js';

/**
 * Container of one conflict: the stored and the received version side by side; on an open
 * one, `k` keep or `a` ask the centre to cancel, each with a remark, then asked o/n with
 * what it does. The core decides who may and refuses a second decision, in its words.
 */
export function ConflictScreen({ width, rows, session, conflictId }: { width: number; rows: number; session: Session; conflictId: number }) {
  const { server, lang, readOnly } = useConsole();
  const [state, dispatch] = useReducer(conflictReducer, undefined, initialConflict);
  const run = useAsyncRunner();

  const request = state.view.request;
  useEffect(() => {
    run(
      () => server.documents.conflicts.detail(session, conflictId),
      (data) => dispatch({ type: 'loaded', request, data }),
      (e) => dispatch({ type: 'failed', request, error: errorLabel(e) }),
    );
  }, [request, server, session, conflictId, run]);

  const running = state.decide.decision.step === 'running' ? state.decide.decision : null;
  useEffect(() => {
    if (!running) return;
    const { id, kind, text } = running;
    run(
      () => server.documents.conflicts.resolve(session, conflictId, { decision: kind, remark: text }),
      (summary) => dispatch({ type: 'resolved', id, summary }),
      (e) => dispatch({ type: 'refused', id, error: errorLabel(e) }),
    );
  }, [running, server, session, conflictId, run]);

  const lines = useMemo(() => (state.view.data ? conflictLines(lang, state.view.data, width, readOnly) : []), [state.view.data, lang, width, readOnly]);
  const mode = conflictMode(state);
  const roomFor = (scrolls: boolean) => rows - chromeRows(footerRows(lang, 'conflict', mode, width, conflictConditions(state, scrolls), readOnly).length) - 1;
  const on = conflictConditions(state, lines.length > roomFor(true));
  const height = Math.max(3, rows - chromeRows(footerRows(lang, 'conflict', mode, width, on, readOnly).length) - 1);
  const total = lines.length;
  const decide = (action: Parameters<typeof conflictReducer>[1] & { type: 'decision' }) => () => dispatch(action);

  useKeys('conflict', mode, mode === 'typing'
    ? { submit: decide({ type: 'decision', action: { type: 'submit' } }), back: decide({ type: 'decision', action: { type: 'discard' } }) }
    : mode === 'confirm'
      ? { yes: decide({ type: 'decision', action: { type: 'yes' } }), no: decide({ type: 'decision', action: { type: 'no' } }) }
      : {
          up: () => dispatch({ type: 'scroll', by: -1, total, height }),
          down: () => dispatch({ type: 'scroll', by: 1, total, height }),
          prevPage: () => dispatch({ type: 'page', direction: -1, total, height }),
          nextPage: () => dispatch({ type: 'page', direction: 1, total, height }),
          refresh: () => dispatch({ type: 'refresh' }),
          keep: decide({ type: 'decision', action: { type: 'start', kind: 'keep', target: conflictId } }),
          askCancel: decide({ type: 'decision', action: { type: 'start', kind: 'ask_cancel', target: conflictId } }),
        },
  (input, key) => dispatch({ type: 'decision', action: { type: 'text', input, key } }),
  on);

  const title = dt(lang, 'conflictTitle', { id: conflictId, niu: state.view.data?.niu ?? '' }).replace(/ — $/, '');
  return (
    <ScrolledView lang={lang} width={width} screen="conflict" mode={mode} on={on} title={title}
      lines={lines} scroll={state.view.scroll} height={height} error={conflictError(state)} status={conflictStatus(lang, state, width)} />
  );
}
