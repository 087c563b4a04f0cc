import { describe, expect, it } from 'vitest';
import { BINDINGS, type Mode, type ScreenId } from '../../apps/centre-tui/src/keys/bindings.js';
import { footerItems, helpEntries, matchAction } from '../../apps/centre-tui/src/keys/kit.js';
import { describeStroke, footerLine } from '@docstream/console-kit';
import { editText } from '@docstream/console-kit';

const SCREENS: ScreenId[] = ['login', 'changePassword', 'home', 'documents', 'detail', 'help', 'palette', 'form', 'users'];
const MODES: Mode[] = ['normal', 'typing'];

describe('centre bindings table', () => {
  it('has unique ids, and no plain character key among the keys that work while typing', () => {
    expect(new Set(BINDINGS.map((b) => b.id)).size).toBe(BINDINGS.length);
    for (const b of BINDINGS.filter((x) => x.modes.includes('typing'))) {
      for (const k of b.keys) expect(k.stroke.key !== undefined || k.stroke.ctrl === true, b.id).toBe(true);
    }
  });

  it('never binds one key to two actions on the same screen and mode', () => {
    for (const screen of SCREENS) {
      for (const mode of MODES) {
        const seen = new Map<string, string>();
        for (const b of BINDINGS.filter((x) => x.screens.includes(screen) && x.modes.includes(mode))) {
          for (const k of b.keys) {
            const id = JSON.stringify(k.stroke);
            expect(seen.has(id) && seen.get(id) !== k.action, `${screen}/${mode} ${id}`).toBe(false);
            seen.set(id, k.action);
          }
        }
      }
    }
  });

  it('gives every screen a footer that fits 80 columns, in French and English', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const screen of SCREENS) {
        for (const mode of MODES) {
          const line = footerLine(footerItems(lang, screen, mode), 80);
          expect([...line].length).toBeLessThan(80);
          expect(line.endsWith('…'), `${lang} ${screen} ${mode}: ${line}`).toBe(false);
        }
      }
    }
  });

  it('offers quit on every screen: q where nothing is typed, Ctrl+C always', () => {
    for (const screen of SCREENS) expect(matchAction(screen, 'typing', 'c', { ctrl: true }) ?? matchAction(screen, 'normal', 'c', { ctrl: true })).toBe('forceQuit');
    expect(matchAction('home', 'normal', 'q', {})).toBe('quit');
    expect(matchAction('documents', 'normal', 'q', {})).toBe('quit');
    expect(matchAction('login', 'typing', 'q', {})).toBeUndefined();
    expect(matchAction('documents', 'typing', 'q', {})).toBeUndefined();
    expect(matchAction('palette', 'typing', 'q', {})).toBeUndefined();
  });

  it('maps keys to actions by screen and mode', () => {
    expect(matchAction('home', 'normal', '?', {})).toBe('help');
    expect(matchAction('home', 'normal', ':', {})).toBe('palette');
    expect(matchAction('documents', 'normal', '/', {})).toBe('filter');
    expect(matchAction('documents', 'normal', '', { return: true })).toBe('open');
    expect(matchAction('documents', 'typing', '', { return: true })).toBe('submit');
    expect(matchAction('documents', 'typing', '', { escape: true })).toBe('back');
    expect(matchAction('documents', 'normal', '', { rightArrow: true })).toBe('nextPage');
    expect(matchAction('documents', 'normal', '', { pageUp: true })).toBe('prevPage');
    expect(matchAction('detail', 'normal', 'j', {})).toBe('down');
    expect(matchAction('login', 'typing', '', { tab: true })).toBe('nextField');
    expect(matchAction('login', 'typing', '', { tab: true, shift: true })).toBe('prevField');
    expect(matchAction('login', 'typing', '', { escape: true })).toBeUndefined();
    expect(matchAction('help', 'normal', '?', {})).toBe('back');
    // A key with Ctrl or Meta is not the bare letter.
    expect(matchAction('home', 'normal', 'q', { ctrl: true })).toBeUndefined();
    expect(matchAction('home', 'normal', 'q', { meta: true })).toBeUndefined();
  });

  it('writes the help of a screen from the table, every key named in the language', () => {
    const fr = helpEntries('fr', 'documents');
    expect(fr.map((e) => e.text)).toEqual(BINDINGS.filter((b) => b.screens.includes('documents')).map((b) => b.help.fr));
    expect(fr.find((e) => e.text.startsWith('Page'))!.keys).toBe('← → PgPréc PgSuiv');
    expect(fr.find((e) => e.text.startsWith('Chercher'))!.typing).toBe(true);
    expect(helpEntries('en', 'documents').find((e) => e.text.startsWith('Previous'))!.keys).toBe('← → PgUp PgDn');
    expect(describeStroke('fr', { key: 'tab', shift: true })).toBe('Maj+Tab');
    expect(describeStroke('en', { input: 'c', ctrl: true })).toBe('Ctrl+C');
  });

  it('squeezes the footer to one space, then cuts it, rather than wrap', () => {
    const items = [
      { keys: '?', label: 'aide' },
      { keys: 'q', label: 'quitter' },
    ];
    expect(footerLine(items, 80)).toBe('? aide  q quitter');
    expect(footerLine(items, 17)).toBe('? aide q quitter');
    expect(footerLine(items, 10)).toBe('? aide q…');
  });
});

describe('one-line text field', () => {
  it('appends typed and pasted text, and Backspace (or the DEL byte) removes one character', () => {
    expect(editText('ko', 'n', {})).toBe('kon');
    expect(editText('', 'koné aminata', {})).toBe('koné aminata');
    expect(editText('koné', '', { backspace: true })).toBe('kon');
    expect(editText('koné', '', { delete: true })).toBe('kon');
    expect(editText('', '', { backspace: true })).toBe('');
  });

  it('ignores control keys and control characters, and caps the length', () => {
    expect(editText('a', '', { return: true })).toBe('a');
    expect(editText('a', 'c', { ctrl: true })).toBe('a');
    expect(editText('a', '', { upArrow: true })).toBe('a');
    expect(editText('a', 'b\u0007c', {})).toBe('abc');
    expect(editText('abc', 'def', {}, 4)).toBe('abcd');
  });
});
