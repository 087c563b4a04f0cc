import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { DocstreamError } from '@docstream/core';
import type { ServerCli } from './cli-context.js';

/** Form definitions distributed to the centres through the broadcast bulletin. */
export function addFormsCommands(program: Command, cli: ServerCli): void {
  const forms = program.command('forms').description('Formulaires diffusés aux centres / forms pushed to centres');
  forms.command('list').action(async () => {
    await cli.withOperator(async (server) => {
      const list = await server.forms.list();
      const text = (en: boolean) => list.map((f) => `${f.id.padEnd(20)} v${f.version}  ${en ? f.title.en : f.title.fr}`).join('\n');
      cli.say(list.map((f) => ({ id: f.id, version: f.version, title: f.title })), text(false), text(true));
    });
  });
  forms.command('install <file>').description('Installe une nouvelle version (JSON) ; elle ne part qu’avec « forms push » (superviseur)')
    .action(async (file: string) => {
      await cli.withOperator(async (server, session) => {
        let raw: unknown;
        try {
          raw = JSON.parse(await readFile(file, 'utf8'));
        } catch (e) {
          throw new DocstreamError('validation', `Fichier ${file} illisible ou JSON invalide.`, `File ${file} unreadable or invalid JSON.`, { cause: e });
        }
        const def = await server.bulletins.installForm(session, raw);
        cli.say({ id: def.id, version: def.version }, `Formulaire ${def.id} v${def.version} installé. Diffusez-le : docstream-server forms push ${def.id}`,
          `Form ${def.id} v${def.version} installed. Push it: docstream-server forms push ${def.id}`);
      });
    });
  forms.command('push <id>').description('Diffuse la dernière version (ou --version) à tous les centres (superviseur)').option('--version <n>')
    .action(async (id: string, o: { version?: string }) => {
      await cli.withOperator(async (server, session) => {
        const def = await server.bulletins.pushForm(session, id, o.version ? Number(o.version) : undefined);
        cli.say({ id: def.id, version: def.version }, `${def.id} v${def.version} part avec le prochain bulletin (service « run », ou réponse T2D).`,
          `${def.id} v${def.version} goes with the next bulletin (the “run” service, or a T2D answer).`);
      });
    });
}
