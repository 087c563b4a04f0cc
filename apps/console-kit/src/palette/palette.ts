import type { Label } from '@docstream/core';
import { editText, type TextKeyState } from '../keys/text-edit.js';

/** A screen the `:` palette (or a menu) can go to. */
export interface DestinationEntry<D extends string = string> {
  id: D;
  label: Label;
}

function plain(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();
}

export interface PaletteState {
  text: string;
  selected: number;
}

export type PaletteAction = { type: 'text'; input: string; key: TextKeyState } | { type: 'up' } | { type: 'down' };

export const initialPalette: PaletteState = { text: '', selected: 0 };

/** The `:` palette over a console's destinations: type to narrow (accents and case aside), ↑↓, Enter. */
export function createPalette<D extends string>(destinations: () => readonly DestinationEntry<D>[]) {
  /** Destinations whose name (in either language) contains the typed text. */
  function paletteMatches(text: string): readonly DestinationEntry<D>[] {
    const q = plain(text);
    if (q === '') return destinations();
    return destinations().filter((d) => [d.label.fr, d.label.en, d.id].some((name) => plain(name).includes(q)));
  }

  function paletteReducer(s: PaletteState, a: PaletteAction): PaletteState {
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

  function paletteChoice(s: PaletteState): D | undefined {
    return paletteMatches(s.text)[s.selected]?.id;
  }

  return { paletteMatches, paletteReducer, paletteChoice, initialPalette };
}
