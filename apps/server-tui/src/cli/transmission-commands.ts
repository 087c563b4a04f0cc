import type { Command } from 'commander';
import { hostname } from 'node:os';
import { answerBundle, jsonLineLogger, startEmbeddedBroker, startServerService } from '@docstream/core';
import type { ServerCli } from './cli-context.js';


function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/**
 * PKI, the headless service, T2D and the monitor. `init` and `run` are for whoever holds
 * the server's database and key passphrase; T2D import acts for an operator.
 */
export function addTransmissionCommands(program: Command, cli: ServerCli): void {
  const { withServer, say } = cli;
  program.command('init').description('Crée l’autorité nationale et le certificat du serveur / create the national CA and server certificate')
    .option('--country <CC>', 'pays (code ISO à 2 lettres)', 'ML')
    .action(async (o: { country: string }) => {
      await withServer(async (server) => {
        const r = await server.pki.init({ country: o.country });
        say(r, `Autorité créée.\nEmpreinte de l’AC : ${r.caFingerprint}\nEmpreinte du serveur : ${r.serverFingerprint}`, `Authority created.\nCA fingerprint: ${r.caFingerprint}\nServer fingerprint: ${r.serverFingerprint}`);
      });
    });

  program.command('run').description('Service sans console : reçoit par MQTT, intègre, acquitte (journal JSON)')
    .option('--concurrency <n>', 'conteneurs traités en parallèle')
    .option('--share <group>', 'abonnement partagé entre plusieurs serveurs ($share/GROUP/...)')
    .action(async (o: { concurrency?: string; share?: string }) => {
      await withServer(async (server, s) => {
        await server.installShippedForms();
        const log = jsonLineLogger((l) => process.stdout.write(l));
        // No broker configured: host the embedded one, for a single machine.
        const broker = s.mqttUrl ? undefined : await startEmbeddedBroker();
        const url = s.mqttUrl ?? broker!.url;
        // Instances sharing the load need ids of their own, stable across restarts (persistent sessions).
        // The options win over the settings file (Settings screen of the console).
        const share = o.share ?? s.serverShareGroup;
        const concurrency = o.concurrency ? Number(o.concurrency) : s.serverConcurrency;
        const clientId = share ? `ds-server-${hostname()}` : 'ds-server';
        const service = await startServerService(server, { link: { url, clientId }, ...(concurrency ? { concurrency } : {}), ...(share ? { shareGroup: share } : {}), log });
        log('started', { side: 'server', url, embeddedBroker: Boolean(broker) });
        const signal = await untilSignal();
        log('stopping', { signal });
        await service.stop();
        await broker?.close();
        log('stopped', { ...service.stats() });
      });
    });

  const t2d = program.command('t2d').description('Transfert par fichier (clé USB) / transfer by file');
  t2d.command('import <file>').description('Intègre un lot d’un centre et écrit le lot de réponse')
    .requiredOption('--answer <file>', 'fichier de réponse à rapporter au centre')
    .action(async (file: string, o: { answer: string }) => {
      await withServer(async (server) => {
        await server.installShippedForms();
        const r = await answerBundle(server, file, o.answer);
        const n = (k: string) => r.outcomes.filter((x) => x.kind === k).length;
        const docs = r.outcomes.reduce((a, x) => a + ('documents' in x ? x.documents : 0), 0);
        const failed = n('failed') > 0
          ? [`\n${n('failed')} conteneur(s) non enregistré(s) (base indisponible ?) : réimportez le même fichier une fois le problème réglé ; rien n’est perdu.`,
            `\n${n('failed')} container(s) not saved (database unavailable?): import the same file again once fixed; nothing is lost.`]
          : ['', ''];
        say(r, `${r.outcomes.length} conteneur(s) : ${n('accepted')} accepté(s), ${docs} document(s) intégrés, ${n('replay')} déjà reçu(s), ${n('rejected')} refusé(s). Réponse : ${o.answer}${failed[0]}`,
          `${r.outcomes.length} container(s): ${n('accepted')} accepted, ${docs} document(s) integrated, ${n('replay')} already received, ${n('rejected')} refused. Answer: ${o.answer}${failed[1]}`);
        if (n('failed') > 0) process.exitCode = 1;
      });
    });

  program.command('monitor').description('Compteurs par centre et derniers refus (une fois) / per-centre counters and last rejections')
    .action(async () => {
      await withServer(async (server) => {
        const [traffic, rejections, conflicts] = await Promise.all([server.transport.traffic(), server.transport.rejections(10), server.transport.conflicts(20)]);
        const rows = traffic.map((t) => `${t.matricule}  ${t.documents_in} docs  ${t.containers_in} cont.  ${t.errors} err.  ${t.bytes_in} B  ${t.last_seen?.toISOString() ?? '-'}`);
        const rej = rejections.map((r) => `${r.at.toISOString()}  ${r.src ?? '?'}  ${r.step}: ${r.detail}`);
        say({ traffic, rejections, conflicts }, [...rows, '', 'Derniers refus :', ...rej].join('\n'), [...rows, '', 'Last rejections:', ...rej].join('\n'));
      });
    });
}
