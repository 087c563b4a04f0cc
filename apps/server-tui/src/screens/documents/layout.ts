import type { Label, Lang } from '@docstream/core';
import { kitText, wrapText } from '@docstream/console-kit';

/**
 * Lines every Documents screen spends around its body at a terminal of `rows`: the
 * console's header, the title, the message line, the footer (1 or 2), and the last row
 * the terminal keeps for its cursor.
 */
export function chromeRows(footerRows: number): number {
  return 3 + footerRows + 1;
}

/** The message line's error or status, wrapped here (so the lines it takes are known), and how many lines. */
export interface Message {
  error: Label | null;
  status: string | null;
  rows: number;
}

/**
 * Wraps a long error or question before Ink draws it: the screen then knows the lines it
 * takes and gives them up from its body, so the footer always stays on screen.
 */
export function wrapMessage(lang: Lang, width: number, error: Label | null, status: string | null): Message {
  const room = Math.max(20, width - 1);
  if (error) {
    const prefix = kitText(lang, 'errorPrefix');
    const lines = wrapText(prefix + error[lang], room);
    // The frame writes the prefix again; a first word too long for the first line leaves a line break after it.
    const text = lines.join('\n').slice(prefix.trimEnd().length).replace(/^ /, '');
    return { error: { fr: text, en: text }, status: null, rows: lines.length };
  }
  if (status) {
    const lines = wrapText(status, room);
    return { error: null, status: lines.join('\n'), rows: lines.length };
  }
  return { error: null, status: null, rows: 1 };
}

/** First line of a window of `room` lines over `count` that keeps `selected` in view. */
export function windowStart(count: number, selected: number, room: number): number {
  if (count <= room) return 0;
  return Math.max(0, Math.min(selected, count - 1) - room + 1);
}
