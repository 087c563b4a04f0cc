import type { Command } from 'commander';
import { readStdinText } from '@docstream/core';
import { withCentre, loginFrom, type GlobalOptions } from './context.js';
import { emit, tr } from './io.js';

const when = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '—');

/** What the centre exchanges with the server besides documents: queries, messages, account, profile, trust list. */
export function addServerLinkCommands(program: Command, globals: () => GlobalOptions): void {
  program.command('query').description('Interroge la base centrale (Secrétaire, Officier) ; la réponse arrive au prochain échange')
    .option('--niu <niu>').option('--kind <kind>', 'type de document').option('--name <names>', 'nom(s)').option('--from <date>').option('--to <date>')
    .action(async (o: { niu?: string; kind?: string; name?: string; from?: string; to?: string }) => {
      const g = globals();
      await withCentre(g, async (centre, out) => {
        const session = await loginFrom(centre, g, out);
        const q = await centre.server.queries.ask(session, { ...(o.niu ? { niu: o.niu } : {}), ...(o.kind ? { kind: o.kind } : {}), ...(o.name ? { names: o.name } : {}), ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) });
        emit(out, q, tr(out, `Requête n° ${q.id} enregistrée : elle part au prochain échange (run, ou t2d export).`, `Query no. ${q.id} recorded: it leaves at the next exchange (run, or t2d export).`));
      });
    });

  program.command('queries').description('Requêtes envoyées et leurs réponses').action(async () => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      const list = await centre.server.queries.list(await loginFrom(centre, g, out));
      emit(out, list, () => list.map((q) => {
        const what = q.criteria.niu ?? `${q.criteria.kind} « ${q.criteria.names} »`;
        const state = q.outcome === 'answered'
          ? tr(out, `${q.results} document(s), ${q.imported} importé(s)`, `${q.results} document(s), ${q.imported} imported`)
          : q.outcome === 'refused' ? (out.lang === 'en' ? q.reason_en : q.reason_fr) ?? '' : tr(out, 'en attente', 'waiting');
        return `#${q.id}  ${when(q.asked_at)}  ${what}  → ${state}`;
      }).join('\n') || tr(out, 'Aucune requête.', 'No query.'));
    });
  });

  const message = program.command('message').description('Messages avec le serveur central / messages with the central server');
  message.command('list').option('--unread', 'non lus seulement').action(async (o: { unread?: boolean }) => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      const list = await centre.server.messages.list(await loginFrom(centre, g, out), { unread: Boolean(o.unread) });
      emit(out, list, () => list.map((m) => `#${m.id} ${when(m.at)} ${m.direction === 'in' ? '←' : '→'} ${m.direction === 'in' && !m.read_at ? tr(out, '[non lu] ', '[unread] ') : ''}${m.author ? `${m.author}: ` : ''}${m.body}`).join('\n') || tr(out, 'Aucun message.', 'No message.'));
    });
  });
  message.command('send [text...]').description('Écrit au serveur central (texte en arguments ou sur l’entrée standard)').action(async (words: string[]) => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      const session = await loginFrom(centre, g, out);
      const m = await centre.server.messages.send(session, words.length > 0 ? words.join(' ') : await readStdinText());
      emit(out, m, tr(out, `Message n° ${m.id} : il part au prochain échange.`, `Message no. ${m.id}: it leaves at the next exchange.`));
    });
  });
  message.command('read <ids...>').action(async (ids: string[]) => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      const n = await centre.server.messages.markRead(await loginFrom(centre, g, out), ids.map(Number));
      emit(out, { read: n }, tr(out, `${n} message(s) marqué(s) lu(s).`, `${n} message(s) marked read.`));
    });
  });

  program.command('account').description('Solde et quota de requêtes, tels que le serveur les a donnés').action(async () => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      const a = await centre.server.account(await loginFrom(centre, g, out));
      emit(out, a ?? null, a
        ? tr(out, `Solde : ${a.balance}\nQuota de requêtes : ${a.query_quota}\nAu ${when(a.as_of)}`, `Balance: ${a.balance}\nQuery quota: ${a.query_quota}\nAs of ${when(a.as_of)}`)
        : tr(out, 'Le serveur n’a pas encore communiqué le compte.', 'The server has not reported the account yet.'));
    });
  });

  program.command('profile').description('Profil du centre et signataires, tenus par le serveur central').action(async () => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      const { profile, signatories } = await centre.server.profile(await loginFrom(centre, g, out));
      emit(out, { profile: profile ?? null, signatories }, () => profile
        ? [`${profile.name}`, `  ${tr(out, 'Ville', 'City')}: ${profile.city}   ${tr(out, 'Région', 'Region')}: ${profile.region}   ${tr(out, 'Tél.', 'Phone')}: ${profile.phone}`,
          `  Status: ${profile.status}   ${tr(out, 'Au', 'As of')} ${when(profile.as_of)}`,
          ...signatories.map((s) => `  ${s.full_name} — ${s.title}${s.national ? tr(out, ' (national)', ' (national)') : ''}`)].join('\n')
        : tr(out, 'Le serveur n’a pas encore envoyé le profil.', 'The server has not sent the profile yet.'));
    });
  });

  program.command('elections').description('Élections dont le centre saisit les procès-verbaux, avec ses bureaux').action(async () => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      const list = await centre.server.elections(await loginFrom(centre, g, out));
      emit(out, list, () => list.map((e) => [`${e.id}  ${e.date}  ${e.name}`,
        `  ${tr(out, 'Candidats', 'Candidates')} : ${e.candidates.map((c) => `${c.code} ${c.name}`).join(', ')}`,
        `  ${tr(out, 'Bureaux', 'Stations')} : ${e.stations.map((st) => `${st.code} (${st.registered})`).join(', ')}`].join('\n')).join('\n') || tr(out, 'Aucune élection reçue.', 'No election received.'));
    });
  });

  program.command('trust').description('Liste de confiance reçue : certificats révoqués, NIU annulés').action(async () => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      const t = await centre.transmission.trust();
      emit(out, t, t.version === null
        ? tr(out, 'Aucune liste de confiance reçue.', 'No trust list received.')
        : tr(out, `Liste n° ${t.version} du ${when(t.receivedAt)} : ${t.revoked} certificat(s) révoqué(s), ${t.cancelled} NIU annulé(s).`,
            `List no. ${t.version} of ${when(t.receivedAt)}: ${t.revoked} revoked certificate(s), ${t.cancelled} cancelled NIU(s).`));
    });
  });
}
