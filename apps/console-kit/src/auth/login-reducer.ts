import type { Label } from '@docstream/core';
import { AUTH_STRINGS as STRINGS } from './auth-strings.js';
import { editText, type TextKeyState } from '../keys/text-edit.js';

export interface LoginRequest {
  id: number;
  login: string;
  password: string;
}

export interface LoginState {
  login: string;
  password: string;
  focus: 0 | 1;
  /** The attempt the container must send; null when idle. */
  request: LoginRequest | null;
  error: Label | null;
  nextId: number;
}

export type LoginAction =
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'nextField' }
  | { type: 'prevField' }
  | { type: 'submit' }
  | { type: 'failed'; error: Label }
  | { type: 'succeeded' };

export const initialLogin: LoginState = { login: '', password: '', focus: 0, request: null, error: null, nextId: 1 };

export function loginReducer(s: LoginState, a: LoginAction): LoginState {
  const busy = s.request !== null;
  switch (a.type) {
    case 'text':
      if (busy) return s;
      return s.focus === 0 ? { ...s, login: editText(s.login, a.input, a.key) } : { ...s, password: editText(s.password, a.input, a.key) };
    case 'nextField':
    case 'prevField':
      return busy ? s : { ...s, focus: s.focus === 0 ? 1 : 0 };
    case 'submit':
      if (busy) return s;
      if (s.login.trim() === '') return { ...s, focus: 0, error: STRINGS.loginRequired };
      if (s.focus === 0) return { ...s, focus: 1 };
      if (s.password === '') return { ...s, error: STRINGS.passwordRequired };
      return { ...s, error: null, request: { id: s.nextId, login: s.login.trim(), password: s.password }, nextId: s.nextId + 1 };
    case 'failed':
      // The user name stays; the password is typed again.
      return { ...s, request: null, password: '', focus: 1, error: a.error };
    case 'succeeded':
      return { ...s, request: null, password: '', error: null };
  }
}
