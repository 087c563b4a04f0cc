import type { ReactElement } from 'react';
import { useSyncReducer } from '../hooks/useSyncReducer.js';
import { Box, Text, type Key } from 'ink';
import type { Lang } from '@docstream/core';
import type { Mode } from '../keys/types.js';
import type { ScreenFrameProps } from '../console-kit.js';
import { DestinationList } from './DestinationList.js';
import type { createPalette } from './palette.js';

const PALETTE_STRINGS = {
  title: { fr: 'Aller à', en: 'Go to' },
  prompt: { fr: 'Écran : ', en: 'Screen: ' },
  none: { fr: 'Aucun écran ne correspond.', en: 'No screen matches.' },
} as const;

interface PaletteKit<S extends string, A extends string, C extends string> {
  useKeys(screen: S, mode: Mode, handlers: Partial<Record<A, () => void>>, onText?: (input: string, key: Key) => void, on?: readonly C[]): void;
  ScreenFrame(props: ScreenFrameProps<S, C>): ReactElement;
}

/** The `:` palette overlay of a console: its container and view, bound to the app's kit. */
export function createPaletteScreen<S extends string, A extends string, C extends string, D extends string>(kit: PaletteKit<S, A, C>, screen: S, palette: ReturnType<typeof createPalette<D>>) {
  function PaletteView({ lang, width, text, selected }: { lang: Lang; width: number; text: string; selected: number }) {
    const matches = palette.paletteMatches(text);
    return (
      <kit.ScreenFrame lang={lang} screen={screen} mode="typing" width={width} title={PALETTE_STRINGS.title[lang]}>
        <Text>
          {PALETTE_STRINGS.prompt[lang]}
          {text}
          <Text inverse> </Text>
        </Text>
        <Box flexDirection="column" marginTop={1}>
          {matches.length === 0 ? <Text>{'  ' + PALETTE_STRINGS.none[lang]}</Text> : null}
          <DestinationList lang={lang} items={matches} selected={selected} />
        </Box>
      </kit.ScreenFrame>
    );
  }

  /** Container: type to narrow the screens, Enter to go. */
  function PaletteScreen({ lang, width, go }: { lang: Lang; width: number; go: (to: D) => void }) {
    const [state, dispatch, current] = useSyncReducer(palette.paletteReducer, palette.initialPalette);
    kit.useKeys(
      screen,
      'typing',
      {
        up: () => dispatch({ type: 'up' }),
        down: () => dispatch({ type: 'down' }),
        submit: () => {
          const to = palette.paletteChoice(current());
          if (to) go(to);
        },
      } as Partial<Record<A, () => void>>,
      (input, key) => dispatch({ type: 'text', input, key }),
    );
    return <PaletteView lang={lang} width={width} text={state.text} selected={state.selected} />;
  }

  return { PaletteScreen, PaletteView };
}
