import type { Command } from 'commander';
import { DEMO_SUPERVISOR, DocstreamError, OPERATOR_PRIVILEGE_LABELS, parseOperatorPrivilege, readNewPassword, readSecret, type UserView } from '@docstream/core';
import type { ServerCli } from './cli-context.js';

function roleOf(text: string): number {
  const p = parseOperatorPrivilege(text);
  if (p === undefined) throw new DocstreamError('validation', `Rôle inconnu « ${text} » : lecteur, operateur, superviseur (ou 1, 2, 3).`, `Unknown role “${text}”: viewer, operator, supervisor (or 1, 2, 3).`);
  return p;
}

function line(u: UserView, en: boolean): string {
  const role = OPERATOR_PRIVILEGE_LABELS[u.privilege as 0 | 1 | 2 | 3];
  const flags = [u.mustChangePassword ? (en ? 'must change password' : 'mot de passe à changer') : '', u.locked ? (en ? 'locked' : 'bloqué') : ''].filter(Boolean).join(', ');
  return `${u.login.padEnd(16)} ${u.fullName.padEnd(30)} ${en ? role.en : role.fr}${flags ? `  (${flags})` : ''}`;
}

/** Operators (DESIGN §3, §7) and one's own password. */
export function addOperatorCommands(program: Command, cli: ServerCli): void {
  program.command('demo').description('Superviseur de démonstration (mot de passe à changer) / demo supervisor')
    .action(async () => {
      await cli.withServer(async (server) => {
        await server.operators.demoSupervisor();
        cli.say({ login: DEMO_SUPERVISOR.login, password: DEMO_SUPERVISOR.password },
          `Superviseur « ${DEMO_SUPERVISOR.login} », mot de passe « ${DEMO_SUPERVISOR.password} », à changer à la première connexion (docstream-server --user ${DEMO_SUPERVISOR.login} passwd).`,
          `Supervisor “${DEMO_SUPERVISOR.login}”, password “${DEMO_SUPERVISOR.password}”, to change at first login (docstream-server --user ${DEMO_SUPERVISOR.login} passwd).`);
      });
    });

  program.command('passwd').description('Change le mot de passe de --user / change the password of --user')
    .action(async () => {
      await cli.withServer(async (server) => {
        const login = program.opts<{ user?: string }>().user ?? process.env.DOCSTREAM_USER;
        if (!login) throw new DocstreamError('auth_failed', 'Indiquez l’opérateur : --user IDENTIFIANT.', 'Name the operator: --user LOGIN.');
        const current = await readSecret(cli.lang() === 'en' ? 'Current password' : 'Mot de passe actuel', 'DOCSTREAM_PASSWORD');
        const next = await readNewPassword(cli.lang(), 'DOCSTREAM_NEW_PASSWORD');
        await server.operators.changePassword(login, current, next);
        cli.say({ login, changed: true }, 'Mot de passe changé.', 'Password changed.');
      });
    });

  const op = program.command('operator').description('Opérateurs du serveur (superviseur) / server operators (supervisor)');
  op.command('init <login>').description('Premier superviseur (refusé s’il existe déjà des opérateurs)')
    .requiredOption('--name <fullName>', 'nom complet')
    .action(async (login: string, o: { name: string }) => {
      await cli.withServer(async (server) => {
        const password = await readNewPassword(cli.lang(), 'DOCSTREAM_NEW_PASSWORD');
        await server.operators.firstSupervisor({ login, fullName: o.name, password });
        cli.say({ login, privilege: 3 }, `Superviseur ${login} créé.`, `Supervisor ${login} created.`);
      });
    });
  op.command('list').action(async () => {
    await cli.withOperator(async (server, session) => {
      const list = await server.operators.list(session);
      cli.say(list, list.map((u) => line(u, false)).join('\n'), list.map((u) => line(u, true)).join('\n'));
    });
  });
  op.command('add <login>').requiredOption('--name <fullName>', 'nom complet').requiredOption('--role <role>', 'lecteur | operateur | superviseur')
    .action(async (login: string, o: { name: string; role: string }) => {
      await cli.withOperator(async (server, session) => {
        const r = await server.operators.create(session, { login, fullName: o.name, privilege: roleOf(o.role) });
        cli.say(r, `Opérateur ${login} créé. Mot de passe provisoire : ${r.temporaryPassword} (à changer à la première connexion).`,
          `Operator ${login} created. Temporary password: ${r.temporaryPassword} (to change at first login).`);
      });
    });
  op.command('edit <login>').option('--name <fullName>', 'nouveau nom').option('--role <role>', 'nouveau rôle')
    .action(async (login: string, o: { name?: string; role?: string }) => {
      await cli.withOperator(async (server, session) => {
        const u = await server.operators.edit(session, login, { ...(o.name !== undefined ? { fullName: o.name } : {}), ...(o.role !== undefined ? { privilege: roleOf(o.role) } : {}) });
        cli.say(u, line(u, false), line(u, true));
      });
    });
  op.command('suspend <login>').action(async (login: string) => {
    await cli.withOperator(async (server, session) => {
      const u = await server.operators.suspend(session, login);
      cli.say(u, `Opérateur ${login} suspendu.`, `Operator ${login} suspended.`);
    });
  });
  op.command('reset-password <login>').action(async (login: string) => {
    await cli.withOperator(async (server, session) => {
      const r = await server.operators.resetPassword(session, login);
      cli.say(r, `Mot de passe provisoire de ${login} : ${r.temporaryPassword}`, `Temporary password for ${login}: ${r.temporaryPassword}`);
    });
  });
}
