import type { HeldState, Label, Lang, QuarantinedContainer, RejectResult } from '@docstream/core';
import type { Condition } from '../../keys/bindings.js';
import { decisionMode, decisionReducer, decisionSettled, initialDecision, promptLine, type DecisionAction, type DecisionMode, type DecisionState } from './decision.js';
import { hasPages, initialPaged, pagedReducer, selectedItem, type PagedAction, type PagedState } from './paged.js';
import { DOCS_STRINGS, dt } from './strings.js';

export interface HeldParams {
  state: HeldState;
}

/** Which containers a rejection names: some by number, or everything held for the centre. */
export type RejectTarget = number[] | 'all';

/** One centre's quarantined containers: marks, and the rejection being typed, asked or made. */
export interface HeldScreenState {
  list: PagedState<HeldParams, QuarantinedContainer, number>;
  /** Held containers marked for one rejection, in seq order. */
  marked: number[];
  decide: DecisionState<'reject', RejectTarget>;
  done: RejectResult | null;
  refusal: Label | null;
}

export type HeldAction =
  | PagedAction<HeldParams, QuarantinedContainer, number>
  | { type: 'toggleState' }
  | { type: 'mark' }
  /** `x`: the marked ones, else the one under the cursor; `X`: all. */
  | { type: 'startReject'; all: boolean }
  | { type: 'decision'; action: DecisionAction<'reject', RejectTarget> }
  | { type: 'rejected'; id: number; result: RejectResult }
  | { type: 'refused'; id: number; error: Label };

const STATES: readonly HeldState[] = ['held', 'released', 'rejected', 'all'];

export function initialHeld(): HeldScreenState {
  return { list: initialPaged<HeldParams, QuarantinedContainer, number>({ state: 'held' }), marked: [], decide: initialDecision(), done: null, refusal: null };
}

const idle = (s: HeldScreenState) => s.decide.decision.step === 'idle';

/** The container under the cursor, if it is still held (only those can be rejected). */
export function selectedHeld(s: HeldScreenState): QuarantinedContainer | undefined {
  const c = selectedItem(s.list);
  return c?.state === 'held' ? c : undefined;
}

export function heldConditions(s: HeldScreenState): Condition[] {
  const on: Condition[] = [];
  if (!idle(s)) return on;
  if (hasPages(s.list)) on.push('docPages');
  if (selectedHeld(s)) on.push('heldRow');
  if (s.list.page?.items.some((c) => c.state === 'held')) on.push('heldAny');
  return on;
}

export function heldMode(s: HeldScreenState): DecisionMode {
  return decisionMode(s.decide);
}

export function heldReducer(s: HeldScreenState, a: HeldAction): HeldScreenState {
  switch (a.type) {
    case 'toggleState': {
      // From the state asked last, so a key pressed twice before the answer goes two steps.
      const current = (s.list.request?.params ?? s.list.params).state;
      const state = STATES[(STATES.indexOf(current) + 1) % STATES.length]!;
      return { ...s, marked: [], list: pagedReducer(s.list, { type: 'search', params: { state } }) };
    }
    case 'mark': {
      const c = selectedHeld(s);
      if (!c || !idle(s)) return s;
      const marked = s.marked.includes(c.seq) ? s.marked.filter((x) => x !== c.seq) : [...s.marked, c.seq].sort((x, y) => x - y);
      return { ...s, marked };
    }
    case 'startReject': {
      if (!idle(s)) return s;
      const c = selectedHeld(s);
      const target: RejectTarget | null = a.all ? 'all' : s.marked.length > 0 ? s.marked : c ? [c.seq] : null;
      if (target === null) return s;
      return { ...s, done: null, refusal: null, decide: decisionReducer(s.decide, { type: 'start', kind: 'reject', target }, DOCS_STRINGS.reasonMissing) };
    }
    case 'decision':
      return { ...s, decide: decisionReducer(s.decide, a.action, DOCS_STRINGS.reasonMissing) };
    case 'rejected':
      if (s.decide.decision.step !== 'running' || s.decide.decision.id !== a.id) return s;
      return { ...s, decide: decisionSettled(s.decide, a.id), done: a.result, refusal: null, marked: [], list: pagedReducer(s.list, { type: 'reload' }) };
    case 'refused':
      if (s.decide.decision.step !== 'running' || s.decide.decision.id !== a.id) return s;
      // What is held may have changed (released, rejected by someone else): read again.
      return { ...s, decide: decisionSettled(s.decide, a.id), refusal: a.error, marked: [], list: pagedReducer(s.list, { type: 'reload' }) };
    default:
      return { ...s, list: pagedReducer(s.list, a) };
  }
}

function seqList(seqs: readonly number[]): string {
  return seqs.length > 12 ? `${seqs.slice(0, 12).join(', ')}…` : seqs.join(', ');
}

/** What the message line says: the reason being typed, the question, the wait, the result. */
export function heldStatus(lang: Lang, s: HeldScreenState, matricule: string, width: number): string | null {
  const d = s.decide.decision;
  switch (d.step) {
    case 'typing':
      return promptLine(lang, DOCS_STRINGS.reasonPrompt, d.text, width);
    case 'asking': {
      const what = d.target === 'all' ? dt(lang, 'whatAll') : dt(lang, 'whatSeqs', { list: seqList(d.target) });
      return dt(lang, 'askReject', { what, matricule, reason: d.text });
    }
    case 'running':
      return dt(lang, 'saving');
    case 'idle':
      break;
  }
  if (s.done) return dt(lang, 'rejected', { n: s.done.rejected.length, list: seqList(s.done.rejected), documents: s.done.documents });
  return s.list.request ? dt(lang, 'loading') : null;
}

export function heldError(s: HeldScreenState): Label | null {
  return s.decide.missing ?? s.refusal ?? s.list.error;
}

export function markedLine(lang: Lang, s: HeldScreenState): string {
  return s.marked.length === 0 ? dt(lang, 'markedNone') : dt(lang, 'markedSome', { n: s.marked.length, list: seqList(s.marked) });
}
