import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { t } from '../i18n.js';
import { SCREEN_NAMES, type ScreenId } from '../keys/bindings.js';
import { helpEntries } from '../keys/match.js';
import { ScreenFrame } from './ScreenFrame.js';
import { column } from './text-fit.js';

/** The `?` help of a screen, written from the bindings table. */
export function HelpView({ lang, width, screen }: { lang: Lang; width: number; screen: ScreenId }) {
  const entries = helpEntries(lang, screen);
  const keysWidth = Math.min(22, Math.max(...entries.map((e) => [...e.keys].length)) + 2);
  return (
    <ScreenFrame lang={lang} screen="help" mode="normal" width={width} title={t(lang, 'helpTitle', { screen: SCREEN_NAMES[screen][lang] })}>
      <Text>{t(lang, 'helpKeysOfScreen')}</Text>
      <Box flexDirection="column">
        {entries.map((e) => (
          <Box key={e.keys + e.text}>
            <Box width={keysWidth + 2} flexShrink={0}>
              <Text>{'  ' + column(e.keys, keysWidth)}</Text>
            </Box>
            <Text>{e.text + (e.typing ? ` ${t(lang, 'helpTyping')}` : e.asking ? ` ${t(lang, 'helpAsking')}` : '')}</Text>
          </Box>
        ))}
      </Box>
      <Text>{t(lang, 'helpTypingNote')}</Text>
    </ScreenFrame>
  );
}
