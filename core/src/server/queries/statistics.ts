import type { Queryable } from '../../db/database.js';

export type CountDimension = 'kind' | 'centre' | 'region' | 'period';
export type Period = 'day' | 'month' | 'year';
/** Which date a period and a from/to range are read on. */
export type DateBasis = 'event' | 'received';

export interface CountCriteria {
  by: CountDimension[];
  period: Period;
  basis: DateBasis;
  /** Inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
  formId?: string;
  matricule?: string;
  region?: string;
}

export interface CountRow {
  kind?: string;
  matricule?: string;
  centre_name?: string;
  region?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD; null for documents without an event date. */
  period?: string | null;
  /** Documents in force (every status but 0). */
  n: number;
  /** Cancelled documents (status 0), counted apart, never in `n`. */
  cancelled: number;
}

// Code constants: the only text that reaches the statement besides numbered parameters.
const PERIOD_FORMAT: Record<Period, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM', year: 'YYYY' };
const DATE_COLUMN: Record<DateBasis, string> = { event: 'd.event_date', received: 'd.received_at' };

function dimensionColumns(dim: CountDimension, c: CountCriteria): string[] {
  switch (dim) {
    case 'kind':
      return ['d.form_id AS kind'];
    case 'centre':
      return ['d.matricule AS matricule', "coalesce(c.name, '') AS centre_name"];
    case 'region':
      return ["coalesce(c.region, '') AS region"];
    case 'period':
      // received_at is a timestamptz: its day is the database session's time zone's.
      return [`to_char(${DATE_COLUMN[c.basis]}, '${PERIOD_FORMAT[c.period]}') AS period`];
  }
}

/**
 * Counts of centralised documents grouped by the dimensions asked, in their order; with
 * no dimension, one row of totals. Cancelled documents are counted in their own column.
 */
export async function countCentralDocuments(q: Queryable, c: CountCriteria): Promise<CountRow[]> {
  const dims = [...new Set(c.by)];
  const select = dims.flatMap((d) => dimensionColumns(d, c));
  const groups = select.map((_, i) => String(i + 1));
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (fragment: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(fragment(`$${params.length}`));
  };
  const date = DATE_COLUMN[c.basis];
  if (c.from !== undefined) add((p) => `${date} >= ${p}::date`, c.from);
  // Inclusive upper day, also for a timestamp: before the next day starts.
  if (c.to !== undefined) add((p) => `${date} < ${p}::date + 1`, c.to);
  if (c.formId !== undefined) add((p) => `d.form_id = ${p}`, c.formId);
  if (c.matricule !== undefined) add((p) => `d.matricule = ${p}`, c.matricule);
  if (c.region !== undefined) add((p) => `c.region = ${p}`, c.region);
  const sql = `SELECT ${[...select, 'count(*) FILTER (WHERE d.status <> 0)::int AS n', 'count(*) FILTER (WHERE d.status = 0)::int AS cancelled'].join(', ')}
    FROM xm_data.documents d LEFT JOIN xm_system.clients c ON c.matricule = d.matricule
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ${groups.length ? `GROUP BY ${groups.join(', ')} ORDER BY ${groups.join(', ')}` : ''}`;
  return q.query<CountRow>(sql, params);
}

/** The kinds installed in the server's catalog (each has its view xm_data.v_<kind>). */
export async function knownKinds(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ id: string }>('SELECT DISTINCT id FROM xm_data.forms ORDER BY id');
  return rows.map((r) => r.id);
}

/** Form ids are checked by xm_data.forms too; this guards the identifier we build from one. */
const KIND_PATTERN = /^[a-z][a-z0-9_]{1,40}$/;

function kindView(kind: string): string {
  if (!KIND_PATTERN.test(kind)) throw new Error(`not a form id: ${JSON.stringify(kind)}`);
  return `xm_data."v_${kind}"`;
}

/** The view's columns in their order, so an empty export still has its header. */
export async function kindViewColumns(q: Queryable, kind: string): Promise<string[]> {
  kindView(kind);
  const rows = await q.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'xm_data' AND table_name = $1 ORDER BY ordinal_position`,
    [`v_${kind}`],
  );
  return rows.map((r) => r.column_name);
}

/**
 * One page of a per-kind view, oldest first, keyset-paged on numero. `kind` must have
 * been checked against xm_data.forms by the caller (`knownKinds`).
 */
export function kindViewPage(q: Queryable, kind: string, after: number, limit: number): Promise<Record<string, unknown>[]> {
  return q.query(`SELECT * FROM ${kindView(kind)} WHERE numero > $1 ORDER BY numero LIMIT $2`, [after, limit]);
}

// Reporting logins. Role names cannot be bound parameters, so PostgreSQL's own format()
// quotes them (%I) and the password verifier (%L) from bound parameters; the statement it
// returns is then run as is.

export async function roleExists(q: Queryable, name: string): Promise<boolean> {
  const rows = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [name]);
  return rows[0]!.n > 0;
}

export async function createReportingRole(q: Queryable, name: string, verifier: string): Promise<string> {
  const [create] = await q.query<{ sql: string }>(
    `SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE docstream_reporting', $1::text, $2::text) AS sql`,
    [name, verifier],
  );
  await q.query(create!.sql);
  const [grant] = await q.query<{ sql: string; db: string }>(
    `SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), $1::text) AS sql, current_database() AS db`,
    [name],
  );
  await q.query(grant!.sql);
  return grant!.db;
}
