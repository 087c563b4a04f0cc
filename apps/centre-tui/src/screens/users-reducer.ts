import type { Centre, Label, Lang } from '@docstream/core';
import { fill } from '../i18n.js';
import { editText, type TextKeyState } from '@docstream/console-kit';
import type { Condition, Mode } from '../keys/bindings.js';
import { column, fit } from '@docstream/console-kit';

/** One account as the core lists it. */
export type UserRow = Awaited<ReturnType<Centre['users']['list']>>[number];

/** The roles an account can be given here (0, suspended, is `s`). */
export const ROLES: readonly { privilege: 1 | 2 | 3; label: Label }[] = [
  { privilege: 1, label: { fr: 'Agent', en: 'Agent' } },
  { privilege: 2, label: { fr: 'Secrétaire', en: 'Secretary' } },
  { privilege: 3, label: { fr: 'Officier', en: 'Officer' } },
];

/** The strings of the Users screen, French first. */
export const USERS_STRINGS = {
  title: { fr: 'Utilisateurs', en: 'Users' },
  summary: { fr: '{n} compte(s)', en: '{n} account(s)' },
  none: { fr: 'Aucun compte.', en: 'No accounts.' },
  colLogin: { fr: 'Identifiant', en: 'User name' },
  colName: { fr: 'Nom complet', en: 'Full name' },
  colRole: { fr: 'Rôle', en: 'Role' },
  colFlags: { fr: 'État', en: 'State' },
  flagChange: { fr: 'à changer', en: 'to change' },
  flagLocked: { fr: 'bloqué', en: 'locked' },
  flagSuspended: { fr: 'suspendu', en: 'suspended' },
  newTitle: { fr: 'Nouveau compte', en: 'New account' },
  editTitle: { fr: 'Modifier le compte {login}', en: 'Edit the account {login}' },
  formIntro: {
    fr: 'Tab ou Entrée : champ suivant ; rôle : ←→ ; Entrée sur le rôle : enregistrer.',
    en: 'Tab or Enter: next field; role: ←→; Enter on the role: save.',
  },
  fieldLogin: { fr: 'Identifiant', en: 'User name' },
  fieldName: { fr: 'Nom complet', en: 'Full name' },
  fieldRole: { fr: 'Rôle', en: 'Role' },
  loginRequired: { fr: 'Saisissez l’identifiant.', en: 'Type the user name.' },
  nameRequired: { fr: 'Saisissez le nom complet.', en: 'Type the full name.' },
  askCreate: { fr: 'Créer le compte {login} ({role}) ? (o/n)', en: 'Create the account {login} ({role})? (y/n)' },
  askEdit: { fr: 'Enregistrer les changements du compte {login} ? (o/n)', en: 'Save the changes to the account {login}? (y/n)' },
  askSuspend: {
    fr: 'Suspendre le compte {login} ? Il ne pourra plus se connecter. (o/n)',
    en: 'Suspend the account {login}? It will no longer be able to log in. (y/n)',
  },
  askReset: {
    fr: 'Réinitialiser le mot de passe de {login} ? (o/n)',
    en: 'Reset the password of {login}? (y/n)',
  },
  working: { fr: 'Patientez…', en: 'Please wait…' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
  password: {
    fr: 'Mot de passe provisoire de {login} : {password} — à communiquer, il ne sera plus affiché',
    en: 'Temporary password of {login}: {password} — pass it on, it will not be shown again',
  },
  created: { fr: 'Compte {login} créé.', en: 'Account {login} created.' },
  edited: { fr: 'Compte {login} modifié.', en: 'Account {login} edited.' },
  suspended: { fr: 'Compte {login} suspendu.', en: 'Account {login} suspended.' },
  reset: { fr: 'Mot de passe de {login} réinitialisé.', en: 'Password of {login} reset.' },
} satisfies Record<string, Label>;

export type UsersString = keyof typeof USERS_STRINGS;

export function us(lang: Lang, key: UsersString, vars: Record<string, string | number> = {}): string {
  return fill(USERS_STRINGS[key][lang], vars);
}

function label(key: UsersString, vars: Record<string, string | number> = {}): Label {
  return { fr: fill(USERS_STRINGS[key].fr, vars), en: fill(USERS_STRINGS[key].en, vars) };
}

/** The account being created (`login` typed) or edited (`login` fixed). */
export interface UserForm {
  kind: 'create' | 'edit';
  login: string;
  fullName: string;
  /** Index in ROLES. */
  role: number;
  /** The focused field: create 0 login, 1 name, 2 role; edit 1 name, 2 role. */
  field: number;
}

/** What runs after the o/n question. */
export type UserOp =
  | { kind: 'create'; login: string; fullName: string; privilege: 1 | 2 | 3 }
  | { kind: 'edit'; login: string; fullName: string; privilege: 1 | 2 | 3 }
  | { kind: 'suspend'; login: string }
  | { kind: 'reset'; login: string };

export interface UsersState {
  rows: UserRow[] | null;
  selected: number;
  view: 'list' | 'form' | 'confirm';
  form: UserForm | null;
  /** The operation the o/n question asks about (view 'confirm'), then running (`pending`). */
  asking: UserOp | null;
  pending: { id: number; op: UserOp } | null;
  request: { id: number } | null;
  lastId: number;
  /** The core refused the screen to this user: nothing else is shown. */
  refused: Label | null;
  error: Label | null;
  notice: Label | null;
  /** A temporary password, shown once (until the next operation or refresh). */
  password: { login: string; password: string } | null;
}

export type UsersAction =
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; rows: UserRow[] }
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
  | { type: 'done'; id: number; user: UserRow; temporaryPassword?: string }
  | { type: 'opFailed'; id: number; error: Label };

