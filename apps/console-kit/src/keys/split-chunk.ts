import type { Key } from 'ink';

const NO_KEY: Partial<Key> = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
};

/**
 * Splits one chunk of input into the key presses it holds. A terminal hands over text and
 * Enter in one chunk when they arrive together — a paste, tmux, or a USB scanner that types
 * a QR text and Enter in a burst — and Ink then reports no Enter at all (nor Tab).
 */
export function splitChunk(input: string, key: Key): [string, Key][] {
  if (key.return || key.ctrl || key.meta || key.escape || input.length <= 1 || !/[\r\n\t\x08\x7f]/.test(input)) return [[input, key]];
  const events: [string, Key][] = [];
  const plain = { ...key, ...NO_KEY } as Key;
  // Tab and Backspace too: keys typed while the console was busy, or a held Backspace
  // over a slow SSH link, arrive as one chunk. Each becomes the key Ink reports alone.
  for (const part of input.split(/(\r\n|\r|\n|\t|\x08|\x7f)/)) {
    if (part === '') continue;
    if (part === '\t') events.push(['', { ...plain, tab: true }]);
    else if (part === '\x7f') events.push(['', { ...plain, delete: true }]);
    else if (part === '\b') events.push(['', { ...plain, backspace: true }]);
    else if (/^[\r\n]/.test(part)) events.push(['\r', { ...plain, return: true }]);
    else events.push([part, plain]);
  }
  return events;
}
