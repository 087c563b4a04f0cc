import type { Label, Lang, UserView } from '@docstream/core';
import type { Mode } from '../keys/types.js';
import { editText, type TextKeyState } from '../keys/text-edit.js';
import { column, fit } from '../text/fit.js';
import { fill } from '../text/labels.js';
import { ACCOUNTS_STRINGS, type AccountsStringKey, type AccountsStrings } from './accounts-strings.js';

/** One account as the core lists it (a centre's user, a server's operator). */
export type AccountRow = UserView;

/** A role an account can be given on the screen (0, suspended, is its own key). */
export interface AccountRole {
  privilege: 1 | 2 | 3;
  label: Label;
}

/**
 * The screen's conditions, the same in both consoles: `userList` the list is shown (loaded,
 * not refused); `userSelected` a row is chosen; `userActive` the chosen account is not
 * suspended; `userRole` the form's role field has the focus.
 */
export type AccountsCondition = 'userList' | 'userSelected' | 'userActive' | 'userRole';

/** The account being created (`login` typed) or edited (`login` fixed). */
export interface AccountForm {
  kind: 'create' | 'edit';
  login: string;
  fullName: string;
  /** Index in the roles. */
  role: number;
  /** The focused field: create 0 login, 1 name, 2 role; edit 1 name, 2 role. */
  field: number;
}

/** What runs after the o/n question. */
export type AccountOp =
  | { kind: 'create'; login: string; fullName: string; privilege: 1 | 2 | 3 }
  | { kind: 'edit'; login: string; fullName: string; privilege: 1 | 2 | 3 }
  | { kind: 'suspend'; login: string }
  | { kind: 'reset'; login: string };

export interface AccountsState {
  rows: AccountRow[] | null;
  selected: number;
  view: 'list' | 'form' | 'confirm';
  form: AccountForm | null;
  /** The operation the o/n question asks about (view 'confirm'), then running (`pending`). */
  asking: AccountOp | null;
  pending: { id: number; op: AccountOp } | null;
  request: { id: number } | null;
  lastId: number;
  /** The core refused the screen to this user: nothing else is shown. */
  refused: Label | null;
  error: Label | null;
  notice: Label | null;
  /** A temporary password, shown once (until the next operation or refresh). */
  password: { login: string; password: string } | null;
}

export type AccountsAction =
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; rows: AccountRow[] }
  | { type: 'failed'; id: number; error: Label; code?: string | undefined }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'new' }
  | { type: 'edit' }
  | { type: 'suspend' }
  | { type: 'reset' }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'nextField' }
  | { type: 'prevField' }
  | { type: 'prevRole' }
  | { type: 'nextRole' }
  | { type: 'submit' }
  | { type: 'cancel' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'done'; id: number; user: AccountRow; temporaryPassword?: string }
  | { type: 'opFailed'; id: number; error: Label };

export interface AccountsConfig {
  /** The roles in the order ←→ cycles through them (privileges 1 to 3). */
  roles: readonly AccountRole[];
  /** The console's own words over the kit's (title, summary…). */
  strings?: Partial<AccountsStrings>;
}

export const ACCOUNT_COLS = { login: 12, name: 22, role: 11 };

const FIRST_FIELD = { create: 0, edit: 1 } as const;
const LAST_FIELD = 2;

function load(s: AccountsState): AccountsState {
  const id = s.lastId + 1;
  return { ...s, lastId: id, request: { id } };
}

export function initialAccounts(): AccountsState {
  return load({
    rows: null, selected: 0, view: 'list', form: null, asking: null, pending: null, request: null, lastId: 0,
    refused: null, error: null, notice: null, password: null,
  });
}

export function selectedAccount(s: AccountsState): AccountRow | undefined {
  return s.rows?.[s.selected];
}

export const isSuspended = (u: AccountRow): boolean => u.privilege === 0;

/** Whether the list's own keys work: loaded, not refused, nothing running. */
function listReady(s: AccountsState): boolean {
  return s.view === 'list' && s.rows !== null && s.refused === null && s.pending === null;
}

/** The key table's mode for this state. */
export function accountsMode(s: AccountsState): Mode {
  return s.view === 'form' ? 'typing' : s.view === 'confirm' ? 'confirm' : 'normal';
}

