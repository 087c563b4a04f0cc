import { useEffect, useReducer, useRef, type ReactElement } from 'react';
import type { Key } from 'ink';
import type { Lang, Session } from '@docstream/core';
import type { Mode } from '../keys/types.js';
import type { ScreenFrameProps } from '../console-kit.js';
import { useAsyncRunner } from '../hooks/useAsyncRunner.js';
import { errorCode, errorLabel } from '../text/labels.js';
import { type AccountOp, type AccountRow, type AccountsModel } from './accounts-model.js';
import { AccountsView, type AccountsFrame } from './AccountsView.js';

/** What an accounts screen needs from the core: the centre's `users` or the server's `operators`. */
export interface AccountsService {
  list(session: Session): Promise<AccountRow[]>;
  create(session: Session, input: { login: string; fullName: string; privilege: number }): Promise<{ user: AccountRow; temporaryPassword: string }>;
  edit(session: Session, login: string, changes: { fullName?: string; privilege?: number }): Promise<AccountRow>;
  suspend(session: Session, login: string): Promise<AccountRow>;
  resetPassword(session: Session, login: string): Promise<{ user: AccountRow; temporaryPassword: string }>;
}

/** What the accounts screen needs from an app's kit: its key routing and its frame. */
export interface AccountsKit<S extends string, A extends string, C extends string> {
  useKeys(screen: S, mode: Mode, handlers: Partial<Record<A, () => void>>, onText?: (input: string, key: Key) => void, on?: readonly C[]): void;
  ScreenFrame(props: ScreenFrameProps<S, C>): ReactElement;
}

export interface AccountsScreenProps {
  lang: Lang;
  width: number;
  rows: number;
  session: Session;
  service: AccountsService;
  /** Esc on the list. */
  onBack: () => void;
}

/**
 * The accounts screen of a console (its rows in the key table come from `accountsKeys`):
 * the app gives its kit, the screen id and the model of its roles and words; each use
 * gives the core's account service.
 */
export function createAccountsScreen<S extends string, A extends string, C extends string>(kit: AccountsKit<S, A, C>, screen: S, model: AccountsModel) {
  const Frame: AccountsFrame = ({ on, ...props }) => <kit.ScreenFrame {...props} on={on as readonly string[] as readonly C[]} screen={screen} />;

  /** Container: the list, then create, edit, suspend, reset after an o/n question; the core decides who may. */
  function AccountsScreen({ lang, width, rows, session, service, onBack }: AccountsScreenProps) {
    const [state, dispatch] = useReducer(model.reducer, undefined, model.initial);
    const run = useAsyncRunner();
    // The service object may be new at each render: only a new request calls it.
    const core = useRef(service);
    core.current = service;

    useEffect(() => {
      const r = state.request;
      if (!r) return;
      run(
        () => core.current.list(session),
        (list) => dispatch({ type: 'loaded', id: r.id, rows: list }),
        (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e), code: errorCode(e) }),
      );
    }, [state.request, session, run]);

    useEffect(() => {
      const p = state.pending;
      if (!p) return;
      const svc = core.current;
      const call = (op: AccountOp): Promise<{ user: AccountRow; temporaryPassword?: string }> => {
        switch (op.kind) {
          case 'create':
            return svc.create(session, { login: op.login, fullName: op.fullName, privilege: op.privilege });
          case 'edit':
            return svc.edit(session, op.login, { fullName: op.fullName, privilege: op.privilege }).then((user) => ({ user }));
          case 'suspend':
            return svc.suspend(session, op.login).then((user) => ({ user }));
          case 'reset':
            return svc.resetPassword(session, op.login);
        }
      };
      run(
        () => call(p.op),
        (r) => dispatch({ type: 'done', id: p.id, user: r.user, ...(r.temporaryPassword !== undefined ? { temporaryPassword: r.temporaryPassword } : {}) }),
        (e) => dispatch({ type: 'opFailed', id: p.id, error: errorLabel(e) }),
      );
    }, [state.pending, session, run]);

    const mode = model.mode(state);
    const handlers =
      mode === 'confirm'
        ? { yes: () => dispatch({ type: 'yes' }), no: () => dispatch({ type: 'no' }) }
        : mode === 'typing'
          ? {
              nextField: () => dispatch({ type: 'nextField' }),
              prevField: () => dispatch({ type: 'prevField' }),
              prevChoice: () => dispatch({ type: 'prevRole' }),
              nextChoice: () => dispatch({ type: 'nextRole' }),
              submit: () => dispatch({ type: 'submit' }),
              back: () => dispatch({ type: 'cancel' }),
            }
          : {
              up: () => dispatch({ type: 'up' }),
              down: () => dispatch({ type: 'down' }),
              newUser: () => dispatch({ type: 'new' }),
              editUser: () => dispatch({ type: 'edit' }),
              suspendUser: () => dispatch({ type: 'suspend' }),
              resetPassword: () => dispatch({ type: 'reset' }),
              refresh: () => dispatch({ type: 'refresh' }),
              back: onBack,
            };
    kit.useKeys(screen, mode, handlers as Partial<Record<A, () => void>>, (input, key) => dispatch({ type: 'text', input, key }), model.conditions(state) as readonly string[] as readonly C[]);

    return <AccountsView lang={lang} width={width} rows={rows} state={state} model={model} Frame={Frame} />;
  }

  return { AccountsScreen };
}
