import type { ConflictDecision, ConflictDetail, ConflictSummary, Label, Lang } from '@docstream/core';
import type { Condition } from '../../keys/bindings.js';
import { decisionMode, decisionReducer, decisionSettled, initialDecision, promptLine, type DecisionAction, type DecisionMode, type DecisionState } from './decision.js';
import { initialScroll, scrollReducer, type ScrollAction, type ScrollState } from './scroll-reducer.js';
import { DOCS_STRINGS, dt } from './strings.js';

/** One conflict on screen: its two versions, and the decision being typed, asked or made. */
export interface ConflictState {
  view: ScrollState<ConflictDetail>;
  decide: DecisionState<ConflictDecision, number>;
  /** The decision just made, said until something else is. */
  done: ConflictSummary | null;
  /** The core's refusal of a decision (already decided, not allowed, …). */
  refusal: Label | null;
}

export type ConflictAction =
  | ScrollAction<ConflictDetail>
  | { type: 'decision'; action: DecisionAction<ConflictDecision, number> }
  | { type: 'resolved'; id: number; summary: ConflictSummary }
  | { type: 'refused'; id: number; error: Label };

export function initialConflict(): ConflictState {
  return { view: initialScroll<ConflictDetail>(), decide: initialDecision(), done: null, refusal: null };
}

/** `k` and `a` are offered on an open conflict, read and not being read again, nothing under way. */
export function canDecide(s: ConflictState): boolean {
  return !s.view.loading && s.view.data?.state === 'open' && s.decide.decision.step === 'idle';
}

export function conflictConditions(s: ConflictState, scrolls: boolean): Condition[] {
  return [...(canDecide(s) ? (['conflictOpen'] as const) : []), ...(scrolls ? (['docScroll'] as const) : [])];
}

export function conflictMode(s: ConflictState): DecisionMode {
  return decisionMode(s.decide);
}

export function conflictReducer(s: ConflictState, a: ConflictAction): ConflictState {
  switch (a.type) {
    case 'decision': {
      if (a.action.type === 'start' && !canDecide(s)) return s;
      const decide = decisionReducer(s.decide, a.action, DOCS_STRINGS.remarkMissing);
      return decide === s.decide ? s : { ...s, decide, done: a.action.type === 'start' ? null : s.done, refusal: a.action.type === 'start' ? null : s.refusal };
    }
    case 'resolved':
      if (s.decide.decision.step !== 'running' || s.decide.decision.id !== a.id) return s;
      // Read again: the resolution shows, the decisions go.
      return { ...s, decide: decisionSettled(s.decide, a.id), done: a.summary, refusal: null, view: scrollReducer(s.view, { type: 'refresh' }) };
    case 'refused':
      if (s.decide.decision.step !== 'running' || s.decide.decision.id !== a.id) return s;
      // Decided by someone else meanwhile, perhaps: read again, so the screen shows how.
      return { ...s, decide: decisionSettled(s.decide, a.id), refusal: a.error, view: scrollReducer(s.view, { type: 'refresh' }) };
    default:
      return { ...s, view: scrollReducer(s.view, a) };
  }
}

/** What the message line says: the remark being typed, the question with the decision's effect, the wait, the result. */
export function conflictStatus(lang: Lang, s: ConflictState, width: number): string | null {
  const d = s.decide.decision;
  const choice = s.view.data?.decisions.find((x) => d.step !== 'idle' && x.value === d.kind);
  switch (d.step) {
    case 'typing':
      return promptLine(lang, DOCS_STRINGS.remarkPrompt, d.text, width);
    case 'asking':
      return dt(lang, 'askResolve', { id: d.target, decision: choice?.label[lang] ?? d.kind, effect: choice?.effect[lang] ?? '', remark: d.text });
    case 'running':
      return dt(lang, 'saving');
    case 'idle':
      break;
  }
  if (s.done?.resolution) return dt(lang, 'resolved', { id: s.done.id, decision: s.done.resolution.decisionLabel[lang], matricule: s.done.matricule });
  return s.view.loading ? dt(lang, 'loading') : null;
}

/** The error line: a refused decision first, else a failed read; Enter on an empty remark. */
export function conflictError(s: ConflictState): Label | null {
  return s.decide.missing ?? s.refusal ?? s.view.error;
}
