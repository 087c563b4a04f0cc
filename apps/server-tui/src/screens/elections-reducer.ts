import type { Label } from '@docstream/core';
import { translator } from '@docstream/console-kit';

/** Every string of the Elections list, French first. */
export const ELECTIONS_STRINGS = {
  title: { fr: 'Élections', en: 'Elections' },
  none: {
    fr: 'Aucune élection. Un superviseur la charge : docstream-server election load …',
    en: 'No election. A supervisor loads one: docstream-server election load …',
  },
  date: { fr: 'Date', en: 'Date' },
  id: { fr: 'Identifiant', en: 'Id' },
  stations: { fr: 'Bureaux', en: 'Stations' },
  name: { fr: 'Nom', en: 'Name' },
  position: { fr: '{from}–{to} sur {total}', en: '{from}–{to} of {total}' },
  choose: { fr: 'Entrée : résultats en direct de l’élection choisie.', en: 'Enter: live results of the selected election.' },
} as const satisfies Record<string, Label>;

export const electionsText = translator(ELECTIONS_STRINGS);

/** One election as the list shows it. */
export interface ElectionItem {
  id: string;
  name: string;
  date: string;
  stations: number;
}

export interface ElectionsState {
  items: ElectionItem[] | null;
  selected: number;
  error: Label | null;
  /** Id of the read to run; its answer carries it back. */
  request: number;
  loading: boolean;
}

export type ElectionsAction =
  | { type: 'refresh' }
  | { type: 'loaded'; request: number; items: ElectionItem[] }
  | { type: 'failed'; request: number; error: Label }
  | { type: 'up' }
  | { type: 'down' };

export const initialElections: ElectionsState = { items: null, selected: 0, error: null, request: 1, loading: true };

/** The list of elections: read on opening and on `r` (one read at a time), ↑↓ to choose. */
export function electionsReducer(s: ElectionsState, a: ElectionsAction): ElectionsState {
  switch (a.type) {
    case 'refresh':
      return s.loading ? s : { ...s, request: s.request + 1, loading: true };
    case 'loaded': {
      if (a.request !== s.request) return s;
      // The same election stays selected when the list changes under it.
      const current = s.items?.[s.selected]?.id;
      const at = current === undefined ? -1 : a.items.findIndex((e) => e.id === current);
      return { ...s, items: a.items, loading: false, error: null, selected: at >= 0 ? at : Math.min(s.selected, Math.max(0, a.items.length - 1)) };
    }
    case 'failed':
      return a.request === s.request ? { ...s, loading: false, error: a.error } : s;
    case 'up':
      return { ...s, selected: Math.max(0, s.selected - 1) };
    case 'down':
      return { ...s, selected: Math.max(0, Math.min((s.items?.length ?? 0) - 1, s.selected + 1)) };
  }
}

export function chosenElection(s: ElectionsState): ElectionItem | undefined {
  return s.items?.[s.selected];
}
