import type { Label, Lang } from '@docstream/core';
import { editText, type TextKeyState } from '@docstream/console-kit';

/**
 * A decision that cannot be undone (resolve a conflict, reject containers): its text (a
 * remark, a reason) typed, then asked o/n with what it will do, then the core at work
 * (`id` ties its answer to this request). `K` says which decision, `T` what it acts on.
 */
export type DecisionStep<K, T> =
  | { step: 'idle' }
  | { step: 'typing'; kind: K; target: T; text: string }
  | { step: 'asking'; kind: K; target: T; text: string }
  | { step: 'running'; id: number; kind: K; target: T; text: string };

export interface DecisionState<K, T> {
  decision: DecisionStep<K, T>;
  nextId: number;
  /** Said on the message line when Enter finds the text empty. */
  missing: Label | null;
}

export type DecisionAction<K, T> =
  | { type: 'start'; kind: K; target: T }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'submit' }
  | { type: 'discard' }
  | { type: 'yes' }
  /** No: back to the text, to correct it or discard it. */
  | { type: 'no' };

export function initialDecision<K, T>(): DecisionState<K, T> {
  return { decision: { step: 'idle' }, nextId: 1, missing: null };
}

/** `missingText`: what to say when the text is empty (the core would refuse it too). */
export function decisionReducer<K, T>(s: DecisionState<K, T>, a: DecisionAction<K, T>, missingText: Label): DecisionState<K, T> {
  const d = s.decision;
  switch (a.type) {
    case 'start':
      return d.step === 'idle' ? { ...s, decision: { step: 'typing', kind: a.kind, target: a.target, text: '' }, missing: null } : s;
    case 'text':
      return d.step === 'typing' ? { ...s, decision: { ...d, text: editText(d.text, a.input, a.key, 1000) }, missing: null } : s;
    case 'submit':
      if (d.step !== 'typing') return s;
      if (d.text.trim() === '') return { ...s, missing: missingText };
      return { ...s, decision: { step: 'asking', kind: d.kind, target: d.target, text: d.text.trim() }, missing: null };
    case 'discard':
      return d.step === 'typing' ? { ...s, decision: { step: 'idle' }, missing: null } : s;
    case 'no':
      return d.step === 'asking' ? { ...s, decision: { step: 'typing', kind: d.kind, target: d.target, text: d.text } } : s;
    case 'yes':
      return d.step === 'asking' ? { ...s, decision: { step: 'running', id: s.nextId, kind: d.kind, target: d.target, text: d.text }, nextId: s.nextId + 1 } : s;
  }
}

/** The decision's answer came (or failed): back to idle, if it is the one running. */
export function decisionSettled<K, T>(s: DecisionState<K, T>, id: number): DecisionState<K, T> {
  return s.decision.step === 'running' && s.decision.id === id ? { ...s, decision: { step: 'idle' } } : s;
}

export type DecisionMode = 'normal' | 'typing' | 'confirm';

export function decisionMode<K, T>(s: DecisionState<K, T>): DecisionMode {
  if (s.decision.step === 'typing') return 'typing';
  return s.decision.step === 'asking' ? 'confirm' : 'normal';
}

/** `prompt text_`, cut from its start to fit one line: what is being typed is what matters. */
export function promptLine(lang: Lang, prompt: Label, text: string, width: number): string {
  const head = prompt[lang];
  const room = Math.max(8, width - 1 - [...head].length);
  const chars = [...`${text}_`];
  return head + (chars.length <= room ? chars.join('') : `…${chars.slice(chars.length - (room - 1)).join('')}`);
}
