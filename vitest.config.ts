import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources; the binaries they spawn use the build.
    alias: {
      '@docstream/core': fileURLToPath(new URL('./core/src/index.ts', import.meta.url)),
      '@docstream/console-kit': fileURLToPath(new URL('./apps/console-kit/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker; the files wait mostly on PostgreSQL, brokers
    // and child processes, so three at once finish the run in about half the time.
    maxWorkers: 3,
  },
});
