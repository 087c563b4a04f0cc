import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { t } from '../i18n.js';
import { ScreenFrame } from '../keys/kit.js';
import { DestinationList } from '../components/DestinationList.js';
import { paletteMatches, type PaletteState } from './palette-reducer.js';

export function PaletteView({ lang, width, state }: { lang: Lang; width: number; state: PaletteState }) {
  const matches = paletteMatches(state.text);
  return (
    <ScreenFrame lang={lang} screen="palette" mode="typing" width={width} title={t(lang, 'paletteTitle')}>
      <Text>
        {t(lang, 'palettePrompt')}
        {state.text}
        <Text inverse> </Text>
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {matches.length === 0 ? <Text>{'  ' + t(lang, 'paletteNone')}</Text> : null}
        <DestinationList lang={lang} items={matches} selected={state.selected} />
      </Box>
    </ScreenFrame>
  );
}
