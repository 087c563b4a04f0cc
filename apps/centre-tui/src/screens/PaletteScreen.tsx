import { useReducer } from 'react';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { initialPalette, paletteChoice, paletteReducer } from './palette-reducer.js';
import { PaletteView } from './PaletteView.js';

/** Container of the `:` palette: type to narrow the screens, Enter to go. */
export function PaletteScreen({ width }: { width: number }) {
  const { lang, controls } = useConsole();
  const [state, dispatch] = useReducer(paletteReducer, initialPalette);
  useKeys('palette', 'typing', {
      up: () => dispatch({ type: 'up' }),
      down: () => dispatch({ type: 'down' }),
      submit: () => {
        const to = paletteChoice(state);
        if (to) controls.go(to);
      },
    },
    (input, key) => dispatch({ type: 'text', input, key }),
  );
  return <PaletteView lang={lang} width={width} state={state} />;
}
