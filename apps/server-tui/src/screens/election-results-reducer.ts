import type { AreaLevel, ElectionResults, Label } from '@docstream/core';
import { editText, fill, translator, type TextKeyState } from '@docstream/console-kit';
import type { ElectionsBrokerCondition } from '../keys/elections-broker-bindings.js';

/** The live results are read again at most this often, and never while a read is running. */
export const RESULTS_REFRESH_MS = 2000;

/**
 * How long to wait, once a read has ended, before the next: reads start 2 s apart, or three
 * times as long as the last one took when the database is slow, so a console left open on
 * election night never keeps PostgreSQL busy more than a third of the time.
 */
export function refreshDelay(s: { tookMs: number }): number {
  return Math.max(RESULTS_REFRESH_MS - s.tookMs, 2 * s.tookMs);
}

/** The refresh period the screen states, in whole seconds. */
export function refreshEvery(s: { tookMs: number }): number {
  return Math.max(RESULTS_REFRESH_MS, 3 * s.tookMs) / 1000;
}

/** What the screen shows under the figures: one list at a time, so it fits 80×24. */
export type Panel = 'candidates' | 'areas' | 'flagged';
export const PANELS: readonly Panel[] = ['candidates', 'areas', 'flagged'];
export const LEVELS: readonly AreaLevel[] = ['region', 'department', 'commune'];

/** Every string of the results screen, French first. */
export const RESULTS_STRINGS = {
  title: { fr: 'Résultats — {name} ({id}), {date}', en: 'Results — {name} ({id}), {date}' },
  titleRegion: { fr: 'Résultats — {name} ({id}), {date} — région {region}', en: 'Results — {name} ({id}), {date} — region {region}' },
  stations: { fr: 'Bureaux ayant transmis : {reported} / {expected} ({share})', en: 'Stations reported: {reported} / {expected} ({share})' },
  turnout: { fr: 'Participation {share} : {voters} votants sur {registered} inscrits', en: 'Turnout {share}: {voters} voters of {registered} registered' },
  ballots: { fr: 'Exprimés {valid} · nuls {nulls} · PV comptés {counted} · doublons {duplicate}', en: 'Valid {valid} · null {nulls} · reports counted {counted} · duplicates {duplicate}' },
  examine: {
    fr: 'À examiner : conflits {conflict} · bureaux inconnus {unknown} · anomalies {anomalies} · > 100 % {over}',
    en: 'To examine: conflicts {conflict} · unknown stations {unknown} · anomalies {anomalies} · over 100% {over}',
  },
  view: { fr: 'Vue :', en: 'View:' },
  panelCandidates: { fr: 'Candidats', en: 'Candidates' },
  panelAreas: { fr: 'Zones : {level}', en: 'Areas: {level}' },
  panelFlagged: { fr: 'À examiner ({n})', en: 'To examine ({n})' },
  region: { fr: 'région', en: 'region' },
  department: { fr: 'département', en: 'department' },
  commune: { fr: 'commune', en: 'commune' },
  headCandidate: { fr: 'Candidat', en: 'Candidate' },
  headVotes: { fr: 'Voix', en: 'Votes' },
  headShare: { fr: 'Part', en: 'Share' },
  headAreaRegion: { fr: 'Région', en: 'Region' },
  headAreaDepartment: { fr: 'Département', en: 'Department' },
  headAreaCommune: { fr: 'Commune', en: 'Commune' },
  headReported: { fr: 'Bureaux', en: 'Stations' },
  headTurnout: { fr: 'Particip.', en: 'Turnout' },
  headLeaders: { fr: 'En tête', en: 'Leading' },
  headStation: { fr: 'Bureau', en: 'Station' },
  headNiu: { fr: 'NIU du PV', en: 'Report NIU' },
  headReason: { fr: 'Motif', en: 'Reason' },
  wholeCountry: { fr: '(tout le pays)', en: '(whole country)' },
  noCandidates: { fr: 'Aucune voix comptée pour l’instant.', en: 'No votes counted yet.' },
  noAreas: { fr: 'Aucune zone.', en: 'No area.' },
  noFlagged: { fr: 'Aucun procès-verbal à examiner.', en: 'No report to examine.' },
  reading: { fr: 'Lecture…', en: 'Reading…' },
  live: { fr: 'Actualisation toutes les {every} s — lu à {at}', en: 'Refreshed every {every} s — read at {at}' },
  paused: { fr: 'Actualisation EN PAUSE (p pour reprendre) — lu à {at}', en: 'Refresh PAUSED (p to resume) — read at {at}' },
  lines: { fr: 'lignes {from}–{to} sur {total}', en: 'lines {from}–{to} of {total}' },
  filterLabel: { fr: 'Région', en: 'Region' },
  unknownRegion: { fr: 'Région inconnue « {text} ». Régions : {list}', en: 'Unknown region “{text}”. Regions: {list}' },
  ambiguousRegion: { fr: '« {text} » désigne plusieurs régions : {list}. Tapez-en davantage.', en: '“{text}” matches several regions: {list}. Type more of it.' },
  regionsNotRead: { fr: 'La liste des régions n’est pas encore lue ; réessayez.', en: 'The list of regions is not read yet; try again.' },
  conflict: { fr: 'conflit (autres chiffres que le PV compté)', en: 'conflict (other figures than the counted report)' },
  duplicate: { fr: 'doublon (mêmes chiffres, compté une fois)', en: 'duplicate (same figures, counted once)' },
  unknown: { fr: 'bureau inconnu', en: 'unknown station' },
  turnout_over_100: { fr: 'participation > 100 % ({voters}/{registered})', en: 'turnout over 100% ({voters}/{registered})' },
  sums: { fr: 'sommes incohérentes', en: 'sums do not add up' },
  remark: { fr: '« {text} »', en: '“{text}”' },
} as const satisfies Record<string, Label>;

