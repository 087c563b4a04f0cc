import type { KeyState } from './types.js';

export const MAX_FIELD_LENGTH = 200;

/** Extra key flags a text field reads beyond the matcher's. */
export type TextKeyState = KeyState & { backspace?: boolean; delete?: boolean };

/**
 * A one-line text field with the cursor at the end: Backspace (or the Delete byte that
 * many terminals send for it) removes the last character; printable text, typed or
 * pasted, is appended; control keys change nothing.
 */
export function editText(value: string, input: string, key: TextKeyState, max = MAX_FIELD_LENGTH): string {
  if (key.backspace || key.delete) return [...value].slice(0, -1).join('');
  if (key.ctrl || key.meta || key.escape || key.return || key.tab) return value;
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return value;
  const text = input.replace(/[\u0000-\u001f\u007f]/g, '');
  if (text === '') return value;
  return [...(value + text)].slice(0, max).join('');
}
