/** Services log one JSON object per line: easy to grep, to ship, and to read in tests. */
export type LogFn = (event: string, fields?: Record<string, unknown>) => void;

export function jsonLineLogger(write: (line: string) => void, now: () => Date = () => new Date()): LogFn {
  return (event, fields = {}) => write(`${JSON.stringify({ t: now().toISOString(), event, ...fields })}\n`);
}

export const silentLog: LogFn = () => {};
