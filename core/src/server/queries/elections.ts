import type { Queryable } from '../../db/database.js';

export interface Candidate {
  code: string;
  name: string;
}

export interface ElectionRow {
  id: string;
  name: string;
  date: string;
  candidates: Candidate[];
  created_at: Date;
}

export interface StationInput {
  code: string;
  name: string;
  region: string;
  department: string;
  commune: string;
  registered: number;
  matricule: string | null;
}

export async function insertElection(q: Queryable, e: { id: string; name: string; date: string; candidates: Candidate[]; at: Date }): Promise<void> {
  await q.query('INSERT INTO xm_data.elections (id, name, date, candidates, created_at) VALUES ($1, $2, $3, $4, $5)', [e.id, e.name, e.date, JSON.stringify(e.candidates), e.at]);
}

/**
 * Inserts the expected stations, then refreshes the planner's statistics: without them the
 * results' joins were planned as nested loops over every pair (69 s at 25,000 stations).
 */
export async function insertStations(q: Queryable, electionId: string, stations: StationInput[]): Promise<void> {
  for (let i = 0; i < stations.length; i += 5000) {
    await q.query(
      `INSERT INTO xm_data.polling_stations (election_id, code, name, region, department, commune, registered, matricule)
       SELECT $1, x.code, x.name, x.region, x.department, x.commune, x.registered, x.matricule
         FROM jsonb_to_recordset($2::jsonb) AS x(code text, name text, region text, department text, commune text, registered int, matricule text)`,
      [electionId, JSON.stringify(stations.slice(i, i + 5000))],
    );
  }
  await q.query('ANALYZE xm_data.polling_stations');
}

export async function electionById(q: Queryable, id: string): Promise<ElectionRow | undefined> {
  const [r] = await q.query<ElectionRow>('SELECT id, name, date, candidates, created_at FROM xm_data.elections WHERE id = $1', [id]);
  return r;
}

export async function listElections(q: Queryable): Promise<(ElectionRow & { stations: number })[]> {
  return q.query(
    `SELECT e.id, e.name, e.date, e.candidates, e.created_at, (SELECT count(*)::int FROM xm_data.polling_stations s WHERE s.election_id = e.id) AS stations
       FROM xm_data.elections e ORDER BY e.date DESC, e.id`,
  );
}

export interface IncomingReport {
  niu: string;
  election: string;
  station: string;
  registered: number;
  voters: number;
  nullBallots: number;
  valid: number;
  anomaly: string | null;
  votes: { candidate: string; votes: number }[];
}

function sameFigures(a: { registered: number; voters: number; null_ballots: number; valid: number; votes: Record<string, number> }, b: IncomingReport): boolean {
  const bv = Object.fromEntries(b.votes.map((v) => [v.candidate, v.votes]));
  const keys = new Set([...Object.keys(a.votes), ...Object.keys(bv)]);
  return a.registered === b.registered && a.voters === b.voters && a.null_ballots === b.nullBallots && a.valid === b.valid && [...keys].every((k) => a.votes[k] === bv[k]);
}

/**
 * Files each new report of a container: counted when it is its station's first, else a
 * duplicate (same figures) or a conflict (other figures), never counted twice; 'unknown'
 * when the election or the station is not on file. The partial unique index makes the
 * first one win even between concurrent transactions.
 */
