import { useEffect, useReducer } from 'react';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import { initialLogin, loginReducer } from './login-reducer.js';
import { LoginView } from './LoginView.js';

/** Container: reads the keys, sends the attempt to `centre.users.login`, hands the session on. */
export function LoginScreen({ width, databaseLine }: { width: number; databaseLine: string }) {
  const { centre, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(loginReducer, initialLogin);
  const run = useAsyncRunner();

  useEffect(() => {
    const r = state.request;
    if (!r) return;
    run(
      () => centre.users.login(r.login, r.password),
      (session) => {
        dispatch({ type: 'succeeded' });
        controls.loggedIn(session);
      },
      (e) => dispatch({ type: 'failed', error: errorLabel(e) }),
    );
  }, [state.request, centre, controls, run]);

  useKeys('login', 'typing', {
      nextField: () => dispatch({ type: 'nextField' }),
      prevField: () => dispatch({ type: 'prevField' }),
      submit: () => dispatch({ type: 'submit' }),
    },
    (input, key) => dispatch({ type: 'text', input, key }),
  );

  return <LoginView lang={lang} width={width} state={state} databaseLine={databaseLine} />;
}
