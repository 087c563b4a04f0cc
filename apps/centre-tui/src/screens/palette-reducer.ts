import { editText, type TextKeyState } from '@docstream/console-kit';
import { DESTINATIONS, type Destination } from '../navigation.js';

function plain(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();
}

/** Destinations whose name (in either language) contains the typed text, accents and case aside. */
export function paletteMatches(text: string): readonly { id: Destination; label: { fr: string; en: string } }[] {
  const q = plain(text);
  if (q === '') return DESTINATIONS;
  return DESTINATIONS.filter((d) => [d.label.fr, d.label.en, d.id].some((name) => plain(name).includes(q)));
}

export interface PaletteState {
  text: string;
  selected: number;
}

export type PaletteAction = { type: 'text'; input: string; key: TextKeyState } | { type: 'up' } | { type: 'down' };

export const initialPalette: PaletteState = { text: '', selected: 0 };

export function paletteReducer(s: PaletteState, a: PaletteAction): PaletteState {
  switch (a.type) {
    case 'text': {
      const text = editText(s.text, a.input, a.key, 40);
      return text === s.text ? s : { text, selected: 0 };
    }
    case 'up':
      return { ...s, selected: Math.max(0, s.selected - 1) };
    case 'down':
      return { ...s, selected: Math.max(0, Math.min(paletteMatches(s.text).length - 1, s.selected + 1)) };
  }
}

export function paletteChoice(s: PaletteState): Destination | undefined {
  return paletteMatches(s.text)[s.selected]?.id;
}