export async function recordReports(q: Queryable, matricule: string, reports: IncomingReport[], at: Date): Promise<Record<string, number>> {
  const tally: Record<string, number> = { counted: 0, duplicate: 0, conflict: 0, unknown: 0 };
  for (const r of reports) {
    const known = await q.query('SELECT 1 FROM xm_data.polling_stations WHERE election_id = $1 AND code = $2', [r.election, r.station]);
    let state = known.length === 0 ? 'unknown' : 'counted';
    const insert = (s: string, firstWins: boolean) =>
      q.query(
        `INSERT INTO xm_data.election_reports (niu, election_id, station, matricule, state, registered, voters, null_ballots, valid, anomaly, received_at)
         VALUES ($1, $2, $3, $4, $11, $5, $6, $7, $8, $9, $10)
         ${firstWins ? `ON CONFLICT (election_id, station) WHERE state = 'counted' DO NOTHING` : ''} RETURNING niu`,
        [r.niu, r.election, r.station, matricule, r.registered, r.voters, r.nullBallots, r.valid, r.anomaly, at, s],
      );
    if (state === 'counted' && (await insert('counted', true)).length === 0) {
      const [first] = await q.query<{ registered: number; voters: number; null_ballots: number; valid: number; votes: Record<string, number> }>(
        `SELECT r.registered, r.voters, r.null_ballots, r.valid,
                coalesce((SELECT jsonb_object_agg(v.candidate, v.votes) FROM xm_data.election_votes v WHERE v.niu = r.niu), '{}') AS votes
           FROM xm_data.election_reports r WHERE r.election_id = $1 AND r.station = $2 AND r.state = 'counted'`,
        [r.election, r.station],
      );
      state = first && sameFigures(first, r) ? 'duplicate' : 'conflict';
      await insert(state, false);
    } else if (state === 'unknown') {
      await insert('unknown', false);
    }
    if (state === 'counted' && r.votes.length > 0) {
      await q.query(
        `INSERT INTO xm_data.election_votes (niu, election_id, candidate, votes)
         SELECT $1, $2, x.candidate, sum(x.votes)::int FROM jsonb_to_recordset($3::jsonb) AS x(candidate text, votes int) GROUP BY x.candidate`,
        [r.niu, r.election, JSON.stringify(r.votes)],
      );
    }
    tally[state] = (tally[state] ?? 0) + 1;
  }
  return tally;
}

/** A cancelled report leaves the totals (its station counts as not reported). */
export async function cancelReports(q: Queryable, nius: string[]): Promise<void> {
  if (nius.length === 0) return;
  await q.query(`UPDATE xm_data.election_reports SET state = 'cancelled' WHERE niu = ANY($1::text[]) AND state <> 'cancelled'`, [nius]);
}

export type AreaLevel = 'region' | 'department' | 'commune';

export interface AreaTotals {
  area: string;
  expected: number;
  reported: number;
  registered: number;
  voters: number;
  null_ballots: number;
  valid: number;
}

/** Stations expected and reported, and the counted figures, per area (or all, when `level` is undefined). */
export async function areaTotals(q: Queryable, electionId: string, level: AreaLevel | undefined, region: string | undefined): Promise<AreaTotals[]> {
  const area = level ? `s.${level}` : `''`;
  return q.query<AreaTotals>(
    `SELECT ${area} AS area, count(*)::int AS expected, count(r.niu)::int AS reported,
            coalesce(sum(r.registered), 0)::bigint AS registered, coalesce(sum(r.voters), 0)::bigint AS voters,
            coalesce(sum(r.null_ballots), 0)::bigint AS null_ballots, coalesce(sum(r.valid), 0)::bigint AS valid
       FROM xm_data.polling_stations s
       LEFT JOIN xm_data.election_reports r ON r.election_id = s.election_id AND r.station = s.code AND r.state = 'counted'
      WHERE s.election_id = $1 AND ($2::text IS NULL OR s.region = $2)
      GROUP BY 1 ORDER BY 1`,
    [electionId, region ?? null],
  );
}

export async function candidateVotes(q: Queryable, electionId: string, level: AreaLevel | undefined, region: string | undefined): Promise<{ area: string; candidate: string; votes: number }[]> {
  if (!level && region === undefined) {
    // The national totals need no station: a counted report's station is on file (the live screen reads this every 2 s).
    return q.query(
      `SELECT '' AS area, v.candidate, sum(v.votes)::bigint AS votes
         FROM xm_data.election_votes v JOIN xm_data.election_reports r ON r.niu = v.niu AND r.state = 'counted'
        WHERE r.election_id = $1 GROUP BY 2 ORDER BY 3 DESC`,
      [electionId],
    );
  }
  const area = level ? `s.${level}` : `''`;
  return q.query(
    `SELECT ${area} AS area, v.candidate, sum(v.votes)::bigint AS votes
       FROM xm_data.election_votes v
       JOIN xm_data.election_reports r ON r.niu = v.niu AND r.state = 'counted'
       JOIN xm_data.polling_stations s ON s.election_id = r.election_id AND s.code = r.station
      WHERE r.election_id = $1 AND ($2::text IS NULL OR s.region = $2)
      GROUP BY 1, 2 ORDER BY 1, 3 DESC`,
    [electionId, region ?? null],
  );
}

