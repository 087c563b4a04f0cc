import type { Label } from '@docstream/core';

/**
 * `typing`: a text field has the focus, so printable keys are text, never commands.
 * `confirm`: a yes/no question waits on the message line; only its answers (and Ctrl+C) work.
 */
export type Mode = 'normal' | 'typing' | 'confirm';

/** Named keys as ink reports them. */
export type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'return' | 'escape' | 'tab';

/** One key press: a printable character, or a named key; `ctrl`/`shift` are modifiers. */
export interface KeyStroke {
  input?: string;
  key?: NamedKey;
  ctrl?: boolean;
  shift?: boolean;
}

/** The subset of ink's `Key` the matcher reads (so it is testable without Ink). */
export type KeyState = { [K in NamedKey | 'ctrl' | 'shift' | 'meta']?: boolean };

/**
 * One row of a console's key table: the keys, the action they trigger, how the footer and
 * the `?` help show it, where and when it works. `S` screens, `A` actions, `C` conditions.
 */
export interface Binding<S extends string = string, A extends string = string, C extends string = string> {
  id: string;
  /** Each key and the action it triggers (↑ and ↓ share one row). */
  keys: readonly { stroke: KeyStroke; action: A }[];
  /** How the footer writes the keys. */
  shown: Label;
  /** Short word for the footer. */
  label: Label;
  /** Sentence for the `?` help. */
  help: Label;
  screens: readonly S[];
  modes: readonly Mode[];
  /** Modes in which the footer shows it (defaults to `modes`). */
  footerModes?: readonly Mode[];
  /** Only while the screen says this holds; the `?` help always lists it. */
  when?: C;
  /** It changes data: off, and left out of the footer, in a read-only console (`--readonly`). */
  changes?: boolean;
}

/** The actions every console handles itself whatever the screen. */
export type GlobalAction = 'quit' | 'forceQuit' | 'help' | 'palette' | 'back';
