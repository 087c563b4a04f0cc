#!/usr/bin/env node
import { bootConsole } from '@docstream/console-kit/boot';

// V8 settings for a console must be set before the program's modules are even read: a
// static import graph is loaded whole before its first line runs, so the program is
// imported dynamically once they are in place.
bootConsole(process.argv.slice(2), new Set(['--lang', '--data-dir', '--database-url', '--passphrase-file', '--user']));
await import('./program.js');
