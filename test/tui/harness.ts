import type { ReactElement } from 'react';
import { render } from 'ink-testing-library';
import { expect } from 'vitest';

/** What a terminal sends for the keys the consoles use. */
export const KEYS = {
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

export type KeyName = keyof typeof KEYS;

/** Ink 6 on Node 20 reads stdin on the next turns of the loop (Esc alone waits one more). */
async function settle(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 5));
}

export type Expectation = string | RegExp | ((frame: string) => boolean);

function matches(frame: string, e: Expectation): boolean {
  if (typeof e === 'string') return frame.includes(e);
  if (e instanceof RegExp) return e.test(frame);
  return e(frame);
}

export interface Console {
  /** The last frame Ink drew. */
  frame(): string;
  /** Every frame drawn at the terminal size asked for. */
  frames(): string[];
  /** Presses named keys (KEYS) one after the other. */
  press(...keys: KeyName[]): Promise<void>;
  /** Types text one character at a time, as a user would. */
  type(text: string): Promise<void>;
  /** Writes the text in one chunk, as a paste, tmux or a USB scanner delivers it. */
  burst(text: string): Promise<void>;
  /** Waits until the frame shows what is expected; fails with the last frame. */
  waitFor(expected: Expectation, timeoutMs?: number): Promise<string>;
  /** Waits until the frame differs from `previous`. */
  waitForChange(previous: string, timeoutMs?: number): Promise<string>;
  unmount(): void;
}

export interface TerminalSize {
  columns: number;
  rows: number;
}

/**
 * The one way screen tests drive a console: mount, press keys, wait for frames. The fake
 * terminal is 80×24 unless told otherwise (ink-testing-library's is 100 columns, no rows).
 */
export function mount(tree: ReactElement, size: TerminalSize = { columns: 80, rows: 24 }): Console {
  const instance = render(tree);
  const stdout = instance.stdout as unknown as { columns: number; rows: number; emit(event: string): boolean };
  Object.defineProperty(stdout, 'columns', { get: () => size.columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { get: () => size.rows, configurable: true });
  const sizedFrom = instance.frames.length;
  stdout.emit('resize');
  const frame = () => instance.lastFrame() ?? '';

  async function waitFor(expected: Expectation, timeoutMs = 5_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const f = frame();
      if (matches(f, expected)) return f;
      if (Date.now() > until) {
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(expected)}; last frame:\n${f}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  return {
    frame,
    frames: () => instance.frames.slice(sizedFrom),
    async press(...keys) {
      for (const k of keys) {
        instance.stdin.write(KEYS[k]);
        await settle();
      }
    },
    async burst(text) {
      instance.stdin.write(text);
      await settle();
    },
    async type(text) {
      for (const ch of text) {
        instance.stdin.write(ch);
        await settle();
      }
    },
    waitFor,
    waitForChange(previous, timeoutMs) {
      return waitFor((f) => f !== previous, timeoutMs);
    },
    unmount() {
      instance.unmount();
      instance.cleanup();
    },
  };
}

/** Fills the login form (user name, Enter, password, Enter). */
export async function logIn(c: Console, login: string, password: string): Promise<void> {
  await c.type(login);
  await c.press('enter');
  await c.type(password);
  await c.press('enter');
}

/** A frame fits an 80×24 terminal, one line left for the shell's cursor. */
export function fitsTerminal(frame: string): void {
  const lines = frame.split('\n');
  expect(lines.length, frame).toBeLessThanOrEqual(23);
  for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(80);
}
