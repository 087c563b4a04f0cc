import { describe, expect, it } from 'vitest';
import { DocstreamError, translateDbError, type ErrorCode } from '@docstream/core';

/** Objects shaped like the errors node-postgres and node's sockets throw. */
const pgError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(extra.message as string ?? `pg error ${code}`), { code, ...extra });

const CASES: [string, unknown, ErrorCode][] = [
  ['unique violation', pgError('23505', { constraint: 'users_login_key' }), 'conflict'],
  ['check violation', pgError('23514', { constraint: 'documents_status_check' }), 'validation'],
  ['not-null violation', pgError('23502'), 'validation'],
  ['bad text for a type', pgError('22P02'), 'validation'],
  ['foreign key violation', pgError('23503', { constraint: 'documents_form_fk' }), 'validation'],
  ['disk full', pgError('53100'), 'db_disk_full'],
  ['out of memory', pgError('53200'), 'db_disk_full'],
  ['serialization failure', pgError('40001'), 'conflict'],
  ['deadlock', pgError('40P01'), 'conflict'],
  ['connection refused', pgError('ECONNREFUSED'), 'db_unavailable'],
  ['host not found', pgError('ENOTFOUND'), 'db_unavailable'],
  ['connection failure class 08', pgError('08006'), 'db_unavailable'],
  ['server shutting down', pgError('57P01'), 'db_unavailable'],
  ['connection dropped, no code', new Error('Connection terminated unexpectedly'), 'db_unavailable'],
  ['wrong password', pgError('28P01'), 'db_unavailable'],
  ['database does not exist', pgError('3D000'), 'db_unavailable'],
  ['immutable document (trigger)', pgError('DS001', { message: 'document 12 is validated' }), 'immutable'],
  ['deletion refused (trigger)', pgError('DS002'), 'immutable'],
  ['unknown SQLSTATE', pgError('XX000', { message: 'internal error' }), 'db_error'],
  ['plain object without code', { message: 'strange' }, 'db_error'],
  ['a string', 'boom', 'db_error'],
  ['null', null, 'db_error'],
];

describe('translateDbError', () => {
  it.each(CASES)('%s → %s', (_, raw, code) => {
    const e = translateDbError(raw);
    expect(e).toBeInstanceOf(DocstreamError);
    expect(e.code).toBe(code);
  });

  it.each(CASES)('%s: non-empty French and English messages that differ', (_, raw) => {
    const e = translateDbError(raw);
    expect(e.fr.trim()).not.toBe('');
    expect(e.en.trim()).not.toBe('');
    expect(e.fr).not.toBe(e.en);
    expect(e.message).toBe(e.en);
  });

  it('keeps the original error as the cause', () => {
    const raw = pgError('XX000');
    expect(translateDbError(raw).cause).toBe(raw);
  });

  it('names the violated constraint in a conflict', () => {
    const e = translateDbError(pgError('23505', { constraint: 'users_login_key' }));
    expect(e.fr).toContain('users_login_key');
    expect(e.en).toContain('users_login_key');
  });

  it('tells what to do about a missing database and a full disk', () => {
    expect(translateDbError(pgError('3D000')).en).toContain('DATABASE_URL');
    expect(translateDbError(pgError('53100')).en).toMatch(/nothing was saved/i);
  });

  it('reports the SQLSTATE and message of an unknown error', () => {
    const e = translateDbError(pgError('XX000', { message: 'internal error' }));
    expect(e.en).toContain('XX000');
    expect(e.en).toContain('internal error');
  });

  it('passes a DocstreamError through unchanged', () => {
    const original = new DocstreamError('forbidden', 'Interdit.', 'Forbidden.');
    expect(translateDbError(original)).toBe(original);
  });
});
