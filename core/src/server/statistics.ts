import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import type { Database, Queryable } from '../db/database.js';
import { systemClock, type Clock } from '../clock.js';
import { DocstreamError, type FieldProblem } from '../errors.js';
import type { Label } from '../forms/types.js';
import { CONTROL_CHARS, isCalendarDate } from '../forms/validate.js';
import { parseNiu } from '../forms/niu.js';
import { normaliseName } from '../forms/normalise.js';
import type { Session } from '../auth/session.js';
import { OperatorPrivilege, type Guard } from './guard.js';
import { searchCentralDocuments, type CentralCriteria, type CentralHit } from './queries/search.js';
import * as stats from './queries/statistics.js';
import { createReporting } from './reporting.js';

export interface CentralSearchInput {
  niu?: string;
  /** Any words of any person name on the document, without care for case or accents. */
  name?: string;
  formId?: string;
  status?: number;
  /** Event date range, inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
  /** The centre's matricule. */
  matricule?: string;
  /** The centre's region, as registered. */
  region?: string;
  /** Cursor from the previous page. */
  before?: number;
  limit?: number;
}

export interface CentralSearchPage {
  items: CentralHit[];
  /** Pass as `before` for the next page; absent on the last page. */
  nextCursor?: number;
}

export interface CountsInput {
  /** Grouping, in this order; none gives one row of totals. */
  by: stats.CountDimension[];
  /** For `period`: day, month (default) or year. */
  period?: stats.Period;
  /** Date the period and from/to read: the event's (default) or the server's reception. */
  on?: stats.DateBasis;
  from?: string;
  to?: string;
  formId?: string;
  matricule?: string;
  region?: string;
}

export interface CsvOptions {
  /** `,` (default) or `;`, what French-language spreadsheets expect. */
  separator?: ',' | ';';
  /** A UTF-8 byte order mark, so spreadsheets read accents right; default: with `;` only. */
  bom?: boolean;
}

type Write = (chunk: string) => Promise<void> | void;

/** Rows fetched per page when exporting: bounded memory whatever the result's size. */
export const EXPORT_PAGE_SIZE = 1000;

export const SEARCH_CSV_COLUMNS = ['numero', 'niu', 'matricule', 'form_id', 'form_version', 'status', 'event_date', 'names_display', 'validated_at', 'received_at'] as const;

const DIMENSIONS: readonly stats.CountDimension[] = ['kind', 'centre', 'region', 'period'];
const PERIODS: readonly stats.Period[] = ['day', 'month', 'year'];
const BASES: readonly stats.DateBasis[] = ['event', 'received'];

class Problems {
  readonly list: FieldProblem[] = [];
  add(field: string, fr: string, en: string): void {
    this.list.push({ field, fr, en });
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    throw new DocstreamError(
      'validation',
      `Critères refusés : ${this.list.map((p) => p.fr).join(' ; ')}.`,
      `Criteria refused: ${this.list.map((p) => p.en).join('; ')}.`,
      { problems: this.list },
    );
  }
}

function checkText(p: Problems, field: string, v: string | undefined, pattern: RegExp | undefined, fr: string, en: string): string | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const t = v.trim();
  if (CONTROL_CHARS.test(t) || [...t].length > 200 || (pattern && !pattern.test(t))) {
    p.add(field, fr, en);
    return undefined;
  }
  return t;
}

function checkFilters(p: Problems, input: { from?: string; to?: string; formId?: string; matricule?: string; region?: string }) {
  const out: { from?: string; to?: string; formId?: string; matricule?: string; region?: string } = {};
  for (const key of ['from', 'to'] as const) {
    const v = input[key];
    if (v === undefined || v.trim() === '') continue;
    if (isCalendarDate(v.trim())) out[key] = v.trim();
    else p.add(key, `date « ${key} » invalide, écrivez-la AAAA-MM-JJ (ex. 2026-03-15)`, `invalid “${key}” date, write it YYYY-MM-DD (e.g. 2026-03-15)`);
  }
  if (out.from && out.to && out.from > out.to) p.add('to', 'la date de fin précède celle de début : inversez-les', 'the end date is before the start date: swap them');
  const formId = checkText(p, 'formId', input.formId, /^[a-z][a-z0-9_]{1,40}$/, 'type de document inconnu (ex. acte_naissance)', 'unknown document kind (e.g. acte_naissance)');
  const matricule = checkText(p, 'matricule', input.matricule, /^[0-9]{5}$/, 'matricule de centre : 5 chiffres (ex. 00042)', 'centre matricule: 5 digits (e.g. 00042)');
  const region = checkText(p, 'region', input.region, undefined, 'région : 200 caractères au plus, sans caractère de contrôle', 'region: 200 characters at most, no control characters');
  if (formId !== undefined) out.formId = formId;
  if (matricule !== undefined) out.matricule = matricule;
  if (region !== undefined) out.region = region;
  return out;
}

