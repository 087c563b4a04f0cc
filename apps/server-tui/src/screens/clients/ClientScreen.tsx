import { useEffect, useReducer, useRef } from 'react';
import type { Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { useKeys } from '../../keys/kit.js';
import { problemsOf } from './client-words.js';
import { clientConditions, clientMode, clientReducer, initialClient, type ClientOp, type ClientResult } from './client-reducer.js';
import { ClientView } from './ClientView.js';

/**
 * Container of a centre's detail: reads it (again on `r`, after each action, and when the
 * detail comes back on top from the account or the messages), runs the action asked for
 * after its o/n question, opens the account and the messages.
 */
export function ClientScreen({ active, width, session, matricule }: { active: boolean; width: number; session: Session; matricule: string }) {
  const { server, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(clientReducer, matricule, initialClient);
  const run = useAsyncRunner();

  useEffect(() => {
    const r = state.request;
    if (!r) return;
    run(
      () => server.clients.details(session, matricule),
      (details) => dispatch({ type: 'loaded', id: r.id, details }),
      (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e) }),
    );
  }, [state.request, server, session, matricule, run]);

  useEffect(() => {
    const p = state.pending;
    if (!p) return;
    const call = async (op: ClientOp): Promise<ClientResult> => {
      switch (op.kind) {
        case 'edit':
          await server.clients.edit(session, matricule, op.changes);
          return { kind: 'edit' };
        case 'status':
          return { kind: 'status', status: op.to, ...(await server.clients.setStatus(session, matricule, op.to)) };
        case 'code':
          return { kind: 'code', ...(await server.pki.newEnrolmentCode(session, matricule)) };
        case 'profile':
          await server.clients.sendProfile(session, matricule);
          return { kind: 'profile' };
      }
    };
    run(
      () => call(p.op),
      (result) => dispatch({ type: 'done', id: p.id, result }),
      (e) => dispatch({ type: 'opFailed', id: p.id, error: errorLabel(e), problems: problemsOf(e) }),
    );
  }, [state.pending, server, session, matricule, run]);

  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) dispatch({ type: 'refresh' });
    wasActive.current = active;
  }, [active]);

  const mode = clientMode(state);
  useKeys(
    'client',
    mode,
    mode === 'typing'
      ? {
          nextField: () => dispatch({ type: 'nextField' }),
          prevField: () => dispatch({ type: 'prevField' }),
          prevChoice: () => dispatch({ type: 'prevChoice' }),
          nextChoice: () => dispatch({ type: 'nextChoice' }),
          submit: () => dispatch({ type: 'submit' }),
          back: () => dispatch({ type: 'cancel' }),
        }
      : mode === 'confirm'
        ? { yes: () => dispatch({ type: 'yes' }), no: () => dispatch({ type: 'no' }) }
        : {
            editClient: () => dispatch({ type: 'edit' }),
            clientStatus: () => dispatch({ type: 'chooseStatus' }),
            clientCode: () => dispatch({ type: 'newCode' }),
            clientProfile: () => dispatch({ type: 'sendProfile' }),
            clientAccount: () => controls.open({ screen: 'clientAccount', matricule }),
            clientMessages: () => controls.open({ screen: 'clientMessages', matricule }),
            refresh: () => dispatch({ type: 'refresh' }),
          },
    (input, key) => dispatch({ type: 'text', input, key }),
    clientConditions(state, session.privilege),
  );

  return <ClientView lang={lang} width={width} state={state} privilege={session.privilege} />;
}
