import { createContext } from 'react';
import type { Key } from 'ink';
import type { Mode } from './types.js';

/** What a screen asks the keyboard for: its bindings, its handlers, its text field. */
export interface KeyTarget<S extends string = string, A extends string = string, C extends string = string> {
  screen: S;
  mode: Mode;
  handlers: Partial<Record<A, () => void>>;
  onText?: (input: string, key: Key) => void;
  /** The conditions that hold now: bindings that name another one do nothing. */
  on?: readonly C[];
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

/** A read-only console (`--readonly`): bindings that change data do nothing and leave the footer. */
export const ReadOnlyContext = createContext(false);

/** What every console does itself: quit, help, palette, back. */
export interface GlobalControls {
  quit(): void;
  help(): void;
  palette(): void;
  back(): void;
}
