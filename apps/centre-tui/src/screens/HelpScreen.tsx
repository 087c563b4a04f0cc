import { useState } from 'react';
import { HelpView, helpLines } from '../keys/kit.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useTerminalSize } from '@docstream/console-kit';
import type { ScreenId } from '../keys/bindings.js';

/** Lines the help leaves to its entries: header, title, "Keys…", note, message line, footer, and the 24th row. */
const HELP_CHROME = 7;

/** Container of the help overlay: ↑↓ scroll a help longer than the terminal; close and quit are the console's own. */
export function HelpScreen({ width, about }: { width: number; about: ScreenId }) {
  const { lang } = useConsole();
  const { rows } = useTerminalSize();
  const [scroll, setScroll] = useState(0);
  const room = Math.max(3, rows - HELP_CHROME);
  const total = helpLines(lang, about, width).length;
  // When it scrolls, one line says where the window is.
  const shown = total > room ? room - 1 : room;
  const by = (n: number) => () => setScroll((s) => Math.max(0, Math.min(s + n, total - shown)));
  useKeys('help', 'normal', { up: by(-1), down: by(1), prevPage: by(-(shown - 1)), nextPage: by(shown - 1) }, undefined, total > room ? ['helpScroll'] : []);
  return <HelpView lang={lang} width={width} screen={about} room={room} scroll={scroll} />;
}