export type ResultsKey = keyof typeof RESULTS_STRINGS;

export const resultsText = translator(RESULTS_STRINGS);

export interface ResultsState {
  results: ElectionResults | null;
  /** When `results` was read. */
  at: Date | null;
  /** How long the last read took (ms): the refresh slows down when reads are slow. */
  tookMs: number;
  error: Label | null;
  /** Id of the read to run or running; its answer carries it back. */
  request: number;
  loading: boolean;
  /** What to read changed while a read was running: read again as soon as it ends (reads never overlap). */
  stale: boolean;
  /** Whether the screen refreshes itself (`p`). */
  live: boolean;
  panel: Panel;
  level: AreaLevel;
  /** The region the results are restricted to (`/`), null for the whole country. */
  region: string | null;
  /** The election's regions, to resolve what is typed after `/`. */
  regions: string[] | null;
  /** The `/` line's text while it is open. */
  filter: string | null;
  /** First line of the panel shown. */
  scroll: number;
}

export type ResultsAction =
  | { type: 'refresh' }
  | { type: 'tick' }
  | { type: 'loaded'; request: number; results: ElectionResults; at: Date; tookMs?: number }
  | { type: 'failed'; request: number; error: Label }
  | { type: 'regions'; regions: string[] }
  | { type: 'pause' }
  | { type: 'panel' }
  | { type: 'level'; by: -1 | 1 }
  | { type: 'scroll'; by: number; room: number }
  | { type: 'openFilter' }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'cancelFilter' }
  | { type: 'submitFilter' };

export const initialResults: ResultsState = {
  results: null, at: null, tookMs: 0, error: null, request: 1, loading: true, stale: false, live: true,
  panel: 'candidates', level: 'region', region: null, regions: null, filter: null, scroll: 0,
};

/** What the next read asks the core: the breakdown only for the areas view (it costs two more sums). */
export function resultsQuery(s: ResultsState): { level?: AreaLevel; region?: string } {
  return { ...(s.panel === 'areas' ? { level: s.level } : {}), ...(s.region !== null ? { region: s.region } : {}) };
}

/** Starts a read now, or right after the one running. */
function reread(s: ResultsState): ResultsState {
  return s.loading ? { ...s, stale: true } : { ...s, request: s.request + 1, loading: true, stale: false };
}

/** How many lines the current panel has (its heading aside). */
export function panelLength(s: ResultsState): number {
  const r = s.results;
  if (!r) return 0;
  if (s.panel === 'candidates') return r.candidates.length;
  if (s.panel === 'areas') return r.areas.length;
  return r.flagged.length;
}

const plain = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();

