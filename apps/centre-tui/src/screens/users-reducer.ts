import type { Label } from '@docstream/core';
import { createAccountsModel, type AccountOp, type AccountRow, type AccountsAction, type AccountsState } from '@docstream/console-kit';

/**
 * The centre's Users screen is the console kit's accounts screen (apps/console-kit/src/
 * accounts) with the centre's roles and words: these are its bindings.
 */
export type UserRow = AccountRow;
export type UsersState = AccountsState;
export type UsersAction = AccountsAction;
export type UserOp = AccountOp;

/** The roles an account can be given here (0, suspended, is `s`). */
export const ROLES: readonly { privilege: 1 | 2 | 3; label: Label }[] = [
  { privilege: 1, label: { fr: 'Agent', en: 'Agent' } },
  { privilege: 2, label: { fr: 'Secrétaire', en: 'Secretary' } },
  { privilege: 3, label: { fr: 'Officier', en: 'Officer' } },
];

export const users = createAccountsModel({ roles: ROLES, strings: { title: { fr: 'Utilisateurs', en: 'Users' } } });

export const initialUsers = users.initial;
export const usersReducer = users.reducer;
export const usersMode = users.mode;
export const usersConditions = users.conditions;
export const userFlags = users.flags;
export const userRow = users.row;
export const userHeader = users.header;
export const askLine = users.askLine;
