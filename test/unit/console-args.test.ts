import { describe, expect, it } from 'vitest';
import { opensConsole } from '../../apps/console-kit/src/boot.js';

const VALUES = new Set(['--lang', '--data-dir', '--database-url', '--user', '--passphrase-file']);
const console_ = (args: string[]) => opensConsole(args, VALUES);

describe('opensConsole: whether a binary opens its console (and starts lighter)', () => {
  it('no subcommand, with global options and their values: the console', () => {
    expect(console_([])).toBe(true);
    expect(console_(['--demo'])).toBe(true);
    expect(console_(['--readonly', '--lang', 'en'])).toBe(true);
    expect(console_(['--lang', 'en', '--data-dir', '/srv/run', '--database-url', 'postgres://x/run'])).toBe(true);
    expect(console_(['--user', 'run', '--passphrase-file', 'doc'])).toBe(true);
  });
  it('a subcommand: not the console', () => {
    expect(console_(['run'])).toBe(false);
    expect(console_(['--lang', 'en', 'run', '--mode', 'intermittent'])).toBe(false);
    expect(console_(['t2d', 'export', 'f.t2d'])).toBe(false);
    expect(console_(['--json', 'doc', 'search'])).toBe(false);
  });
});
