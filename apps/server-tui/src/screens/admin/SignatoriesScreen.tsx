import { useEffect, useReducer } from 'react';
import type { Session, SignatoryRow } from '@docstream/core';
import { errorLabel, useAsyncRunner } from '@docstream/console-kit';
import { useConsole } from '../../hooks/console-context.js';
import { useKeys } from '../../keys/kit.js';
import { initialSignatories, signatoriesConditions, signatoriesMode, signatoriesReducer, type SignatoryOp } from './signatories-reducer.js';
import { SignatoriesView } from './SignatoriesView.js';

/**
 * Container of the Signatories screen: every operator reads them; adding, editing and
 * (in)activating are the supervisor's (the core refuses anyone else, in its words).
 */
export function SignatoriesScreen({ width, rows, session }: { width: number; rows: number; session: Session }) {
  const { server, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(signatoriesReducer, undefined, initialSignatories);
  const run = useAsyncRunner();

  const { request: id, filter } = state;
  useEffect(() => {
    if (id === null) return;
    run(
      () => server.signatories.list(session, filter || undefined),
      (list) => dispatch({ type: 'loaded', id, rows: list }),
      (e) => dispatch({ type: 'failed', id, error: errorLabel(e) }),
    );
  }, [id, filter, server, session, run]);

  useEffect(() => {
    const p = state.pending;
    if (!p) return;
    const call = (op: SignatoryOp): Promise<SignatoryRow> => {
      switch (op.kind) {
        case 'add':
          return server.signatories.add(session, { fullName: op.fullName, title: op.title, ...(op.matricule ? { matricule: op.matricule } : {}) });
        case 'edit':
          return server.signatories.edit(session, op.id, { fullName: op.fullName, title: op.title });
        case 'toggle':
          return server.signatories.edit(session, op.id, { active: op.active });
      }
    };
    run(
      () => call(p.op),
      (row) => dispatch({ type: 'done', id: p.id, row }),
      (e) => dispatch({ type: 'opFailed', id: p.id, error: errorLabel(e) }),
    );
  }, [state.pending, server, session, run]);

  const mode = signatoriesMode(state);
  useKeys(
    'signatories',
    mode,
    mode === 'confirm'
      ? { yes: () => dispatch({ type: 'yes' }), no: () => dispatch({ type: 'no' }) }
      : mode === 'typing'
        ? {
            nextField: () => dispatch({ type: 'nextField' }),
            prevField: () => dispatch({ type: 'prevField' }),
            submit: () => dispatch({ type: 'submit' }),
            back: () => dispatch({ type: 'cancel' }),
          }
        : {
            up: () => dispatch({ type: 'up' }),
            down: () => dispatch({ type: 'down' }),
            newSignatory: () => dispatch({ type: 'new' }),
            editSignatory: () => dispatch({ type: 'edit' }),
            toggleSignatory: () => dispatch({ type: 'toggle' }),
            filter: () => dispatch({ type: 'filter' }),
            refresh: () => dispatch({ type: 'refresh' }),
            back: () => controls.back(),
          },
    (input, key) => dispatch({ type: 'text', input, key }),
    signatoriesConditions(state),
  );
  return <SignatoriesView lang={lang} width={width} rows={rows} state={state} />;
}
