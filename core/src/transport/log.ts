import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Services log one JSON object per line: easy to grep, to ship, and to read in tests. */
export type LogFn = (event: string, fields?: Record<string, unknown>) => void;

export function jsonLineLogger(write: (line: string) => void, now: () => Date = () => new Date()): LogFn {
  return (event, fields = {}) => write(`${JSON.stringify({ t: now().toISOString(), event, ...fields })}\n`);
}

export const silentLog: LogFn = () => {};

/**
 * JSON lines appended to `<dataDir>/logs/<name>`: a console owns the terminal, so the
 * service it hosts logs there (private to the user: the log names centres and brokers).
 */
export function fileLineLogger(dataDir: string, name: string): LogFn {
  const dir = join(dataDir, 'logs');
  const file = join(dir, name);
  let ready: Promise<unknown> | undefined;
  return jsonLineLogger((line) => {
    ready ??= mkdir(dir, { recursive: true, mode: 0o700 });
    void ready.then(() => appendFile(file, line, { mode: 0o600 })).catch(() => undefined);
  });
}
