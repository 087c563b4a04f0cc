import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { CLIENT_STATUS_LABELS, DocstreamError } from '@docstream/core';
import type { ServerCli } from './cli-context.js';

function statusNumber(text: string): number {
  if (!/^[0-3]$/.test(text.trim())) throw new DocstreamError('validation', 'Statut : 0 (suspendu) à 3 (tous services).', 'Status: 0 (suspended) to 3 (all services).');
  return Number(text);
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '—');

/** Client centres (DESIGN §5, §7): registry, profile, status, certificates. */
export function addClientCommands(program: Command, cli: ServerCli): void {
  const client = program.command('client').description('Centres clients / client centres');
  client.command('add').description('Enregistre un centre et donne son code d’inscription (affiché une seule fois)')
    .requiredOption('--name <name>', 'nom du centre')
    .option('--matricule <digits>', 'matricule (sinon le suivant)')
    .option('--city <city>', 'ville', '')
    .option('--region <region>', 'région', '')
    .option('--phone <phone>', 'téléphone', '')
    .option('--status <0-3>', 'statut', '3')
    .action(async (o: { name: string; matricule?: string; city: string; region: string; phone: string; status: string }) => {
      await cli.withOperator(async (server, session) => {
        const { client: c, code, expiresAt } = await server.clients.addWithCode(session, { ...(o.matricule ? { matricule: o.matricule } : {}), name: o.name, city: o.city, region: o.region, phone: o.phone, status: statusNumber(o.status) });
        const until = expiresAt.toISOString().slice(0, 10);
        cli.say({ matricule: c.matricule, code, expiresAt }, `Centre ${c.matricule} enregistré.\nCode d’inscription (à usage unique, jusqu’au ${until}) : ${code}\nIl ne sera plus affiché : remettez-le au centre.`,
          `Centre ${c.matricule} registered.\nEnrolment code (one use, until ${until}): ${code}\nIt will not be shown again: give it to the centre.`);
      });
    });
  client.command('code <matricule>').description('Nouveau code d’inscription (l’ancien ne vaut plus)')
    .action(async (matricule: string) => {
      await cli.withOperator(async (server, session) => {
        const { code, expiresAt } = await server.pki.newEnrolmentCode(session, matricule);
        cli.say({ matricule, code, expiresAt }, `Code d’inscription de ${matricule} : ${code}`, `Enrolment code of ${matricule}: ${code}`);
      });
    });
  client.command('list').description('Liste des centres').action(async () => {
    await cli.withOperator(async (server, session) => {
      const list = await server.clients.list(session);
      const text = (en: boolean) => list.map((c) => `${c.matricule}  ${c.name}  ${c.region}  ${en ? CLIENT_STATUS_LABELS[c.status]!.en : CLIENT_STATUS_LABELS[c.status]!.fr}`).join('\n') || (en ? 'No centre.' : 'Aucun centre.');
      cli.say(list.map(({ enrol_key: _k, ...c }) => c), text(false), text(true));
    });
  });
  client.command('show <matricule>').description('Profil, certificats, dernier contact, compte').action(async (matricule: string) => {
    await cli.withOperator(async (server, session) => {
      const d = await server.clients.details(session, matricule);
      const cert = d.certificates.find((c) => !c.revoked_at);
      const text = (en: boolean) => [
        `${d.client.matricule}  ${d.client.name}`,
        `  ${en ? 'City' : 'Ville'}: ${d.client.city}   ${en ? 'Region' : 'Région'}: ${d.client.region}   ${en ? 'Phone' : 'Tél.'}: ${d.client.phone}`,
        `  Status: ${d.client.status} ${en ? CLIENT_STATUS_LABELS[d.client.status]!.en : CLIENT_STATUS_LABELS[d.client.status]!.fr}`,
        `  ${en ? 'Certificate' : 'Certificat'}: ${cert ? `${cert.serial} ${en ? 'until' : 'jusqu’au'} ${day(cert.not_after)}` : en ? 'none valid' : 'aucun valide'}`,
        `  ${en ? 'Last contact' : 'Dernier contact'}: ${day(d.lastContact)}`,
        `  ${en ? 'Balance' : 'Solde'}: ${d.account?.balance ?? 0}   ${en ? 'Query quota' : 'Quota de requêtes'}: ${d.account?.query_quota ?? 0}`,
        `  ${en ? 'In quarantine' : 'En quarantaine'}: ${d.quarantined}`,
        `  ${en ? 'Signatories' : 'Signataires'}: ${d.profile.sig.map((s) => `${s.name} (${s.title})`).join(', ') || '—'}`,
      ].join('\n');
      cli.say(d, text(false), text(true));
    });
  });
  client.command('edit <matricule>').description('Nom, ville, région, téléphone ; le centre reçoit son profil')
    .option('--name <name>').option('--city <city>').option('--region <region>').option('--phone <phone>')
    .action(async (matricule: string, o: { name?: string; city?: string; region?: string; phone?: string }) => {
      await cli.withOperator(async (server, session) => {
        const c = await server.clients.edit(session, matricule, o);
        cli.say(c, `Centre ${matricule} modifié ; profil envoyé au centre.`, `Centre ${matricule} updated; profile sent to the centre.`);
      });
    });
  client.command('status <matricule> <status>').description('Change le statut : 0 suspendu (quarantaine) … 3 tous services')
    .action(async (matricule: string, status: string) => {
      await cli.withOperator(async (server, session) => {
        const n = statusNumber(status);
        const r = await server.clients.setStatus(session, matricule, n);
        const rel = r.released.containers > 0
          ? [`\nQuarantaine levée : ${r.released.containers} conteneur(s), ${r.released.documents} document(s) intégré(s).`, `\nQuarantine released: ${r.released.containers} container(s), ${r.released.documents} document(s) integrated.`]
          : ['', ''];
        cli.say({ matricule, status: n, ...r }, `Centre ${matricule} : ${CLIENT_STATUS_LABELS[n]!.fr}.${rel[0]}`, `Centre ${matricule}: ${CLIENT_STATUS_LABELS[n]!.en}.${rel[1]}`);
      });
    });
  client.command('profile <matricule>').description('Envoie de nouveau son profil au centre').action(async (matricule: string) => {
    await cli.withOperator(async (server, session) => {
      const p = await server.clients.sendProfile(session, matricule);
      cli.say(p, `Profil de ${matricule} envoyé.`, `Profile of ${matricule} sent.`);
    });
  });
  client.command('revoke <matricule>').description('Révoque le(s) certificat(s) du centre')
    .requiredOption('--reason <text>', 'motif').option('--serial <hex>', 'un seul certificat')
    .action(async (matricule: string, o: { reason: string; serial?: string }) => {
      await cli.withOperator(async (server, session) => {
        const serials = await server.pki.revoke(session, matricule, o.reason, o.serial);
        cli.say({ matricule, revoked: serials }, `Révoqué(s) : ${serials.join(', ')}`, `Revoked: ${serials.join(', ')}`);
      });
    });
  client.command('cert-import <matricule> <file>').description('Enregistre un certificat obtenu autrement (PEM, émis par l’AC nationale)')
    .action(async (matricule: string, file: string) => {
      await cli.withOperator(async (server, session) => {
        const r = await server.pki.importCertificate(session, matricule, await readFile(file, 'utf8'));
        cli.say(r, `Certificat ${r.serial} enregistré pour ${matricule}.`, `Certificate ${r.serial} registered for ${matricule}.`);
      });
    });
  client.command('certificates <matricule>').description('Certificats du centre').action(async (matricule: string) => {
    await cli.withOperator(async (server, session) => {
      const list = await server.pki.certificatesOf(session, matricule);
      const line = (c: (typeof list)[number], en: boolean) => `${c.serial}  ${c.fingerprint.slice(0, 16)}…  ${c.not_after.toISOString().slice(0, 10)}  ${c.revoked_at ? (en ? `revoked: ${c.revoke_reason}` : `révoqué : ${c.revoke_reason}`) : (en ? 'valid' : 'valide')}`;
      cli.say(list.map(({ pem: _p, ...c }) => c), list.map((c) => line(c, false)).join('\n'), list.map((c) => line(c, true)).join('\n'));
    });
  });
}
