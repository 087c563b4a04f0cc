import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { csvChunk, DocstreamError, electionFromCsv, type AreaLevel, type ElectionResults } from '@docstream/core';
import type { ServerCli } from './cli-context.js';

const pct = (x: number | null, en: boolean) => (x === null ? '—' : `${(x * 100).toFixed(2)} %`.replace('.', en ? '.' : ','));

function resultsText(r: ElectionResults, en: boolean): string {
  const t = (fr: string, e: string) => (en ? e : fr);
  const lines = [
    `${r.election.name} (${r.election.id}), ${r.election.date}${r.area.region ? ` — ${t('région', 'region')} ${r.area.region}` : ''}`,
    `${t('Bureaux', 'Stations')} : ${r.stations.reported} / ${r.stations.expected} (${t('manquent', 'missing')} ${r.stations.missing})`,
    `${t('Inscrits', 'Registered')} ${r.registered}  ${t('Votants', 'Voters')} ${r.voters}  ${t('Participation', 'Turnout')} ${pct(r.turnout, en)}  ${t('Nuls', 'Null')} ${r.nullBallots}  ${t('Exprimés', 'Valid')} ${r.valid}`,
    ...r.candidates.map((c) => `  ${c.code.padEnd(6)} ${c.name.padEnd(30)} ${String(c.votes).padStart(10)}  ${pct(c.share, en)}`),
    `${t('PV', 'Reports')} : ${r.reports.counted} ${t('comptés', 'counted')}, ${r.reports.duplicate} ${t('doublons', 'duplicates')}, ${r.reports.conflict} ${t('en conflit', 'in conflict')}, ${r.reports.unknown} ${t('bureau inconnu', 'unknown station')}, ${r.reports.cancelled} ${t('annulés', 'cancelled')}; ${t('anomalies', 'anomalies')} ${r.reports.anomalies}, ${t('participation > 100 %', 'turnout > 100%')} ${r.reports.turnoutOver100}`,
  ];
  for (const a of r.areas) lines.push(`  ${a.area.padEnd(20)} ${a.reported}/${a.expected}  ${pct(a.turnout, en)}  ${a.candidates.slice(0, 3).map((c) => `${c.code} ${c.votes}`).join('  ')}`);
  if (r.flagged.length) lines.push(t('À examiner :', 'To examine:'), ...r.flagged.slice(0, 20).map((f) => `  ${f.station} ${f.niu} ${f.reasons.join(', ')}${f.anomaly ? ` — ${f.anomaly}` : ''}`));
  return lines.join('\n');
}

/** Elections (DESIGN §7): load from CSV, list, results. */
export function addElectionCommands(program: Command, cli: ServerCli): void {
  const election = program.command('election').description('Élections : chargement et résultats / elections: loading and results');
  election.command('load').description('Charge une élection : candidats (code,name) et bureaux (code,name,region,department,commune,registered,centre) en CSV (superviseur)')
    .requiredOption('--id <id>').requiredOption('--name <name>').requiredOption('--date <YYYY-MM-DD>')
    .requiredOption('--candidates <file.csv>').requiredOption('--stations <file.csv>')
    .action(async (o: { id: string; name: string; date: string; candidates: string; stations: string }) => {
      await cli.withOperator(async (server, session) => {
        const read = async (f: string) => {
          try {
            return await readFile(f, 'utf8');
          } catch (e) {
            throw new DocstreamError('validation', `Fichier ${f} illisible.`, `File ${f} unreadable.`, { cause: e });
          }
        };
        const r = await server.elections.load(session, electionFromCsv({ id: o.id, name: o.name, date: o.date }, await read(o.candidates), await read(o.stations)));
        cli.say(r, `Élection ${r.id} chargée : ${r.candidates} candidat(s), ${r.stations} bureau(x).`, `Election ${r.id} loaded: ${r.candidates} candidate(s), ${r.stations} station(s).`);
      });
    });
  election.command('list').action(async () => {
    await cli.withOperator(async (server, session) => {
      const list = await server.elections.list(session);
      const text = list.map((e) => `${e.id.padEnd(16)} ${e.date}  ${e.name}  (${e.stations})`).join('\n');
      cli.say(list, text || 'Aucune élection.', text || 'No election.');
    });
  });
  election.command('results <id>').description('Totaux, parts, participation, bureaux manquants ; --csv pour un tableur')
    .option('--region <region>').option('--level <region|department|commune>', 'détail par niveau').option('--csv', 'CSV des candidats (ou des zones avec --level)')
    .action(async (id: string, o: { region?: string; level?: string; csv?: boolean }) => {
      if (o.level !== undefined && !['region', 'department', 'commune'].includes(o.level)) {
        throw new DocstreamError('validation', '--level : region, department ou commune.', '--level: region, department or commune.');
      }
      await cli.withOperator(async (server, session) => {
        const r = await server.elections.results(session, id, { ...(o.region ? { region: o.region } : {}), ...(o.level ? { level: o.level as AreaLevel } : {}) });
        if (o.csv) {
          if (o.level) {
            const columns = ['area', 'expected', 'reported', 'registered', 'voters', ...r.candidates.map((c) => c.code)];
            const rows = r.areas.map((a) => ({ area: a.area, expected: a.expected, reported: a.reported, registered: a.registered, voters: a.voters,
              ...Object.fromEntries(r.candidates.map((c) => [c.code, a.candidates.find((x) => x.code === c.code)?.votes ?? 0])) }));
            process.stdout.write(csvChunk(rows, columns, true));
          } else {
            process.stdout.write(csvChunk(r.candidates.map((c) => ({ code: c.code, name: c.name, votes: c.votes, share: c.share ?? '' })), ['code', 'name', 'votes', 'share'], true));
          }
          return;
        }
        cli.say(r, resultsText(r, false), resultsText(r, true));
      });
    });
}
