import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import {
  answerBundle, CLIENT_STATUS_LABELS, DocstreamError, jsonLineLogger, startEmbeddedBroker, startServerService,
  type Server, type Settings,
} from '@docstream/core';

type WithServer = (fn: (server: Server, s: Settings) => Promise<void>) => Promise<void>;
type Say = (data: unknown, fr: string, en: string) => void;

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

function statusNumber(text: string): number {
  if (!/^[0-3]$/.test(text.trim())) throw new DocstreamError('validation', 'Statut : 0 (suspendu) à 3 (tous services).', 'Status: 0 (suspended) to 3 (all services).');
  return Number(text);
}

/**
 * PKI, centres' registry (what enrolment needs), the headless service and T2D. Operator
 * logins and privileges come with "Server administration": for now these commands are
 * for whoever holds the server's database and key passphrase.
 */
export function addTransmissionCommands(program: Command, withServer: WithServer, say: Say): void {
  program.command('init').description('Crée l’autorité nationale et le certificat du serveur / create the national CA and server certificate')
    .option('--country <CC>', 'pays (code ISO à 2 lettres)', 'ML')
    .action(async (o: { country: string }) => {
      await withServer(async (server) => {
        const r = await server.pki.init({ country: o.country });
        say(r, `Autorité créée.\nEmpreinte de l’AC : ${r.caFingerprint}\nEmpreinte du serveur : ${r.serverFingerprint}`, `Authority created.\nCA fingerprint: ${r.caFingerprint}\nServer fingerprint: ${r.serverFingerprint}`);
      });
    });

  const client = program.command('client').description('Centres clients / client centres');
  client.command('add').description('Enregistre un centre et donne son code d’inscription (affiché une seule fois)')
    .requiredOption('--name <name>', 'nom du centre')
    .option('--matricule <digits>', 'matricule (sinon le suivant)')
    .option('--city <city>', 'ville', '')
    .option('--region <region>', 'région', '')
    .option('--phone <phone>', 'téléphone', '')
    .option('--status <0-3>', 'statut', '3')
    .action(async (o: { name: string; matricule?: string; city: string; region: string; phone: string; status: string }) => {
      await withServer(async (server) => {
        const c = await server.clients.add({ ...(o.matricule ? { matricule: o.matricule } : {}), name: o.name, city: o.city, region: o.region, phone: o.phone, status: statusNumber(o.status) });
        const { code, expiresAt } = await server.pki.newEnrolmentCode(c.matricule);
        const until = expiresAt.toISOString().slice(0, 10);
        say({ matricule: c.matricule, code, expiresAt }, `Centre ${c.matricule} enregistré.\nCode d’inscription (à usage unique, jusqu’au ${until}) : ${code}\nIl ne sera plus affiché : remettez-le au centre.`,
          `Centre ${c.matricule} registered.\nEnrolment code (one use, until ${until}): ${code}\nIt will not be shown again: give it to the centre.`);
      });
    });
  client.command('code <matricule>').description('Nouveau code d’inscription (l’ancien ne vaut plus)')
    .action(async (matricule: string) => {
      await withServer(async (server) => {
        const { code, expiresAt } = await server.pki.newEnrolmentCode(matricule);
        say({ matricule, code, expiresAt }, `Code d’inscription de ${matricule} : ${code}`, `Enrolment code of ${matricule}: ${code}`);
      });
    });
  client.command('list').description('Liste des centres').action(async () => {
    await withServer(async (server) => {
      const list = await server.clients.list();
      say(list.map(({ enrol_key: _k, ...c }) => c), list.map((c) => `${c.matricule}  ${c.name}  ${CLIENT_STATUS_LABELS[c.status]!.fr}`).join('\n') || 'Aucun centre.',
        list.map((c) => `${c.matricule}  ${c.name}  ${CLIENT_STATUS_LABELS[c.status]!.en}`).join('\n') || 'No centre.');
    });
  });
  client.command('status <matricule> <status>').description('Change le statut : 0 suspendu (quarantaine) … 3 tous services')
    .action(async (matricule: string, status: string) => {
      await withServer(async (server) => {
        const n = statusNumber(status);
        await server.clients.setStatus(matricule, n);
        say({ matricule, status: n }, `Centre ${matricule} : ${CLIENT_STATUS_LABELS[n]!.fr}.`, `Centre ${matricule}: ${CLIENT_STATUS_LABELS[n]!.en}.`);
      });
    });
  client.command('revoke <matricule>').description('Révoque le(s) certificat(s) du centre')
    .requiredOption('--reason <text>', 'motif').option('--serial <hex>', 'un seul certificat')
    .action(async (matricule: string, o: { reason: string; serial?: string }) => {
      await withServer(async (server) => {
        const serials = await server.pki.revoke(matricule, o.reason, o.serial);
        say({ matricule, revoked: serials }, `Révoqué(s) : ${serials.join(', ')}`, `Revoked: ${serials.join(', ')}`);
      });
    });
  client.command('cert-import <matricule> <file>').description('Enregistre un certificat obtenu autrement (PEM, émis par l’AC nationale)')
    .action(async (matricule: string, file: string) => {
      await withServer(async (server) => {
        const r = await server.pki.importCertificate(matricule, await readFile(file, 'utf8'));
        say(r, `Certificat ${r.serial} enregistré pour ${matricule}.`, `Certificate ${r.serial} registered for ${matricule}.`);
      });
    });
  client.command('certificates <matricule>').description('Certificats du centre').action(async (matricule: string) => {
    await withServer(async (server) => {
      const list = await server.pki.certificatesOf(matricule);
      const line = (c: (typeof list)[number], en: boolean) => `${c.serial}  ${c.fingerprint.slice(0, 16)}…  ${c.not_after.toISOString().slice(0, 10)}  ${c.revoked_at ? (en ? `revoked: ${c.revoke_reason}` : `révoqué : ${c.revoke_reason}`) : (en ? 'valid' : 'valide')}`;
      say(list.map(({ pem: _p, ...c }) => c), list.map((c) => line(c, false)).join('\n'), list.map((c) => line(c, true)).join('\n'));
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
        const clientId = o.share ? `ds-server-${hostname()}` : 'ds-server';
        const service = await startServerService(server, { link: { url, clientId }, ...(o.concurrency ? { concurrency: Number(o.concurrency) } : {}), ...(o.share ? { shareGroup: o.share } : {}), log });
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
