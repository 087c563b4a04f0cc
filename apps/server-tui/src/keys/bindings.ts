import type { Label } from '@docstream/core';

/**
 * THE key table of the server console: the footer, the `?` help and the input handling
 * are derived from it. Same conventions as the centre console (duplicated on purpose:
 * the apps share only the core).
 */
export type ScreenId = 'status' | 'help';
export type Action = 'help' | 'refresh' | 'back' | 'quit' | 'forceQuit';

export interface KeyStroke {
  input?: string;
  key?: 'escape';
  ctrl?: boolean;
}

export interface Binding {
  id: string;
  keys: readonly { stroke: KeyStroke; action: Action }[];
  shown: string;
  label: Label;
  help: Label;
  screens: readonly ScreenId[];
  /** Shown in the footer (defaults to true). */
  footer?: boolean;
}

export const BINDINGS: readonly Binding[] = [
  {
    id: 'help',
    keys: [{ stroke: { input: '?' }, action: 'help' }],
    shown: '?',
    label: { fr: 'aide', en: 'help' },
    help: { fr: 'Afficher l’aide de cet écran', en: 'Show the help of this screen' },
    screens: ['status'],
  },
  {
    id: 'refresh',
    keys: [{ stroke: { input: 'r' }, action: 'refresh' }],
    shown: 'r',
    label: { fr: 'actualiser', en: 'refresh' },
    help: { fr: 'Relire l’état dans la base de données', en: 'Read the status again from the database' },
    screens: ['status'],
  },
  {
    id: 'closeHelp',
    keys: [
      { stroke: { key: 'escape' }, action: 'back' },
      { stroke: { input: '?' }, action: 'back' },
    ],
    shown: 'Esc',
    label: { fr: 'fermer', en: 'close' },
    help: { fr: 'Fermer l’aide', en: 'Close the help' },
    screens: ['help'],
  },
  {
    id: 'quit',
    keys: [{ stroke: { input: 'q' }, action: 'quit' }],
    shown: 'q',
    label: { fr: 'quitter', en: 'quit' },
    help: { fr: 'Quitter la console (le service continue s’il tourne à part)', en: 'Quit the console (the service goes on if it runs on its own)' },
    screens: ['status', 'help'],
  },
  {
    id: 'forceQuit',
    keys: [{ stroke: { input: 'c', ctrl: true }, action: 'forceQuit' }],
    shown: 'Ctrl+C',
    label: { fr: 'quitter', en: 'quit' },
    help: { fr: 'Quitter, à tout moment', en: 'Quit, at any time' },
    screens: ['status', 'help'],
    footer: false,
  },
];

export interface KeyState {
  escape?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

export function matchAction(screen: ScreenId, input: string, key: KeyState): Action | undefined {
  for (const b of BINDINGS) {
    if (!b.screens.includes(screen)) continue;
    for (const { stroke, action } of b.keys) {
      if (stroke.key === 'escape' ? key.escape === true : stroke.input === input && Boolean(stroke.ctrl) === Boolean(key.ctrl) && !key.meta && !key.escape) {
        return action;
      }
    }
  }
  return undefined;
}

export function footerText(lang: 'fr' | 'en', screen: ScreenId): string {
  return BINDINGS.filter((b) => b.screens.includes(screen) && b.footer !== false)
    .map((b) => `${b.shown} ${b.label[lang]}`)
    .join('  ');
}

export function helpEntries(lang: 'fr' | 'en', screen: ScreenId): { keys: string; text: string }[] {
  return BINDINGS.filter((b) => b.screens.includes(screen)).map((b) => ({
    keys: b.keys.map((k) => (k.stroke.key === 'escape' ? 'Esc' : k.stroke.ctrl ? `Ctrl+${(k.stroke.input ?? '').toUpperCase()}` : k.stroke.input)).join(' '),
    text: b.help[lang],
  }));
}
