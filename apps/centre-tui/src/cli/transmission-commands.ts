import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import {
  DocstreamError, embeddedBrokerUrl, embeddedForThroughput, exchangeBundle, importAnswer, jsonLineLogger, openLink, startCentreService,
  downTopic, upTopic, type Centre,
} from '@docstream/core';
import { withCentre, loginFrom, type GlobalOptions } from './context.js';
import { emit, tr } from './io.js';

interface RunOptions {
  mode?: string;
  interval?: string;
  retry: string;
  onePerContainer?: boolean;
  maxBytes: string;
  window: string;
}

function positive(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) {
    throw new DocstreamError('validation', `--${name} : un nombre positif.`, `--${name}: a positive number.`, { problems: [{ field: name, fr: 'nombre positif', en: 'positive number' }] });
  }
  return n;
}

/** Waits for the signals that end a service cleanly (systemd, Ctrl+C). */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const done = (s: string) => resolve(s);
    process.once('SIGINT', () => done('SIGINT'));
    process.once('SIGTERM', () => done('SIGTERM'));
  });
}

async function enrolOverMqtt(centre: Centre, request: Buffer, url: string, timeoutMs: number): Promise<string> {
  const matricule = (await centre.transmission.matricule())!;
  const link = openLink({ url, clientId: `ds-enrol-${matricule}`, clean: true });
  try {
    const answered = new Promise<string>((resolve, reject) => {
      link.onMessage(async (_t, payload) => {
        const r = await centre.transmission.receive(payload);
        if (r.kind === 'enrolled') resolve(r.fingerprint);
        else if (r.kind === 'rejected') reject(new DocstreamError('pki', `Réponse d’inscription refusée (${r.step}). Demandez un nouveau code.`, `Enrolment answer refused (${r.step}). Ask for a new code.`));
      });
    });
    await new Promise<void>((resolve) => link.onConnect(resolve));
    await link.subscribe(downTopic(matricule));
    await link.publish(upTopic(matricule), request);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new DocstreamError('transport',
      'Pas de réponse du serveur central. Vérifiez qu’il est en service, ou inscrivez le centre par fichier (--out).',
      'No answer from the central server. Check that it is running, or enrol by file (--out).')), timeoutMs)));
    try {
      return await Promise.race([answered, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await link.close();
  }
}

export function addTransmissionCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('enroll')
    .description('Inscrit le centre auprès du serveur avec le code à usage unique / enrol with the one-time code (Officer)')
    .requiredOption('--code <code>', 'code d’inscription remis par le serveur central')
    .option('--out <file>', 'écrit la demande dans un fichier T2D au lieu de l’envoyer par MQTT')
    .option('--timeout <seconds>', 'attente de la réponse par MQTT', '60')
    .option('--new-key', 'renouvellement avec une nouvelle clé (l’ancienne est mise de côté)')
    .action(async (o: { code: string; out?: string; timeout: string; newKey?: boolean }) => {
      await withCentre(globals(), async (centre, out, settings) => {
        const session = await loginFrom(centre, globals(), out);
        const request = await centre.transmission.enrollRequest(session, o.code, { newKey: Boolean(o.newKey) });
        if (o.out) {
          await exchangeBundle(centre.transmission, o.out, [request]);
          emit(out, { request: o.out }, tr(out, `Demande d’inscription écrite dans ${o.out}. Portez-la au serveur central, puis importez la réponse (t2d import).`,
            `Enrolment request written to ${o.out}. Take it to the central server, then import the answer (t2d import).`));
          return;
        }
        const fingerprint = await enrolOverMqtt(centre, request, embeddedBrokerUrl(settings), positive(o.timeout, 'timeout') * 1000);
        emit(out, { enrolled: true, fingerprint }, tr(out, `Centre inscrit. Empreinte du certificat : ${fingerprint}`, `Centre enrolled. Certificate fingerprint: ${fingerprint}`));
      });
    });

  program
    .command('certificate-import')
    .description('Installe un certificat obtenu autrement (PKCS#12 ou PEM) / install a certificate obtained otherwise (Officer)')
    .option('--p12 <file>', 'fichier PKCS#12 (clé et certificat) ; sa phrase : DOCSTREAM_P12_PASSPHRASE')
    .option('--cert <file>', 'certificat PEM pour la clé que le centre détient déjà')
    .option('--ca <file>', 'certificat PEM de l’autorité nationale (sinon celui du PKCS#12)')
    .requiredOption('--server <file>', 'certificat PEM du serveur central')
    .action(async (o: { p12?: string; cert?: string; ca?: string; server: string }) => {
      await withCentre(globals(), async (centre, out) => {
        const session = await loginFrom(centre, globals(), out);
        const r = await centre.transmission.importCertificate(session, {
          ...(o.p12 ? { p12: await readFile(o.p12), p12Passphrase: process.env.DOCSTREAM_P12_PASSPHRASE ?? '' } : {}),
          ...(o.cert ? { certPem: await readFile(o.cert, 'utf8') } : {}),
          ...(o.ca ? { caPem: await readFile(o.ca, 'utf8') } : {}),
          serverPem: await readFile(o.server, 'utf8'),
        });
        emit(out, r, tr(out, `Certificat installé. Empreinte : ${r.fingerprint}`, `Certificate installed. Fingerprint: ${r.fingerprint}`));
      });
    });

  program
    .command('run')
    .description('Service sans console : transmission MQTT (journal JSON) / headless transmission service')
    .option('--mode <continuous|intermittent>', 'connexion permanente ou par cycles (sinon les paramètres, sinon continuous)')
    .option('--interval <minutes>', 'mode intermittent : minutes entre deux cycles (sinon les paramètres, sinon 15)')
    .option('--retry <seconds>', 'renvoi d’un conteneur resté sans réponse', '60')
    .option('--max-bytes <bytes>', 'taille maximale d’un conteneur (adaptée au lien)', String(48 * 1024))
    .option('--one-per-container', 'un document par conteneur')
    .option('--window <n>', 'conteneurs envoyés sans réponse, au plus', '64')
    .action(async (o: RunOptions) => {
      if (o.mode !== undefined && o.mode !== 'continuous' && o.mode !== 'intermittent') throw new DocstreamError('validation', '--mode : continuous ou intermittent.', '--mode: continuous or intermittent.');
      embeddedForThroughput();
      await withCentre(globals(), async (centre, _out, settings) => {
        // The options win; else the cycle saved in the settings (Settings screen), else continuous.
        const mode = (o.mode as 'continuous' | 'intermittent' | undefined) ?? settings.cycleMode ?? 'continuous';
        const interval = o.interval !== undefined ? positive(o.interval, 'interval') : settings.cycleIntervalMinutes ?? 15;
        const log = jsonLineLogger((l) => process.stdout.write(l));
        const url = embeddedBrokerUrl(settings);
        const service = await startCentreService(centre.transmission, {
          link: { url },
          mode,
          intervalMinutes: interval,
          retryAfterMs: positive(o.retry, 'retry') * 1000,
          window: positive(o.window, 'window'),
          pack: { maxBytes: positive(o.maxBytes, 'max-bytes'), maxDocs: o.onePerContainer ? 1 : 5000 },
          log,
        });
        log('started', { side: 'centre', url, mode, ...(mode === 'intermittent' ? { interval } : {}) });
        const signal = await untilSignal();
        log('stopping', { signal });
        await service.stop();
        log('stopped', {});
      });
    });

  const t2d = program.command('t2d').description('Transfert par fichier (clé USB) / transfer by file');
  t2d
    .command('export <file>')
    .description('Écrit les conteneurs non acquittés dans un fichier / write unacknowledged containers to a file')
    .action(async (file: string) => {
      await withCentre(globals(), async (centre, out) => {
        const r = await exchangeBundle(centre.transmission, file);
        emit(out, r, tr(out, `${r.containers} conteneur(s) écrits dans ${file} (${r.bytes} octets).`, `${r.containers} container(s) written to ${file} (${r.bytes} bytes).`));
      });
    });
  t2d
    .command('import <file>')
    .description('Applique le fichier de réponse du serveur / apply the server’s answer file')
    .action(async (file: string) => {
      await withCentre(globals(), async (centre, out) => {
        const results = await importAnswer(centre.transmission, file);
        const acks = results.filter((r) => r.kind === 'ack').length;
        const rejected = results.filter((r) => r.kind === 'rejected').length;
        emit(out, { results }, tr(out, `${results.length} message(s) lus : ${acks} accusé(s) de réception, ${rejected} refusé(s).`, `${results.length} message(s) read: ${acks} acknowledgement(s), ${rejected} refused.`));
        if (rejected > 0) process.exitCode = 1;
      });
    });

  program
    .command('transmission')
    .description('État des envois vers le serveur / transmission status')
    .action(async () => {
      await withCentre(globals(), async (centre, out) => {
        const [counts, link, enrolled, problems] = await Promise.all([centre.transmission.counts(), centre.transmission.link(), centre.transmission.enrolled(), centre.transmission.problems(20)]);
        emit(out, { enrolled: enrolled ?? null, counts, link, problems }, [
          enrolled ? tr(out, `Certificat : ${enrolled.fingerprint.slice(0, 16)}… valable jusqu’au ${enrolled.notAfter.toISOString().slice(0, 10)}`, `Certificate: ${enrolled.fingerprint.slice(0, 16)}… valid until ${enrolled.notAfter.toISOString().slice(0, 10)}`)
            : tr(out, 'Pas encore inscrit (docstream-centre enroll --code CODE).', 'Not enrolled yet (docstream-centre enroll --code CODE).'),
          tr(out, `En attente : ${counts.waiting}  en cours : ${counts.in_flight}  acquittés : ${counts.acknowledged}  conflits : ${counts.conflicts}  refusés : ${counts.rejected}  quarantaine : ${counts.quarantined}`,
            `Waiting: ${counts.waiting}  in flight: ${counts.in_flight}  acknowledged: ${counts.acknowledged}  conflicts: ${counts.conflicts}  rejected: ${counts.rejected}  quarantined: ${counts.quarantined}`),
          ...problems.map((p) => `  ${p.niu} ${p.result}: ${p.reason ?? ''}`),
        ].join('\n'));
      });
    });
}
