import type { AreaLevel, ElectionResults, FlaggedReport, Lang } from '@docstream/core';
import { column, columnRight, fit } from '@docstream/console-kit';
import { bar, calendarDate, percent, whole } from './figures.js';
import { resultsText, type ResultsKey } from './election-results-reducer.js';

/**
 * The text of the results screen, line by line, each at most `width - 1` characters (the
 * view cuts nothing it did not size). Bars are `#` and `.`, always beside their number.
 */

export function resultsTitle(lang: Lang, r: ElectionResults): string {
  const vars = { name: r.election.name, id: r.election.id, date: calendarDate(lang, r.election.date), region: r.area.region ?? '' };
  return resultsText(lang, r.area.region ? 'titleRegion' : 'title', vars);
}

/** Stations reported with their bar, turnout, ballots, the reports to examine. */
export function summaryLines(lang: Lang, r: ElectionResults, width: number): string[] {
  const w = width - 1;
  const share = r.stations.expected > 0 ? r.stations.reported / r.stations.expected : null;
  const stations = resultsText(lang, 'stations', { reported: whole(lang, r.stations.reported), expected: whole(lang, r.stations.expected), share: percent(lang, share, 1) });
  const barWidth = Math.max(0, Math.min(40, w - [...stations].length - 3));
  return [
    barWidth >= 5 ? `${stations} [${bar(share, barWidth)}]` : stations,
    resultsText(lang, 'turnout', { share: percent(lang, r.turnout), voters: whole(lang, r.voters), registered: whole(lang, r.registered) }),
    resultsText(lang, 'ballots', { valid: whole(lang, r.valid), nulls: whole(lang, r.nullBallots), counted: whole(lang, r.reports.counted), duplicate: whole(lang, r.reports.duplicate) }),
    resultsText(lang, 'examine', {
      conflict: whole(lang, r.reports.conflict), unknown: whole(lang, r.reports.unknown), anomalies: whole(lang, r.reports.anomalies), over: whole(lang, r.reports.turnoutOver100),
    }),
  ].map((l) => fit(l, w));
}

/** Per candidate: code, name, a bar of the share of valid votes, votes, share. */
export function candidateLines(lang: Lang, r: ElectionResults, width: number): { heading: string; rows: string[] } {
  const w = width - 1;
  // 2 indent, code 6, name 18, bar in brackets, votes 11, share 8, single spaces between.
  const barWidth = Math.max(5, w - 51);
  const heading = `  ${column(resultsText(lang, 'headCandidate'), 6 + 1 + 18)} ${' '.repeat(barWidth + 2)} ${columnRight(resultsText(lang, 'headVotes'), 11)} ${columnRight(resultsText(lang, 'headShare'), 8)}`;
  const rows = r.candidates.map((c) => `  ${column(c.code, 6)} ${column(c.name, 18)} [${bar(c.share, barWidth)}] ${columnRight(whole(lang, c.votes), 11)} ${columnRight(percent(lang, c.share), 8)}`);
  return { heading: fit(heading, w), rows: rows.map((l) => fit(l, w)) };
}

const AREA_HEADS: Record<AreaLevel, ResultsKey> = { region: 'headAreaRegion', department: 'headAreaDepartment', commune: 'headAreaCommune' };

/** Per area of the level: stations reported of expected (with a bar), turnout, the two leading candidates and their share there. */
export function areaLines(lang: Lang, r: ElectionResults, level: AreaLevel, width: number): { heading: string; rows: string[] } {
  const w = width - 1;
  const heading = `  ${column(resultsText(lang, AREA_HEADS[level]), 18)} ${columnRight(resultsText(lang, 'headReported'), 13)} ${' '.repeat(12)} ${columnRight(resultsText(lang, 'headTurnout'), 9)}  ${resultsText(lang, 'headLeaders')}`;
  const rows = r.areas.map((a) => {
    const cast = a.candidates.reduce((n, c) => n + c.votes, 0);
    const leaders = [...a.candidates].sort((x, y) => y.votes - x.votes).slice(0, 2)
      .map((c) => `${c.code} ${percent(lang, cast > 0 ? c.votes / cast : null, 1)}`).join('  ');
    const reported = a.expected > 0 ? a.reported / a.expected : null;
    return `  ${column(a.area === '' ? '—' : a.area, 18)} ${columnRight(`${whole(lang, a.reported)}/${whole(lang, a.expected)}`, 13)} [${bar(reported, 10)}] ${columnRight(percent(lang, a.turnout, 1), 9)}  ${leaders}`;
  });
  return { heading: fit(heading, w), rows: rows.map((l) => fit(l, w)) };
}

/** Why a report is listed, in words: "conflit (…) ; remarque : « … »". */
export function reasonText(lang: Lang, f: FlaggedReport): string {
  const parts = f.reasons.map((reason) => resultsText(lang, reason, { voters: whole(lang, f.voters), registered: whole(lang, f.registered), text: f.anomaly ?? '' }));
  return parts.join(lang === 'fr' ? ' ; ' : '; ');
}

/** The reports to examine: station, the report's NIU, the reasons (the Officer's remark last, in quotes). */
export function flaggedLines(lang: Lang, r: ElectionResults, width: number): { heading: string; rows: string[] } {
  const w = width - 1;
  const scope = r.area.region ? ` ${resultsText(lang, 'wholeCountry')}` : '';
  // Station codes are short in practice: their column is as wide as the longest, so the reasons keep the room.
  const station = Math.max(6, Math.min(14, ...r.flagged.map((f) => [...f.station].length)));
  const heading = `  ${column(resultsText(lang, 'headStation'), station)} ${column(resultsText(lang, 'headNiu'), 20)} ${resultsText(lang, 'headReason')}${scope}`;
  const rows = r.flagged.map((f) => `  ${column(f.station, station)} ${column(f.niu, 20)} ${reasonText(lang, f)}`);
  return { heading: fit(heading, w), rows: rows.map((l) => fit(l, w)) };
}

/** The label of each view for the line of tabs. */
export function panelLabels(lang: Lang, r: ElectionResults | null, level: AreaLevel, flaggedLimit: number): { candidates: string; areas: string; flagged: string } {
  const n = r ? `${r.flagged.length}${r.flagged.length >= flaggedLimit ? '+' : ''}` : '…';
  return {
    candidates: resultsText(lang, 'panelCandidates'),
    areas: resultsText(lang, 'panelAreas', { level: resultsText(lang, level) }),
    flagged: resultsText(lang, 'panelFlagged', { n }),
  };
}
