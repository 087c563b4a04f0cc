import { render } from 'ink';
import { DocstreamError, type Centre, type CentreServiceHost, type Lang, type Settings } from '@docstream/core';
import { App } from './App.js';

export interface RunConsoleOptions {
  /** From createCentre(), opened on its database and initialised; the caller closes it. */
  centre: Centre;
  lang: Lang;
  embedded: boolean;
  dbDescription: string;
  /** The data directory of the settings in use (copies go to its `copies/`); else the settings are read again. */
  dataDir?: string;
  /** The settings given as options (the Settings screen says what they override). */
  commandLine?: Partial<Settings>;
  /** The MQTT cycle the console hosts. */
  cycle?: CentreServiceHost;
  /**
   * Called once the first screen is drawn: opens the database behind the login screen. If it
   * fails (no database, centre not initialised) the console closes and runConsole throws that.
   */
  ready?: () => Promise<unknown>;
}

/** Runs the interactive centre console; resolves when the user quits (q, or Ctrl+C). */
export async function runConsole({ centre, lang, embedded, dbDescription, dataDir, commandLine, cycle, ready }: RunConsoleOptions): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new DocstreamError(
      'config',
      'La console a besoin d’un terminal interactif. Sans terminal, utilisez les sous-commandes (docstream-centre --help).',
      'The console needs an interactive terminal. Without one, use the subcommands (docstream-centre --help).',
    );
  }
  // Ctrl+C goes through the bindings table like every other key (it always quits).
  const instance = render(
    <App centre={centre} lang={lang} embedded={embedded} dbDescription={dbDescription} {...(dataDir ? { dataDir } : {})} {...(commandLine ? { commandLine } : {})} {...(cycle ? { cycle } : {})} />,
    { exitOnCtrlC: false },
  );
  // render()'s unmount does not pass an error on to waitUntilExit: keep it here
  let failure: { error: unknown } | undefined;
  ready?.().catch((error: unknown) => {
    failure = { error };
    instance.unmount();
  });
  await instance.waitUntilExit();
  if (failure) throw failure.error;
}