/**
 * Checks a search as an operator typed it and turns it into criteria; `limit` is the
 * page size asked (one more row is fetched to know whether a next page exists).
 */
export function centralCriteria(input: CentralSearchInput): { criteria: Omit<CentralCriteria, 'limit'>; limit: number } {
  const p = new Problems();
  if (input.limit !== undefined && (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > 200)) {
    p.add('limit', 'taille de page : un nombre entier de 1 à 200', 'page size: a whole number from 1 to 200');
  }
  if (input.before !== undefined && (!Number.isSafeInteger(input.before) || input.before < 1)) {
    p.add('before', 'curseur de page invalide : reprenez la recherche depuis le début', 'invalid page cursor: start the search again');
  }
  const criteria: Omit<CentralCriteria, 'limit'> = checkFilters(p, input);
  if (input.niu !== undefined && input.niu.trim() !== '') {
    if (parseNiu(input.niu.trim())) criteria.niu = input.niu.trim();
    else p.add('niu', `NIU « ${input.niu} » mal saisi : format 00000-AAAA-000000-00, caractères de contrôle à vérifier ; relisez-le sur le document`, `NIU “${input.niu}” mistyped: format 00000-YYYY-000000-00, check digits do not match; read it again from the document`);
  }
  if (input.name !== undefined) {
    const words = normaliseName(input.name).split(' ').filter((w) => w.length > 0);
    if (words.length > 0) criteria.nameWords = words;
  }
  if (input.status !== undefined) {
    if (Number.isInteger(input.status) && input.status >= 0 && input.status <= 4) criteria.status = input.status;
    else p.add('status', 'statut : 0 (annulé) à 4', 'status: 0 (cancelled) to 4');
  }
  p.throwIfAny();
  if (input.before !== undefined) criteria.before = input.before;
  return { criteria, limit: input.limit ?? 20 };
}

/** Checks a statistics request; defaults: by month, on the event date. */
export function countCriteria(input: CountsInput): stats.CountCriteria {
  const p = new Problems();
  const by = Array.isArray(input.by) ? input.by : [];
  for (const d of by) {
    if (!DIMENSIONS.includes(d)) p.add('by', `regroupement « ${String(d)} » inconnu : kind, centre, region ou period`, `unknown grouping “${String(d)}”: kind, centre, region or period`);
  }
  const period = input.period ?? 'month';
  if (!PERIODS.includes(period)) p.add('period', 'période : day, month ou year', 'period: day, month or year');
  const basis = input.on ?? 'event';
  if (!BASES.includes(basis)) p.add('on', 'date de référence : event (date de l’événement) ou received (réception)', 'date basis: event (date of the event) or received (reception)');
  const filters = checkFilters(p, input);
  p.throwIfAny();
  return { by: [...new Set(by)], period, basis, ...filters };
}

/** CSV text for some rows; with `header`, the header line (and the BOM) comes first. */
export function csvChunk(rows: readonly Record<string, unknown>[], columns: readonly string[], header: boolean, o: CsvOptions = {}): string {
  const separator = o.separator ?? ',';
  return stringify(rows as Record<string, unknown>[], {
    columns: [...columns],
    header,
    delimiter: separator,
    bom: header && (o.bom ?? separator === ';'),
    // Instants in ISO 8601 UTC, what every tool reads; calendar dates stay YYYY-MM-DD.
    cast: { date: (d) => d.toISOString(), boolean: (b) => (b ? 'true' : 'false'), object: (v) => JSON.stringify(v) },
  });
}

function checkSeparator(o: CsvOptions | undefined): void {
  if (o?.separator !== undefined && o.separator !== ',' && o.separator !== ';') {
    throw new DocstreamError('validation', 'Séparateur CSV : « , » ou « ; ».', 'CSV separator: “,” or “;”.', { problems: [{ field: 'separator', fr: '« , » ou « ; »', en: '“,” or “;”' }] });
  }
}

async function checkKind(q: Queryable, kind: string): Promise<void> {
  const kinds = await stats.knownKinds(q);
  if (!kinds.includes(kind)) {
    throw new DocstreamError('validation', `Type de document « ${kind} » inconnu. Types installés : ${kinds.join(', ')}.`,
      `Unknown document kind “${kind}”. Installed kinds: ${kinds.join(', ')}.`, { problems: [{ field: 'formId', fr: 'type inconnu', en: 'unknown kind' }] });
  }
}

const VIEW: Label = { fr: 'consulter les documents centralisés', en: 'viewing centralised documents' };
const EXPORT: Label = { fr: 'exporter les documents centralisés', en: 'exporting centralised documents' };

