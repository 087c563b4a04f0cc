/** The global options that take a value (main.ts): what follows them is not a subcommand. */
const VALUE_OPTIONS = new Set(['--lang', '--data-dir', '--database-url', '--user', '--passphrase-file']);

/** No subcommand on the command line: the console opens. */
export function opensConsole(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) return false;
  }
  return true;
}

