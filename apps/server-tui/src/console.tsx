import { render } from 'ink';
import { DocstreamError, type Lang, type Server } from '@docstream/core';
import { StatusScreen } from './screens/StatusScreen.js';

export interface RunServerConsoleOptions {
  /** From createServer(), opened on its database; the caller closes it. */
  server: Server;
  lang: Lang;
}

/** Runs the server's status console; resolves when the user quits (q, or Ctrl+C). */
export async function runServerConsole({ server, lang }: RunServerConsoleOptions): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new DocstreamError(
      'config',
      'La console a besoin d’un terminal interactif. Sans terminal, utilisez les sous-commandes (docstream-server --help).',
      'The console needs an interactive terminal. Without one, use the subcommands (docstream-server --help).',
    );
  }
  const instance = render(<StatusScreen server={server} lang={lang} />, { exitOnCtrlC: false });
  await instance.waitUntilExit();
}
