import { useContext, useEffect, useState, type ReactNode } from 'react';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { Box, Text, type Key } from 'ink';
import type { Label, Lang } from '@docstream/core';
import type { Binding, KeyState, Mode } from './keys/types.js';
import * as match from './keys/match.js';
import { KeyRegistryContext, KeyTargetId, ReadOnlyContext, type GlobalControls, type KeyRegistry, type KeyTarget } from './keys/registry.js';
import { MessageLine } from './components/MessageLine.js';
import { column, wrapText } from './text/fit.js';
import { kitText } from './text/labels.js';

export interface ScreenFrameProps<S extends string, C extends string> {
    lang: Lang;
    screen: S;
    mode: Mode;
    width: number;
    title: string;
    error?: Label | null | undefined;
    status?: string | null | undefined;
    /** The conditions that hold now, for the footer. */
    on?: readonly C[] | undefined;
    children?: ReactNode;
  }

export interface ConsoleKitOptions<S extends string, A extends string, C extends string> {
  /** THE key table of the console: input, footer and help all come from it. */
  table: readonly Binding<S, A, C>[];
  screenNames: Record<S, Label>;
  /** The help overlay's screen id, and the condition its footer shows while it scrolls. */
  help: { screen: S; scrolls: C };
}

/**
 * Binds the shared console pieces to one console's key table: typed matchers, the footer,
 * the screen frame, the `?` help and the key routing. Both consoles are built from this, so
 * their keys behave the same (DESIGN §1: key bindings are data).
 */
