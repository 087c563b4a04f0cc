import type { Key } from 'ink';

const NO_KEY: Partial<Key> = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
};

/**
 * Splits one chunk of input into the key presses it holds. A terminal hands over several
 * keys in one chunk when they arrive together — a paste, tmux, a USB scanner that types a QR
 * text and Enter in a burst, or keys typed ahead while the console was busy — and Ink then
 * reports the whole chunk as text: no Enter, no Tab, no Backspace. Ink already cuts escape
 * sequences (arrows, Shift+Tab, Esc) apart; the other control bytes are cut here and given
 * the key Ink gives them alone.
 */
export function splitChunk(input: string, key: Key): [string, Key][] {
  if (key.return || key.ctrl || key.meta || key.escape || input.length <= 1 || !CONTROL.test(input)) return [[input, key]];
  const events: [string, Key][] = [];
  const plain = { ...key, ...NO_KEY } as Key;
  let text = '';
  const flush = () => {
    if (text !== '') events.push([text, plain]);
    text = '';
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (!CONTROL.test(c)) {
      text += c;
      continue;
    }
    flush();
    if (c === '\r' && input[i + 1] === '\n') i++; // CR LF is one Enter
    events.push(controlKey(c, plain));
  }
  flush();
  return events;
}

/** C0 control bytes but ESC (Ink's own), and DEL. */
const CONTROL = /[\u0000-\u001a\u001c-\u001f\u007f]/;

/** The key Ink reports for one control byte typed alone. */
function controlKey(c: string, plain: Key): [string, Key] {
  if (c === '\r' || c === '\n') return ['\r', { ...plain, return: true }];
  if (c === '\t') return ['', { ...plain, tab: true }];
  if (c === '\b') return ['', { ...plain, backspace: true }];
  if (c === '\u007f') return ['', { ...plain, delete: true }];
  const code = c.charCodeAt(0);
  // Ctrl+A … Ctrl+Z arrive as 1 … 26 (Ctrl+S saves a form)
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...plain, ctrl: true }];
  return ['', plain];
}