/**
 * Search, statistics and CSV export of the centralised documents, for operators (viewer
 * and up), plus the PostgreSQL reporting logins (supervisor). Exports page through the
 * table by numero without a transaction: a long export never blocks the ingest, and
 * documents received meanwhile (higher numeros) simply are not in it.
 */
export function createStatistics(db: Database, guard: Guard, clock: Clock = systemClock) {

  return {
    async search(session: Session, input: CentralSearchInput): Promise<CentralSearchPage> {
      const { criteria, limit } = centralCriteria(input);
      await guard(db, session, OperatorPrivilege.Viewer, VIEW);
      if (criteria.formId !== undefined) await checkKind(db, criteria.formId);
      const hits = await searchCentralDocuments(db, { ...criteria, limit: limit + 1 });
      const items = hits.slice(0, limit);
      return hits.length > limit ? { items, nextCursor: items[items.length - 1]!.numero } : { items };
    },

    async counts(session: Session, input: CountsInput): Promise<stats.CountRow[]> {
      const criteria = countCriteria(input);
      await guard(db, session, OperatorPrivilege.Viewer, VIEW);
      if (criteria.formId !== undefined) await checkKind(db, criteria.formId);
      return stats.countCentralDocuments(db, criteria);
    },

    /** Every match of the search (limit ignored, from `before` if given), newest first. Returns the row count. */
    async exportSearchCsv(session: Session, input: CentralSearchInput, write: Write, opts?: CsvOptions): Promise<number> {
      checkSeparator(opts);
      const { limit: _ignored, ...all } = input;
      const { criteria } = centralCriteria(all);
      await guard(db, session, OperatorPrivilege.Viewer, EXPORT);
      if (criteria.formId !== undefined) await checkKind(db, criteria.formId);
      await write(csvChunk([], SEARCH_CSV_COLUMNS, true, opts));
      let before = criteria.before;
      let total = 0;
      for (;;) {
        const page = await searchCentralDocuments(db, { ...criteria, ...(before !== undefined ? { before } : {}), limit: EXPORT_PAGE_SIZE });
        if (page.length === 0) break;
        await write(csvChunk(page as unknown as Record<string, unknown>[], SEARCH_CSV_COLUMNS, false, opts));
        total += page.length;
        if (page.length < EXPORT_PAGE_SIZE) break;
        before = page[page.length - 1]!.numero;
      }
      return total;
    },

    /** The whole per-kind view xm_data.v_<kind>, oldest first, one column per form field. Returns the row count. */
    async exportKindCsv(session: Session, kind: string, write: Write, opts?: CsvOptions): Promise<number> {
      checkSeparator(opts);
      await guard(db, session, OperatorPrivilege.Viewer, EXPORT);
      await checkKind(db, kind);
      const columns = await stats.kindViewColumns(db, kind);
      await write(csvChunk([], columns, true, opts));
      let after = 0;
      let total = 0;
      for (;;) {
        const page = await stats.kindViewPage(db, kind, after, EXPORT_PAGE_SIZE);
        if (page.length === 0) break;
        await write(csvChunk(page, columns, false, opts));
        total += page.length;
        if (page.length < EXPORT_PAGE_SIZE) break;
        after = Number(page[page.length - 1]!['numero']);
      }
      return total;
    },

    /** Installed kinds, for pickers and the export command's help. */
    async kinds(session: Session): Promise<string[]> {
      await guard(db, session, OperatorPrivilege.Viewer, VIEW);
      return stats.knownKinds(db);
    },

    ...createReporting(db, guard, clock),
  };
}

export type Statistics = ReturnType<typeof createStatistics>;

/**
 * Writes a file aside (`path.part`, mode 0600: exports hold personal data) and renames it
 * only once complete, so a full disk or a pulled USB stick never leaves a truncated file
 * under the real name. File errors become a DocstreamError saying what to do.
 */
export async function writeFileAside<T>(path: string, produce: (write: (chunk: string) => Promise<void>) => Promise<T>): Promise<T> {
  const tmp = `${path}.part`;
  let fh: FileHandle | undefined;
  try {
    fh = await open(tmp, 'w', 0o600);
    const handle = fh;
    const result = await produce(async (chunk) => {
      await handle.writeFile(chunk, 'utf8');
    });
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, path);
    return result;
  } catch (e) {
    await fh?.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    if (e instanceof DocstreamError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new DocstreamError('config', `Fichier ${path} : support plein. Libérez de la place ou choisissez un autre support, puis recommencez ; aucun fichier partiel n’a été laissé.`,
        `File ${path}: the device is full. Free some space or choose another device, then try again; no partial file was left.`, { cause: e });
    }
    throw new DocstreamError('config', `Fichier ${path} : écriture impossible (${(e as Error).message}). Vérifiez le dossier et les droits, puis recommencez.`,
      `File ${path}: cannot write (${(e as Error).message}). Check the folder and permissions, then try again.`, { cause: e });
  }
}
