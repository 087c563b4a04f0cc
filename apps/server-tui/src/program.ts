import { Command } from 'commander';
import {
  createServer, DocstreamError, fileLineLogger, hostServerService, isDocstreamError, keyAccessFrom, migrate, openDatabase, overridesFromOptions, pendingMigrations, readSecret, settingsFromOptions,
  type Server, type Session, type Settings,
} from '@docstream/core';
import type { ServerCli } from './cli/cli-context.js';
import { addTransmissionCommands } from './cli/transmission-commands.js';
import { addClientCommands } from './cli/client-commands.js';
import { addOperatorCommands } from './cli/operator-commands.js';
import { addAccountCommands } from './cli/account-commands.js';
import { addCorrespondenceCommands } from './cli/correspondence-commands.js';
import { addReportCommands } from './cli/report-commands.js';
import { addBrokerCommands } from './cli/broker-commands.js';
import { addFormsCommands } from './cli/forms-commands.js';
import { addElectionCommands } from './cli/election-commands.js';
import { addDocumentsCommands } from './cli/documents-commands.js';

interface Globals {
  lang?: string;
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
  passphraseFile?: string;
  user?: string;
  readonly?: boolean;
}

const program = new Command('docstream-server')
  .description('Docstream — serveur central / central server')
  .option('--lang <fr|en>', 'langue / language')
  .option('--json', 'sortie JSON / JSON output')
  .option('--data-dir <dir>', 'dossier des données locales (base embarquée)')
  .option('--database-url <url>', 'PostgreSQL (sinon DATABASE_URL, sinon base embarquée)')
  .option('--passphrase-file <file>', 'phrase secrète des clés privées (sinon DOCSTREAM_KEY_PASSPHRASE)')
  .option('--user <login>', 'opérateur (sinon DOCSTREAM_USER) ; mot de passe : DOCSTREAM_PASSWORD ou invite')
  .option('--readonly', 'sans sous-commande : console en lecture seule (aucune action qui modifie) / read-only console');

function settings(): Settings {
  return settingsFromOptions(program.opts<Globals>());
}

function say(data: unknown, fr: string, en: string): void {
  process.stdout.write(program.opts<Globals>().json ? `${JSON.stringify(data, null, 2)}\n` : `${settings().lang === 'en' ? en : fr}\n`);
}

async function withServer(fn: (server: Server, s: Settings) => Promise<void>): Promise<void> {
  const s = settings();
  const keys = keyAccessFrom(s, program.opts<Globals>().passphraseFile);
  const db = await openDatabase(s, 'server');
  const server = createServer(keys ? { db, keys } : { db });
  try {
    await fn(server, s);
  } finally {
    await server.close();
  }
}

async function login(server: Server, s: Settings): Promise<Session> {
  const user = program.opts<Globals>().user ?? process.env.DOCSTREAM_USER;
  if (!user) throw new DocstreamError('auth_failed', 'Indiquez l’opérateur : --user IDENTIFIANT ou la variable DOCSTREAM_USER.', 'Name the operator: --user LOGIN or the DOCSTREAM_USER variable.');
  const password = await readSecret(s.lang === 'en' ? `Password for ${user}` : `Mot de passe de ${user}`, 'DOCSTREAM_PASSWORD');
  return server.operators.login(user, password);
}

const cli: ServerCli = {
  withServer,
  withOperator: (fn) => withServer(async (server, s) => {
    const session = await login(server, s);
    await fn(server, session, s);
    // What the action queued for centres is sealed now when the keys are at hand; else the service does it.
    if (keyAccessFrom(s, program.opts<Globals>().passphraseFile)) {
      try {
        while ((await server.sealNotices()).length > 0);
      } catch (e) {
        if (!isDocstreamError(e)) throw e;
      }
    }
  }),
  say,
  lang: () => settings().lang,
};

program.command('migrate').description('Applique les migrations / apply migrations').action(async () => {
  const db = await openDatabase(settings(), 'server', { migrate: false });
  try {
    const ran = await migrate(db, 'server');
    const forms = await createServer({ db }).installShippedForms();
    ran.push(...forms.map((f) => `form ${f}`));
    say({ applied: ran }, ran.length ? ran.join('\n') : 'Base à jour.', ran.length ? ran.join('\n') : 'Database up to date.');
  } finally {
    await db.close();
  }
});

program.command('status').description('Base de données et documents centralisés / database and central documents').action(async () => {
  await withServer(async (server) => {
    const n = await server.documentCount();
    const pending = await pendingMigrations(server.db, 'server');
    say({ database: server.db.description, documents: n, pendingMigrations: pending },
      `Base : ${server.db.description}\nDocuments centralisés : ${n}`, `Database: ${server.db.description}\nCentral documents: ${n}`);
  });
});

program.command('verify-audit').description('Vérifie le journal d’audit / verify the audit log').action(async () => {
  await withServer(async (server) => {
    const r = await server.verifyAudit();
    say(r, r.ok ? `Journal intègre : ${r.checked} entrées.` : `JOURNAL ALTÉRÉ à l’entrée ${r.brokenAt} : ${r.reason?.fr}`,
      r.ok ? `Audit log intact: ${r.checked} entries.` : `AUDIT LOG ALTERED at entry ${r.brokenAt}: ${r.reason?.en}`);
    if (!r.ok) process.exitCode = 3;
  });
});

addOperatorCommands(program, cli);
addTransmissionCommands(program, cli);
addClientCommands(program, cli);
addAccountCommands(program, cli);
addCorrespondenceCommands(program, cli);
addReportCommands(program, cli);
addBrokerCommands(program, cli);
addFormsCommands(program, cli);
addElectionCommands(program, cli);
addDocumentsCommands(program, cli);

program.action(async () => {
  await withServer(async (server, s) => {
    await server.installShippedForms();
    const { runServerConsole } = await import('./console.js');
    // The Monitor's `s` hosts the receiving service here, as `run` would; settings are read at each start.
    const log = fileLineLogger(s.dataDir, 'server-console.log');
    const service = hostServerService(server, () => {
      const now = settings();
      return { url: now.mqttUrl, concurrency: now.serverConcurrency, shareGroup: now.serverShareGroup, log };
    });
    try {
      await runServerConsole({ server, lang: s.lang, readOnly: Boolean(program.opts<Globals>().readonly), commandLine: overridesFromOptions(program.opts<Globals>()), mqttUrl: s.mqttUrl, service });
    } finally {
      await service.close();
    }
  });
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const err = e as { fr?: string; en?: string; message?: string };
  const en = settings().lang === 'en';
  process.stderr.write(`${en ? 'Error' : 'Erreur'} : ${(en ? err.en : err.fr) ?? err.message}\n  (${(en ? err.fr : err.en) ?? ''})\n`);
  process.exitCode = 1;
}
