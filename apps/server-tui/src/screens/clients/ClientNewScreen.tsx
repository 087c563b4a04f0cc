import { useEffect, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorCode, errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { useKeys } from '../../keys/kit.js';
import { problemsOf } from './client-words.js';
import { initialNewClient, newClientConditions, newClientMode, newClientReducer } from './client-new-reducer.js';
import { ClientNewView } from './ClientNewView.js';

/**
 * Container of the new-centre form (Operator and up): registers the centre and issues its
 * enrolment code in one core call, after an o/n question; the core's refusals come back
 * beside the fields they name.
 */
export function ClientNewScreen({ width, session }: { width: number; session: Session }) {
  const { server, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(newClientReducer, undefined, initialNewClient);
  const run = useAsyncRunner();

  useEffect(() => {
    const p = state.pending;
    if (!p) return;
    run(
      () => server.clients.addWithCode(session, p.input),
      (r) => dispatch({ type: 'done', id: p.id, created: { matricule: r.client.matricule, name: r.client.name, code: r.code, expiresAt: r.expiresAt } }),
      (e) => dispatch({ type: 'failed', id: p.id, error: errorLabel(e), problems: problemsOf(e), code: errorCode(e) }),
    );
  }, [state.pending, server, session, run]);

  const mode = newClientMode(state);
  useKeys(
    'clientNew',
    mode,
    mode === 'typing'
      ? {
          nextField: () => dispatch({ type: 'nextField' }),
          prevField: () => dispatch({ type: 'prevField' }),
          prevChoice: () => dispatch({ type: 'prevChoice' }),
          nextChoice: () => dispatch({ type: 'nextChoice' }),
          submit: () => dispatch({ type: 'submit' }),
          back: () => controls.back(),
        }
      : mode === 'confirm'
        ? { yes: () => dispatch({ type: 'yes' }), no: () => dispatch({ type: 'no' }) }
        : { back: () => controls.back() },
    (input, key) => dispatch({ type: 'text', input, key }),
    newClientConditions(state),
  );

  return <ClientNewView lang={lang} width={width} state={state} />;
}
