import { Text } from 'ink';
import type { Lang } from '@docstream/core';
import type { Mode, ScreenId } from '../keys/bindings.js';
import { footerItems, footerLine } from '../keys/match.js';

/** The last line of every screen: the keys that work here, from the bindings table. */
export function Footer({ lang, screen, mode, width }: { lang: Lang; screen: ScreenId; mode: Mode; width: number }) {
  return <Text wrap="truncate-end">{footerLine(footerItems(lang, screen, mode), width)}</Text>;
}
