import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { splitChunk } from '@docstream/console-kit';

const plain = { return: false, ctrl: false, meta: false, escape: false, shift: false, tab: false } as Key;

describe('splitChunk', () => {
  it('leaves a single key or plain text as it is', () => {
    expect(splitChunk('a', plain)).toEqual([['a', plain]]);
    expect(splitChunk('abc', plain)).toEqual([['abc', plain]]);
  });

  it('turns text and Enter in one chunk into text then Enter, in order', () => {
    const events = splitChunk('HC1:ABC\r', plain);
    expect(events.map(([i, k]) => [i, k.return])).toEqual([['HC1:ABC', false], ['\r', true]]);
    const two = splitChunk('chef\r\nmot-de-passe\r', plain);
    expect(two.map(([i, k]) => [i, k.return])).toEqual([['chef', false], ['\r', true], ['mot-de-passe', false], ['\r', true]]);
  });

  it('turns Tabs and Backspaces typed ahead into the keys Ink reports alone, in order', () => {
    const events = splitChunk('officierx\x7f\x7f\tdemo\b\r', plain);
    expect(events.map(([i, k]) => [i, Boolean(k.tab), Boolean(k.delete), Boolean(k.backspace), k.return])).toEqual([
      ['officierx', false, false, false, false],
      ['', false, true, false, false],
      ['', false, true, false, false],
      ['', true, false, false, false],
      ['demo', false, false, false, false],
      ['', false, false, true, false],
      ['\r', false, false, false, true],
    ]);
  });

  it('cuts Tab, Backspace and Ctrl+letters typed ahead in one chunk into their own keys', () => {
    // tmux, or keys typed while the console was busy: "agent Tab demo Enter" arrives at once
    const login = splitChunk('agent\tdemo\r', plain);
    expect(login.map(([i, k]) => [i, Boolean(k.tab), Boolean(k.return)])).toEqual([
      ['agent', false, false], ['', true, false], ['demo', false, false], ['\r', false, true],
    ]);
    const edit = splitChunk('KONEX\u007f\u0013', plain);
    expect(edit.map(([i, k]) => [i, Boolean(k.delete), Boolean(k.ctrl)])).toEqual([
      ['KONEX', false, false], ['', true, false], ['s', false, true],
    ]);
  });
});
