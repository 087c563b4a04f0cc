import { accountQueries, type AccountRow } from '../../auth/account-queries.js';

export type UserRow = AccountRow;

export const userQueries = accountQueries('docstream.users');
export const countUsers = userQueries.count;
export const userById = userQueries.byId;
