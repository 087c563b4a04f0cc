import { createCentre, databaseIdentity, deferDatabase, DocstreamError, keyAccessFrom, openDatabase, overridesFromOptions } from '@docstream/core';
import { outputFrom, settingsFrom, type GlobalOptions } from './cli/context.js';

function notInitialised(): DocstreamError {
  return new DocstreamError(
    'not_initialised',
    'Centre non initialisé. Lancez « docstream-centre init … », ou « docstream-centre --demo » pour essayer.',
    'Centre not initialised. Run “docstream-centre init …”, or “docstream-centre --demo” to try it out.',
  );
}

/**
 * The console on a centre that is set up: its login screen is drawn first, and the
 * database opens behind it (PGlite takes a second or more, the console's own modules
 * most of the rest); the first query waits for it. A centre that turns out not to be
 * initialised, or a database that cannot be opened, closes the console with the error.
 */
export async function startConsole(g: GlobalOptions): Promise<void> {
  const settings = settingsFrom(g);
  const out = outputFrom(g, settings);
  const [{ runConsole }, { consoleCycle }] = await Promise.all([import('./console.js'), import('./console-cycle.js')]);
  const db = deferDatabase(databaseIdentity(settings, 'centre'), async () => {
    const opened = await openDatabase(settings, 'centre');
    try {
      if (!(await createCentre({ db: opened }).info())) throw notInitialised();
    } catch (e) {
      await opened.close();
      throw e;
    }
    return opened;
  });
  const keys = keyAccessFrom(settings, g.passphraseFile);
  const centre = createCentre(keys ? { db, keys } : { db });
  // The MQTT cycle waits for `s` on Transmissions (only the demo starts it by itself).
  const cycle = consoleCycle(centre, () => settingsFrom(g), keys, false);
  try {
    await runConsole({
      centre, lang: out.lang, embedded: db.embedded, dbDescription: db.description, dataDir: settings.dataDir,
      commandLine: overridesFromOptions(g), cycle: cycle.host, ready: db.opened,
    });
  } finally {
    await cycle.close();
    await centre.close();
  }
}
