import { useEffect, useReducer, useRef, type ReactElement } from 'react';
import type { Key } from 'ink';
import type { Lang, Session } from '@docstream/core';
import type { Mode } from '../keys/types.js';
import { useAsyncRunner } from '../hooks/useAsyncRunner.js';
import { errorCode, errorLabel } from '../text/labels.js';
import type { ScreenFrameProps } from '../console-kit.js';
import { initialLogin, loginReducer } from './login-reducer.js';
import { changePasswordReducer, initialChangePassword } from './change-password-reducer.js';
import { LoginView } from './LoginView.js';
import { ChangePasswordView } from './ChangePasswordView.js';
import type { AuthFrame } from './auth-frame.js';

type FieldAction = 'nextField' | 'prevField' | 'submit';

/** What the auth screens need from an app's kit: its key routing and its frame. */
export interface AuthKit<S extends string, A extends string, C extends string> {
  useKeys(screen: S, mode: Mode, handlers: Partial<Record<A, () => void>>, onText?: (input: string, key: Key) => void, on?: readonly C[]): void;
  ScreenFrame(props: ScreenFrameProps<S, C>): ReactElement;
}

/**
 * The login and password-change screens of a console, the same in both: the app says how
 * to log in and what follows (its core service decides; the screens only ask and show).
 */
export function createAuthScreens<S extends string, A extends string, C extends string>(kit: AuthKit<S, A, C>, screens: { login: S; changePassword: S }) {
  const frameFor = (screen: S): AuthFrame => (props) => <kit.ScreenFrame {...props} screen={screen} mode="typing" />;
  const LoginFrame = frameFor(screens.login);
  const ChangeFrame = frameFor(screens.changePassword);
  const fieldKeys = (dispatch: (a: { type: FieldAction }) => void) =>
    ({ nextField: () => dispatch({ type: 'nextField' }), prevField: () => dispatch({ type: 'prevField' }), submit: () => dispatch({ type: 'submit' }) }) as Partial<Record<A, () => void>>;

  /** Container: reads the keys, sends the attempt to `login`, hands the session on. */
  function LoginScreen({ lang, width, databaseLine, login, onLoggedIn }: { lang: Lang; width: number; databaseLine: string; login: (login: string, password: string) => Promise<Session>; onLoggedIn: (s: Session) => void }) {
    const [state, dispatch] = useReducer(loginReducer, initialLogin);
    const run = useAsyncRunner();
    // The callbacks may be new at each render: only a new request sends an attempt.
    const calls = useRef({ login, onLoggedIn });
    calls.current = { login, onLoggedIn };
    useEffect(() => {
      const r = state.request;
      if (!r) return;
      run(
        () => calls.current.login(r.login, r.password),
        (session) => {
          dispatch({ type: 'succeeded' });
          calls.current.onLoggedIn(session);
        },
        (e) => dispatch({ type: 'failed', error: errorLabel(e) }),
      );
    }, [state.request, run]);
    kit.useKeys(screens.login, 'typing', fieldKeys(dispatch), (input, key) => dispatch({ type: 'text', input, key }));
    return <LoginView lang={lang} width={width} state={state} databaseLine={databaseLine} Frame={LoginFrame} />;
  }

  /** Container: three masked fields, then `change`, then what follows with the new session. */
  function ChangePasswordScreen({ lang, width, session, forced, change, onChanged }: {
    lang: Lang;
    width: number;
    session: Session;
    /** The first login with a temporary password: no way round it but Esc to log out. */
    forced: boolean;
    change: (login: string, current: string, next: string) => Promise<Session>;
    onChanged: (s: Session) => void;
  }) {
    const [state, dispatch] = useReducer(changePasswordReducer, initialChangePassword);
    const run = useAsyncRunner();
    const calls = useRef({ change, onChanged });
    calls.current = { change, onChanged };
    useEffect(() => {
      const r = state.request;
      if (!r) return;
      run(
        () => calls.current.change(session.login, r.current, r.next),
        (next) => {
          dispatch({ type: 'succeeded' });
          calls.current.onChanged(next);
        },
        (e) => {
          const code = errorCode(e);
          dispatch(code === undefined ? { type: 'failed', error: errorLabel(e) } : { type: 'failed', error: errorLabel(e), code });
        },
      );
    }, [state.request, run, session.login]);
    kit.useKeys(screens.changePassword, 'typing', fieldKeys(dispatch), (input, key) => dispatch({ type: 'text', input, key }));
    return <ChangePasswordView lang={lang} width={width} state={state} login={session.login} forced={forced} Frame={ChangeFrame} />;
  }

  return { LoginScreen, ChangePasswordScreen };
}