export function accountsConditions(s: AccountsState): AccountsCondition[] {
  if (s.view === 'form') return s.form?.field === LAST_FIELD ? ['userRole'] : [];
  if (!listReady(s)) return [];
  const u = selectedAccount(s);
  const on: AccountsCondition[] = ['userList'];
  if (u) on.push('userSelected');
  if (u && !isSuspended(u)) on.push('userActive');
  return on;
}

/**
 * The reducer, words and rows of an accounts screen for one console's roles: list,
 * create, edit, suspend and reset a password, each after an o/n question; the core alone
 * decides who may (its refusal is what a lesser role sees).
 */
export function createAccountsModel(cfg: AccountsConfig) {
  const roles = cfg.roles;
  const strings: AccountsStrings = { ...ACCOUNTS_STRINGS, ...cfg.strings };

  const text = (lang: Lang, key: AccountsStringKey, vars: Record<string, string | number> = {}): string => fill(strings[key][lang], vars);
  const label = (key: AccountsStringKey, vars: Record<string, string | number> = {}): Label => ({ fr: fill(strings[key].fr, vars), en: fill(strings[key].en, vars) });

  function formOp(f: AccountForm): AccountOp {
    const privilege = roles[f.role]!.privilege;
    return { kind: f.kind, login: f.login.trim(), fullName: f.fullName.trim(), privilege };
  }

  function reducer(s: AccountsState, a: AccountsAction): AccountsState {
    switch (a.type) {
      case 'refresh':
        if (s.view !== 'list' || s.pending) return s;
        return load({ ...s, error: null, notice: null, password: null });
      case 'loaded': {
        if (s.request?.id !== a.id) return s;
        const was = selectedAccount(s)?.login;
        const at = was === undefined ? -1 : a.rows.findIndex((r) => r.login === was);
        const selected = at >= 0 ? at : Math.min(s.selected, Math.max(0, a.rows.length - 1));
        return { ...s, request: null, rows: a.rows, selected, refused: null };
      }
      case 'failed':
        if (s.request?.id !== a.id) return s;
        if (a.code === 'forbidden') return { ...s, request: null, rows: null, refused: a.error, error: null };
        return { ...s, request: null, error: a.error };
      case 'up':
      case 'down': {
        if (!listReady(s) || !s.rows) return s;
        const selected = Math.max(0, Math.min(s.rows.length - 1, s.selected + (a.type === 'up' ? -1 : 1)));
        return selected === s.selected ? s : { ...s, selected };
      }
      case 'new':
        if (!listReady(s)) return s;
        return { ...s, view: 'form', form: { kind: 'create', login: '', fullName: '', role: 0, field: 0 }, error: null, notice: null, password: null };
      case 'edit': {
        const u = selectedAccount(s);
        if (!listReady(s) || !u) return s;
        const role = Math.max(0, roles.findIndex((r) => r.privilege === u.privilege));
        return { ...s, view: 'form', form: { kind: 'edit', login: u.login, fullName: u.fullName, role, field: 1 }, error: null, notice: null, password: null };
      }
      case 'suspend':
      case 'reset': {
        const u = selectedAccount(s);
        if (!listReady(s) || !u) return s;
        if (a.type === 'suspend' && isSuspended(u)) return s;
        return { ...s, view: 'confirm', asking: { kind: a.type, login: u.login }, error: null, notice: null, password: null };
      }
      case 'text': {
        const f = s.form;
        if (s.view !== 'form' || !f || f.field === LAST_FIELD) return s;
        const key = f.field === 0 ? 'login' : 'fullName';
        const value = editText(f[key], a.input, a.key, key === 'login' ? 32 : 120);
        return value === f[key] ? s : { ...s, form: { ...f, [key]: value }, error: null };
      }
      case 'nextField':
      case 'prevField': {
        const f = s.form;
        if (s.view !== 'form' || !f) return s;
        const field = Math.max(FIRST_FIELD[f.kind], Math.min(LAST_FIELD, f.field + (a.type === 'nextField' ? 1 : -1)));
        return field === f.field ? s : { ...s, form: { ...f, field } };
      }
      case 'prevRole':
      case 'nextRole': {
        const f = s.form;
        if (s.view !== 'form' || !f || f.field !== LAST_FIELD) return s;
        const role = (f.role + (a.type === 'nextRole' ? 1 : roles.length - 1)) % roles.length;
        return { ...s, form: { ...f, role } };
      }
      case 'submit': {
        const f = s.form;
        if (s.view !== 'form' || !f) return s;
        if (f.field < LAST_FIELD) return { ...s, form: { ...f, field: f.field + 1 } };
        // Only the obvious is checked here; the core alone validates the login and the name.
        if (f.kind === 'create' && f.login.trim() === '') return { ...s, form: { ...f, field: 0 }, error: strings.loginRequired };
        if (f.fullName.trim() === '') return { ...s, form: { ...f, field: 1 }, error: strings.nameRequired };
        return { ...s, view: 'confirm', asking: formOp(f), error: null };
      }
      case 'cancel':
        return s.view === 'form' ? { ...s, view: 'list', form: null, error: null } : s;
      case 'no':
        if (s.view !== 'confirm' || s.pending) return s;
        return { ...s, view: s.form ? 'form' : 'list', asking: null };
      case 'yes': {
        if (s.view !== 'confirm' || !s.asking || s.pending) return s;
        const id = s.lastId + 1;
        return { ...s, lastId: id, pending: { id, op: s.asking } };
      }
      case 'done': {
        if (s.pending?.id !== a.id) return s;
        const op = s.pending.op;
        const key = op.kind === 'create' ? 'created' : op.kind === 'edit' ? 'edited' : op.kind === 'suspend' ? 'suspended' : 'reset';
        const rows = s.rows ?? [];
        const at = rows.findIndex((r) => r.login === a.user.login);
        const next = at >= 0 ? rows.map((r, i) => (i === at ? a.user : r)) : [...rows, a.user];
        return load({
          ...s,
          rows: next,
          selected: at >= 0 ? at : next.length - 1,
          view: 'list',
          form: null,
          asking: null,
          pending: null,
          error: null,
          notice: label(key, { login: a.user.login }),
          password: a.temporaryPassword !== undefined ? { login: a.user.login, password: a.temporaryPassword } : null,
        });
      }
      case 'opFailed': {
        if (s.pending?.id !== a.id) return s;
        // A form goes back to its fields with the core's objection; anything else to the list.
        return { ...s, pending: null, asking: null, view: s.form ? 'form' : 'list', error: a.error };
      }
    }
  }

  /** The state words of an account: à changer, bloqué, suspendu. */
  function flags(lang: Lang, u: AccountRow): string {
    const out: string[] = [];
    if (isSuspended(u)) out.push(text(lang, 'flagSuspended'));
    if (u.mustChangePassword) out.push(text(lang, 'flagChange'));
    if (u.locked) out.push(text(lang, 'flagLocked'));
    return out.join(', ');
  }

  /** One line of the list (without the selection marker), fitted to `width`. */
  function row(lang: Lang, u: AccountRow, width: number): string {
    const room = Math.max(8, width - 3 - (ACCOUNT_COLS.login + 1 + ACCOUNT_COLS.name + 1 + ACCOUNT_COLS.role + 1));
    return [column(u.login, ACCOUNT_COLS.login), column(u.fullName, ACCOUNT_COLS.name), column(u.role[lang], ACCOUNT_COLS.role), fit(flags(lang, u), room)].join(' ');
  }

  function header(lang: Lang): string {
    return [column(text(lang, 'colLogin'), ACCOUNT_COLS.login), column(text(lang, 'colName'), ACCOUNT_COLS.name), column(text(lang, 'colRole'), ACCOUNT_COLS.role), text(lang, 'colFlags')].join(' ');
  }

  /** The o/n question for an operation. */
  function askLine(lang: Lang, op: AccountOp): string {
    switch (op.kind) {
      case 'create':
        return text(lang, 'askCreate', { login: op.login, role: roles.find((r) => r.privilege === op.privilege)!.label[lang] });
      case 'edit':
        return text(lang, 'askEdit', { login: op.login });
      case 'suspend':
        return text(lang, 'askSuspend', { login: op.login });
      case 'reset':
        return text(lang, 'askReset', { login: op.login });
    }
  }

  return {
    roles, strings, text, initial: initialAccounts, reducer, mode: accountsMode, conditions: accountsConditions, selected: selectedAccount, flags, row, header, askLine,
  };
}

export type AccountsModel = ReturnType<typeof createAccountsModel>;
