import type { Command } from 'commander';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isValidNiu, migrate, openDatabase, pendingMigrations } from '@docstream/core';
import { withCentre, settingsFrom, outputFrom, type GlobalOptions } from './context.js';
import { emit, readNewSecret, tr } from './io.js';

export function addAdminCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('init')
    .description('Initialise le centre : matricule, nom, premier Officier / initialise the centre')
    .requiredOption('--matricule <digits>', 'matricule du centre, 5 chiffres')
    .requiredOption('--name <name>', 'nom du centre')
    .requiredOption('--officer <login>', 'identifiant du premier Officier')
    .requiredOption('--officer-name <name>', 'nom complet du premier Officier')
    .action(async (o: { matricule: string; name: string; officer: string; officerName: string }) => {
      await withCentre(globals(), async (centre, out) => {
        const password = await readNewSecret(out, 'DOCSTREAM_NEW_PASSWORD');
        await centre.init({ matricule: o.matricule, name: o.name, officer: { login: o.officer, fullName: o.officerName, password } });
        emit(out, { matricule: o.matricule, name: o.name, officer: o.officer }, tr(out, `Centre ${o.matricule} initialisé. Connectez-vous avec ${o.officer}.`, `Centre ${o.matricule} initialised. Log in as ${o.officer}.`));
      });
    });

  program
    .command('demo')
    .description('Initialise un centre de démonstration avec des comptes d’essai / demo centre with trial accounts')
    .option('--matricule <digits>', 'matricule', '00001')
    .action(async (o: { matricule: string }) => {
      await withCentre(globals(), async (centre, out) => {
        await centre.initDemo(o.matricule);
        const logins = DEMO_ACCOUNTS.map((a) => a.login);
        emit(out, { matricule: o.matricule, accounts: logins, password: DEMO_PASSWORD }, tr(out,
          `Centre de démonstration ${o.matricule} prêt. Comptes : ${logins.join(', ')} ; mot de passe « ${DEMO_PASSWORD} », à changer à la première connexion.`,
          `Demo centre ${o.matricule} ready. Accounts: ${logins.join(', ')}; password “${DEMO_PASSWORD}”, to change at first login.`));
      });
    });

  program
    .command('migrate')
    .description('Applique les migrations de la base / apply database migrations')
    .action(async () => {
      const g = globals();
      const settings = settingsFrom(g);
      const db = await openDatabase(settings, 'centre', { migrate: false });
      try {
        const ran = await migrate(db, 'centre');
        const out = outputFrom(g, settings);
        emit(out, { applied: ran }, ran.length ? ran.join('\n') : tr(out, 'Base à jour.', 'Database up to date.'));
      } finally {
        await db.close();
      }
    });

  program
    .command('status')
    .description('Centre, base de données, migrations / centre, database, migrations')
    .action(async () => {
      await withCentre(globals(), async (centre, out, settings) => {
        const info = await centre.info();
        const pending = await pendingMigrations(centre.db, 'centre');
        const data = { centre: info ?? null, database: centre.db.description, embedded: centre.db.embedded, pendingMigrations: pending, dataDir: settings.dataDir };
        emit(out, data, [
          `${tr(out, 'Centre', 'Centre')}: ${info ? `${info.matricule} ${info.name}` : tr(out, 'non initialisé (docstream-centre init)', 'not initialised (docstream-centre init)')}`,
          `${tr(out, 'Base', 'Database')}: ${centre.db.description}`,
          `${tr(out, 'Migrations en attente', 'Pending migrations')}: ${pending.length}`,
        ].join('\n'));
      });
    });

  program
    .command('verify-audit')
    .description('Vérifie la chaîne d’empreintes du journal d’audit / verify the audit hash chain')
    .action(async () => {
      await withCentre(globals(), async (centre, out) => {
        const r = await centre.verifyAudit();
        emit(out, r, r.ok
          ? tr(out, `Journal d’audit intègre : ${r.checked} entrées vérifiées.`, `Audit log intact: ${r.checked} entries checked.`)
          : tr(out, `JOURNAL ALTÉRÉ à l’entrée ${r.brokenAt} : ${r.reason?.fr}. Conservez la base en l’état et prévenez l’administrateur.`,
                    `AUDIT LOG ALTERED at entry ${r.brokenAt}: ${r.reason?.en}. Keep the database as it is and alert the administrator.`));
        if (!r.ok) process.exitCode = 3;
      });
    });

  program
    .command('niu-check <niu>')
    .description('Contrôle les caractères de contrôle d’un NIU / check a NIU’s check digits')
    .action((niu: string) => {
      const out = outputFrom(globals(), settingsFrom(globals()));
      const ok = isValidNiu(niu);
      emit(out, { niu, valid: ok }, ok ? tr(out, `NIU ${niu} bien formé.`, `NIU ${niu} well formed.`) : tr(out, `NIU ${niu} mal saisi : relisez-le.`, `NIU ${niu} mistyped: read it again.`));
      if (!ok) process.exitCode = 1;
    });
}
