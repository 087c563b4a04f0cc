import { parse } from 'csv-parse/sync';
import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound, type FieldProblem } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { isCalendarDate } from '../forms/validate.js';
import type { DocumentData, TallyLine } from '../forms/types.js';
import type { Session } from '../auth/session.js';
import { OperatorPrivilege as P, type Guard } from './guard.js';
import * as e from './queries/elections.js';
import { insertNotice } from './queries/notices.js';

/** The shipped kind of a polling station's report. */
export const REPORT_FORM = 'pv_election';
const ID_RE = /^[A-Za-z0-9_-]{2,40}$/;

export interface ElectionInput {
  id: string;
  name: string;
  date: string;
  candidates: e.Candidate[];
  stations: e.StationInput[];
}

/** The figures of a report as the centre validated them, for the count. */
export function reportOf(niu: string, data: DocumentData): e.IncomingReport {
  const n = (k: string) => (typeof data[k] === 'number' ? (data[k] as number) : 0);
  const lines = Array.isArray(data.resultats) ? (data.resultats as TallyLine[]) : [];
  return {
    niu, election: String(data.election ?? ''), station: String(data.bureau ?? ''),
    registered: n('inscrits'), voters: n('votants'), nullBallots: n('bulletins_nuls'), valid: n('suffrages_exprimes'),
    anomaly: typeof data.anomalie === 'string' && data.anomalie.trim() !== '' ? data.anomalie.trim() : null,
    votes: lines.map((l) => ({ candidate: String(l.candidat).trim(), votes: Number(l.voix) || 0 })),
  };
}

function refuse(problems: FieldProblem[]): DocstreamError {
  const head = problems.slice(0, 5);
  return new DocstreamError('validation',
    `Élection refusée : ${head.map((p) => p.fr).join(' ; ')}${problems.length > 5 ? ` (et ${problems.length - 5} autre(s))` : ''}. Corrigez le fichier et recommencez.`,
    `Election refused: ${head.map((p) => p.en).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}. Fix the file and try again.`,
    { problems });
}

function checkElection(input: ElectionInput): ElectionInput {
  const problems: FieldProblem[] = [];
  const add = (field: string, fr: string, en: string) => problems.push({ field, fr, en });
  if (!ID_RE.test(input.id)) add('id', 'identifiant : 2 à 40 lettres, chiffres, - ou _', 'id: 2 to 40 letters, digits, - or _');
  if (!input.name?.trim()) add('name', 'nom obligatoire', 'name required');
  if (!isCalendarDate(input.date)) add('date', 'date du scrutin AAAA-MM-JJ', 'election date YYYY-MM-DD');
  if (input.candidates.length < 1) add('candidates', 'au moins un candidat', 'at least one candidate');
  const codes = new Set<string>();
  input.candidates.forEach((c, i) => {
    if (!c.code?.trim() || !c.name?.trim()) add(`candidates[${i}]`, `candidat ligne ${i + 1} : code et nom`, `candidate line ${i + 1}: code and name`);
    else if (codes.has(c.code)) add(`candidates[${i}]`, `candidat ${c.code} en double`, `candidate ${c.code} twice`);
    codes.add(c.code);
  });
  const stations = new Set<string>();
  input.stations.forEach((s, i) => {
    const at = `bureaux ligne ${i + 2}`;
    const atEn = `stations line ${i + 2}`;
    if (!ID_RE.test(s.code)) add(`stations[${i}].code`, `${at} : code invalide « ${s.code} »`, `${atEn}: invalid code “${s.code}”`);
    else if (stations.has(s.code)) add(`stations[${i}].code`, `${at} : bureau ${s.code} en double`, `${atEn}: station ${s.code} twice`);
    stations.add(s.code);
    if (!s.region?.trim()) add(`stations[${i}].region`, `${at} : région obligatoire`, `${atEn}: region required`);
    if (!Number.isInteger(s.registered) || s.registered < 0) add(`stations[${i}].registered`, `${at} : inscrits, un nombre entier`, `${atEn}: registered, a whole number`);
    if (s.matricule !== null && !/^\d{5}$/.test(s.matricule)) add(`stations[${i}].centre`, `${at} : centre, matricule à 5 chiffres`, `${atEn}: centre, 5-digit matricule`);
  });
  if (input.stations.length < 1) add('stations', 'au moins un bureau de vote', 'at least one polling station');
  if (problems.length > 0) throw refuse(problems);
  return input;
}

