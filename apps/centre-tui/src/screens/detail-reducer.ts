import { Privilege, type Label, type Lang } from '@docstream/core';
import { t } from '../i18n.js';
import type { Condition, Mode } from '../keys/bindings.js';
import type { DetailData } from './detail-lines.js';

/** The certified copy asked from the detail: idle, a yes/no question, or being made. */
export type CopyStep = { step: 'idle' } | { step: 'asking'; niu: string } | { step: 'issuing'; id: number; niu: string };

/** The last copy written, said on the message line until something else is. */
export interface CopyDone {
  copyNo: number;
  file: string;
}

export interface DetailState {
  data: DetailData | null;
  error: Label | null;
  /** Id of the load to run; the answer carries it back. */
  request: number;
  loading: boolean;
  /** First line shown. */
  scroll: number;
  copy: CopyStep;
  done: CopyDone | null;
  nextCopyId: number;
}

export type DetailAction =
  | { type: 'refresh' }
  | { type: 'loaded'; request: number; data: DetailData }
  | { type: 'failed'; request: number; error: Label }
  /** `total` lines, `height` of the window: the scroll stays inside. */
  | { type: 'scroll'; by: number; total: number; height: number }
  | { type: 'page'; direction: 1 | -1; total: number; height: number }
  /** `p`: asks before issuing (only when `copyAllowed`). */
  | { type: 'askCopy'; privilege: number }
  | { type: 'confirmCopy' }
  | { type: 'declineCopy' }
  | { type: 'copied'; id: number; copyNo: number; file: string }
  | { type: 'copyFailed'; id: number; error: Label };

export const initialDetail: DetailState = {
  data: null,
  error: null,
  request: 1,
  loading: true,
  scroll: 0,
  copy: { step: 'idle' },
  done: null,
  nextCopyId: 1,
};

/** Statuses of a validated document that has copies: received (2), to transmit (3), centralised (4). */
const COPYABLE_STATUS = new Set([2, 3, 4]);

/**
 * Whether `p` is offered: an Officer (the core refuses anyone else), a validated document
 * with its NIU and not cancelled, nothing asked or being made. The core checks it all again.
 */
export function copyAllowed(s: DetailState, privilege: number): boolean {
  const doc = s.data?.doc;
  return (
    s.copy.step === 'idle' &&
    privilege === Privilege.Officer &&
    doc !== undefined &&
    doc.stage === 'validated' &&
    doc.niu !== null &&
    COPYABLE_STATUS.has(doc.status)
  );
}

/** The conditions the key table is given (footer and keys alike). */
export function detailConditions(s: DetailState, privilege: number): Condition[] {
  return copyAllowed(s, privilege) ? ['copy'] : [];
}

/** A question waits: only its answers work. */
export function detailMode(s: DetailState): Mode {
  return s.copy.step === 'asking' ? 'confirm' : 'normal';
}

function clamp(scroll: number, total: number, height: number): number {
  return Math.max(0, Math.min(scroll, total - height));
}

export function detailReducer(s: DetailState, a: DetailAction): DetailState {
  switch (a.type) {
    case 'refresh':
      return { ...s, request: s.request + 1, loading: true, done: null };
    case 'loaded':
      return a.request === s.request ? { ...s, data: a.data, error: null, loading: false } : s;
    case 'failed':
      return a.request === s.request ? { ...s, error: a.error, loading: false } : s;
    case 'scroll':
      return { ...s, scroll: clamp(s.scroll + a.by, a.total, a.height) };
    case 'page':
      return { ...s, scroll: clamp(s.scroll + a.direction * Math.max(1, a.height - 1), a.total, a.height) };
    case 'askCopy':
      if (!copyAllowed(s, a.privilege)) return s;
      return { ...s, copy: { step: 'asking', niu: s.data!.doc.niu! }, error: null, done: null };
    case 'declineCopy':
      return s.copy.step === 'asking' ? { ...s, copy: { step: 'idle' } } : s;
    case 'confirmCopy':
      if (s.copy.step !== 'asking') return s;
      return { ...s, copy: { step: 'issuing', id: s.nextCopyId, niu: s.copy.niu }, nextCopyId: s.nextCopyId + 1 };
    case 'copied':
      // The history now holds the copy: read it again, the message stays.
      if (s.copy.step !== 'issuing' || s.copy.id !== a.id) return s;
      return { ...s, copy: { step: 'idle' }, done: { copyNo: a.copyNo, file: a.file }, error: null, request: s.request + 1, loading: true };
    case 'copyFailed':
      if (s.copy.step !== 'issuing' || s.copy.id !== a.id) return s;
      return { ...s, copy: { step: 'idle' }, error: a.error };
  }
}

/** A path cut from its start to fit `room` characters: the file name is what matters. */
export function fitPath(path: string, room: number): string {
  const chars = [...path];
  if (chars.length <= room) return path;
  return `…${chars.slice(chars.length - Math.max(1, room - 1)).join('')}`;
}

/** What the message line says about a copy (the question, the wait, the file written), if anything. */
export function copyStatus(lang: Lang, s: DetailState, width: number): string | null {
  if (s.copy.step === 'issuing') return t(lang, 'copyIssuing');
  if (s.copy.step === 'asking') return t(lang, 'copyAsk', { niu: s.copy.niu });
  if (s.done) {
    const head = t(lang, 'copyWritten', { n: s.done.copyNo, file: '' });
    return head + fitPath(s.done.file, Math.max(12, width - 1 - [...head].length));
  }
  return null;
}
