import { Text } from 'ink';
import type { Lang } from '@docstream/core';
import type { Condition, Mode, ScreenId } from '../keys/bindings.js';
import { footerItems, footerLine } from '../keys/match.js';

/** The last line of every screen: the keys that work here, from the bindings table. */
export function Footer({ lang, screen, mode, width, on }: { lang: Lang; screen: ScreenId; mode: Mode; width: number; on?: readonly Condition[] }) {
  return <Text wrap="truncate-end">{footerLine(footerItems(lang, screen, mode, undefined, on), width)}</Text>;
}