/** Candidates (code,name) and stations (code,name,region,department,commune,registered,centre) from CSV with a header line. */
export function electionFromCsv(head: { id: string; name: string; date: string }, candidatesCsv: string, stationsCsv: string): ElectionInput {
  const rows = (text: string) => parse(text, { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, delimiter: [',', ';'] }) as Record<string, string>[];
  let candidates: Record<string, string>[];
  let stations: Record<string, string>[];
  try {
    candidates = rows(candidatesCsv);
    stations = rows(stationsCsv);
  } catch (err) {
    throw new DocstreamError('validation', `CSV illisible : ${(err as Error).message}`, `Unreadable CSV: ${(err as Error).message}`);
  }
  return {
    ...head,
    candidates: candidates.map((c) => ({ code: c.code ?? '', name: c.name ?? c.nom ?? '' })),
    stations: stations.map((s) => ({
      code: s.code ?? '', name: s.name ?? s.nom ?? '', region: s.region ?? s['région'] ?? '', department: s.department ?? s['département'] ?? s.departement ?? '',
      commune: s.commune ?? '', registered: /^\d+$/.test(s.registered ?? s.inscrits ?? '') ? Number(s.registered ?? s.inscrits) : NaN,
      matricule: (s.centre ?? s.matricule ?? '').trim() || null,
    })),
  };
}

export interface Results {
  election: { id: string; name: string; date: string };
  area: { level: e.AreaLevel | null; region: string | null };
  stations: { expected: number; reported: number; missing: number };
  registered: number;
  voters: number;
  turnout: number | null;
  nullBallots: number;
  valid: number;
  candidates: { code: string; name: string; votes: number; share: number | null }[];
  areas: { area: string; expected: number; reported: number; voters: number; registered: number; turnout: number | null; candidates: { code: string; votes: number }[] }[];
  reports: { counted: number; duplicate: number; conflict: number; cancelled: number; unknown: number; anomalies: number; turnoutOver100: number };
  missing: { code: string; name: string; region: string; department: string; commune: string }[];
  flagged: FlaggedReport[];
}

/**
 * Why a report is listed: filed as a conflict (other figures than the counted report of its
 * station), a duplicate (the same figures again, counted once), for an unknown station; more
 * voters than registered; sums that do not add up (valid + null ≠ voters, or votes ≠ valid);
 * the Officer's remark (`anomalie`).
 */
export type FlagReason = 'conflict' | 'duplicate' | 'unknown' | 'turnout_over_100' | 'sums' | 'remark';

export interface FlaggedReport {
  niu: string;
  station: string;
  matricule: string;
  state: string;
  anomaly: string | null;
  voters: number;
  registered: number;
  reasons: FlagReason[];
}

/** bigint sums arrive from pg as text. */
function sumAreas(areas: e.AreaTotals[]): e.AreaTotals {
  const sum = (k: 'expected' | 'reported' | 'registered' | 'voters' | 'null_ballots' | 'valid') => areas.reduce((n, a) => n + Number(a[k]), 0);
  return { area: '', expected: sum('expected'), reported: sum('reported'), registered: sum('registered'), voters: sum('voters'), null_ballots: sum('null_ballots'), valid: sum('valid') };
}

function sumVotes(rows: { candidate: string; votes: number }[]): { area: string; candidate: string; votes: number }[] {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.candidate, (by.get(r.candidate) ?? 0) + Number(r.votes));
  return [...by].map(([candidate, votes]) => ({ area: '', candidate, votes }));
}

function flagReasons(r: e.FlaggedRow): FlagReason[] {
  const out: FlagReason[] = [];
  if (r.state === 'conflict' || r.state === 'duplicate' || r.state === 'unknown') out.push(r.state);
  if (r.voters > r.registered) out.push('turnout_over_100');
  if (r.valid + r.null_ballots !== r.voters || (r.votes !== null && r.votes !== r.valid)) out.push('sums');
  if (r.anomaly) out.push('remark');
  return out;
}

/**
 * Elections (DESIGN §7): loaded as data, counted as reports arrive (in the ingest's
 * transaction, see `recordReports`), read by the live results and `election results`.
 */
