import { Privilege, type DocumentView, type Label, type Lang } from '@docstream/core';
import { t } from '../i18n.js';
import type { Condition, Mode } from '../keys/bindings.js';
import { editText, type TextKeyState } from '@docstream/console-kit';
import { actStatus, allowedActs, canEditDocument, missingText, type ActDone, type ActKind, type ActStep } from './detail-actions.js';
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
  /** A workflow action (check, send back, validate, cancel) being typed, asked or done. */
  act: ActStep;
  acted: ActDone | null;
  nextActId: number;
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
  | { type: 'copyFailed'; id: number; error: Label }
  /** `v` `b` `V` `x`: starts the action if it applies (check runs at once, the others ask). */
  | { type: 'startAct'; kind: ActKind; privilege: number; userId: number }
  | { type: 'actText'; input: string; key: TextKeyState }
  | { type: 'actSubmit' }
  | { type: 'actDiscard' }
  | { type: 'actYes' }
  | { type: 'actNo' }
  | { type: 'acted'; id: number; doc: DocumentView }
  | { type: 'actFailed'; id: number; error: Label };

export const initialDetail: DetailState = {
  data: null,
  error: null,
  request: 1,
  loading: true,
  scroll: 0,
  copy: { step: 'idle' },
  done: null,
  nextCopyId: 1,
  act: { step: 'idle' },
  acted: null,
  nextActId: 1,
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
    s.act.step === 'idle' &&
    privilege === Privilege.Officer &&
    doc !== undefined &&
    doc.stage === 'validated' &&
    doc.niu !== null &&
    COPYABLE_STATUS.has(doc.status)
  );
}

/** The conditions the key table is given (footer and keys alike). */
export function detailConditions(s: DetailState, privilege: number, userId = 0): Condition[] {
  if (s.copy.step === 'asking') return ['askCopy'];
  if (s.act.step === 'asking') return ['askDoc'];
  const on: Condition[] = copyAllowed(s, privilege) ? ['copy'] : [];
  if (editAllowed(s, privilege)) on.push('docEdit');
  return [...on, ...actsAllowed(s, privilege, userId).map(ACT_CONDITION)];
}

/** Whether `e` opens the draft in its form now: read (not being read again), nothing asked or under way. */
export function editAllowed(s: DetailState, privilege: number): boolean {
  return !s.loading && s.copy.step === 'idle' && s.act.step === 'idle' && canEditDocument(s.data?.doc, privilege);
}

const ACT_CONDITIONS: Record<ActKind, Condition> = { check: 'docCheck', sendBack: 'docSendBack', validate: 'docValidate', cancel: 'docCancel' };
const ACT_CONDITION = (k: ActKind): Condition => ACT_CONDITIONS[k];

/** The workflow actions offered now: the document read (not being read again), nothing else asked or under way. */
export function actsAllowed(s: DetailState, privilege: number, userId: number): ActKind[] {
  if (s.loading || s.copy.step !== 'idle' || s.act.step !== 'idle') return [];
  return allowedActs(s.data?.doc, privilege, userId);
}

/** A question waits: only its answers work; a remark or reason is typed: letters are text. */
export function detailMode(s: DetailState): Mode {
  if (s.act.step === 'typing') return 'typing';
  return s.copy.step === 'asking' || s.act.step === 'asking' ? 'confirm' : 'normal';
}

function clamp(scroll: number, total: number, height: number): number {
  return Math.max(0, Math.min(scroll, total - height));
}

export function detailReducer(s: DetailState, a: DetailAction): DetailState {
  switch (a.type) {
    case 'refresh':
      return { ...s, request: s.request + 1, loading: true, done: null, acted: null };
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
      return { ...s, copy: { step: 'asking', niu: s.data!.doc.niu! }, error: null, done: null, acted: null };
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
    default:
      return actReducer(s, a);
  }
}

/** The workflow actions: field, question, core call, result (then the document is read again). */
function actReducer(s: DetailState, a: DetailAction): DetailState {
  const act = s.act;
  switch (a.type) {
    case 'startAct': {
      if (!actsAllowed(s, a.privilege, a.userId).includes(a.kind)) return s;
      const fresh = { ...s, error: null, done: null, acted: null };
      if (a.kind === 'check') return { ...fresh, act: { step: 'running', id: s.nextActId, kind: 'check', text: '' }, nextActId: s.nextActId + 1 };
      if (a.kind === 'validate') return { ...fresh, act: { step: 'asking', kind: 'validate', text: '' } };
      return { ...fresh, act: { step: 'typing', kind: a.kind, text: '' } };
    }
    case 'actText':
      if (act.step !== 'typing') return s;
      // Typing again hides the error of an empty Enter, so the field shows.
      return { ...s, error: null, act: { ...act, text: editText(act.text, a.input, a.key) } };
    case 'actSubmit':
      if (act.step !== 'typing') return s;
      if (act.text.trim() === '') return { ...s, error: missingText(act.kind) };
      return { ...s, error: null, act: { step: 'asking', kind: act.kind, text: act.text.trim() } };
    case 'actDiscard':
      return act.step === 'typing' ? { ...s, error: null, act: { step: 'idle' } } : s;
    case 'actNo':
      if (act.step !== 'asking') return s;
      // A remark or reason goes back to its field, to be corrected or discarded.
      return act.kind === 'sendBack' || act.kind === 'cancel' ? { ...s, act: { step: 'typing', kind: act.kind, text: act.text } } : { ...s, act: { step: 'idle' } };
    case 'actYes':
      if (act.step !== 'asking') return s;
      return { ...s, act: { step: 'running', id: s.nextActId, kind: act.kind, text: act.text }, nextActId: s.nextActId + 1 };
    case 'acted':
      if (act.step !== 'running' || act.id !== a.id) return s;
      return {
        ...s,
        act: { step: 'idle' },
        acted: { kind: act.kind, numero: a.doc.numero, niu: a.doc.niu },
        error: null,
        request: s.request + 1,
        loading: true,
      };
    case 'actFailed':
      if (act.step !== 'running' || act.id !== a.id) return s;
      return { ...s, act: { step: 'idle' }, error: a.error };
    default:
      return s;
  }
}

/** What the message line says: an action under way or done, else a copy, if anything. */
export function detailStatus(lang: Lang, s: DetailState, width: number): string | null {
  return actStatus(lang, s.act, s.acted, s.data?.doc, width) ?? copyStatus(lang, s, width);
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
