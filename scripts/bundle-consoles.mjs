#!/usr/bin/env node
// Bundles each console binary (apps/<app>/dist/main.js, compiled by tsc) into
// apps/<app>/dist/bundle/: the app, the console kit, Ink, React and their small modules in
// a few files. Run by `npm run build`, `npm test` and `prepare` after `tsc -b`.
//
// Why: Node loads an ES module graph file by file, and Ink alone brings ~500 of them
// (`es-toolkit/compat` for one function). Each module costs memory for as long as the
// process lives and time to resolve, read and compile. Bundled, the centre console draws
// its login screen in ~0.37 s instead of ~0.55 s and holds ~10 MiB less
// (docs/PERFORMANCE.md, Console start-up).
//
// @docstream/core stays outside: it finds its migrations, forms and print templates next to
// its own files, and its heavy parts (PDFKit, mqtt.js, aedes) are loaded on first use.
// React is bundled in its production build, as a console always runs it.

import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const APPS = ['centre-tui', 'server-tui'];
// Ink's optional React DevTools connection: never installed, never loaded.
const EXTERNAL = new Set(['@docstream/core', 'react-devtools-core', 'ws']);

const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

const externals = {
  name: 'docstream-externals',
  setup(b) {
    // bare specifiers only: relative paths and package-internal `#imports` are bundled
    b.onResolve({ filter: /^[^./#]/ }, (a) => (a.path.startsWith('node:') || EXTERNAL.has(packageName(a.path)) ? { external: true } : undefined));
  },
};

for (const app of APPS) {
  const dir = fileURLToPath(new URL(`../apps/${app}/dist/`, import.meta.url));
  rmSync(`${dir}bundle`, { recursive: true, force: true }); // chunks are named by content hash
  await build({
    entryPoints: [`${dir}main.js`],
    outdir: `${dir}bundle`,
    bundle: true,
    splitting: true, // the screens the program imports on demand stay on demand
    format: 'esm',
    platform: 'node',
    target: 'node20',
    keepNames: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    // CommonJS modules in the bundle (React) call require() for Node's built-ins
    banner: { js: "import { createRequire as __docstreamRequire } from 'node:module'; const require = __docstreamRequire(import.meta.url);" },
    plugins: [externals],
    logLevel: 'warning',
  });
}
