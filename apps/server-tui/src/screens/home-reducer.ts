import type { Label } from '@docstream/core';
import { translator } from '@docstream/console-kit';
import { DESTINATIONS, type Destination } from '../navigation.js';

/** Live figures are read again at most this often while Home is on top. */
export const HOME_REFRESH_MS = 5000;

export const HOME_STRINGS = {
  title: { fr: 'Accueil', en: 'Home' },
  documents: { fr: 'Documents centralisés : {n}', en: 'Central documents: {n}' },
  documentsEstimated: { fr: 'Documents centralisés : environ {n} (estimation de PostgreSQL)', en: 'Central documents: about {n} (PostgreSQL’s estimate)' },
  readAt: { fr: 'Lu à {at} (relu toutes les 5 s)', en: 'Read at {at} (read again every 5 s)' },
  menu: { fr: 'Aller à', en: 'Go to' },
} as const satisfies Record<string, Label>;

export const homeText = translator(HOME_STRINGS);

export interface HomeSnapshot {
  documents: number;
  /** A large table: PostgreSQL's estimate, not a count. */
  estimated: boolean;
  at: Date;
}

export interface HomeState {
  snapshot: HomeSnapshot | null;
  error: Label | null;
  /** Id of the read to run; its answer carries it back. */
  request: number;
  loading: boolean;
  /** The selected line of the menu. */
  selected: number;
}

export type HomeAction =
  | { type: 'refresh' }
  | { type: 'tick' }
  | { type: 'loaded'; request: number; snapshot: HomeSnapshot }
  | { type: 'failed'; request: number; error: Label }
  | { type: 'up' }
  | { type: 'down' };

export const initialHome: HomeState = { snapshot: null, error: null, request: 1, loading: true, selected: 0 };

/** The destinations Home lists (all but itself). */
export function homeMenu() {
  return DESTINATIONS.filter((d) => d.id !== 'home');
}

export function homeReducer(s: HomeState, a: HomeAction): HomeState {
  switch (a.type) {
    case 'refresh':
      return { ...s, request: s.request + 1, loading: true };
    case 'tick':
      // A read still running is enough: no pile-up on a slow database.
      return s.loading ? s : { ...s, request: s.request + 1, loading: true };
    case 'loaded':
      return a.request === s.request ? { ...s, snapshot: a.snapshot, error: null, loading: false } : s;
    case 'failed':
      return a.request === s.request ? { ...s, error: a.error, loading: false } : s;
    case 'up':
      return { ...s, selected: Math.max(0, s.selected - 1) };
    case 'down':
      return { ...s, selected: Math.min(homeMenu().length - 1, s.selected + 1) };
  }
}

export function homeChoice(s: HomeState): Destination | undefined {
  return homeMenu()[s.selected]?.id;
}
