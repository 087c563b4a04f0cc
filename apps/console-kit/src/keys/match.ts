import type { Lang } from '@docstream/core';
import type { Binding, KeyState, KeyStroke, Mode, NamedKey } from './types.js';

const NAMED: readonly NamedKey[] = ['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageUp', 'pageDown', 'return', 'escape', 'tab'];

export function strokeMatches(stroke: KeyStroke, input: string, key: KeyState): boolean {
  if (stroke.key !== undefined) {
    if (!key[stroke.key]) return false;
    return Boolean(stroke.shift) === Boolean(key.shift);
  }
  if (stroke.input === undefined) return false;
  if (Boolean(stroke.ctrl) !== Boolean(key.ctrl)) return false;
  if (!stroke.ctrl && key.meta) return false;
  // A named key (arrow, Enter…) never counts as a character.
  if (NAMED.some((n) => key[n])) return false;
  return input === stroke.input;
}

/** Whether a binding applies now: it names no condition, or one that holds; and, read-only, it changes nothing. */
export function applies<C extends string>(b: Binding<string, string, C>, on: readonly C[], readOnly = false): boolean {
  return (b.when === undefined || on.includes(b.when)) && !(readOnly && b.changes);
}

export function bindingsFor<S extends string, A extends string, C extends string>(table: readonly Binding<S, A, C>[], screen: S, mode?: Mode): Binding<S, A, C>[] {
  return table.filter((b) => b.screens.includes(screen) && (mode === undefined || b.modes.includes(mode)));
}

/** The action a key press triggers on this screen in this mode, if any; `on`: the conditions that hold. */
export function matchAction<S extends string, A extends string, C extends string>(
  table: readonly Binding<S, A, C>[],
  screen: S,
  mode: Mode,
  input: string,
  key: KeyState,
  on: readonly C[] = [],
  readOnly = false,
): A | undefined {
  for (const b of bindingsFor(table, screen, mode).filter((x) => applies(x, on, readOnly))) {
    for (const k of b.keys) if (strokeMatches(k.stroke, input, key)) return k.action;
  }
  return undefined;
}

const KEY_NAMES: Record<NamedKey, { fr: string; en: string }> = {
  upArrow: { fr: '↑', en: '↑' },
  downArrow: { fr: '↓', en: '↓' },
  leftArrow: { fr: '←', en: '←' },
  rightArrow: { fr: '→', en: '→' },
  pageUp: { fr: 'PgPréc', en: 'PgUp' },
  pageDown: { fr: 'PgSuiv', en: 'PgDn' },
  return: { fr: 'Entrée', en: 'Enter' },
  escape: { fr: 'Esc', en: 'Esc' },
  tab: { fr: 'Tab', en: 'Tab' },
};

export function describeStroke(lang: Lang, s: KeyStroke): string {
  const base = s.key !== undefined ? KEY_NAMES[s.key][lang] : s.ctrl ? (s.input ?? '').toUpperCase() : (s.input ?? '');
  const mods = [s.ctrl ? 'Ctrl' : '', s.shift ? (lang === 'fr' ? 'Maj' : 'Shift') : ''].filter((m) => m !== '');
  return [...mods, base].join('+');
}

export interface FooterItem {
  keys: string;
  label: string;
}

/** What the footer shows on a screen in a mode, in table order; `on`: the conditions that hold. */
export function footerItems<S extends string, C extends string>(table: readonly Binding<S, string, C>[], lang: Lang, screen: S, mode: Mode, on: readonly C[] = [], readOnly = false): FooterItem[] {
  return table
    .filter((b) => b.screens.includes(screen) && (b.footerModes ?? b.modes).includes(mode) && applies(b, on, readOnly))
    .map((b) => ({ keys: b.shown[lang], label: b.label[lang] }));
}

/**
 * The footer as one line no wider than `width`: two spaces between items when they fit,
 * one otherwise, cut with '…' as a last resort (the table is kept short enough for 80).
 */
export function footerLine(items: readonly FooterItem[], width: number): string {
  const parts = items.map((i) => `${i.keys} ${i.label}`);
  for (const sep of ['  ', ' ']) {
    const line = parts.join(sep);
    if ([...line].length < width) return line;
  }
  const chars = [...parts.join(' ')];
  return `${chars.slice(0, Math.max(0, width - 2)).join('')}…`;
}

/**
 * The footer as one line, or, when the keys that apply now do not fit in one, two: the
 * screen's usual keys, then on the last line those that apply only now (the actions on
 * this document, say). Screens without conditional keys always fit in one.
 */
export function footerRows<S extends string, C extends string>(table: readonly Binding<S, string, C>[], lang: Lang, screen: S, mode: Mode, width: number, on: readonly C[] = [], readOnly = false): string[] {
  const one = footerLine(footerItems(table, lang, screen, mode, on, readOnly), width);
  if (!one.endsWith('…')) return [one];
  const plain = table.filter((b) => b.when === undefined);
  const only = table.filter((b) => b.when !== undefined);
  return [footerLine(footerItems(plain, lang, screen, mode, on, readOnly), width), footerLine(footerItems(only, lang, screen, mode, on, readOnly), width)];
}

export interface HelpEntry {
  keys: string;
  text: string;
  typing: boolean;
  /** An answer to a yes/no question. */
  asking: boolean;
  /** It changes data (off in a read-only console). */
  changes: boolean;
}

/** The help of a screen: every binding of that screen, all its keys, its sentence. */
export function helpEntries<S extends string>(table: readonly Binding<S>[], lang: Lang, screen: S): HelpEntry[] {
  return bindingsFor(table, screen).map((b) => ({
    keys: b.keys.map((k) => describeStroke(lang, k.stroke)).join(' '),
    text: b.help[lang],
    typing: b.modes.includes('typing') && !b.modes.includes('normal'),
    asking: b.modes.every((m) => m === 'confirm'),
    changes: Boolean(b.changes),
  }));
}
