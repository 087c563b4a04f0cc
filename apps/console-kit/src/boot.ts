import { setFlagsFromString } from 'node:v8';

/** No subcommand on the command line (given the global options that take a value): the console opens. */
export function opensConsole(args: readonly string[], valueOptions: ReadonlySet<string>): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (valueOptions.has(a)) i++;
    else if (!a.startsWith('-')) return false;
  }
  return true;
}

/**
 * Called by a binary's first module, before React and Ink load, when it opens a console.
 * React's production build, unless told otherwise: the development one checks every
 * element and costs ~15 % of a live screen's CPU. No optimising compiler for JavaScript: a
 * console spends its life waiting for keys, and V8 compiling Ink, React and the core in
 * the background as they load cost ~0.3 s of CPU before the first screen on two cores.
 * Subcommands keep both as they are: `run` lives for months, `t2d` and copies do heavy work
 * (docs/PERFORMANCE.md).
 */
export function bootConsole(args: readonly string[], valueOptions: ReadonlySet<string>): void {
  if (!opensConsole(args, valueOptions)) return;
  process.env.NODE_ENV ??= 'production';
  setFlagsFromString('--no-opt');
}
