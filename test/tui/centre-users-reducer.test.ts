import { describe, expect, it } from 'vitest';
import {
  askLine, initialUsers, userFlags, userRow, usersConditions, usersMode, usersReducer, type UserRow, type UsersState,
} from '../../apps/centre-tui/src/screens/users-reducer.js';

const user = (login: string, privilege: number, extra: Partial<UserRow> = {}): UserRow => ({
  id: login.length,
  login,
  fullName: `${login} Nom`,
  privilege,
  role: [{ fr: 'suspendu', en: 'suspended' }, { fr: 'Agent', en: 'Agent' }, { fr: 'Secrétaire', en: 'Secretary' }, { fr: 'Officier', en: 'Officer' }][privilege]!,
  mustChangePassword: false,
  locked: false,
  lastLoginAt: null,
  ...extra,
});

const ROWS = [user('awa', 1), user('chef', 3), user('binta', 0, { mustChangePassword: true, locked: true })];

function loaded(rows = ROWS): UsersState {
  const s = initialUsers();
  return usersReducer(s, { type: 'loaded', id: s.request!.id, rows });
}

const typeText = (s: UsersState, text: string) => [...text].reduce((x, ch) => usersReducer(x, { type: 'text', input: ch, key: {} }), s);

describe('users reducer', () => {
  it('loads the list, moves within it, and says which keys apply', () => {
    let s = initialUsers();
    expect(s.request).not.toBeNull();
    expect(usersConditions(s)).toEqual([]);
    s = loaded();
    expect(usersMode(s)).toBe('normal');
    expect(usersConditions(s)).toEqual(['userList', 'userSelected', 'userActive']);
    s = usersReducer(s, { type: 'up' });
    expect(s.selected).toBe(0);
    s = usersReducer(usersReducer(usersReducer(s, { type: 'down' }), { type: 'down' }), { type: 'down' });
    expect(s.selected).toBe(2);
    // a suspended account cannot be suspended again
    expect(usersConditions(s)).toEqual(['userList', 'userSelected']);
    expect(usersReducer(s, { type: 'suspend' })).toBe(s);
  });

  it('a refusal from the core (forbidden) leaves nothing else; another failure is an error', () => {
    const s0 = initialUsers();
    const refused = usersReducer(s0, { type: 'failed', id: s0.request!.id, error: { fr: 'Action refusée', en: 'Refused' }, code: 'forbidden' });
    expect(refused.refused?.fr).toBe('Action refusée');
    expect(usersConditions(refused)).toEqual([]);
    expect(usersReducer(refused, { type: 'new' })).toBe(refused);
    const failed = usersReducer(s0, { type: 'failed', id: s0.request!.id, error: { fr: 'Panne', en: 'Failure' }, code: 'db' });
    expect(failed.refused).toBeNull();
    expect(failed.error?.fr).toBe('Panne');
    // an old answer is ignored
    expect(usersReducer(s0, { type: 'failed', id: 99, error: { fr: 'x', en: 'x' } })).toBe(s0);
  });

  it('creates: fields in order, ←→ on the role only, Enter on it asks, o runs it, the password is kept once', () => {
    let s = usersReducer(loaded(), { type: 'new' });
    expect(usersMode(s)).toBe('typing');
    expect(usersConditions(s)).toEqual([]);
    s = usersReducer(s, { type: 'nextRole' });
    expect(s.form!.role).toBe(0);
    s = typeText(s, 'moussa');
    s = usersReducer(s, { type: 'submit' });
    expect(s.form!.field).toBe(1);
    // empty name: Enter on the role sends the focus back to it
    s = usersReducer(usersReducer(s, { type: 'submit' }), { type: 'submit' });
    expect(s.form!.field).toBe(1);
    expect(s.error?.fr).toBe('Saisissez le nom complet.');
    s = typeText(s, 'Moussa K');
    s = usersReducer(s, { type: 'nextField' });
    expect(usersConditions(s)).toEqual(['userRole']);
    s = usersReducer(s, { type: 'prevRole' });
    expect(s.form!.role).toBe(2);
    s = usersReducer(s, { type: 'nextRole' });
    s = usersReducer(s, { type: 'nextRole' });
    expect(s.form!.role).toBe(1);
    s = typeText(s, 'zz'); // text does nothing on the role
    expect(s.form!.fullName).toBe('Moussa K');
    s = usersReducer(s, { type: 'submit' });
    expect(usersMode(s)).toBe('confirm');
    expect(askLine('fr', s.asking!)).toBe('Créer le compte moussa (Secrétaire) ? (o/n)');
    const back = usersReducer(s, { type: 'no' });
    expect(usersMode(back)).toBe('typing');
    expect(back.form!.login).toBe('moussa');
    s = usersReducer(s, { type: 'yes' });
    expect(s.pending?.op).toEqual({ kind: 'create', login: 'moussa', fullName: 'Moussa K', privilege: 2 });
    expect(usersReducer(s, { type: 'yes' })).toBe(s);
    const created = user('moussa', 2, { mustChangePassword: true });
    s = usersReducer(s, { type: 'done', id: s.pending!.id, user: created, temporaryPassword: 'abcd-efgh-jkmn' });
    expect(s.view).toBe('list');
    expect(s.password).toEqual({ login: 'moussa', password: 'abcd-efgh-jkmn' });
    expect(s.rows![s.selected]!.login).toBe('moussa');
    expect(s.notice?.fr).toBe('Compte moussa créé.');
    expect(s.request).not.toBeNull(); // the list is read again
    s = usersReducer(s, { type: 'loaded', id: s.request!.id, rows: [...ROWS, created] });
    expect(s.password).not.toBeNull();
    expect(usersReducer(s, { type: 'refresh' }).password).toBeNull();
    expect(usersReducer(s, { type: 'new' }).password).toBeNull();
  });

  it('a create the core refuses goes back to the form with its message', () => {
    let s = typeText(usersReducer(loaded(), { type: 'new' }), 'awa');
    s = usersReducer(s, { type: 'submit' });
    s = typeText(s, 'Awa bis');
    s = usersReducer(usersReducer(s, { type: 'submit' }), { type: 'submit' });
    s = usersReducer(s, { type: 'yes' });
    s = usersReducer(s, { type: 'opFailed', id: s.pending!.id, error: { fr: 'Identifiant déjà pris', en: 'Taken' } });
    expect(usersMode(s)).toBe('typing');
    expect(s.error?.fr).toBe('Identifiant déjà pris');
    expect(usersReducer(s, { type: 'cancel' }).view).toBe('list');
  });

  it('edits the selected account from its name, role starting at its own', () => {
    let s = usersReducer(usersReducer(loaded(), { type: 'down' }), { type: 'edit' });
    expect(s.form).toMatchObject({ kind: 'edit', login: 'chef', fullName: 'chef Nom', role: 2, field: 1 });
    s = usersReducer(s, { type: 'prevField' });
    expect(s.form!.field).toBe(1); // the login is fixed
    s = usersReducer(usersReducer(s, { type: 'submit' }), { type: 'submit' });
    expect(askLine('fr', s.asking!)).toBe('Enregistrer les changements du compte chef ? (o/n)');
    s = usersReducer(s, { type: 'yes' });
    expect(s.pending!.op).toEqual({ kind: 'edit', login: 'chef', fullName: 'chef Nom', privilege: 3 });
  });

  it('suspends and resets after the question; n changes nothing', () => {
    let s = usersReducer(loaded(), { type: 'suspend' });
    expect(usersMode(s)).toBe('confirm');
    expect(askLine('fr', s.asking!)).toContain('Suspendre le compte awa ?');
    expect(usersReducer(s, { type: 'no' }).view).toBe('list');
    s = usersReducer(s, { type: 'yes' });
    s = usersReducer(s, { type: 'done', id: s.pending!.id, user: user('awa', 0) });
    expect(s.notice?.fr).toBe('Compte awa suspendu.');
    expect(s.password).toBeNull();
    expect(userFlags('fr', s.rows![0]!)).toBe('suspendu');
    s = usersReducer(s, { type: 'reset' });
    expect(askLine('en', s.asking!)).toBe('Reset the password of awa? (y/n)');
    s = usersReducer(s, { type: 'yes' });
    const failed = usersReducer(s, { type: 'opFailed', id: s.pending!.id, error: { fr: 'Non', en: 'No' } });
    expect(failed.view).toBe('list');
    s = usersReducer(s, { type: 'done', id: s.pending!.id, user: user('awa', 1, { mustChangePassword: true }), temporaryPassword: 'pppp-qqqq-rrrr' });
    expect(s.password).toEqual({ login: 'awa', password: 'pppp-qqqq-rrrr' });
  });

  it('writes a row in 80 columns with the state words', () => {
    const row = userRow('fr', ROWS[2]!, 80);
    expect(row).toMatch(/^binta\s+binta Nom\s+suspendu\s+suspendu, à changer, bloqué$/);
    expect([...row].length).toBeLessThanOrEqual(77);
    expect(userFlags('en', ROWS[2]!)).toBe('suspended, to change, locked');
  });
});