function load(s: UsersState): UsersState {
  const id = s.lastId + 1;
  return { ...s, lastId: id, request: { id } };
}

export function initialUsers(): UsersState {
  return load({
    rows: null, selected: 0, view: 'list', form: null, asking: null, pending: null, request: null, lastId: 0,
    refused: null, error: null, notice: null, password: null,
  });
}

export function selectedUser(s: UsersState): UserRow | undefined {
  return s.rows?.[s.selected];
}

export const isSuspended = (u: UserRow): boolean => u.privilege === 0;

const FIRST_FIELD = { create: 0, edit: 1 } as const;
const LAST_FIELD = 2;

/** Whether the list's own keys work: loaded, not refused, nothing running. */
function listReady(s: UsersState): boolean {
  return s.view === 'list' && s.rows !== null && s.refused === null && s.pending === null;
}

function formOp(f: UserForm): UserOp {
  const privilege = ROLES[f.role]!.privilege;
  return { kind: f.kind, login: f.login.trim(), fullName: f.fullName.trim(), privilege };
}

export function usersReducer(s: UsersState, a: UsersAction): UsersState {
  switch (a.type) {
    case 'refresh':
      if (s.view !== 'list' || s.pending) return s;
      return load({ ...s, error: null, notice: null, password: null });
    case 'loaded': {
      if (s.request?.id !== a.id) return s;
      const was = selectedUser(s)?.login;
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
      return {
        ...s, view: 'form', form: { kind: 'create', login: '', fullName: '', role: 0, field: 0 }, error: null, notice: null, password: null,
      };
    case 'edit': {
      const u = selectedUser(s);
      if (!listReady(s) || !u) return s;
      const role = Math.max(0, ROLES.findIndex((r) => r.privilege === u.privilege));
      return {
        ...s, view: 'form', form: { kind: 'edit', login: u.login, fullName: u.fullName, role, field: 1 }, error: null, notice: null, password: null,
      };
    }
    case 'suspend':
    case 'reset': {
      const u = selectedUser(s);
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
      const role = (f.role + (a.type === 'nextRole' ? 1 : ROLES.length - 1)) % ROLES.length;
      return { ...s, form: { ...f, role } };
    }
    case 'submit': {
      const f = s.form;
      if (s.view !== 'form' || !f) return s;
      if (f.field < LAST_FIELD) return { ...s, form: { ...f, field: f.field + 1 } };
      // Only the obvious is checked here; the core alone validates the login and the name.
      if (f.kind === 'create' && f.login.trim() === '') return { ...s, form: { ...f, field: 0 }, error: USERS_STRINGS.loginRequired };
      if (f.fullName.trim() === '') return { ...s, form: { ...f, field: 1 }, error: USERS_STRINGS.nameRequired };
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

/** The key table's mode and conditions for this state. */
export function usersMode(s: UsersState): Mode {
  return s.view === 'form' ? 'typing' : s.view === 'confirm' ? 'confirm' : 'normal';
}

export function usersConditions(s: UsersState): Condition[] {
  if (s.view === 'form') return s.form?.field === LAST_FIELD ? ['userRole'] : [];
  if (!listReady(s)) return [];
  const u = selectedUser(s);
  const on: Condition[] = ['userList'];
  if (u) on.push('userSelected');
  if (u && !isSuspended(u)) on.push('userActive');
  return on;
}

export const USER_COLS = { login: 12, name: 22, role: 11 };

/** The state words of an account: à changer, bloqué, suspendu. */
export function userFlags(lang: Lang, u: UserRow): string {
  const flags: string[] = [];
  if (isSuspended(u)) flags.push(us(lang, 'flagSuspended'));
  if (u.mustChangePassword) flags.push(us(lang, 'flagChange'));
  if (u.locked) flags.push(us(lang, 'flagLocked'));
  return flags.join(', ');
}

/** One line of the list (without the selection marker), fitted to `width`. */
export function userRow(lang: Lang, u: UserRow, width: number): string {
  const room = Math.max(8, width - 3 - (USER_COLS.login + 1 + USER_COLS.name + 1 + USER_COLS.role + 1));
  return [
    column(u.login, USER_COLS.login),
    column(u.fullName, USER_COLS.name),
    column(u.role[lang], USER_COLS.role),
    fit(userFlags(lang, u), room),
  ].join(' ');
}

export function userHeader(lang: Lang): string {
  return [
    column(us(lang, 'colLogin'), USER_COLS.login),
    column(us(lang, 'colName'), USER_COLS.name),
    column(us(lang, 'colRole'), USER_COLS.role),
    us(lang, 'colFlags'),
  ].join(' ');
}

/** The o/n question for an operation. */
export function askLine(lang: Lang, op: UserOp): string {
  switch (op.kind) {
    case 'create':
      return us(lang, 'askCreate', { login: op.login, role: ROLES.find((r) => r.privilege === op.privilege)!.label[lang] });
    case 'edit':
      return us(lang, 'askEdit', { login: op.login });
    case 'suspend':
      return us(lang, 'askSuspend', { login: op.login });
    case 'reset':
      return us(lang, 'askReset', { login: op.login });
  }
}
