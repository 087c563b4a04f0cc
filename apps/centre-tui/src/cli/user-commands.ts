import type { Command } from 'commander';
import { DocstreamError, parsePrivilege, type Privilege } from '@docstream/core';
import { loginFrom, withCentre, type GlobalOptions } from './context.js';
import { emit, readNewSecret, readSecret, tr } from './io.js';
import { userText } from './format.js';

function privilegeOf(text: string): Privilege {
  const p = parsePrivilege(text);
  if (p === undefined) {
    throw new DocstreamError('validation', `Rôle inconnu « ${text} » : agent, secretaire, officier (ou 1, 2, 3).`, `Unknown role “${text}”: agent, secretary, officer (or 1, 2, 3).`);
  }
  return p;
}

export function addUserCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('passwd')
    .description('Change le mot de passe de --user / change the password of --user')
    .action(async () => {
      const g = globals();
      await withCentre(g, async (centre, out) => {
        const login = g.user ?? process.env.DOCSTREAM_USER;
        if (!login) throw new DocstreamError('auth_failed', 'Indiquez l’utilisateur : --user IDENTIFIANT.', 'Name the user: --user LOGIN.');
        const current = await readSecret(tr(out, 'Mot de passe actuel', 'Current password'), 'DOCSTREAM_PASSWORD');
        const next = await readNewSecret(out, 'DOCSTREAM_NEW_PASSWORD');
        await centre.users.changePassword(login, current, next);
        emit(out, { login, changed: true }, tr(out, 'Mot de passe changé.', 'Password changed.'));
      });
    });

  const user = program.command('user').description('Gestion des utilisateurs (Officier) / user management (Officer)');

  user
    .command('list')
    .action(async () => {
      const g = globals();
      await withCentre(g, async (centre, out) => {
        const users = await centre.users.list(await loginFrom(centre, g, out));
        emit(out, users, () => users.map((u) => userText(out, u)).join('\n'));
      });
    });

  user
    .command('add <login>')
    .requiredOption('--name <fullName>', 'nom complet')
    .requiredOption('--role <role>', 'agent | secretaire | officier')
    .action(async (login: string, o: { name: string; role: string }) => {
      const g = globals();
      await withCentre(g, async (centre, out) => {
        const session = await loginFrom(centre, g, out);
        const r = await centre.users.create(session, { login, fullName: o.name, privilege: privilegeOf(o.role) });
        emit(out, r, tr(out,
          `Utilisateur ${r.user.login} créé. Mot de passe provisoire : ${r.temporaryPassword} (à changer à la première connexion).`,
          `User ${r.user.login} created. Temporary password: ${r.temporaryPassword} (to change at first login).`));
      });
    });

  user
    .command('edit <login>')
    .option('--name <fullName>', 'nouveau nom complet')
    .option('--role <role>', 'nouveau rôle')
    .action(async (login: string, o: { name?: string; role?: string }) => {
      const g = globals();
      await withCentre(g, async (centre, out) => {
        const session = await loginFrom(centre, g, out);
        const changes: { fullName?: string; privilege?: Privilege } = {};
        if (o.name !== undefined) changes.fullName = o.name;
        if (o.role !== undefined) changes.privilege = privilegeOf(o.role);
        const u = await centre.users.edit(session, login, changes);
        emit(out, u, userText(out, u));
      });
    });

  user
    .command('suspend <login>')
    .action(async (login: string) => {
      const g = globals();
      await withCentre(g, async (centre, out) => {
        const u = await centre.users.suspend(await loginFrom(centre, g, out), login);
        emit(out, u, tr(out, `Compte ${u.login} suspendu.`, `Account ${u.login} suspended.`));
      });
    });

  user
    .command('reset-password <login>')
    .action(async (login: string) => {
      const g = globals();
      await withCentre(g, async (centre, out) => {
        const r = await centre.users.resetPassword(await loginFrom(centre, g, out), login);
        emit(out, r, tr(out,
          `Nouveau mot de passe provisoire de ${r.user.login} : ${r.temporaryPassword} (à changer à la connexion).`,
          `New temporary password for ${r.user.login}: ${r.temporaryPassword} (to change at login).`));
      });
    });
}
