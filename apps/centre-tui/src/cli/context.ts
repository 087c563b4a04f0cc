import { createCentre, DocstreamError, keyAccessFrom, openDatabase, settingsFromOptions, type Centre, type Session, type Settings } from '@docstream/core';
import { readSecret, tr, type Output } from './io.js';

export interface GlobalOptions {
  lang?: string;
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
  user?: string;
  passphraseFile?: string;
}

export const settingsFrom = (g: GlobalOptions): Settings => settingsFromOptions(g);

export function outputFrom(g: GlobalOptions, settings: Settings): Output {
  return { lang: settings.lang, json: Boolean(g.json) };
}

/** Opens the centre's database (migrating it), runs `fn`, and always closes it. */
export async function withCentre<T>(g: GlobalOptions, fn: (centre: Centre, out: Output, settings: Settings) => Promise<T>): Promise<T> {
  const settings = settingsFrom(g);
  const db = await openDatabase(settings, 'centre');
  const keys = keyAccessFrom(settings, g.passphraseFile);
  const centre = createCentre(keys ? { db, keys } : { db });
  try {
    return await fn(centre, outputFrom(g, settings), settings);
  } finally {
    await centre.close();
  }
}

/** Logs in the user named by --user or DOCSTREAM_USER, password from DOCSTREAM_PASSWORD, stdin or a prompt. */
export async function loginFrom(centre: Centre, g: GlobalOptions, out: Output): Promise<Session> {
  const login = g.user ?? process.env.DOCSTREAM_USER;
  if (!login) {
    throw new DocstreamError(
      'auth_failed',
      'Indiquez l’utilisateur : --user IDENTIFIANT ou la variable DOCSTREAM_USER.',
      'Name the user: --user LOGIN or the DOCSTREAM_USER variable.',
    );
  }
  const password = await readSecret(tr(out, `Mot de passe de ${login}`, `Password for ${login}`), 'DOCSTREAM_PASSWORD');
  return centre.users.login(login, password);
}
