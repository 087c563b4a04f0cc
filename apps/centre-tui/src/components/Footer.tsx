import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import type { Condition, Mode, ScreenId } from '../keys/bindings.js';
import { footerRows } from '../keys/match.js';

/** The last line of every screen (two when a screen's actions do not fit): the keys that work here, from the bindings table. */
export function Footer({ lang, screen, mode, width, on }: { lang: Lang; screen: ScreenId; mode: Mode; width: number; on?: readonly Condition[] }) {
  const rows = footerRows(lang, screen, mode, width, on);
  if (rows.length === 1) return <Text wrap="truncate-end">{rows[0]}</Text>;
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate-end">
          {row}
        </Text>
      ))}
    </Box>
  );
}
