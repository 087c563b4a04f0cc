import { useEffect, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { errorLabel, useAsyncRunner } from '@docstream/console-kit';
import { useConsole } from '../../hooks/console-context.js';
import { useKeys } from '../../keys/kit.js';
import { initialSecurity, securityConditions, securityMode, securityReducer } from './security-reducer.js';
import { SECURITY_CHROME, SecurityView } from './SecurityView.js';

/**
 * Container of the Security screen: the PKI at a glance and the centres' certificates,
 * one page per read; a supervisor revokes the chosen certificate with a reason after an
 * o/n question (the core refuses anyone else, in its words).
 */
export function SecurityScreen({ width, rows, session }: { width: number; rows: number; session: Session }) {
  const { server, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(securityReducer, Math.max(3, rows - SECURITY_CHROME), initialSecurity);
  const run = useAsyncRunner();

  const { request: id, offset, pageSize, filter } = state;
  useEffect(() => {
    if (id === null) return;
    run(
      async () => {
        const [overview, page] = await Promise.all([
          server.pki.overview(session),
          server.pki.certificatePage(session, { offset, limit: pageSize, ...(filter ? { matricule: filter } : {}) }),
        ]);
        return { overview: overview ?? null, page };
      },
      (r) => dispatch({ type: 'loaded', id, ...r }),
      (e) => dispatch({ type: 'failed', id, error: errorLabel(e) }),
    );
  }, [id, offset, pageSize, filter, server, session, run]);

  const p = state.prompt;
  const running = p.step === 'running' ? p : null;
  useEffect(() => {
    if (!running) return;
    run(
      () => server.pki.revoke(session, running.op.matricule, running.op.reason, running.op.serial),
      () => dispatch({ type: 'done', id: running.id }),
      (e) => dispatch({ type: 'opFailed', id: running.id, error: errorLabel(e) }),
    );
  }, [running, server, session, run]);

  const mode = securityMode(state);
  useKeys(
    'security',
    mode,
    mode === 'confirm'
      ? { yes: () => dispatch({ type: 'yes' }), no: () => dispatch({ type: 'no' }) }
      : mode === 'typing'
        ? { submit: () => dispatch({ type: 'submit' }), back: () => dispatch({ type: 'cancel' }) }
        : {
            up: () => dispatch({ type: 'up' }),
            down: () => dispatch({ type: 'down' }),
            prevPage: () => dispatch({ type: 'prevPage' }),
            nextPage: () => dispatch({ type: 'nextPage' }),
            filter: () => dispatch({ type: 'filter' }),
            revoke: () => dispatch({ type: 'revoke' }),
            refresh: () => dispatch({ type: 'refresh' }),
            back: () => controls.back(),
          },
    (input, key) => dispatch({ type: 'text', input, key }),
    securityConditions(state),
  );
  return <SecurityView lang={lang} width={width} state={state} />;
}
