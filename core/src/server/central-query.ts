import type { Queryable } from '../db/database.js';
import { parseNiu } from '../forms/niu.js';
import { normaliseName } from '../forms/normalise.js';
import { isCalendarDate } from '../forms/validate.js';
import { formVersion } from '../forms/catalog-queries.js';
import type { AckEntry, Bodies, WireQuery } from '../transport/protocol.js';
import { CLIENT_STATUS_LABELS } from './clients.js';
import { accountMessage, bill } from './accounts.js';
import type { TariffService } from './queries/accounts.js';
import { accountOf } from './queries/accounts.js';
import { insertQueryRecord } from './queries/messages.js';
import { centralDocumentsByNumero, searchCentralDocuments } from './queries/search.js';

/** Documents in one result at most: a result crosses a satellite link. */
export const RESULT_LIMIT = 50;

export type QueryAnswer =
  | { entry: AckEntry; typ: 'result'; body: Bodies['result'] }
  | { entry: AckEntry; typ: 'error'; body: Bodies['error'] };

function refusal(seq: number, code: string, fr: string, en: string): Omit<QueryAnswer, 'entry'> & { reason: string } {
  return { typ: 'error', body: { code, fr, en, seq }, reason: en };
}

/** What the criteria mean, checked; a message for the centre when they cannot be used. */
async function criteriaOf(q: Queryable, w: WireQuery): Promise<{ ok: true; c: Parameters<typeof searchCentralDocuments>[1] } | { ok: false; fr: string; en: string }> {
  const c: Parameters<typeof searchCentralDocuments>[1] = { limit: RESULT_LIMIT + 1 };
  if (typeof w?.niu === 'string' && w.niu.trim() !== '') {
    if (!parseNiu(w.niu.trim())) return { ok: false, fr: `NIU « ${w.niu} » mal saisi : relisez-le.`, en: `NIU “${w.niu}” mistyped: read it again.` };
    c.niu = w.niu.trim();
    return { ok: true, c };
  }
  if (typeof w?.kind !== 'string' || !(await formVersion(q, 'server', w.kind))) {
    return { ok: false, fr: 'Requête incomplète : donnez un NIU, ou un type de document connu avec des critères.', en: 'Incomplete query: give a NIU, or a known document kind with criteria.' };
  }
  c.formId = w.kind;
  const words = typeof w.names === 'string' ? normaliseName(w.names).split(' ').filter((x) => x.length > 0) : [];
  if (words.length > 0) c.nameWords = words;
  for (const k of ['from', 'to'] as const) {
    const v = w[k];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !isCalendarDate(v)) return { ok: false, fr: `Date « ${String(v)} » invalide (AAAA-MM-JJ).`, en: `Invalid date “${String(v)}” (YYYY-MM-DD).` };
    c[k] = v;
  }
  // A kind alone would return the country's registry: a name is required.
  if (!c.nameWords) return { ok: false, fr: 'Requête trop large : ajoutez un nom.', en: 'Query too broad: add a name.' };
  return { ok: true, c };
}

/**
 * A centre's `query` (DESIGN §4, §7): only status 3 may ask, and each query takes one
 * unit of its prepaid quota; the documents found are billed per document at the query
 * tariff, in the transaction that records the answer.
 */
export async function answerQuery(
  q: Queryable,
  ctx: { src: string; seq: number; status: number; prices: Map<TariffService, number>; now: Date },
  body: Bodies['query'],
): Promise<QueryAnswer> {
  const { src, seq, now } = ctx;
  const criteria = body?.q ?? {};
  const refuse = async (code: string, fr: string, en: string): Promise<QueryAnswer> => {
    const r = refusal(seq, code, fr, en);
    await insertQueryRecord(q, { src, seq, criteria, at: now, outcome: 'refused', reason: en, results: 0, billed: 0 });
    return { entry: { seq, r: 'rejected', reason: r.reason, items: [] }, typ: 'error', body: r.body as Bodies['error'] };
  };
  if (ctx.status < 3) {
    const s = CLIENT_STATUS_LABELS[ctx.status]!;
    return refuse('query_refused',
      `Requête refusée : le statut du centre (${ctx.status}, ${s.fr}) ne donne pas accès aux requêtes. Demandez au serveur central le statut 3 (tous services).`,
      `Query refused: the centre’s status (${ctx.status}, ${s.en}) does not include queries. Ask the central server for status 3 (all services).`);
  }
  const acc = await accountOf(q, src);
  if (!acc || acc.query_quota <= 0) {
    return refuse('no_quota',
      'Requête refusée : le quota de requêtes prépayées du centre est épuisé. Demandez au serveur central d’en attribuer.',
      'Query refused: the centre’s prepaid query quota is used up. Ask the central server to grant more.');
  }
  const parsed = await criteriaOf(q, criteria);
  if (!parsed.ok) return refuse('bad_query', `Requête refusée : ${parsed.fr}`, `Query refused: ${parsed.en}`);
  const hits = await searchCentralDocuments(q, parsed.c);
  const found = await centralDocumentsByNumero(q, hits.slice(0, RESULT_LIMIT).map((h) => h.numero));
  const row = await bill(q, ctx.prices, { matricule: src, service: 'query', quantity: found.length, units: -1, reference: `query ${src}#${seq}`, at: now });
  const billed = row ? -row.amount : 0;
  await insertQueryRecord(q, { src, seq, criteria, at: now, outcome: 'answered', reason: null, results: found.length, billed });
  const after = row ? { balance: row.balance_after, query_quota: row.quota_after } : acc;
  return {
    entry: { seq, r: 'accepted', items: [] },
    typ: 'result',
    body: {
      seq,
      total: hits.length > RESULT_LIMIT ? RESULT_LIMIT + 1 : found.length,
      acct: accountMessage(after, now),
      docs: found.map((d) => ({
        n: d.niu, f: d.form_id, fv: d.form_version, va: d.validated_at.toISOString(), d: d.data, s: d.status,
        ...(d.cancel_reason ? { cr: d.cancel_reason } : {}),
      })),
    },
  };
}
