import type { Server, Session, Settings } from '@docstream/core';

/** What every group of server commands receives from main.ts. */
export interface ServerCli {
  /** Opens the server (migrated, forms installed), runs `fn`, always closes. */
  withServer(fn: (server: Server, s: Settings) => Promise<void>): Promise<void>;
  /** Same, logged in as --user / DOCSTREAM_USER (password DOCSTREAM_PASSWORD or prompt). */
  withOperator(fn: (server: Server, session: Session, s: Settings) => Promise<void>): Promise<void>;
  /** Prints `data` as JSON with --json, else the sentence in the console's language. */
  say(data: unknown, fr: string, en: string): void;
  /** The chosen language. */
  lang(): 'fr' | 'en';
}