/** The region meant by what was typed: the same name (accents and case aside), else the only one it starts, else the only one it is in. */
export function resolveRegion(regions: readonly string[], typed: string): { region: string } | { error: Label } {
  const q = plain(typed);
  const exact = regions.filter((r) => plain(r) === q);
  if (exact.length === 1) return { region: exact[0]! };
  for (const test of [(r: string) => plain(r).startsWith(q), (r: string) => plain(r).includes(q)]) {
    const found = regions.filter(test);
    if (found.length === 1) return { region: found[0]! };
    if (found.length > 1) {
      const list = found.slice(0, 5).join(', ') + (found.length > 5 ? '…' : '');
      return { error: { fr: fill(RESULTS_STRINGS.ambiguousRegion.fr, { text: typed, list }), en: fill(RESULTS_STRINGS.ambiguousRegion.en, { text: typed, list }) } };
    }
  }
  const list = regions.slice(0, 6).join(', ') + (regions.length > 6 ? '…' : '');
  return { error: { fr: fill(RESULTS_STRINGS.unknownRegion.fr, { text: typed, list }), en: fill(RESULTS_STRINGS.unknownRegion.en, { text: typed, list }) } };
}

/**
 * The live results of one election: read on opening, on `r`, and while live on each tick
 * (never two reads at once: a tick during a read is dropped, a change of view, level or
 * region during a read is read right after it). Tab changes the view, ←→ the level of the
 * breakdown, `/` restricts everything to a region.
 */
export function resultsReducer(s: ResultsState, a: ResultsAction): ResultsState {
  switch (a.type) {
    case 'refresh':
      return reread(s);
    case 'tick':
      return !s.live || s.loading ? s : { ...s, request: s.request + 1, loading: true };
    case 'loaded': {
      if (a.request !== s.request) return s;
      // Figures for what was asked before the last change are not shown: the next read follows.
      if (s.stale) return { ...s, request: s.request + 1, loading: true, stale: false };
      const next = { ...s, results: a.results, at: a.at, tookMs: a.tookMs ?? 0, loading: false, error: s.filter !== null ? s.error : null };
      return { ...next, scroll: Math.min(s.scroll, Math.max(0, panelLength(next) - 1)) };
    }
    case 'failed':
      if (a.request !== s.request) return s;
      if (s.stale) return { ...s, request: s.request + 1, loading: true, stale: false };
      return { ...s, loading: false, error: a.error };
    case 'regions':
      return { ...s, regions: a.regions };
    case 'pause':
      return { ...s, live: !s.live };
    case 'panel': {
      const panel = PANELS[(PANELS.indexOf(s.panel) + 1) % PANELS.length]!;
      const next = { ...s, panel, scroll: 0 };
      // Only the areas view needs a breakdown the last read may not have.
      return panel === 'areas' && s.results?.area.level !== s.level ? reread(next) : next;
    }
    case 'level': {
      // From another view, the first press shows the areas at the level they had.
      if (s.panel !== 'areas') {
        const next = { ...s, panel: 'areas' as const, scroll: 0 };
        return s.results?.area.level !== s.level ? reread(next) : next;
      }
      const level = LEVELS[Math.max(0, Math.min(LEVELS.length - 1, LEVELS.indexOf(s.level) + a.by))]!;
      return level === s.level ? s : reread({ ...s, level, scroll: 0 });
    }
    case 'scroll': {
      const max = Math.max(0, panelLength(s) - Math.max(1, a.room));
      const scroll = Math.max(0, Math.min(max, s.scroll + a.by));
      return scroll === s.scroll ? s : { ...s, scroll };
    }
    case 'openFilter':
      return { ...s, filter: s.region ?? '', error: null };
    case 'text': {
      if (s.filter === null) return s;
      const filter = editText(s.filter, a.input, a.key, 80);
      return filter === s.filter ? s : { ...s, filter, error: null };
    }
    case 'cancelFilter':
      return s.filter === null ? s : { ...s, filter: null, error: null };
    case 'submitFilter': {
      if (s.filter === null) return s;
      const typed = s.filter.trim();
      if (typed === '') return s.region === null ? { ...s, filter: null, error: null } : reread({ ...s, filter: null, error: null, region: null, scroll: 0 });
      if (!s.regions) return { ...s, error: RESULTS_STRINGS.regionsNotRead };
      const found = resolveRegion(s.regions, typed);
      if ('error' in found) return { ...s, error: found.error };
      const next = { ...s, filter: null, error: null };
      return found.region === s.region ? next : reread({ ...next, region: found.region, scroll: 0 });
    }
  }
}

/** The key mode: the `/` line takes every printable key. */
export function resultsMode(s: ResultsState): 'normal' | 'typing' {
  return s.filter !== null ? 'typing' : 'normal';
}

/** The conditions that hold, for the keys and the footer. */
export function resultsConditions(s: ResultsState): ElectionsBrokerCondition[] {
  return [...(s.results ? ['resultsShown' as const] : []), s.live ? 'resultsLive' : 'resultsPaused'];
}
