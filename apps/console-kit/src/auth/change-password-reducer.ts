import type { Label } from '@docstream/core';
import { AUTH_STRINGS as STRINGS } from './auth-strings.js';
import { editText, type TextKeyState } from '../keys/text-edit.js';

export type PasswordField = 0 | 1 | 2;

export interface ChangePasswordRequest {
  id: number;
  current: string;
  next: string;
}

export interface ChangePasswordState {
  /** current, new, confirmation */
  values: [string, string, string];
  focus: PasswordField;
  request: ChangePasswordRequest | null;
  error: Label | null;
  nextId: number;
}

export type ChangePasswordAction =
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'nextField' }
  | { type: 'prevField' }
  | { type: 'submit' }
  | { type: 'failed'; error: Label; code?: string }
  | { type: 'succeeded' };

export const initialChangePassword: ChangePasswordState = { values: ['', '', ''], focus: 0, request: null, error: null, nextId: 1 };

const EMPTY: [string, string, string] = ['', '', ''];

export function changePasswordReducer(s: ChangePasswordState, a: ChangePasswordAction): ChangePasswordState {
  const busy = s.request !== null;
  switch (a.type) {
    case 'text': {
      if (busy) return s;
      const values = [...s.values] as [string, string, string];
      values[s.focus] = editText(values[s.focus], a.input, a.key);
      return { ...s, values };
    }
    case 'nextField':
      return busy ? s : { ...s, focus: ((s.focus + 1) % 3) as PasswordField };
    case 'prevField':
      return busy ? s : { ...s, focus: ((s.focus + 2) % 3) as PasswordField };
    case 'submit': {
      if (busy) return s;
      if (s.focus < 2) return { ...s, focus: (s.focus + 1) as PasswordField };
      const [current, next, confirm] = s.values;
      if (current === '') return { ...s, focus: 0, error: STRINGS.currentRequired };
      if (next === '') return { ...s, focus: 1, error: STRINGS.newRequired };
      if (next !== confirm) return { ...s, values: [current, '', ''], focus: 1, error: STRINGS.confirmMismatch };
      return { ...s, error: null, request: { id: s.nextId, current, next }, nextId: s.nextId + 1 };
    }
    case 'failed':
      // A wrong current password (or a lockout) is typed again; otherwise the new one is.
      if (a.code === 'auth_failed' || a.code === 'account_locked') {
        return { ...s, request: null, values: EMPTY, focus: 0, error: a.error };
      }
      return { ...s, request: null, values: [s.values[0], '', ''], focus: 1, error: a.error };
    case 'succeeded':
      return { ...initialChangePassword, nextId: s.nextId };
  }
}
