import type { Command } from 'commander';
import {
  DocstreamError, writeFileAside,
  type CentralHit, type CentralSearchInput, type CountDimension, type CountRow, type CountsInput, type CsvOptions, type DateBasis, type Period,
} from '@docstream/core';
import type { ServerCli } from './cli-context.js';

interface FilterOptions {
  kind?: string;
  centre?: string;
  region?: string;
  from?: string;
  to?: string;
}

function csvOptions(separator: string | undefined): CsvOptions {
  if (separator === undefined || separator === ',') return { separator: ',' };
  if (separator === ';') return { separator: ';' };
  throw new DocstreamError('validation', 'Séparateur CSV : « , » ou « ; » (tableurs en français).', 'CSV separator: “,” or “;” (French-language spreadsheets).');
}

/** Commander hands every option as text; the core checks the values. */
function numberOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

function filters(o: FilterOptions): Pick<CountsInput, 'formId' | 'matricule' | 'region' | 'from' | 'to'> {
  return {
    ...(o.kind ? { formId: o.kind } : {}),
    ...(o.centre ? { matricule: o.centre } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(o.from ? { from: o.from } : {}),
    ...(o.to ? { to: o.to } : {}),
  };
}

function hitLine(h: CentralHit): string {
  return [String(h.numero).padStart(8), h.niu, h.form_id.padEnd(16), String(h.status), h.event_date ?? '----------', h.names_display].join('  ');
}

function countLine(r: CountRow): string {
  const keys = [r.kind, r.matricule && `${r.matricule} ${r.centre_name ?? ''}`.trim(), r.region, r.period === undefined ? undefined : (r.period ?? '?')];
  return [...keys.filter((k): k is string => k !== undefined).map((k) => k || '-'), String(r.n).padStart(8), String(r.cancelled).padStart(6)].join('  ');
}

/**
 * Document search, statistics, CSV export and reporting logins (DESIGN §7). Exports are
 * written aside and renamed once complete: a full disk never leaves half a file.
 */
export function addReportCommands(program: Command, cli: ServerCli): void {
  const withFilters = (c: Command) => c
    .option('--kind <form>', 'type de document / document kind (ex. acte_naissance)')
    .option('--centre <matricule>', 'centre (matricule à 5 chiffres)')
    .option('--region <region>', 'région du centre / centre’s region')
    .option('--from <YYYY-MM-DD>', 'depuis (inclus) / from (inclusive)')
    .option('--to <YYYY-MM-DD>', 'jusqu’au (inclus) / to (inclusive)');

  withFilters(program.command('search').description('Recherche dans les documents centralisés / search central documents'))
    .option('--niu <niu>')
    .option('--name <words>', 'mots des noms, sans accents ni majuscules requis')
    .option('--status <0-4>', 'statut (0 annulé)')
    .option('--limit <n>', 'taille de page (1 à 200)', '20')
    .option('--before <numero>', 'page suivante (curseur)')
    .option('--csv <file>', 'exporte tous les résultats en CSV / export every match as CSV')
    .option('--separator <sep>', 'séparateur CSV : , ou ;', ',')
    .action(async (o: FilterOptions & { niu?: string; name?: string; status?: string; limit: string; before?: string; csv?: string; separator?: string }) => {
      const input: CentralSearchInput = { ...filters(o), limit: numberOf(o.limit)! };
      if (o.niu) input.niu = o.niu;
      if (o.name) input.name = o.name;
      if (o.status !== undefined) input.status = numberOf(o.status)!;
      if (o.before !== undefined) input.before = numberOf(o.before)!;
      const csv = o.csv;
      const opts = csvOptions(o.separator);
      await cli.withOperator(async (server, session) => {
        if (csv) {
          const rows = await writeFileAside(csv, (write) => server.statistics.exportSearchCsv(session, input, write, opts));
          cli.say({ file: csv, rows }, `${rows} document(s) exporté(s) dans ${csv}.`, `${rows} document(s) exported to ${csv}.`);
          return;
        }
        const page = await server.statistics.search(session, input);
        const lines = page.items.map(hitLine).join('\n');
        const more = page.nextCursor;
        cli.say(page,
          `${lines || 'Aucun document.'}${more === undefined ? '' : `\nSuite : --before ${more}`}`,
          `${lines || 'No document.'}${more === undefined ? '' : `\nNext page: --before ${more}`}`);
      });
    });

  withFilters(program.command('stats').description('Nombre de documents centralisés / counts of central documents'))
    .option('--by <list>', 'regroupement : kind,centre,region,period', 'kind')
    .option('--period <day|month|year>', 'période', 'month')
    .option('--on <event|received>', 'date de l’événement ou de réception', 'event')
    .action(async (o: FilterOptions & { by: string; period: string; on: string }) => {
      const input: CountsInput = {
        ...filters(o),
        by: o.by.split(',').map((s) => s.trim()).filter((s) => s !== '') as CountDimension[],
        period: o.period as Period,
        on: o.on as DateBasis,
      };
      await cli.withOperator(async (server, session) => {
        const rows = await server.statistics.counts(session, input);
        const total = rows.reduce((a, r) => ({ n: a.n + r.n, cancelled: a.cancelled + r.cancelled }), { n: 0, cancelled: 0 });
        const body = rows.map(countLine).join('\n');
        cli.say(rows,
          `${body}\nTotal : ${total.n} en vigueur, ${total.cancelled} annulé(s) (comptés à part).`,
          `${body}\nTotal: ${total.n} in force, ${total.cancelled} cancelled (counted apart).`);
      });
    });

  program.command('export <kind>').description('Exporte la vue d’un type de document en CSV / export a kind’s view as CSV')
    .requiredOption('--out <file>', 'fichier CSV à écrire')
    .option('--separator <sep>', 'séparateur CSV : , ou ;', ',')
    .action(async (kind: string, o: { out: string; separator?: string }) => {
      const opts = csvOptions(o.separator);
      await cli.withOperator(async (server, session) => {
        const rows = await writeFileAside(o.out, (write) => server.statistics.exportKindCsv(session, kind, write, opts));
        cli.say({ file: o.out, kind, rows }, `${rows} document(s) « ${kind} » exporté(s) dans ${o.out}.`, `${rows} “${kind}” document(s) exported to ${o.out}.`);
      });
    });

  const reporting = program.command('reporting-user').description('Accès PostgreSQL en lecture seule à xm_data (tableurs, BI) / read-only reporting logins');
  reporting.command('add <name>').description('Crée un accès de consultation (Superviseur) ; mot de passe dans DOCSTREAM_NEW_PASSWORD')
    .action(async (name: string) => {
      const password = process.env['DOCSTREAM_NEW_PASSWORD'];
      if (!password) {
        throw new DocstreamError('validation', 'Donnez le mot de passe du nouvel accès dans la variable DOCSTREAM_NEW_PASSWORD.',
          'Give the new login’s password in the DOCSTREAM_NEW_PASSWORD variable.');
      }
      await cli.withOperator(async (server, session) => {
        const r = await server.statistics.createReportingLogin(session, name, password);
        cli.say(r, `Accès « ${r.name} » créé : lecture seule de xm_data dans la base ${r.database}.`,
          `Login “${r.name}” created: read-only access to xm_data in database ${r.database}.`);
      });
    });
}