export function createElections(db: Database, clock: Clock, guard: Guard) {
  let analyzedAt = 0;
  return {
    /**
     * Keeps the planner's statistics in step with the reports on election night, even where
     * autovacuum is off: the results' plans depend on them. Called by the service's sweep.
     */
    async maintain(): Promise<boolean> {
      const n = await e.reportTotal(db);
      if (n <= analyzedAt * 1.2 + 100) return false;
      await e.analyzeReports(db);
      analyzedAt = n;
      return true;
    },

    async load(session: Session, input: ElectionInput): Promise<{ id: string; candidates: number; stations: number; centres: number }> {
      const el = checkElection(input);
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Supervisor, { fr: 'charger une élection', en: 'loading an election' });
        if (await e.electionById(q, el.id)) throw new DocstreamError('conflict', `L’élection ${el.id} existe déjà.`, `Election ${el.id} already exists.`);
        await e.insertElection(q, { id: el.id, name: el.name.trim(), date: el.date, candidates: el.candidates, at: now });
        await e.insertStations(q, el.id, el.stations);
        // Each centre that enters reports receives the election with its own stations.
        const centres = await e.stationsByCentre(q, el.id);
        for (const c of centres) {
          await insertNotice(q, c.matricule, 'election', { id: el.id, name: el.name.trim(), date: el.date, candidates: el.candidates, stations: c.stations }, now);
        }
        await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'election_loaded', entity: 'election', entityId: el.id, details: { candidates: el.candidates.length, stations: el.stations.length, centres: centres.length } });
        return { id: el.id, candidates: el.candidates.length, stations: el.stations.length, centres: centres.length };
      });
    },

    /** The regions of an election's stations (to restrict the results to one). */
    async regions(session: Session, id: string): Promise<string[]> {
      await guard(db, session, P.Viewer, { fr: 'consulter les résultats', en: 'viewing results' });
      if (!(await e.electionById(db, id))) throw notFound(`Élection ${id}`, `Election ${id}`);
      return e.electionRegions(db, id);
    },

    async list(session: Session) {
      await guard(db, session, P.Viewer, { fr: 'consulter les élections', en: 'viewing elections' });
      return e.listElections(db);
    },

    /** Totals and shares, nationally or within a region, optionally per area level. */
    async results(session: Session, id: string, opts: { region?: string; level?: e.AreaLevel; missingLimit?: number; flaggedLimit?: number } = {}): Promise<Results> {
      await guard(db, session, P.Viewer, { fr: 'consulter les résultats', en: 'viewing results' });
      const el = await e.electionById(db, id);
      if (!el) throw notFound(`Élection ${id}`, `Election ${id}`);
      const areas = opts.level ? await e.areaTotals(db, id, opts.level, opts.region) : [];
      const areaVotes = opts.level ? await e.candidateVotes(db, id, opts.level, opts.region) : [];
      // The areas of a level hold every station once: with a breakdown, the totals are its sums
      // rather than two more passes over the reports and votes (the live screen reads this every 2 s).
      const [all] = opts.level ? [sumAreas(areas)] : await e.areaTotals(db, id, undefined, opts.region);
      const votes = opts.level ? sumVotes(areaVotes) : await e.candidateVotes(db, id, undefined, opts.region);
      const counts = await e.reportCounts(db, id);
      const total = all ?? { expected: 0, reported: 0, registered: 0, voters: 0, null_ballots: 0, valid: 0 };
      const byCode = new Map(el.candidates.map((c) => [c.code.toLowerCase(), c]));
      const byName = new Map(el.candidates.map((c) => [c.name.toLowerCase(), c]));
      const codeOf = (label: string) => (byCode.get(label.toLowerCase()) ?? byName.get(label.toLowerCase()))?.code ?? label;
      const sum = new Map<string, number>();
      for (const v of votes) sum.set(codeOf(v.candidate), (sum.get(codeOf(v.candidate)) ?? 0) + Number(v.votes));
      const cast = [...sum.values()].reduce((a, b) => a + b, 0);
      const known = el.candidates.map((c) => ({ code: c.code, name: c.name, votes: sum.get(c.code) ?? 0 }));
      const others = [...sum.entries()].filter(([k]) => !el.candidates.some((c) => c.code === k)).map(([k, n]) => ({ code: k, name: k, votes: n }));
      const count = (s: string) => counts.find((c) => c.state === s)?.n ?? 0;
      return {
        election: { id: el.id, name: el.name, date: el.date },
        area: { level: opts.level ?? null, region: opts.region ?? null },
        stations: { expected: total.expected, reported: total.reported, missing: total.expected - total.reported },
        registered: Number(total.registered), voters: Number(total.voters), nullBallots: Number(total.null_ballots), valid: Number(total.valid),
        turnout: Number(total.registered) > 0 ? Number(total.voters) / Number(total.registered) : null,
        candidates: [...known, ...others].sort((a, b) => b.votes - a.votes).map((c) => ({ ...c, share: cast > 0 ? c.votes / cast : null })),
        areas: areas.map((a) => ({
          area: a.area, expected: a.expected, reported: a.reported, voters: Number(a.voters), registered: Number(a.registered),
          turnout: Number(a.registered) > 0 ? Number(a.voters) / Number(a.registered) : null,
          candidates: areaVotes.filter((v) => v.area === a.area).map((v) => ({ code: codeOf(v.candidate), votes: Number(v.votes) })),
        })),
        reports: {
          counted: count('counted'), duplicate: count('duplicate'), conflict: count('conflict'), cancelled: count('cancelled'), unknown: count('unknown'),
          anomalies: counts.reduce((a, c) => a + (c.state === 'counted' ? c.anomalies : 0), 0),
          turnoutOver100: counts.reduce((a, c) => a + (c.state === 'counted' ? c.over : 0), 0),
        },
        missing: opts.missingLimit === 0 ? [] : await e.missingStations(db, id, opts.region, opts.missingLimit ?? 50),
        flagged: (await e.flaggedReports(db, id, opts.flaggedLimit ?? 100)).map((r) => ({
          niu: r.niu, station: r.station, matricule: r.matricule, state: r.state, anomaly: r.anomaly, voters: r.voters, registered: r.registered, reasons: flagReasons(r),
        })),
      };
    },
  };
}

export type Elections = ReturnType<typeof createElections>;
