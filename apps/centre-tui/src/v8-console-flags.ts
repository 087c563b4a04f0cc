import { setFlagsFromString } from 'node:v8';
import { opensConsole } from './console-args.js';

// Imported first by main.ts, so it runs before the other modules load. A console spends
// its life waiting for keys: V8's optimising compiler, compiling Ink, React and the core
// in the background as they load, costs ~0.3 s of CPU before the login screen on two
// cores and saves nothing a person would notice afterwards. Subcommands keep it: `run`
// works for months, `t2d` and copies do heavy work (docs/PERFORMANCE.md, Console start-up).
if (opensConsole(process.argv.slice(2))) setFlagsFromString('--no-opt');
