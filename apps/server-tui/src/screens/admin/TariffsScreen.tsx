import { useEffect, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { errorLabel, useAsyncRunner } from '@docstream/console-kit';
import { useConsole } from '../../hooks/console-context.js';
import { useKeys } from '../../keys/kit.js';
import { initialTariffs, tariffsConditions, tariffsMode, tariffsReducer } from './tariffs-reducer.js';
import { TariffsView } from './TariffsView.js';

/**
 * Container of the Tariffs screen: every operator reads the prices; setting one is the
 * supervisor's (the core refuses anyone else, in its words), after an o/n question.
 */
export function TariffsScreen({ width, session }: { width: number; session: Session }) {
  const { server, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(tariffsReducer, undefined, initialTariffs);
  const run = useAsyncRunner();

  useEffect(() => {
    const id = state.request;
    if (id === null) return;
    run(
      () => server.accounts.tariffs(session),
      (prices) => dispatch({ type: 'loaded', id, prices }),
      (e) => dispatch({ type: 'failed', id, error: errorLabel(e) }),
    );
  }, [state.request, server, session, run]);

  const p = state.prompt;
  const running = p.step === 'running' ? p : null;
  useEffect(() => {
    if (!running) return;
    run(
      () => server.accounts.setTariff(session, running.op.service, running.op.price),
      () => dispatch({ type: 'done', id: running.id }),
      (e) => dispatch({ type: 'opFailed', id: running.id, error: errorLabel(e) }),
    );
  }, [running, server, session, run]);

  const mode = tariffsMode(state);
  useKeys(
    'tariffs',
    mode,
    mode === 'confirm'
      ? { yes: () => dispatch({ type: 'yes' }), no: () => dispatch({ type: 'no' }) }
      : mode === 'typing'
        ? { submit: () => dispatch({ type: 'submit' }), back: () => dispatch({ type: 'cancel' }) }
        : {
            up: () => dispatch({ type: 'up' }),
            down: () => dispatch({ type: 'down' }),
            setTariff: () => dispatch({ type: 'edit' }),
            refresh: () => dispatch({ type: 'refresh' }),
            back: () => controls.back(),
          },
    (input, key) => dispatch({ type: 'text', input, key }),
    tariffsConditions(state),
  );
  return <TariffsView lang={lang} width={width} state={state} />;
}
