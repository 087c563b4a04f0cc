import type { Queryable } from '../../db/database.js';
import type { DocumentData } from '../../forms/types.js';

/**
 * Bulk loading of already-validated documents, for benchmarks, demos and load tests.
 *
 * It writes what the normal workflow (draft → verify → validate) would have left behind —
 * stage `validated`, NIU, Secretary and Officer with their times, Status 3 or 4 — in a few
 * statements per thousand documents instead of several transactions per document. It does
 * NOT run the form validation nor write the audit log: the caller builds data that the form
 * accepts (see `validateDocument`, `searchableNames`, `eventDateOf`, `formatNiu`). Every
 * database constraint of `docstream.documents` still applies to each row.
 *
 * Side effects kept consistent with a real validation:
 * - a Status 3 document (queued for transmission) gets its `docs` row in the outbox;
 * - `docstream.niu_sequences` is raised to the highest sequence inserted for each year,
 *   so a later validation never reuses a NIU.
 */
export interface BulkValidatedDocument {
  formId: string;
  formVersion: number;
  /** 3 SDC (queued for transmission) or 4 Export (acknowledged by the server). */
  status: 3 | 4;
  /** A well-formed NIU of this centre, e.g. from `formatNiu`. */
  niu: string;
  data: DocumentData;
  /** `searchableNames(form, data)`. */
  namesNorm: string;
  /** `displayNames(form, data)`. */
  namesDisplay: string;
  /** `eventDateOf(form, data)`: YYYY-MM-DD or null. */
  eventDate: string | null;
  createdBy: number;
  createdAt: Date;
  verifiedBy: number;
  verifiedAt: Date;
  validatedBy: number;
  validatedAt: Date;
}

/** Rows per INSERT statement: large enough to amortise round trips, small enough for memory. */
export const BULK_BATCH_SIZE = 5_000;

const INSERT_VALIDATED = `
WITH ins AS (
  INSERT INTO docstream.documents (form_id, form_version, status, stage, niu, data, names_norm, names_display, event_date,
    created_by, created_at, updated_by, updated_at, verified_by, verified_at, validated_by, validated_at)
  SELECT r.form_id, r.form_version, r.status, 'validated', r.niu, r.data, r.names_norm, r.names_display, r.event_date,
    r.created_by, r.created_at, r.validated_by, r.validated_at, r.verified_by, r.verified_at, r.validated_by, r.validated_at
  FROM unnest($1::text[], $2::int[], $3::smallint[], $4::text[], $5::jsonb[], $6::text[], $7::date[],
              $8::int[], $9::timestamptz[], $10::int[], $11::timestamptz[], $12::int[], $13::timestamptz[], $14::text[])
    WITH ORDINALITY AS r(form_id, form_version, status, niu, data, names_norm, event_date,
                         created_by, created_at, verified_by, verified_at, validated_by, validated_at, names_display, ord)
  ORDER BY r.ord
  RETURNING numero, niu, status, validated_at
), queued AS (
  INSERT INTO docstream.outbox (msg_type, document_numero, niu, created_at)
  SELECT 'docs', numero, niu, validated_at FROM ins WHERE status = 3
  RETURNING id
), sequences AS (
  INSERT INTO docstream.niu_sequences AS s (year, last_value)
  SELECT split_part(niu, '-', 2)::int, max(split_part(niu, '-', 3)::int) FROM ins GROUP BY 1
  ON CONFLICT (year) DO UPDATE SET last_value = GREATEST(s.last_value, EXCLUDED.last_value)
  RETURNING year
)
SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM queued)::int AS queued`;

/**
 * Inserts validated documents, `batchSize` rows per statement, in the order given (so
 * `numero` follows that order). Runs on the Queryable given: pass a transaction's `q` to
 * make the whole load atomic, or the pool to commit batch by batch. Returns the number of
 * documents inserted and of outbox rows written.
 */
export async function insertValidatedDocuments(
  q: Queryable,
  docs: readonly BulkValidatedDocument[],
  batchSize = BULK_BATCH_SIZE,
): Promise<{ inserted: number; queued: number }> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`bad batch size ${batchSize}`);
  let inserted = 0;
  let queued = 0;
  for (let start = 0; start < docs.length; start += batchSize) {
    const batch = docs.slice(start, start + batchSize);
    const n = batch.length;
    const cols = {
      formId: new Array<string>(n),
      formVersion: new Array<number>(n),
      status: new Array<number>(n),
      niu: new Array<string>(n),
      data: new Array<string>(n),
      namesNorm: new Array<string>(n),
      namesDisplay: new Array<string>(n),
      eventDate: new Array<string | null>(n),
      createdBy: new Array<number>(n),
      createdAt: new Array<string>(n),
      verifiedBy: new Array<number>(n),
      verifiedAt: new Array<string>(n),
      validatedBy: new Array<number>(n),
      validatedAt: new Array<string>(n),
    };
    for (let i = 0; i < n; i++) {
      const d = batch[i]!;
      if (d.status !== 3 && d.status !== 4) throw new RangeError(`status of a validated document must be 3 or 4, not ${String(d.status)}`);
      cols.formId[i] = d.formId;
      cols.formVersion[i] = d.formVersion;
      cols.status[i] = d.status;
      cols.niu[i] = d.niu;
      cols.data[i] = JSON.stringify(d.data);
      cols.namesNorm[i] = d.namesNorm;
      cols.namesDisplay[i] = d.namesDisplay;
      cols.eventDate[i] = d.eventDate;
      cols.createdBy[i] = d.createdBy;
      cols.createdAt[i] = d.createdAt.toISOString();
      cols.verifiedBy[i] = d.verifiedBy;
      cols.verifiedAt[i] = d.verifiedAt.toISOString();
      cols.validatedBy[i] = d.validatedBy;
      cols.validatedAt[i] = d.validatedAt.toISOString();
    }
    const rows = await q.query<{ inserted: number; queued: number }>(INSERT_VALIDATED, [
      cols.formId, cols.formVersion, cols.status, cols.niu, cols.data, cols.namesNorm, cols.eventDate,
      cols.createdBy, cols.createdAt, cols.verifiedBy, cols.verifiedAt, cols.validatedBy, cols.validatedAt, cols.namesDisplay,
    ]);
    inserted += rows[0]!.inserted;
    queued += rows[0]!.queued;
  }
  return { inserted, queued };
}
