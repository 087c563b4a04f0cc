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
 * Splits one chunk of input into the key presses it holds. A terminal hands over several
 * keys in one chunk when they arrive together — a paste, tmux, a USB scanner that types a QR
 * text and Enter in a burst, or keys typed ahead while the console was busy — and Ink then
 * reports the whole chunk as text: no Enter, no Tab, no Backspace. Ink already cuts escape
 * sequences (arrows, Shift+Tab, Esc) apart; the other control bytes are cut here and given
 * the key Ink gives them alone.
 */
export function splitChunk(input: string, key: Key): [string, Key][] {
  if (key.return || key.ctrl || key.meta || key.escape || input.length <= 1 || !CONTROL.test(input)) return [[input, key]];
  const events: [string, Key][] = [];
  const plain = { ...key, ...NO_KEY } as Key;
  let text = '';
  const flush = () => {
    if (text !== '') events.push([text, plain]);
    text = '';
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (!CONTROL.test(c)) {
      text += c;
      continue;
    }
    flush();
    if (c === '\r' && input[i + 1] === '\n') i++; // CR LF is one Enter
    events.push(controlKey(c, plain));
  }
  flush();
  return events;
}

/** C0 control bytes but ESC (Ink's own), and DEL. */
const CONTROL = /[\u0000-\u001a\u001c-\u001f\u007f]/;

/** The key Ink reports for one control byte typed alone. */
function controlKey(c: string, plain: Key): [string, Key] {
  if (c === '\r' || c === '\n') return ['\r', { ...plain, return: true }];
  if (c === '\t') return ['', { ...plain, tab: true }];
  if (c === '\b') return ['', { ...plain, backspace: true }];
  if (c === '\u007f') return ['', { ...plain, delete: true }];
  const code = c.charCodeAt(0);
  // Ctrl+A … Ctrl+Z arrive as 1 … 26 (Ctrl+S saves a form)
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...plain, ctrl: true }];
  return ['', plain];
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
