import { Command } from 'commander';
import { createCentre, demoKeyAccess, keyAccessFrom, openDatabase, overridesFromOptions } from '@docstream/core';
import { settingsFrom, outputFrom, type GlobalOptions } from './cli/context.js';
import { reportError, tr } from './cli/io.js';
import { addAdminCommands } from './cli/admin-commands.js';
import { addUserCommands } from './cli/user-commands.js';
import { addDocumentCommands, addFormCommands } from './cli/doc-commands.js';
import { addTransmissionCommands } from './cli/transmission-commands.js';
import { addServerLinkCommands } from './cli/server-link-commands.js';
import { addCopyCommands } from './cli/copy-commands.js';
import { startConsole } from './console-start.js';

const program = new Command('docstream-centre')
  .description('Docstream — console et commandes du centre de traitement / processing centre console and commands')
  .option('--lang <fr|en>', 'langue / language (défaut : fr, ou LANG)')
  .option('--json', 'sortie JSON pour les scripts / JSON output for scripts')
  .option('--data-dir <dir>', 'dossier des données locales (base embarquée)')
  .option('--database-url <url>', 'PostgreSQL (sinon DATABASE_URL, sinon base embarquée)')
  .option('--user <login>', 'utilisateur (sinon DOCSTREAM_USER) ; mot de passe : DOCSTREAM_PASSWORD, entrée standard ou invite')
  .option('--passphrase-file <file>', 'phrase secrète de la clé privée (sinon DOCSTREAM_KEY_PASSPHRASE)')
  .option('--demo', 'sans sous-commande : centre de démonstration inscrit auprès d’un serveur de démonstration lancé dans ce processus, puis la console')
  .showHelpAfterError();

const globals = (): GlobalOptions & { demo?: boolean } => program.opts();

addAdminCommands(program, globals);
addUserCommands(program, globals);
addDocumentCommands(program, globals);
addFormCommands(program, globals);
addTransmissionCommands(program, globals);
addServerLinkCommands(program, globals);
addCopyCommands(program, globals);

// No subcommand: the console, loaded only then so scripted commands start fast.
// With --demo, a demo central server runs in this process and the centre is enrolled with it.
program.action(async () => {
  const g = globals();
  // Without --demo the login screen is drawn while the database opens (console-start.ts).
  if (!g.demo) return startConsole(g);
  const settings = settingsFrom(g);
  const out = outputFrom(g, settings);
  const given = keyAccessFrom(settings, g.passphraseFile);
  const keys = demoKeyAccess(settings, given);
  const db = await openDatabase(settings, 'centre');
  const centre = createCentre({ db, keys });
  try {
    if (!(await centre.info())) {
      await centre.initDemo();
      process.stderr.write(`${tr(out, 'Centre de démonstration créé.', 'Demo centre created.')}\n`);
    }
    const [{ runConsole }, { consoleCycle }] = await Promise.all([import('./console.js'), import('./console-cycle.js')]);
    const cycle = consoleCycle(centre, () => settingsFrom(g), keys, true);
    try {
      await runConsole({ centre, lang: out.lang, embedded: centre.db.embedded, dbDescription: centre.db.description, dataDir: settings.dataDir, commandLine: overridesFromOptions(g), cycle: cycle.host });
    } finally {
      // Stopping the cycle (and the demo's server) lets in-flight work finish: say so.
      process.stderr.write(`${tr(out, 'Arrêt de la transmission…', 'Stopping transmission…')}\n`);
      await cycle.close();
    }
  } finally {
    await centre.close();
  }
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportError(outputFrom(globals(), settingsFrom(globals())), e);
}