export function createConsoleKit<S extends string, A extends string, C extends string>(opts: ConsoleKitOptions<S, A, C>) {
  const { table, screenNames } = opts;

  const matchAction = (screen: S, mode: Mode, input: string, key: KeyState, on: readonly C[] = [], readOnly = false) => match.matchAction(table, screen, mode, input, key, on, readOnly);
  const footerItems = (lang: Lang, screen: S, mode: Mode, on: readonly C[] = [], readOnly = false) => match.footerItems(table, lang, screen, mode, on, readOnly);
  const footerRows = (lang: Lang, screen: S, mode: Mode, width: number, on: readonly C[] = [], readOnly = false) => match.footerRows(table, lang, screen, mode, width, on, readOnly);
  const helpEntries = (lang: Lang, screen: S) => match.helpEntries(table, lang, screen);
  const bindingsFor = (screen: S, mode?: Mode) => match.bindingsFor(table, screen, mode);

  /** The last line of every screen (two when a screen's actions do not fit): the keys that work here. */
  function Footer({ lang, screen, mode, width, on }: { lang: Lang; screen: S; mode: Mode; width: number; on?: readonly C[] | undefined }) {
    const rows = footerRows(lang, screen, mode, width, on, useContext(ReadOnlyContext));
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

  /** Title, body, message line and footer: the shape every screen shares. */
  function ScreenFrame({ lang, screen, mode, width, title, error, status, on, children }: ScreenFrameProps<S, C>) {
    return (
      <Box flexDirection="column" width={width}>
        <Text bold underline>
          {title}
        </Text>
        {children}
        <MessageLine lang={lang} error={error ?? null} status={status ?? null} />
        <Footer lang={lang} screen={screen} mode={mode} width={width} on={on} />
      </Box>
    );
  }

  /** The help's entries as terminal lines: the keys in a column, the sentence wrapped beside them. */
  function helpLines(lang: Lang, screen: S, width: number, readOnly = false): string[] {
    const entries = helpEntries(lang, screen);
    const keysWidth = Math.min(22, Math.max(...entries.map((e) => [...e.keys].length)) + 2);
    const lines: string[] = [];
    for (const e of entries) {
      const text = e.text + (e.typing ? ` ${kitText(lang, 'helpTyping')}` : e.asking ? ` ${kitText(lang, 'helpAsking')}` : '') + (readOnly && e.changes ? ` ${kitText(lang, 'helpReadOnly')}` : '');
      const wrapped = wrapText(text, width - 1 - (keysWidth + 2));
      wrapped.forEach((l, i) => lines.push(`  ${column(i === 0 ? e.keys : '', keysWidth)}${l}`));
    }
    return lines;
  }

  /**
   * The `?` help of a screen, written from the key table; `room` lines for the entries
   * (a longer help scrolls from `scroll`, its position said on the last of them).
   */
  function HelpView({ lang, width, screen, room = Infinity, scroll = 0 }: { lang: Lang; width: number; screen: S; room?: number; scroll?: number }) {
    const lines = helpLines(lang, screen, width, useContext(ReadOnlyContext));
    const scrolls = lines.length > room;
    const count = scrolls ? room - 1 : lines.length;
    const from = scrolls ? Math.max(0, Math.min(scroll, lines.length - count)) : 0;
    const shown = lines.slice(from, from + count);
    return (
      <ScreenFrame lang={lang} screen={opts.help.screen} mode="normal" width={width} on={scrolls ? [opts.help.scrolls] : []} title={kitText(lang, 'helpTitle', { screen: screenNames[screen][lang] })}>
        <Text>{kitText(lang, 'helpKeysOfScreen')}</Text>
        <Box flexDirection="column">
          {shown.map((line, i) => (
            <Text key={from + i} wrap="truncate-end">
              {line}
            </Text>
          ))}
          {scrolls ? <Text>{kitText(lang, 'linesPosition', { from: from + 1, to: from + shown.length, total: lines.length })} · ↑↓</Text> : null}
        </Box>
        <Text>{kitText(lang, 'helpTypingNote')}</Text>
      </ScreenFrame>
    );
  }

  /** Lines the help leaves to its entries: header, title, "Keys…", note, message line, footer, and the last row. */
  const HELP_CHROME = 7;

  /** Container of the help overlay: ↑↓ scroll a help longer than the terminal; close and quit are the console's own. */
  function HelpScreen({ lang, width, about }: { lang: Lang; width: number; about: S }) {
    const { rows } = useTerminalSize();
    const readOnly = useContext(ReadOnlyContext);
    const [scroll, setScroll] = useState(0);
    const room = Math.max(3, rows - HELP_CHROME);
    const total = helpLines(lang, about, width, readOnly).length;
    // When it scrolls, one line says where the window is.
    const shown = total > room ? room - 1 : room;
    const by = (n: number) => () => setScroll((x) => Math.max(0, Math.min(x + n, total - shown)));
    const handlers = { up: by(-1), down: by(1), prevPage: by(-(shown - 1)), nextPage: by(shown - 1) } as Partial<Record<A, () => void>>;
    useKeys(opts.help.screen, 'normal', handlers, undefined, total > room ? [opts.help.scrolls] : []);
    return <HelpView lang={lang} width={width} screen={about} room={room} scroll={scroll} />;
  }

  function globalHandler(c: GlobalControls, action: A): (() => void) | undefined {
    switch (action as string) {
      case 'quit':
      case 'forceQuit':
        return c.quit;
      case 'help':
        return c.help;
      case 'palette':
        return c.palette;
      case 'back':
        return c.back;
      default:
        return undefined;
    }
  }

  /** Routes one key press to a target through the key table (`readOnly`: changing keys do nothing). */
  function dispatchKey(target: KeyTarget | undefined, controls: GlobalControls, input: string, key: Key, readOnly = false): void {
    if (!target) {
      if (input === 'c' && key.ctrl) controls.quit();
      return;
    }
    const t = target as KeyTarget<S, A, C>;
    const action = matchAction(t.screen, t.mode, input, key, t.on, readOnly);
    if (action !== undefined) {
      (t.handlers[action] ?? globalHandler(controls, action))?.();
      return;
    }
    if (t.mode === 'typing') t.onText?.(input, key);
  }

  /**
   * A screen's keys: bound keys run `handlers[action]` (or the console's own quit, help,
   * palette, back); in typing mode other keys go to `onText`. `on`: the conditions that hold
   * now (the same the screen's footer is given).
   */
  function useKeys(screen: S, mode: Mode, handlers: Partial<Record<A, () => void>>, onText?: (input: string, key: Key) => void, on?: readonly C[]): void {
    const id = useContext(KeyTargetId);
    const registry = useContext(KeyRegistryContext) as KeyRegistry | null;
    if (id === null || registry === null) throw new Error('useKeys outside <App>');
    // Registered during render, so the newest handlers are in place before the next key.
    registry.set(id, { screen, mode, handlers, ...(onText ? { onText } : {}), ...(on ? { on } : {}) } as KeyTarget);
    useEffect(
      () => () => {
        registry.delete(id);
      },
      [id, registry],
    );
  }

  return { table, screenNames, matchAction, footerItems, footerRows, helpEntries, bindingsFor, helpLines, Footer, ScreenFrame, HelpView, HelpScreen, dispatchKey, useKeys, globalHandler };
}

export type ConsoleKit<S extends string, A extends string, C extends string> = ReturnType<typeof createConsoleKit<S, A, C>>;
