import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { t } from '../i18n.js';
import { SCREEN_NAMES, type ScreenId } from '../keys/bindings.js';
import { helpEntries } from '../keys/match.js';
import { wrapText } from '../screens/detail-lines.js';
import { ScreenFrame } from './ScreenFrame.js';
import { column } from './text-fit.js';

/** The help's entries as terminal lines: the keys in a column, the sentence wrapped beside them. */
export function helpLines(lang: Lang, screen: ScreenId, width: number): string[] {
  const entries = helpEntries(lang, screen);
  const keysWidth = Math.min(22, Math.max(...entries.map((e) => [...e.keys].length)) + 2);
  const lines: string[] = [];
  for (const e of entries) {
    const text = e.text + (e.typing ? ` ${t(lang, 'helpTyping')}` : e.asking ? ` ${t(lang, 'helpAsking')}` : '');
    const wrapped = wrapText(text, width - 1 - (keysWidth + 2));
    wrapped.forEach((l, i) => lines.push(`  ${column(i === 0 ? e.keys : '', keysWidth)}${l}`));
  }
  return lines;
}

/**
 * The `?` help of a screen, written from the bindings table; `room` lines for the entries
 * (a longer help scrolls from `scroll`, its position said on the last of them).
 */
export function HelpView({ lang, width, screen, room = Infinity, scroll = 0 }: { lang: Lang; width: number; screen: ScreenId; room?: number; scroll?: number }) {
  const lines = helpLines(lang, screen, width);
  const scrolls = lines.length > room;
  const count = scrolls ? room - 1 : lines.length;
  const from = scrolls ? Math.max(0, Math.min(scroll, lines.length - count)) : 0;
  const shown = lines.slice(from, from + count);
  return (
    <ScreenFrame lang={lang} screen="help" mode="normal" width={width} on={scrolls ? ['helpScroll'] : []} title={t(lang, 'helpTitle', { screen: SCREEN_NAMES[screen][lang] })}>
      <Text>{t(lang, 'helpKeysOfScreen')}</Text>
      <Box flexDirection="column">
        {shown.map((line, i) => (
          <Text key={from + i} wrap="truncate-end">
            {line}
          </Text>
        ))}
        {scrolls ? <Text>{t(lang, 'linesPosition', { from: from + 1, to: from + shown.length, total: lines.length })} · ↑↓</Text> : null}
      </Box>
      <Text>{t(lang, 'helpTypingNote')}</Text>
    </ScreenFrame>
  );
}
