#!/usr/bin/env node
import { Command } from 'commander';
import { createServer, keyAccessFrom, migrate, openDatabase, pendingMigrations, settingsFromOptions, type Settings } from '@docstream/core';
import { addTransmissionCommands } from './cli/transmission-commands.js';

interface Globals {
  lang?: string;
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
  passphraseFile?: string;
}

const program = new Command('docstream-server')
  .description('Docstream — serveur central / central server')
  .option('--lang <fr|en>', 'langue / language')
  .option('--json', 'sortie JSON / JSON output')
  .option('--data-dir <dir>', 'dossier des données locales (base embarquée)')
  .option('--database-url <url>', 'PostgreSQL (sinon DATABASE_URL, sinon base embarquée)')
  .option('--passphrase-file <file>', 'phrase secrète des clés privées (sinon DOCSTREAM_KEY_PASSPHRASE)');

function settings(): Settings {
  return settingsFromOptions(program.opts<Globals>());
}

function say(data: unknown, fr: string, en: string): void {
  const s = settings();
  process.stdout.write(program.opts<Globals>().json ? `${JSON.stringify(data, null, 2)}\n` : `${s.lang === 'en' ? en : fr}\n`);
}

async function withServer(fn: (server: ReturnType<typeof createServer>, s: Settings) => Promise<void>): Promise<void> {
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

addTransmissionCommands(program, withServer, say);

program.action(async () => {
  await withServer(async (server, s) => {
    await server.installShippedForms();
    const { runServerConsole } = await import('./console.js');
    await runServerConsole({ server, lang: s.lang });
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
