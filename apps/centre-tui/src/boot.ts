import { bootConsole } from '@docstream/console-kit/boot';

// Imported first by main.ts: it must run before React and Ink load.
bootConsole(process.argv.slice(2), new Set(['--lang', '--data-dir', '--database-url', '--user', '--passphrase-file']));
