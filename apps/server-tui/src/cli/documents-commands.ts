import type { Command } from 'commander';
import {
  DocstreamError,
  type ComparedField, type ConflictDecision, type ConflictState, type ConflictSummary, type HeldState, type Lang,
} from '@docstream/core';
import type { ServerCli } from './cli-context.js';

const when = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '—');

/** Commander hands every option as text; a non-number becomes NaN and the core refuses it with its reason. */
function numberOf(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

function conflictLine(l: Lang, c: ConflictSummary): string {
  const diff = c.differences.map((f) => f.label[l]).join(', ');
  const state = c.resolution ? `${c.resolution.decision} (${c.resolution.by.login ?? '?'})` : l === 'en' ? 'open' : 'à trancher';
  return `#${String(c.id).padEnd(6)} ${c.niu}  ${c.matricule}  ${when(c.receivedAt)}  ${state.padEnd(12)}  ${diff}`;
}

function sideBySide(l: Lang, fields: ComparedField[]): string[] {
  const width = Math.min(28, Math.max(...fields.map((f) => [...f.label[l]].length)));
  return fields.map((f) => `${f.differs ? '≠' : ' '} ${f.label[l].padEnd(width)} | ${f.stored[l]}${f.differs ? `  →  ${f.incoming[l]}` : ''}`);
}

/**
 * The Documents area as commands: a document's detail, the conflicts to decide and the
 * quarantine (DESIGN §4, §5, §7). The console's screen calls the same core services.
 */
export function addDocumentsCommands(program: Command, cli: ServerCli): void {
  const document = program.command('document').description('Document centralisé / central document');
  document.command('show <niu>').description('Détail : champs, centre, conteneur, preuve, historique / detail and history')
    .action(async (niu: string) => {
      await cli.withOperator(async (server, session) => {
        const d = await server.documents.detail(session, niu);
        const text = (l: Lang) => [
          `${d.niu}  ${d.form.title?.[l] ?? d.form.id} (v${d.form.version})  n° ${d.numero}`,
          `  ${l === 'en' ? 'Centre' : 'Centre'}: ${d.centre.matricule} ${d.centre.name ?? ''}${d.centre.region ? ` (${d.centre.region})` : ''}`,
          `  Status: ${d.status} ${d.statusLabel[l]}${d.cancelReason ? ` — ${d.cancelReason}` : ''}`,
          `  ${l === 'en' ? 'Validated' : 'Validé'}: ${when(d.validatedAt)}   ${l === 'en' ? 'Received' : 'Reçu'}: ${when(d.receivedAt)}`,
          d.container
            ? `  ${l === 'en' ? 'Container' : 'Conteneur'}: ${d.container.src} #${d.container.seq}, ${d.container.evidenceArchived ? (l === 'en' ? 'signed evidence archived' : 'preuve signée archivée') : l === 'en' ? 'NO archived evidence' : 'AUCUNE preuve archivée'}`
            : `  ${l === 'en' ? 'Container: unknown' : 'Conteneur : inconnu'}`,
          ...d.fields.map((f) => `  ${f.label[l]}: ${f.text[l]}`),
          l === 'en' ? 'History:' : 'Historique :',
          ...d.history.map((h) => `  ${when(h.at)}  ${(h.actor ?? '—').padEnd(10)} ${h.text[l]}`),
        ].join('\n');
        cli.say(d, text('fr'), text('en'));
      });
    });

  const conflicts = program.command('conflicts').description('Conflits : même NIU, autre contenu / same NIU, other content');
  conflicts.command('list').description('Conflits à trancher (par défaut), tranchés ou tous')
    .option('--resolved', 'tranchés seulement / resolved only')
    .option('--all', 'tous / all')
    .option('--centre <matricule>')
    .option('--niu <niu>', 'ceux d’un document / those of one document')
    .option('--limit <n>', 'nombre par page', '20')
    .option('--before <id>', 'page suivante : le dernier numéro affiché')
    .action(async (o: { resolved?: boolean; all?: boolean; centre?: string; niu?: string; limit: string; before?: string }) => {
      await cli.withOperator(async (server, session) => {
        const state: ConflictState = o.all ? 'all' : o.resolved ? 'resolved' : 'open';
        const page = await server.documents.conflicts.list(session, {
          state, limit: numberOf(o.limit), ...(o.centre ? { centre: o.centre } : {}), ...(o.niu ? { niu: o.niu } : {}), ...(o.before ? { before: numberOf(o.before) } : {}),
        });
        const text = (l: Lang) => {
          if (page.items.length === 0) return l === 'en' ? 'No conflict.' : 'Aucun conflit.';
          const more = page.nextCursor === undefined ? [] : [l === 'en' ? `… more: --before ${page.nextCursor}` : `… suite : --before ${page.nextCursor}`];
          return [l === 'en' ? `${page.total} conflict(s)` : `${page.total} conflit(s)`, ...page.items.map((c) => conflictLine(l, c)), ...more].join('\n');
        };
        cli.say(page, text('fr'), text('en'));
      });
    });
  conflicts.command('show <id>').description('Les deux versions côte à côte / both versions side by side')
    .action(async (id: string) => {
      await cli.withOperator(async (server, session) => {
        const c = await server.documents.conflicts.detail(session, numberOf(id));
        const text = (l: Lang) => [
          `${l === 'en' ? 'Conflict' : 'Conflit'} #${c.id}  NIU ${c.niu}  ${c.matricule} ${c.centreName ?? ''}`,
          `  ${l === 'en' ? 'Centralised' : 'Centralisé'}: ${c.stored ? `${when(c.stored.receivedAt)}, ${l === 'en' ? 'container' : 'conteneur'} #${c.stored.container?.seq ?? '?'}` : '—'}`,
          `  ${l === 'en' ? 'Received' : 'Reçu'}: ${when(c.incoming.receivedAt)}, ${l === 'en' ? 'container' : 'conteneur'} #${c.container.seq}${c.container.evidenceArchived ? (l === 'en' ? ' (evidence archived)' : ' (preuve archivée)') : ''}`,
          `  ${l === 'en' ? 'field | centralised  →  received' : 'champ | centralisé  →  reçu'}`,
          ...sideBySide(l, c.fields).map((x) => `  ${x}`),
          c.resolution
            ? `${l === 'en' ? 'Resolved' : 'Tranché'} ${when(c.resolution.at)} ${l === 'en' ? 'by' : 'par'} ${c.resolution.by.login ?? '?'}: ${c.resolution.decisionLabel[l]} — ${c.resolution.remark}`
            : [l === 'en' ? 'Decisions (resolve ID --decision D --remark R):' : 'Décisions (resolve ID --decision D --remark R) :', ...c.decisions.map((d) => `  ${d.value}: ${d.effect[l]}`)].join('\n'),
        ].join('\n');
        cli.say(c, text('fr'), text('en'));
      });
    });
  conflicts.command('resolve <id>').description('Tranche un conflit (opérateur) ; le centre est averti / resolve (operator); the centre is told')
    .requiredOption('--decision <keep|ask_cancel>', 'keep : la version centralisée reste ; ask_cancel : le centre doit annuler et refaire')
    .requiredOption('--remark <text>', 'pourquoi (transmis au centre, gardé au journal)')
    .action(async (id: string, o: { decision: string; remark: string }) => {
      await cli.withOperator(async (server, session) => {
        const c = await server.documents.conflicts.resolve(session, numberOf(id), { decision: o.decision as ConflictDecision, remark: o.remark });
        cli.say(c, `Conflit n° ${c.id} tranché : ${c.resolution!.decisionLabel.fr}. Le centre ${c.matricule} est averti au prochain échange.`,
          `Conflict #${c.id} resolved: ${c.resolution!.decisionLabel.en}. Centre ${c.matricule} is told at the next exchange.`);
      });
    });

  const quarantine = program.command('quarantine').description('Conteneurs retenus des centres suspendus / containers held from suspended centres');
  quarantine.command('list [matricule]').description('Par centre ; avec un matricule, ses conteneurs')
    .option('--state <held|released|rejected|all>', 'avec un matricule : quels conteneurs', 'held')
    .action(async (matricule: string | undefined, o: { state: string }) => {
      await cli.withOperator(async (server, session) => {
        if (matricule === undefined) {
          const page = await server.documents.quarantine.list(session);
          const text = (l: Lang) => page.items.length === 0
            ? (l === 'en' ? 'Nothing held in quarantine.' : 'Rien en quarantaine.')
            : [...page.items.map((c) => `${c.matricule}  ${(c.name ?? '').padEnd(24)} ${String(c.containers).padStart(5)} ${l === 'en' ? 'cont.' : 'cont.'} ${String(c.documents).padStart(6)} docs${c.uncounted ? ` (+${c.uncounted} ?)` : ''}  ${l === 'en' ? 'since' : 'depuis'} ${when(c.oldest)}`),
              '', server.documents.quarantine.releaseHint()[l]].join('\n');
          cli.say(page, text('fr'), text('en'));
          return;
        }
        const page = await server.documents.quarantine.containers(session, matricule, { state: o.state as HeldState, limit: 500 });
        const text = (l: Lang) => [
          ...(page.items.length === 0 ? [l === 'en' ? 'No container.' : 'Aucun conteneur.'] : page.items.map((c) =>
            `#${String(c.seq).padEnd(7)} ${c.type.padEnd(8)} ${String(c.documents ?? '?').padStart(5)} docs  ${when(c.receivedAt)}  ${c.state}${c.rejectReason ? ` (${c.rejectedBy ?? '?'}: ${c.rejectReason})` : ''}`)),
          ...(page.nextCursor === undefined ? [] : ['…']),
          '', page.release[l],
        ].join('\n');
        cli.say(page, text('fr'), text('en'));
      });
    });
  quarantine.command('reject <matricule>').description('Refuse pour de bon des conteneurs retenus (superviseur) ; gardés, jamais intégrés')
    .option('--seq <n...>', 'numéros des conteneurs')
    .option('--all', 'tous ceux qui sont retenus')
    .requiredOption('--reason <text>', 'motif (transmis au centre, gardé au journal)')
    .action(async (matricule: string, o: { seq?: string[]; all?: boolean; reason: string }) => {
      if (Boolean(o.all) === Boolean(o.seq?.length)) {
        throw new DocstreamError('validation', 'Indiquez les conteneurs : --seq N... ou --all (l’un ou l’autre).', 'Name the containers: --seq N... or --all (one or the other).');
      }
      await cli.withOperator(async (server, session) => {
        const r = await server.documents.quarantine.reject(session, matricule, { seqs: o.all ? 'all' : o.seq!.map(numberOf), reason: o.reason });
        cli.say(r, `${r.rejected.length} conteneur(s) refusé(s) pour ${matricule} (${r.documents} document(s)) : n° ${r.rejected.join(', ')}. Le centre est averti au prochain échange.`,
          `${r.rejected.length} container(s) rejected for ${matricule} (${r.documents} document(s)): #${r.rejected.join(', ')}. The centre is told at the next exchange.`);
      });
    });
}
