import { useEffect, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { errorCode, errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import { changePasswordReducer, initialChangePassword } from './change-password-reducer.js';
import { ChangePasswordView } from './ChangePasswordView.js';

export interface ChangePasswordScreenProps {
  width: number;
  session: Session;
  /** The first login with a temporary password: no way round it but Esc to log out. */
  forced: boolean;
}

/** Container: three masked fields, then `centre.users.changePassword`, then Home with the new session. */
export function ChangePasswordScreen({ width, session, forced }: ChangePasswordScreenProps) {
  const { centre, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(changePasswordReducer, initialChangePassword);
  const run = useAsyncRunner();

  useEffect(() => {
    const r = state.request;
    if (!r) return;
    run(
      () => centre.users.changePassword(session.login, r.current, r.next),
      (next) => {
        dispatch({ type: 'succeeded' });
        controls.passwordChanged(next);
      },
      (e) => {
        const code = errorCode(e);
        dispatch(code === undefined ? { type: 'failed', error: errorLabel(e) } : { type: 'failed', error: errorLabel(e), code });
      },
    );
  }, [state.request, centre, controls, run, session.login]);

  useKeys('changePassword', 'typing', {
      nextField: () => dispatch({ type: 'nextField' }),
      prevField: () => dispatch({ type: 'prevField' }),
      submit: () => dispatch({ type: 'submit' }),
    },
    (input, key) => dispatch({ type: 'text', input, key }),
  );

  return <ChangePasswordView lang={lang} width={width} state={state} login={session.login} forced={forced} />;
}
