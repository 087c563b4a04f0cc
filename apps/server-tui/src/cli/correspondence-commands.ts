import type { Command } from 'commander';
import { readStdinText } from '@docstream/core';
import type { ServerCli } from './cli-context.js';

/** Messages to and from centres, and the signatories printed on copies. */
export function addCorrespondenceCommands(program: Command, cli: ServerCli): void {
  const message = program.command('message').description('Messages des centres / messages with centres');
  message.command('list').option('--centre <matricule>').option('--unread', 'non lus seulement').option('--limit <n>', 'nombre', '50')
    .action(async (o: { centre?: string; unread?: boolean; limit: string }) => {
      await cli.withOperator(async (server, session) => {
        const list = await server.messages.list(session, { ...(o.centre ? { matricule: o.centre } : {}), unread: Boolean(o.unread), limit: Number(o.limit) });
        const text = (en: boolean) => list.map((m) => `#${m.id} ${m.at.toISOString().slice(0, 16).replace('T', ' ')} ${m.direction === 'in' ? '←' : '→'} ${m.matricule} ${m.direction === 'in' && !m.read_at ? (en ? '[unread] ' : '[non lu] ') : ''}${m.author ? `${m.author}: ` : ''}${m.body}`).join('\n') || (en ? 'No message.' : 'Aucun message.');
        cli.say(list, text(false), text(true));
      });
    });
  message.command('send <matricule> [text...]').description('Écrit à un centre (texte en arguments ou sur l’entrée standard)')
    .action(async (matricule: string, words: string[]) => {
      await cli.withOperator(async (server, session) => {
        const body = words.length > 0 ? words.join(' ') : await readStdinText();
        const m = await server.messages.send(session, matricule, body);
        cli.say(m, `Message #${m.id} pour ${matricule} : il part au prochain échange.`, `Message #${m.id} for ${matricule}: it leaves at the next exchange.`);
      });
    });
  message.command('read <ids...>').description('Marque des messages comme lus').action(async (ids: string[]) => {
    await cli.withOperator(async (server, session) => {
      const n = await server.messages.markRead(session, ids.map(Number));
      cli.say({ read: n }, `${n} message(s) marqué(s) lu(s).`, `${n} message(s) marked read.`);
    });
  });

  const sig = program.command('signatory').description('Signataires imprimés sur les copies / signatories printed on copies');
  sig.command('list').option('--centre <matricule>').action(async (o: { centre?: string }) => {
    await cli.withOperator(async (server, session) => {
      const list = await server.signatories.list(session, o.centre);
      const text = (en: boolean) => list.map((s) => `#${s.id} ${s.matricule ?? (en ? 'national' : 'national')}  ${s.full_name} — ${s.title}${s.active ? '' : en ? ' (inactive)' : ' (inactif)'}`).join('\n') || (en ? 'No signatory.' : 'Aucun signataire.');
      cli.say(list, text(false), text(true));
    });
  });
  sig.command('add').requiredOption('--name <fullName>').requiredOption('--title <title>').option('--centre <matricule>', 'sinon national')
    .action(async (o: { name: string; title: string; centre?: string }) => {
      await cli.withOperator(async (server, session) => {
        const s = await server.signatories.add(session, { fullName: o.name, title: o.title, ...(o.centre ? { matricule: o.centre } : {}) });
        cli.say(s, `Signataire #${s.id} ajouté ; les centres concernés reçoivent leur profil.`, `Signatory #${s.id} added; the centres concerned receive their profile.`);
      });
    });
  sig.command('edit <id>').option('--name <fullName>').option('--title <title>').option('--inactive').option('--active')
    .action(async (id: string, o: { name?: string; title?: string; inactive?: boolean; active?: boolean }) => {
      await cli.withOperator(async (server, session) => {
        const s = await server.signatories.edit(session, Number(id), {
          ...(o.name !== undefined ? { fullName: o.name } : {}), ...(o.title !== undefined ? { title: o.title } : {}),
          ...(o.inactive ? { active: false } : o.active ? { active: true } : {}),
        });
        cli.say(s, `Signataire #${s.id} modifié.`, `Signatory #${s.id} updated.`);
      });
    });
}
