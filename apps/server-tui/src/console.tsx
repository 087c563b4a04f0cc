import { render } from 'ink';
import { DocstreamError, type Lang, type Server, type ServerServiceHost, type Settings } from '@docstream/core';
import { App } from './App.js';

export interface RunServerConsoleOptions {
  /** From createServer(), opened on its database; the caller closes it. */
  server: Server;
  lang: Lang;
  /** `--readonly`: every changing action off. */
  readOnly?: boolean;
  /** What the command line set (--lang, --data-dir, --database-url), for the Settings screen. */
  commandLine?: Partial<Settings>;
  /** The configured broker (MQTT_URL), for the broker test. */
  mqttUrl?: string | undefined;
  /** The receiving service the Monitor screen starts and stops; the caller closes it. */
  service?: ServerServiceHost | undefined;
}

/** Runs the interactive server console; resolves when the user quits (q, or Ctrl+C). */
export async function runServerConsole({ server, lang, readOnly = false, commandLine = {}, mqttUrl, service }: RunServerConsoleOptions): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new DocstreamError(
      'config',
      'La console a besoin d’un terminal interactif. Sans terminal, utilisez les sous-commandes (docstream-server --help).',
      'The console needs an interactive terminal. Without one, use the subcommands (docstream-server --help).',
    );
  }
  // Ctrl+C goes through the key table like every other key (it always quits).
  const instance = render(<App server={server} lang={lang} readOnly={readOnly} commandLine={commandLine} mqttUrl={mqttUrl} service={service} />, { exitOnCtrlC: false });
  await instance.waitUntilExit();
}
