import { describe, expect, it } from 'vitest';
import { opensConsole } from '../../apps/centre-tui/src/console-args.js';

describe('opensConsole: whether docstream-centre opens the console (and runs lighter)', () => {
  it('no subcommand, with global options and their values: the console', () => {
    expect(opensConsole([])).toBe(true);
    expect(opensConsole(['--demo'])).toBe(true);
    expect(opensConsole(['--lang', 'en', '--data-dir', '/srv/run', '--database-url', 'postgres://x/run'])).toBe(true);
    expect(opensConsole(['--user', 'run', '--passphrase-file', 'doc'])).toBe(true);
  });
  it('a subcommand: not the console', () => {
    expect(opensConsole(['run'])).toBe(false);
    expect(opensConsole(['--lang', 'en', 'run', '--mode', 'intermittent'])).toBe(false);
    expect(opensConsole(['t2d', 'export', 'f.t2d'])).toBe(false);
    expect(opensConsole(['--json', 'doc', 'search'])).toBe(false);
  });
});
