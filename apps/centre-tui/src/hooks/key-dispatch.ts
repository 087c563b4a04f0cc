import { createContext, useContext, useEffect } from 'react';
import type { Key } from 'ink';
import type { Action, Condition, Mode, ScreenId } from '../keys/bindings.js';
import { matchAction } from '../keys/match.js';
import type { ConsoleControls } from './console-context.js';

export type KeyHandlers = Partial<Record<Action, () => void>>;

/** What a screen asks the keyboard for: its bindings, its handlers, its text field. */
export interface KeyTarget {
  screen: ScreenId;
  mode: Mode;
  handlers: KeyHandlers;
  onText?: (input: string, key: Key) => void;
  /** The conditions that hold now: bindings that name another one do nothing. */
  on?: readonly Condition[];
}

/**
 * Screens register here while they render; the App's single input listener sends each key
 * to the target on top. One listener that never re-subscribes means no key is lost when a
 * screen opens (a fast typist, or a scanner that types).
 */
export type KeyRegistry = Map<string, KeyTarget>;

/** The id under which the screens of a subtree register (route id, or the overlay's name). */
export const KeyTargetId = createContext<string | null>(null);
export const KeyRegistryContext = createContext<KeyRegistry | null>(null);

export function globalHandler(c: ConsoleControls, action: Action): (() => void) | undefined {
  switch (action) {
    case 'quit':
    case 'forceQuit':
      return c.quit;
    case 'help':
      return c.help;
    case 'palette':
      return c.palette;
    case 'back':
      return c.back;
    default:
      return undefined;
  }
}

const NO_KEY: Partial<Key> = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
};

/**
 * Splits one chunk of input into the key presses it holds. A terminal hands over text and
 * Enter in one chunk when they arrive together — a paste, tmux, or a USB scanner that types
 * a QR text and Enter in a burst — and Ink then reports no Enter at all (nor Tab).
 */
export function splitChunk(input: string, key: Key): [string, Key][] {
  if (key.return || key.ctrl || key.meta || key.escape || input.length <= 1 || !/[\r\n\t\x08\x7f]/.test(input)) return [[input, key]];
  const events: [string, Key][] = [];
  const plain = { ...key, ...NO_KEY } as Key;
  // Tab and Backspace too: keys typed while the console was busy, or a held Backspace
  // over a slow SSH link, arrive as one chunk. Each becomes the key Ink reports alone.
  for (const part of input.split(/(\r\n|\r|\n|\t|\x08|\x7f)/)) {
    if (part === '') continue;
    if (part === '\t') events.push(['', { ...plain, tab: true }]);
    else if (part === '\x7f') events.push(['', { ...plain, delete: true }]);
    else if (part === '\b') events.push(['', { ...plain, backspace: true }]);
    else if (/^[\r\n]/.test(part)) events.push(['\r', { ...plain, return: true }]);
    else events.push([part, plain]);
  }
  return events;
}

/** Routes one key press to a target through the bindings table. */
export function dispatchKey(target: KeyTarget | undefined, controls: ConsoleControls, input: string, key: Key): void {
  if (!target) {
    if (input === 'c' && key.ctrl) controls.quit();
    return;
  }
  const action = matchAction(target.screen, target.mode, input, key, undefined, target.on);
  if (action !== undefined) {
    (target.handlers[action] ?? globalHandler(controls, action))?.();
    return;
  }
  if (target.mode === 'typing') target.onText?.(input, key);
}

/**
 * A screen's keys: bound keys run `handlers[action]` (or the console's own quit, help,
 * palette, back); in typing mode other keys go to `onText`. `on`: the conditions that hold
 * now (the same the screen's footer is given).
 */
export function useKeys(
  screen: ScreenId,
  mode: Mode,
  handlers: KeyHandlers,
  onText?: (input: string, key: Key) => void,
  on?: readonly Condition[],
): void {
  const id = useContext(KeyTargetId);
  const registry = useContext(KeyRegistryContext);
  if (id === null || registry === null) throw new Error('useKeys outside <App>');
  // Registered during render, so the newest handlers are in place before the next key.
  registry.set(id, { screen, mode, handlers, ...(onText ? { onText } : {}), ...(on ? { on } : {}) });
  useEffect(
    () => () => {
      registry.delete(id);
    },
    [id, registry],
  );
}
