import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CENTRE_BIN = fileURLToPath(new URL('../../apps/centre-tui/dist/bundle/main.js', import.meta.url));
export const SERVER_BIN = fileURLToPath(new URL('../../apps/server-tui/dist/bundle/main.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs a built binary as a user would, with its own environment and optional standard input. */
export function runCli(bin: string, args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout, stderr, json: <T>() => JSON.parse(stdout) as T }),
    );
    child.stdin.end(input ?? '');
  });
}
