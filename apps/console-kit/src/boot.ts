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
 * Called by a binary's first module, before the program's modules load, when it opens a
 * console. React's production build, unless told otherwise: the development one checks
 * every element and costs ~15 % of a live screen's CPU (the bundled binaries have it
 * built in; this covers the unbundled build). No optimising compiler for JavaScript: a
 * console spends its life waiting for keys, and V8 compiling Ink, React and the core in
 * the background as they load cost ~0.3 s of CPU before the first screen on two cores.
 * A young generation that never grows past its first size: by default V8 doubles it while
 * the program and PGlite load, and a console then holds ~20 MiB of it for good, for a few
 * more minor collections in the first second (docs/PERFORMANCE.md, Console start-up).
 * Subcommands keep all this as it is: `run` lives for months, `t2d` and copies do heavy
 * work.
 */
export function bootConsole(args: readonly string[], valueOptions: ReadonlySet<string>): void {
  if (!opensConsole(args, valueOptions)) return;
  const env = process.env; // not `process.env.NODE_ENV =`: the bundler replaces that name
  env.NODE_ENV ??= 'production';
  setFlagsFromString('--no-opt');
  setFlagsFromString('--semi-space-growth-factor=1');
}