export async function reportCounts(q: Queryable, electionId: string): Promise<{ state: string; n: number; anomalies: number; over: number }[]> {
  return q.query(
    `SELECT state, count(*)::int AS n, count(*) FILTER (WHERE anomaly IS NOT NULL)::int AS anomalies, count(*) FILTER (WHERE voters > registered)::int AS over
       FROM xm_data.election_reports WHERE election_id = $1 GROUP BY state`,
    [electionId],
  );
}

export async function missingStations(q: Queryable, electionId: string, region: string | undefined, limit: number): Promise<{ code: string; name: string; region: string; department: string; commune: string }[]> {
  return q.query(
    `SELECT s.code, s.name, s.region, s.department, s.commune FROM xm_data.polling_stations s
      WHERE s.election_id = $1 AND ($2::text IS NULL OR s.region = $2)
        AND NOT EXISTS (SELECT 1 FROM xm_data.election_reports r WHERE r.election_id = s.election_id AND r.station = s.code AND r.state = 'counted')
      ORDER BY s.region, s.department, s.commune, s.code LIMIT $3`,
    [electionId, region ?? null, limit],
  );
}

export interface FlaggedRow {
  niu: string;
  station: string;
  matricule: string;
  state: string;
  anomaly: string | null;
  voters: number;
  registered: number;
  null_ballots: number;
  valid: number;
  /** Sum of the report's votes per candidate; null for a report not counted (its votes are not kept). */
  votes: number | null;
}

/**
 * Reports an operator should look at: conflicts, unknown stations, duplicates (harmless, so
 * listed last), and counted ones with an Officer's remark or more voters than registered.
 * The sum of votes is read for the listed rows only, after the limit.
 */
export async function flaggedReports(q: Queryable, electionId: string, limit: number): Promise<FlaggedRow[]> {
  return q.query(
    `SELECT f.niu, f.station, f.matricule, f.state, f.anomaly, f.voters, f.registered, f.null_ballots, f.valid,
            CASE WHEN f.state = 'counted' THEN (SELECT coalesce(sum(v.votes), 0)::int FROM xm_data.election_votes v WHERE v.niu = f.niu) END AS votes
       FROM (SELECT niu, station, matricule, state, anomaly, voters, registered, null_ballots, valid, received_at FROM xm_data.election_reports
              WHERE election_id = $1 AND (state IN ('conflict', 'unknown', 'duplicate') OR anomaly IS NOT NULL OR voters > registered)
              ORDER BY state = 'duplicate', received_at, niu LIMIT $2) f
      ORDER BY f.state = 'duplicate', f.received_at, f.niu`,
    [electionId, limit],
  );
}

/** The regions of an election's stations, for choosing one. */
export async function electionRegions(q: Queryable, electionId: string): Promise<string[]> {
  const rows = await q.query<{ region: string }>('SELECT DISTINCT region FROM xm_data.polling_stations WHERE election_id = $1 ORDER BY region', [electionId]);
  return rows.map((r) => r.region);
}

/** Per centre, its stations of an election: what is pushed to it. */
export async function stationsByCentre(q: Queryable, electionId: string): Promise<{ matricule: string; stations: { code: string; name: string; registered: number }[] }[]> {
  return q.query(
    `SELECT s.matricule, jsonb_agg(jsonb_build_object('code', s.code, 'name', s.name, 'registered', s.registered) ORDER BY s.code) AS stations
       FROM xm_data.polling_stations s JOIN xm_system.clients c ON c.matricule = s.matricule
      WHERE s.election_id = $1 GROUP BY s.matricule ORDER BY s.matricule`,
    [electionId],
  );
}

export async function reportTotal(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM xm_data.election_reports');
  return r!.n;
}

export async function analyzeReports(q: Queryable): Promise<void> {
  await q.query('ANALYZE xm_data.election_reports, xm_data.election_votes');
}
