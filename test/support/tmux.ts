import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A private tmux server (its own socket name, no user configuration) in which a console runs
 * in a real pseudo-terminal: keys go in with send-keys, the screen comes back with
 * capture-pane. `kill()` stops the server and everything in it; call it in afterAll.
 */
export interface Tmux {
  readonly socket: string;
  /** Starts `argv` (no shell) in a new session of `columns`×`rows`, with exactly `env`. */
  start(argv: string[], env: Record<string, string>, size?: { columns: number; rows: number }): Promise<Pane>;
  kill(): Promise<void>;
}

export interface Pane {
  readonly target: string;
  /** Types `text` literally (no key names). */
  type(text: string): Promise<void>;
  /** Presses named keys, one send-keys each, in order: 'Enter', 'Tab', 'Escape', 'Up', 'C-s'… */
  press(...keys: string[]): Promise<void>;
  /** The visible screen, wrapped lines joined, trailing spaces and empty last lines dropped. */
  screen(): Promise<string>;
  /**
   * Polls the screen until it shows `expected`; fails after `timeoutMs` with the last screen.
   * Returns that screen.
   */
  waitFor(expected: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Waits for the program to end; its exit status (the pane stays, showing its last screen). */
  waitForExit(timeoutMs?: number): Promise<number>;
}

const POLL_MS = 50;
export const WAIT_MS = 20_000;

/** Environment of the tmux client itself: a UTF-8 locale so accented text goes through. */
const clientEnv = (): NodeJS.ProcessEnv => ({ ...process.env, LC_ALL: 'C.UTF-8', TMUX: '' });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startTmux(): Tmux {
  const socket = `ds-test-${process.pid}-${randomBytes(3).toString('hex')}`;
  // Read when the server starts, before the first program runs: a pane whose program ended
  // stays, with its exit status and last screen. Nothing from the user's own configuration.
  const dir = mkdtempSync(join(tmpdir(), 'ds-tmux-'));
  const conf = join(dir, 'tmux.conf');
  writeFileSync(conf, 'set-option -g remain-on-exit on\n');
  let sessions = 0;
  const tmux = async (...args: string[]): Promise<string> => {
    const { stdout } = await run('tmux', ['-L', socket, '-f', conf, ...args], { env: clientEnv() });
    return stdout;
  };

  return {
    socket,
    async start(argv, env, size = { columns: 80, rows: 24 }) {
      const target = `s${++sessions}`;
      // `env -i`: the pane gets only what the test gives, not the server's environment.
      const vars = Object.entries({ TERM: 'screen', LANG: 'C.UTF-8', ...env }).map(([k, v]) => `${k}=${v}`);
      await tmux('new-session', '-d', '-s', target, '-x', String(size.columns), '-y', String(size.rows), 'env', '-i', ...vars, ...argv);
      return pane(target, tmux);
    },
    async kill() {
      // tmux leaves its socket file behind when the server is killed
      const path = await tmux('display-message', '-p', '#{socket_path}').then((p) => p.trim(), () => '');
      await tmux('kill-server').catch(() => undefined); // no server: nothing to stop
      if (path !== '') rmSync(path, { force: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function pane(target: string, tmux: (...args: string[]) => Promise<string>): Pane {
  const screen = async () => {
    const raw = await tmux('capture-pane', '-p', '-J', '-t', target);
    return raw
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .replace(/\n+$/, '');
  };
  const format = async (f: string) => (await tmux('display-message', '-p', '-t', target, f)).trim();
  return {
    target,
    async type(text) {
      await tmux('send-keys', '-t', target, '-l', text);
    },
    async press(...keys) {
      for (const k of keys) await tmux('send-keys', '-t', target, k);
    },
    screen,
    async waitFor(expected, timeoutMs = WAIT_MS) {
      const test =
        typeof expected === 'function' ? expected : typeof expected === 'string' ? (s: string) => s.includes(expected) : (s: string) => expected.test(s);
      const until = Date.now() + timeoutMs;
      let last = '';
      for (;;) {
        last = await screen();
        if (test(last)) return last;
        if (Date.now() > until) break;
        await sleep(POLL_MS);
      }
      const want = typeof expected === 'function' ? 'the expected screen' : JSON.stringify(String(expected));
      throw new Error(`tmux ${target}: waited ${timeoutMs} ms for ${want}; the screen was:\n${last}`);
    },
    async waitForExit(timeoutMs = WAIT_MS) {
      const until = Date.now() + timeoutMs;
      const server = Number(await format('#{pid}'));
      for (;;) {
        const [dead, status] = (await format('#{pane_dead} #{pane_dead_status}')).split(' ');
        if (dead === '1' && status !== undefined && status !== '') return Number(status);
        if (Date.now() > until) {
          const pid = await format('#{pane_pid}');
          throw new Error(`tmux ${target}: the program (pid ${pid}) did not end within ${timeoutMs} ms; the screen was:\n${await screen()}`);
        }
        // Debian's tmux is built with libutempter, whose own SIGCHLD handler can swallow the
        // signal of a program that ended (tmux issues 311 and 4559): the program stays a
        // zombie and the pane alive. Another SIGCHLD to our own server makes it reap.
        try {
          process.kill(server, 'SIGCHLD');
        } catch {
          // the server is gone: the next display-message says so
        }
        await sleep(POLL_MS);
      }
    },
  };
}
