import { useEffect, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import { accountReducer, initialAccount } from './account-reducer.js';
import { AccountView } from './AccountView.js';

/** Container of the Account screen: the read-only mirrors of the account and the profile; `r` reads them again. */
export function AccountScreen({ width, rows, session }: { width: number; rows: number; session: Session }) {
  const { centre, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(accountReducer, initialAccount);
  const run = useAsyncRunner();

  useEffect(() => {
    const r = state.request;
    if (!r) return;
    run(
      async () => {
        const [account, profile] = await Promise.all([centre.server.account(session), centre.server.profile(session)]);
        return { account, profile };
      },
      (d) => dispatch({ type: 'loaded', id: r.id, ...d }),
      (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e) }),
    );
  }, [state.request, centre, session, run]);

  useKeys('account', 'normal', {
    refresh: () => dispatch({ type: 'refresh' }),
    back: () => controls.back(),
  });

  return <AccountView lang={lang} width={width} rows={rows} state={state} />;
}
