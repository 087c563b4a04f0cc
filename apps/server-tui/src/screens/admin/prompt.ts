import type { Label, Lang } from '@docstream/core';
import { editText, fill, type TextKeyState } from '@docstream/console-kit';

/**
 * The administration screens' way to change one thing: type a value (or a form), answer
 * the o/n question, the core at work (`id` ties its answer to this request). Nothing is
 * changed before `yes`, and what was typed survives a refusal.
 */
export type Prompt<Op> =
  | { step: 'idle' }
  | { step: 'typing'; text: string }
  | { step: 'asking'; op: Op; text: string }
  | { step: 'running'; id: number; op: Op; text: string };

export const IDLE = { step: 'idle' } as const;

/** The text being typed, after one key. */
export function typed(text: string, input: string, key: TextKeyState, max = 200): string {
  return editText(text, input, key, max);
}

/** `text(lang, key, vars)` and `label(key, vars)` over a screen's FR/EN strings. */
export function wordsOf<K extends string>(strings: Record<K, Label>) {
  return {
    text: (lang: Lang, key: K, vars: Record<string, string | number> = {}): string => fill(strings[key][lang], vars),
    label: (key: K, vars: Record<string, string | number> = {}): Label => ({ fr: fill(strings[key].fr, vars), en: fill(strings[key].en, vars) }),
  };
}

/** Moves a selection within `count` lines. */
export function moved(selected: number, count: number, by: number): number {
  return Math.max(0, Math.min(count - 1, selected + by));
}

/**
 * What is typed as it fits after its prompt on one line (the cursor cell included): its
 * end, with '…' before when cut, so nothing is truncated behind the cursor.
 */
export function typedTail(prompt: string, text: string, width: number): string {
  const room = Math.max(4, width - 2 - [...prompt].length);
  const c = [...text];
  return c.length <= room ? text : `…${c.slice(c.length - room + 1).join('')}`;
}
