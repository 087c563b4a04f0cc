import { useEffect, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { useKeys } from '../../keys/kit.js';
import { problemsOf } from './client-words.js';
import { accountConditions, accountMode, accountReducer, initialAccount, monthToDate } from './account-reducer.js';
import { ACCOUNT_CHROME, AccountView } from './AccountView.js';

/**
 * Container of a centre's account: reads the balance and the statement of the period
 * (this month by default), recharges after an o/n question (Operator and up).
 */
export function AccountScreen({ width, rows, session, matricule }: { width: number; rows: number; session: Session; matricule: string }) {
  const { server, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(accountReducer, undefined, () => initialAccount(matricule, monthToDate(server.clock.now()), Math.max(3, rows - ACCOUNT_CHROME)));
  const run = useAsyncRunner();

  useEffect(() => {
    const r = state.request;
    if (!r) return;
    run(
      async () => {
        const statement = await server.accounts.statement(session, matricule, r.period);
        return { statement, account: await server.accounts.get(session, matricule) };
      },
      ({ account, statement }) => dispatch({ type: 'loaded', id: r.id, account, statement }),
      (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e), problems: problemsOf(e) }),
    );
  }, [state.request, server, session, matricule, run]);

  useEffect(() => {
    const p = state.pending;
    if (!p) return;
    run(
      () => server.accounts.recharge(session, matricule, p.amount, p.reference),
      (row) => dispatch({ type: 'done', id: p.id, row }),
      (e) => dispatch({ type: 'opFailed', id: p.id, error: errorLabel(e), problems: problemsOf(e) }),
    );
  }, [state.pending, server, session, matricule, run]);

  const mode = accountMode(state);
  useKeys(
    'clientAccount',
    mode,
    mode === 'typing'
      ? {
          nextField: () => dispatch({ type: 'nextField' }),
          prevField: () => dispatch({ type: 'prevField' }),
          submit: () => dispatch({ type: 'submit' }),
          back: () => dispatch({ type: 'cancel' }),
        }
      : mode === 'confirm'
        ? { yes: () => dispatch({ type: 'yes' }), no: () => dispatch({ type: 'no' }) }
        : {
            recharge: () => dispatch({ type: 'recharge' }),
            period: () => dispatch({ type: 'period' }),
            prevPage: () => dispatch({ type: 'prevPage' }),
            nextPage: () => dispatch({ type: 'nextPage' }),
            refresh: () => dispatch({ type: 'refresh' }),
            back: () => controls.back(),
          },
    (input, key) => dispatch({ type: 'text', input, key }),
    accountConditions(state, session.privilege),
  );

  return <AccountView lang={lang} width={width} state={state} privilege={session.privilege} />;
}
