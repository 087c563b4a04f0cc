import type { Queryable } from './database.js';

/** Criteria both document tables understand (centre `docstream.documents`, server `xm_data.documents`). */
export interface BaseSearchCriteria {
  niu?: string;
  /** Normalised words, each must appear in one of the document's person names. */
  nameWords?: string[];
  formId?: string;
  status?: number;
  /** Event date range, inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
  /** Keyset paging: only documents with a smaller numero. */
  before?: number;
  limit: number;
}

/**
 * One table's search: its name, the columns a hit carries and its own criteria, each a
 * SQL fragment around its bound parameter. All are code constants, never user input:
 * only values travel as parameters.
 */
export interface SearchTable<C extends BaseSearchCriteria> {
  table: string;
  columns: string;
  extra: { [K in Exclude<keyof C, keyof BaseSearchCriteria>]?: (param: string) => string };
}

/**
 * Rows of the newest-first window a date-bounded search tries before collecting older
 * matches through the indexes (see `searchDocumentTable`).
 */
export const SEARCH_RECENT_WINDOW = 20_000;

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Newest first, keyset-paged on numero; every criterion is a bound parameter.
 *
 * Event dates follow numero closely (births are registered soon after they happen), which
 * the planner cannot know. Given a date range it may walk the primary key newest first,
 * expecting matches spread evenly, and read most of the table before it reaches births of
 * years ago (~300 ms at 1,000,000 documents); yet forcing it to collect every match
 * through the indexes and sort them is as slow for a wide range with a common name (tens
 * of thousands of candidates). So a date-bounded search runs in two steps, in the same
 * order: the newest SEARCH_RECENT_WINDOW numeros first (planner's choice, cost bounded by
 * the window), which fills the page whenever matches are common among recent documents;
 * then, only if the page is not full, the older documents with `ORDER BY numero + 0`
 * (same order, not the key's), so the trigram and date indexes collect the candidates.
 */
export async function searchDocumentTable<C extends BaseSearchCriteria, H>(q: Queryable, t: SearchTable<C>, c: C): Promise<H[]> {
  const dated = c.niu === undefined && (c.from !== undefined || c.to !== undefined);
  if (!dated) return runSearch<C, H>(q, t, c, {});
  const top = c.before ?? (await maxNumero(q, t.table)) + 1;
  const floor = top - SEARCH_RECENT_WINDOW;
  if (floor <= 1) return runSearch<C, H>(q, t, c, {});
  const recent = await runSearch<C, H>(q, t, c, { from: floor });
  if (recent.length >= c.limit) return recent;
  const older = await runSearch<C, H>(q, t, { ...c, before: floor, limit: c.limit - recent.length }, { collect: true });
  return [...recent, ...older];
}

async function maxNumero(q: Queryable, table: string): Promise<number> {
  const rows = await q.query<{ n: number }>(`SELECT coalesce(max(numero), 0)::bigint AS n FROM ${table}`);
  return rows[0]!.n;
}

function runSearch<C extends BaseSearchCriteria, H>(q: Queryable, t: SearchTable<C>, c: C, how: { from?: number; collect?: boolean }): Promise<H[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (fragment: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(fragment(`$${params.length}`));
  };
  if (c.niu !== undefined) add((p) => `niu = ${p}`, c.niu);
  for (const w of c.nameWords ?? []) add((p) => `names_norm LIKE ${p}`, `%${likeEscape(w)}%`);
  if (c.formId !== undefined) add((p) => `form_id = ${p}`, c.formId);
  if (c.status !== undefined) add((p) => `status = ${p}`, c.status);
  if (c.from !== undefined) add((p) => `event_date >= ${p}::date`, c.from);
  if (c.to !== undefined) add((p) => `event_date <= ${p}::date`, c.to);
  for (const [key, fragment] of Object.entries(t.extra) as [keyof C, ((p: string) => string) | undefined][]) {
    const value = c[key];
    if (fragment !== undefined && value !== undefined) add(fragment, value);
  }
  if (c.before !== undefined) add((p) => `numero < ${p}`, c.before);
  if (how.from !== undefined) add((p) => `numero >= ${p}`, how.from);
  params.push(c.limit);
  const sql = `SELECT ${t.columns}
    FROM ${t.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${how.collect ? 'numero + 0' : 'numero'} DESC LIMIT $${params.length}`;
  return q.query<H>(sql, params);
}
