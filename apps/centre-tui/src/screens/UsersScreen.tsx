import { useEffect, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { errorCode, errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import { initialUsers, usersConditions, usersMode, usersReducer, type UserOp, type UserRow } from './users-reducer.js';
import { UsersView } from './UsersView.js';

export interface UsersScreenProps {
  width: number;
  rows: number;
  session: Session;
}

/**
 * Container of the Users screen (Officer only: the core refuses anyone else, and that
 * refusal is all such a user sees): the accounts, then create, edit, suspend and reset a
 * password, each after an o/n question; a temporary password is shown once.
 */
export function UsersScreen({ width, rows, session }: UsersScreenProps) {
  const { centre, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(usersReducer, undefined, initialUsers);
  const run = useAsyncRunner();

  useEffect(() => {
    const r = state.request;
    if (!r) return;
    run(
      () => centre.users.list(session),
      (list) => dispatch({ type: 'loaded', id: r.id, rows: list }),
      (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e), code: errorCode(e) }),
    );
  }, [state.request, centre, session, run]);

  useEffect(() => {
    const p = state.pending;
    if (!p) return;
    const call = (op: UserOp): Promise<{ user: UserRow; temporaryPassword?: string }> => {
      switch (op.kind) {
        case 'create':
          return centre.users.create(session, { login: op.login, fullName: op.fullName, privilege: op.privilege });
        case 'edit':
          return centre.users.edit(session, op.login, { fullName: op.fullName, privilege: op.privilege }).then((user) => ({ user }));
        case 'suspend':
          return centre.users.suspend(session, op.login).then((user) => ({ user }));
        case 'reset':
          return centre.users.resetPassword(session, op.login);
      }
    };
    run(
      () => call(p.op),
      (r) => dispatch({ type: 'done', id: p.id, user: r.user, ...(r.temporaryPassword !== undefined ? { temporaryPassword: r.temporaryPassword } : {}) }),
      (e) => dispatch({ type: 'opFailed', id: p.id, error: errorLabel(e) }),
    );
  }, [state.pending, centre, session, run]);

  const mode = usersMode(state);
  useKeys(
    'users',
    mode,
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
            back: () => controls.back(),
          },
    (input, key) => dispatch({ type: 'text', input, key }),
    usersConditions(state),
  );

  return <UsersView lang={lang} width={width} rows={rows} state={state} />;
}
