import type { Command } from 'commander';
import { hostname } from 'node:os';
import {
  answerBundle, embeddedForThroughput, jsonLineLogger, MONITOR_COLUMNS, SERVICE_STATE_LABELS, startEmbeddedBroker, startServerService,
  type MonitorSnapshot, type MonitorSort,
} from '@docstream/core';
import type { ServerCli } from './cli-context.js';


function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/**
 * PKI, the headless service, T2D and the monitor. `init`, `run` and `t2d import` are for
 * whoever holds the server's database and key passphrase; the monitor is for any operator
 * (viewer and up).
 */
export function addTransmissionCommands(program: Command, cli: ServerCli): void {
  const { withServer, withOperator, say } = cli;
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
      embeddedForThroughput();
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
        log('started', { side: 'server', url, embeddedBroker: Boolean(broker), instance: service.instance });
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

  program.command('monitor').description('Moniteur des transmissions (une fois) : service, files, débit, centres, derniers refus / transmission monitor, once')
    .option('--sort <column>', `colonne de tri / sort column: ${MONITOR_COLUMNS.map((c) => c.sort).join(', ')}`)
    .option('--asc', 'tri croissant / ascending')
    .option('--desc', 'tri décroissant / descending')
    .option('--filter <text>', 'début du matricule ou partie du nom / matricule prefix or part of the name')
    .option('--limit <n>', 'centres listés (1 à 200) / centres listed', '50')
    .option('--offset <n>', 'à partir du n-ième / starting at', '0')
    .action(async (o: { sort?: string; asc?: boolean; desc?: boolean; filter?: string; limit: string; offset: string }) => {
      await withOperator(async (server, session) => {
        const s = await server.monitor.snapshot(session, {
          ...(o.sort ? { sort: o.sort as MonitorSort } : {}),
          ...(o.desc ? { direction: 'desc' as const } : o.asc ? { direction: 'asc' as const } : {}),
          ...(o.filter ? { filter: o.filter } : {}),
          limit: wholeNumber(o.limit), offset: wholeNumber(o.offset),
        });
        say(s, monitorText(s, 'fr'), monitorText(s, 'en'));
      });
    });
}

/** Commander hands options as text; the core checks the values (NaN is refused there). */
const wholeNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

const iso = (d: Date | null) => d?.toISOString() ?? '-';

/** The snapshot as text: a summary, the per-centre lines (as before the monitor service), the last refusals. */
function monitorText(s: MonitorSnapshot, lang: 'fr' | 'en'): string {
  const fr = lang === 'fr';
  const svc = s.service;
  const connected = svc.instances.some((i) => i.state === 'running' && i.connected);
  const service = svc.running
    ? (fr ? `Service : en marche depuis ${iso(svc.since)}, dernier signe ${iso(svc.lastHeartbeat)}, courtier ${connected ? 'connecté' : 'non connecté'}`
      : `Service: running since ${iso(svc.since)}, last heartbeat ${iso(svc.lastHeartbeat)}, broker ${connected ? 'connected' : 'not connected'}`)
    : svc.instances.length > 0
      ? (fr ? `Service : aucun en marche (${SERVICE_STATE_LABELS[svc.instances[0]!.state].fr}, dernier signe ${iso(svc.lastHeartbeat)})`
        : `Service: none running (${SERVICE_STATE_LABELS[svc.instances[0]!.state].en}, last heartbeat ${iso(svc.lastHeartbeat)})`)
      : (fr ? 'Service : aucun n’a tourné sur cette base' : 'Service: none has run on this database');
  const c = s.centres;
  const minutes = Math.round(c.activeSeconds / 60);
  const r = s.rates.total;
  const window = Math.round((s.rates.bucketSeconds * s.rates.buckets.length) / 60);
  const q = s.queues;
  const summary = fr
    ? [service,
      `Centres : ${c.registered} inscrits, ${c.active} actifs (${minutes} min), ${c.neverSeen} jamais vus, ${c.suspended} suspendus`,
      `Files : ${q.outboxUnsent} réponse(s) à publier, ${q.noticesWaiting} avis à sceller, ${q.quarantineHeld} en quarantaine, ${q.conflictsOpen} conflit(s) ouvert(s), ${q.serviceQueued} en attente dans le service`,
      `Débit (${window} min) : ${r.containers} conteneurs, ${r.documents} documents, ${r.errors} erreurs, ${r.bytesIn} o reçus, ${r.bytesOut} o envoyés`]
    : [service,
      `Centres: ${c.registered} registered, ${c.active} active (${minutes} min), ${c.neverSeen} never seen, ${c.suspended} suspended`,
      `Queues: ${q.outboxUnsent} answer(s) to publish, ${q.noticesWaiting} notice(s) to seal, ${q.quarantineHeld} in quarantine, ${q.conflictsOpen} open conflict(s), ${q.serviceQueued} waiting in the service`,
      `Rates (${window} min): ${r.containers} containers, ${r.documents} documents, ${r.errors} errors, ${r.bytesIn} B in, ${r.bytesOut} B out`];
  const p = c.page;
  const range = p.rows.length ? `${p.offset + 1}–${p.offset + p.rows.length}` : '0';
  const rows = p.rows.map((t) => `${t.matricule}  ${t.documents} docs  ${t.containers} cont.  ${t.errors} err.  ${t.bytesIn} B  ${iso(t.lastSeen)}`);
  const rej = s.errors.map((e) => `${e.at.toISOString()}  ${e.matricule ?? '?'}  ${e.step}: ${fr ? e.reason.fr : e.reason.en} (${e.detail})`);
  return [
    ...summary, '',
    fr ? `Centres ${range} sur ${p.total} (tri : ${p.sort} ${p.direction}${p.filter ? `, filtre « ${p.filter} »` : ''}) :` : `Centres ${range} of ${p.total} (sort: ${p.sort} ${p.direction}${p.filter ? `, filter “${p.filter}”` : ''}):`,
    ...rows, '',
    fr ? 'Derniers refus :' : 'Last rejections:', ...rej,
  ].join('\n');
}
