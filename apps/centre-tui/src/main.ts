#!/usr/bin/env node
import { Command } from 'commander';
import { settingsFrom, outputFrom, withCentre, type GlobalOptions } from './cli/context.js';
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
  .option('--demo', 'sans sous-commande : initialise un centre de démonstration s’il ne l’est pas, puis ouvre la console')
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
program.action(async () => {
  const g = globals();
  // Without --demo the login screen is drawn while the database opens (console-start.ts).
  if (!g.demo) return startConsole(g);
  await withCentre(g, async (centre, out, settings) => {
    if (!(await centre.info())) {
      await centre.initDemo();
      process.stderr.write(`${tr(out, 'Centre de démonstration créé.', 'Demo centre created.')}\n`);
    }
    const { runConsole } = await import('./console.js');
    await runConsole({ centre, lang: out.lang, embedded: centre.db.embedded, dbDescription: centre.db.description, dataDir: settings.dataDir });
  });
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportError(outputFrom(globals(), settingsFrom(globals())), e);
}
