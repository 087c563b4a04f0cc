import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../clock.js';
import { isDocstreamError } from '../errors.js';
import { canonicalJson } from '../audit/chain.js';
import { checkIssuedBy } from '../crypto/pki.js';
import { ContainerRejected, decrypt, rejected, verifySignature, type Opened } from '../crypto/sdc.js';
import { decodePayload, encodePayload, PayloadError } from '../transport/codec.js';
import { isSealed, plausibleTimestamp } from '../transport/checks.js';
import { SERVER_ID, type AckEntry, type Bodies, type Message, type WireCancel, type WireDocument } from '../transport/protocol.js';
import { parseNiu } from '../forms/niu.js';
import { displayNames, eventDateOf, searchableNames, validateDocument } from '../forms/validate.js';
import { localDate } from '../util/dates.js';
import { formVersion } from '../forms/catalog-queries.js';
import type { FormDef } from '../forms/types.js';
import type { ServerIdentity } from './identity.js';
import type { CertificateRow } from './queries/pki.js';
import * as x from './queries/exchange.js';
import * as ing from './queries/ingest.js';
import type { createPkiService } from './pki-service.js';
import { sealFor, type Reply } from './seal.js';
import { accountMessage, bill } from './accounts.js';
import { accountOf, tariffs, type TariffService } from './queries/accounts.js';
import { insertNotice, insertOutgoing } from './queries/notices.js';
import { insertMessage } from './queries/messages.js';
import { answerQuery } from './central-query.js';
import type { SealAuthority } from './seal-authority.js';
import { insertCopies } from './queries/seals.js';
import { REPORT_FORM, reportOf } from './elections.js';
import { cancelReports, recordReports } from './queries/elections.js';
import { addRate, type RateDelta } from './queries/monitor.js';

export type { Reply };

/** What a centre may send once enrolled. */
const CENTRE_TYPES: readonly string[] = ['docs', 'cancel', 'hello', 'query', 'message', 'seal', 'copies'];

export type Outcome =
  | { kind: 'accepted' | 'quarantined'; src: string; seq: number; typ: string; documents: number; duplicates: number; conflicts: number; rejectedItems: number }
  | { kind: 'hello'; src: string; seq: number; resent: number }
  | { kind: 'replay'; src: string; seq: number }
  | { kind: 'enrolled'; src: string }
  | { kind: 'rejected'; src: string | null; step: ContainerRejected['step']; detail: string }
  /** Not committed for a reason of ours (database down, disk full): the sender will send it again. */
  | { kind: 'failed'; src: string; seq: number; error: string };

export interface ReceiveResult {
  outcome: Outcome;
  replies: Reply[];
}

const digestOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A container that passed every check but `seq` is new: ready to commit. */
interface Checked {
  index: number;
  size: number;
  opened: Opened;
  msg: Message;
  digest: string;
  quarantined: boolean;
}

/** How many containers share one transaction at most: one commit (one WAL flush) for all. */
export const INGEST_BATCH = 32;

/**
 * The server's door: every container, from MQTT or from a T2D bundle, comes in here.
 * Checks run in DESIGN §4's order and nothing is written before all have passed; the
 * business change, the inbox row, the evidence and the acknowledgement commit together.
 * Containers are taken in batches: the checks of a batch share their queries, and its
 * commits share one transaction (a failure there falls back to one transaction each).
 */
export function createIngest(db: Database, clock: Clock, identity: () => Promise<ServerIdentity>, pki: ReturnType<typeof createPkiService>, seals: SealAuthority) {
  const formCache = new Map<string, FormDef>();

  async function form(q: Queryable, id: string, version: number): Promise<FormDef | null> {
    const k = `${id}@${version}`;
    let f = formCache.get(k);
    if (!f) {
      // An unknown kind may be installed later: only what exists is remembered.
      f = await formVersion(q, 'server', id, version);
      if (f) formCache.set(k, f);
    }
    return f ?? null;
  }

  /** The form checks, before anything is written: what is refused, and what may go in. */
  async function checkDocs(q: Queryable, src: string, docs: WireDocument[], ts: Date, at: Date) {
    const items = new Map<string, AckEntry['items'][number]>();
    const good: ing.IncomingDocument[] = [];
    const today = localDate(new Date(Math.max(at.getTime(), ts.getTime()) + 86_400_000));
    const list = Array.isArray(docs) ? docs : [];
    for (const d of list) {
      const n = typeof d?.n === 'string' ? d.n : '';
      const niu = parseNiu(n);
      if (!niu || niu.matricule !== src) {
        items.set(n, { n, r: 'rejected', reason: niu ? `NIU of centre ${niu.matricule}, not ${src}` : 'malformed NIU' });
        continue;
      }
      const f = typeof d.f === 'string' && Number.isInteger(d.fv) ? await form(q, d.f, d.fv) : null;
      if (!f) {
        items.set(n, { n, r: 'rejected', reason: `unknown document kind ${String(d.f)} v${String(d.fv)}` });
        continue;
      }
      const data = typeof d.d === 'object' && d.d !== null ? d.d : {};
      const { problems } = validateDocument(f, data, { complete: true, today });
      if (problems.length > 0 || typeof d.va !== 'string' || Number.isNaN(Date.parse(d.va))) {
        items.set(n, { n, r: 'rejected', reason: problems.map((p) => p.en).join('; ') || 'bad validation time' });
        continue;
      }
      good.push({ n, f: f.id, fv: f.version, va: d.va, d: data, names_norm: searchableNames(f, data), names_display: displayNames(f, data), event_date: eventDateOf(f, data) });
    }
    // Answered in the order sent, once per NIU.
    const order = [...new Set(list.map((d) => (typeof d?.n === 'string' ? d.n : '')))];
    return { items, good, order };
  }

  /** After the insert: what already existed is a duplicate, or a conflict kept aside. */
  async function settleDocs(q: Queryable, src: string, seq: number, checked: Awaited<ReturnType<typeof checkDocs>>, inserted: Set<string>, at: Date): Promise<AckEntry['items']> {
    const { items, good, order } = checked;
    const existing = good.filter((d) => !inserted.has(d.n));
    const stored = new Map((await ing.documentsByNiu(q, existing.map((d) => d.n))).map((s) => [s.niu, s]));
    const conflicts: ing.IncomingDocument[] = [];
    for (const d of good) {
      if (inserted.has(d.n)) {
        items.set(d.n, { n: d.n, r: 'accepted' });
        continue;
      }
      const s = stored.get(d.n);
      const same = s && s.matricule === src && s.form_id === d.f && s.form_version === d.fv && s.validated_at.getTime() === Date.parse(d.va) && canonicalJson(s.data) === canonicalJson(d.d);
      if (same) items.set(d.n, { n: d.n, r: 'duplicate' });
      else {
        conflicts.push(d);
        items.set(d.n, { n: d.n, r: 'conflict', reason: 'same NIU, different content: kept aside for the operator' });
      }
    }
    await ing.insertConflicts(q, src, seq, conflicts, at);
    return order.map((n) => items.get(n)!).filter(Boolean);
  }

  async function applyCancels(q: Queryable, src: string, cancels: WireCancel[]): Promise<AckEntry['items']> {
    const list = (Array.isArray(cancels) ? cancels : []).filter((c) => typeof c?.n === 'string' && typeof c.reason === 'string' && !Number.isNaN(Date.parse(c.at)));
    const done = await ing.cancelDocuments(q, src, list);
    await cancelReports(q, [...done]);
    const stored = new Map((await ing.documentsByNiu(q, list.filter((c) => !done.has(c.n)).map((c) => c.n))).map((s) => [s.niu, s]));
    return list.map((c) => {
      if (done.has(c.n)) return { n: c.n, r: 'accepted' as const };
      const s = stored.get(c.n);
      if (s && s.matricule === src && s.status === 0) return { n: c.n, r: 'duplicate' as const };
      return { n: c.n, r: 'rejected' as const, reason: s ? 'document of another centre' : 'unknown NIU: send the document first' };
    });
  }

  /** A container's part of the batch's answer to its centre. */
  interface Answered {
    index: number;
    src: string;
    entry: AckEntry;
    outcome: Outcome;
    traffic: x.TrafficDelta;
    /** A result or an error sent besides the acknowledgement (queries). */
    extra?: Extra;
    billed: boolean;
  }

  type Extra = { typ: 'result'; body: Bodies['result'] } | { typ: 'error'; body: Bodies['error'] } | { typ: 'attest'; body: Bodies['attest'] };

  /** What integrating needs beyond the container: the batch's tariffs and the client's status. */
  interface Context {
    prices: Map<TariffService, number>;
    status: number;
    now: Date;
    /** Releasing a quarantine, inside an operator's transaction. */
    release?: boolean;
  }

  /**
   * The business change of one container already claimed: documents, cancellations,
   * a query, a message. Shared by the live path and the release of a quarantine.
   * `insert` stores the new documents (the live path claims the seq in the same statement)
   * and gives undefined when the seq was taken meanwhile.
   */
  async function integrate(
    q: Queryable, src: string, seq: number, msg: Message, ctx: Context,
    insert: (docs: ing.IncomingDocument[]) => Promise<Set<string> | undefined>,
  ): Promise<{ entry: AckEntry; extra?: Extra; billed: boolean } | undefined> {
    const h = msg.header;
    if (h.typ === 'docs') {
      const docs = await checkDocs(q, src, (msg.body as Bodies['docs']).docs, new Date(h.ts), ctx.now);
      const inserted = await insert(docs.good);
      if (!inserted) return undefined;
      const items = await settleDocs(q, src, seq, docs, inserted, ctx.now);
      // Election reports are counted in the same transaction as they are centralised.
      const reports = docs.good.filter((d) => d.f === REPORT_FORM && inserted.has(d.n)).map((d) => reportOf(d.n, d.d));
      if (reports.length > 0) await recordReports(q, src, reports, ctx.now);
      const row = await bill(q, ctx.prices, { matricule: src, service: 'document', quantity: inserted.size, reference: `docs ${src}#${seq}`, at: ctx.now });
      return { entry: { seq, r: 'accepted', items }, billed: row !== undefined };
    }
    if (h.typ === 'cancel') return { entry: { seq, r: 'accepted', items: await applyCancels(q, src, (msg.body as Bodies['cancel']).cancels) }, billed: false };
    if (h.typ === 'query') {
      const a = await answerQuery(q, { src, seq, status: ctx.status, prices: ctx.prices, now: ctx.now }, msg.body as Bodies['query']);
      return { entry: a.entry, extra: a.typ === 'result' ? { typ: 'result', body: a.body } : { typ: 'error', body: a.body }, billed: a.typ === 'result' };
    }
    if (h.typ === 'seal') {
      // Not while releasing a quarantine (an operator's transaction): the centre asks again.
      if (ctx.release) return { entry: { seq, r: 'rejected', reason: 'ask again', items: [] }, billed: false };
      const a = await seals.attest(q, src, msg.body as Bodies['seal'], ctx.now);
      if (!a.ok) return { entry: { seq, r: 'rejected', reason: a.reason, items: [] }, billed: false };
      return { entry: { seq, r: 'accepted', items: [] }, extra: { typ: 'attest', body: a.body }, billed: false };
    }
    if (h.typ === 'copies') {
      const list = (msg.body as Bodies['copies']).copies;
      const copies = (Array.isArray(list) ? list : []).filter((c) => parseNiu(String(c?.n)) && Number.isInteger(c.c) && c.c >= 1 && !Number.isNaN(Date.parse(c.at)));
      const fresh = await insertCopies(q, src, seq, copies, ctx.now);
      const row = await bill(q, ctx.prices, { matricule: src, service: 'copy', quantity: fresh, reference: `copies ${src}#${seq}`, at: ctx.now });
      return { entry: { seq, r: 'accepted', items: [] }, billed: row !== undefined };
    }
    const m = msg.body as Bodies['message'];
    const text = typeof m?.text === 'string' ? m.text.trim().slice(0, 4000) : '';
    if (text === '') return { entry: { seq, r: 'rejected', reason: 'empty message', items: [] }, billed: false };
    await insertMessage(q, { matricule: src, direction: 'in', body: text, author: typeof m.by === 'string' ? m.by.slice(0, 200) : '', operatorId: null, srcSeq: seq, at: ctx.now });
    return { entry: { seq, r: 'accepted', items: [] }, billed: false };
  }

  const counted = (entry: AckEntry, size: number) => {
    const count = (r: string) => entry.items.filter((i) => i.r === r).length;
    return {
      counts: { documents: count('accepted'), duplicates: count('duplicate'), conflicts: count('conflict'), rejectedItems: count('rejected') },
      traffic: { containersIn: 1, documentsIn: count('accepted'), duplicates: count('duplicate'), conflicts: count('conflict'), bytesIn: size } as x.TrafficDelta,
    };
  };

  /** One container's business change, inside the batch's transaction; undefined when its seq was taken meanwhile. */
  async function commitOne(q: Queryable, c: Checked, ctx: Omit<Context, 'status'>, statuses: Map<string, number>): Promise<ReceiveResult | Answered | undefined> {
    const h = c.msg.header;
    const now = ctx.now;
    if (h.typ === 'hello') {
      if (!(await x.claimWithEvidence(q, { src: h.src, seq: h.seq, msgType: 'hello', digest: c.digest, outcome: 'accepted', signedData: null, at: now }))) return undefined;
      const seen = Number((c.msg.body as Bodies['hello']).seen) || 0;
      const again = await x.outgoingAfter(q, h.src, seen);
      await x.addTraffic(q, h.src, { containersIn: 1, bytesIn: c.size }, now);
      return { outcome: { kind: 'hello', src: h.src, seq: h.seq, resent: again.length }, replies: again.map((o) => ({ dst: h.src, seq: o.seq, bytes: o.sdc })) };
    }
    let done: { entry: AckEntry; extra?: Extra; billed: boolean } | undefined;
    if (c.quarantined) {
      if (!(await x.claimWithEvidence(q, { src: h.src, seq: h.seq, msgType: h.typ, digest: c.digest, outcome: 'quarantined', signedData: c.opened.signedData, at: now }))) return undefined;
      const items = carriedNius(c.msg).map((n) => ({ n, r: 'quarantined' as const }));
      await x.insertQuarantine(q, h.src, h.seq, h.typ, c.opened.content, items.length, now);
      done = { entry: { seq: h.seq, r: 'quarantined', reason: 'client suspended: kept in quarantine, integrated when reactivated', items }, billed: false };
    } else {
      const claim = { src: h.src, seq: h.seq, msgType: h.typ, digest: c.digest, outcome: 'accepted' as const, signedData: c.opened.signedData, at: now };
      if (h.typ !== 'docs' && !(await x.claimWithEvidence(q, claim))) return undefined;
      done = await integrate(q, h.src, h.seq, c.msg, { ...ctx, status: statuses.get(h.src) ?? 0 }, async (docs) => {
        if (h.typ !== 'docs') return new Set();
        const r = await ing.claimAndInsert(q, { ...claim, docs });
        return r.claimed ? r.inserted : undefined;
      });
      if (!done) return undefined;
    }
    const { counts, traffic } = counted(done.entry, c.size);
    return {
      index: c.index,
      src: h.src,
      entry: done.entry,
      outcome: { kind: c.quarantined ? 'quarantined' : 'accepted', src: h.src, seq: h.seq, typ: h.typ, ...counts },
      traffic,
      billed: done.billed,
      ...(done.extra ? { extra: done.extra } : {}),
    };
  }

  /**
   * One answer per centre for all its containers in the batch: one signature and one
   * key transport instead of one per container, the costliest part of a small container.
   * Query results and errors follow as containers of their own.
   */
  async function answerCentre(q: Queryable, id: ServerIdentity, src: string, parts: Answered[], now: Date, rate: RateDelta): Promise<Reply[]> {
    const { seq, pem } = await x.reserveAnswer(q, src);
    const acct = parts.some((p) => p.billed) ? await accountOf(q, src) : undefined;
    const body: Bodies['ack'] = { ack: parts.map((p) => p.entry), ...(acct ? { acct: accountMessage(acct, now) } : {}) };
    const reply = sealFor(id, src, seq, pem, 'ack', body, now);
    const sum = (k: keyof x.TrafficDelta) => parts.reduce((a, p) => a + (p.traffic[k] ?? 0), 0);
    await x.recordAnswer(q, { dst: src, seq, msgType: 'ack', sdc: reply.bytes, at: now, answers: parts.map((p) => p.entry.seq) }, {
      containersIn: sum('containersIn'), documentsIn: sum('documentsIn'), duplicates: sum('duplicates'), conflicts: sum('conflicts'), bytesIn: sum('bytesIn'), acksOut: 1, bytesOut: reply.bytes.length,
    });
    rate.containers += sum('containersIn');
    rate.documents += sum('documentsIn');
    rate.bytesIn += sum('bytesIn');
    rate.bytesOut += reply.bytes.length;
    const replies = [reply];
    for (const p of parts) {
      if (!p.extra) continue;
      const r = await x.reserveAnswer(q, src);
      const extra = sealFor(id, src, r.seq, r.pem, p.extra.typ, p.extra.body, now);
      await insertOutgoing(q, { dst: src, seq: r.seq, msgType: p.extra.typ, sdc: extra.bytes, at: now });
      replies.push(extra);
    }
    return replies;
  }

  /**
   * Integrates what a suspended client sent, once it is reactivated: the same checks of
   * content and the same billing as on arrival, in seq order, in the caller's transaction.
   * The answers (a new acknowledgement, query results) wait as notices to be sealed.
   */
  async function releaseQuarantine(q: Queryable, src: string, status: number): Promise<{ containers: number; documents: number }> {
    const now = clock.now();
    const held = await ing.lockQuarantined(q, src);
    if (held.length === 0) return { containers: 0, documents: 0 };
    const prices = await tariffs(q);
    const entries: AckEntry[] = [];
    let documents = 0;
    for (const h of held) {
      const msg = decodePayload(h.payload);
      const done = (await integrate(q, src, h.seq, msg, { prices, status, now, release: true }, (docs) => ing.insertDocuments(q, src, h.seq, docs, now)))!;
      entries.push(done.entry);
      documents += done.entry.items.filter((i) => i.r === 'accepted').length;
      if (done.extra && done.extra.typ !== 'attest') await insertNotice(q, src, done.extra.typ, done.extra.body, now);
    }
    await ing.markReleased(q, src, held.map((h) => h.seq), now);
    const acct = await accountOf(q, src);
    await insertNotice(q, src, 'ack', { ack: entries, ...(acct ? { acct: accountMessage(acct, now) } : {}) }, now);
    await x.addTraffic(q, src, { documentsIn: documents }, null);
    return { containers: held.length, documents };
  }

  async function enroll(bytes: Buffer, claimedSrc: string | undefined, rejections: Rejection[]): Promise<ReceiveResult> {
    let msg: Message;
    try {
      msg = decodePayload(bytes);
    } catch (e) {
      return reject(rejections, claimedSrc ?? null, rejected('format', (e as Error).message), bytes.length);
    }
    const src = msg.header.src;
    if (msg.header.typ !== 'enroll' || (claimedSrc !== undefined && claimedSrc !== src) || msg.header.dst !== SERVER_ID) {
      return reject(rejections, claimedSrc ?? null, rejected('format', `unsealed ${msg.header.typ} from ${src}`), bytes.length);
    }
    try {
      const answer = await pki.enrol(src, msg.body as Bodies['enroll']);
      const reply: Message = { header: { v: 1, typ: 'enrolled', src: SERVER_ID, dst: src, seq: 0, ts: clock.now().toISOString() }, body: answer };
      return { outcome: { kind: 'enrolled', src }, replies: [{ dst: src, seq: 0, bytes: encodePayload(reply) }] };
    } catch (e) {
      if (!isDocstreamError(e)) throw e;
      return reject(rejections, src, rejected('certificate', `enrolment refused: ${String((e as Error).cause ?? e.en)}`), bytes.length);
    }
  }

  async function receiveBatch(items: { bytes: Buffer; src?: string }[]): Promise<ReceiveResult[]> {
    const now = clock.now();
    const results: (ReceiveResult | undefined)[] = new Array(items.length);
    const rejections: Rejection[] = [];
    const replays: { index: number; src: string; seq: number; digest: string; size: number }[] = [];
    const id = items.some((i) => isSealed(i.bytes)) ? await identity() : undefined;

    // Checks, in DESIGN §4's order; the database is read once for the whole batch.
    const opened: { index: number; opened: Opened; claimed: string | undefined; size: number }[] = [];
    for (const [index, item] of items.entries()) {
      if (!isSealed(item.bytes)) {
        results[index] = await enroll(item.bytes, item.src, rejections);
        continue;
      }
      try {
        opened.push({ index, opened: decrypt(item.bytes, { certPem: id!.serverPem, privateKey: id!.serverKey }), claimed: item.src, size: item.bytes.length });
      } catch (e) {
        if (!(e instanceof ContainerRejected)) throw e;
        results[index] = reject(rejections, item.src ?? null, e, item.bytes.length);
      }
    }
    const certs = await x.signerCertificates(db, opened.map((o) => o.opened.signer));
    const passed: Omit<Checked, 'quarantined'>[] = [];
    for (const o of opened) {
      let src: string | null = o.claimed ?? null;
      try {
        const cert: CertificateRow | undefined = x.signerCertificate(certs, o.opened.signer, o.opened.signingTime);
        if (!cert) throw rejected('signature', `unknown signer certificate ${o.opened.signer.skiHex ?? `serial ${o.opened.signer.serialHex}`}`);
        verifySignature(o.opened, cert.pem);
        let msg: Message;
        try {
          msg = decodePayload(o.opened.content);
        } catch (e) {
          if (e instanceof PayloadError) throw rejected('format', e.message);
          throw e;
        }
        const h = msg.header;
        if (cert.revoked_at) throw rejected('certificate', `certificate ${cert.serial} revoked: ${cert.revoke_reason}`);
        if (!checkIssuedBy(cert.pem, id!.caPem, new Date(h.ts))) throw rejected('certificate', `certificate ${cert.serial} not valid at ${h.ts} under the national CA`);
        if (cert.matricule !== h.src || (o.claimed !== undefined && o.claimed !== h.src)) throw rejected('certificate', `certificate of ${cert.matricule} used by ${h.src} on ${o.claimed ?? 'a bundle'}`);
        src = h.src;
        if (h.dst !== SERVER_ID) throw rejected('recipient', `addressed to ${h.dst}`);
        if (!CENTRE_TYPES.includes(h.typ)) throw rejected('format', `unexpected ${h.typ} from a centre`);
        passed.push({ index: o.index, size: o.size, opened: o.opened, msg, digest: digestOf(o.opened.content) });
      } catch (e) {
        if (!(e instanceof ContainerRejected)) throw e;
        results[o.index] = reject(rejections, src, e, o.size);
      }
    }
    const seen = await x.inboxEntries(db, passed.map((p) => ({ src: p.msg.header.src, seq: p.msg.header.seq })));
    const statuses = await x.clientStatuses(db, passed.map((p) => p.msg.header.src));
    const ready: Checked[] = [];
    for (const p of passed) {
      const h = p.msg.header;
      if (seen.has(x.inboxKey(h.src, h.seq))) replays.push({ index: p.index, src: h.src, seq: h.seq, digest: p.digest, size: p.size });
      else if (!plausibleTimestamp(h.ts, now)) results[p.index] = reject(rejections, h.src, rejected('timestamp', `ts ${h.ts} implausible at ${now.toISOString()}`), p.size);
      else ready.push({ ...p, quarantined: (statuses.get(h.src) ?? 0) === 0 });
    }

    // Commit: one transaction for the batch; if anything in it fails, one each.
    const commit = async (list: Checked[]) => db.tx(async (q) => {
      const out: (ReceiveResult | undefined)[] = new Array(list.length);
      const byCentre = new Map<string, Answered[]>();
      const ctx = { prices: await tariffs(q), now };
      for (const [i, c] of list.entries()) {
        const r = await commitOne(q, c, ctx, statuses);
        if (r && 'entry' in r) byCentre.set(r.src, [...(byCentre.get(r.src) ?? []), { ...r, index: i }]);
        else out[i] = r;
      }
      const rate: RateDelta = { containers: 0, documents: 0, errors: 0, bytesIn: 0, bytesOut: 0 };
      for (const [src, parts] of byCentre) {
        const replies = await answerCentre(q, id!, src, parts, now, rate);
        // The answer travels once: with the first of the centre's containers.
        parts.forEach((p, k) => (out[p.index] = { outcome: p.outcome, replies: k === 0 ? replies : [] }));
      }
      // The monitor's rates: one row moved for the whole batch, not one per centre.
      await addRate(q, now, rate);
      return out;
    });
    const settle = (c: Checked, r: ReceiveResult | undefined) => {
      if (r) results[c.index] = r;
      // Lost a race with the same container arriving twice at once: a replay now.
      else replays.push({ index: c.index, src: c.msg.header.src, seq: c.msg.header.seq, digest: c.digest, size: c.size });
    };
    if (ready.length > 0) {
      try {
        (await commit(ready)).forEach((r, i) => settle(ready[i]!, r));
      } catch {
        for (const c of ready) {
          try {
            settle(c, (await commit([c]))[0]);
          } catch (e) {
            const h = c.msg.header;
            if (e instanceof ContainerRejected) results[c.index] = reject(rejections, h.src, e, c.size);
            else results[c.index] = { outcome: { kind: 'failed', src: h.src, seq: h.seq, error: isDocstreamError(e) ? e.en : (e as Error).message }, replies: [] };
          }
        }
      }
    }

    // A re-send whose answer was lost gets the very same answer; anything else gets nothing.
    if (replays.length > 0) {
      const entries = await x.inboxEntries(db, replays);
      for (const r of replays) {
        const entry = entries.get(x.inboxKey(r.src, r.seq));
        const same = entry?.digest === r.digest;
        reject(rejections, r.src, rejected('replay', same ? `seq ${r.seq} already processed: stored answer sent again` : `seq ${r.seq} reused with other content`), r.size);
        const ack = same && entry?.ack_seq ? await x.outgoing(db, r.src, entry.ack_seq) : undefined;
        results[r.index] = { outcome: { kind: 'replay', src: r.src, seq: r.seq }, replies: ack && entry?.ack_seq ? [{ dst: r.src, seq: entry.ack_seq, bytes: ack }] : [] };
      }
    }
    // Logged at the batch's time, on the server's clock like everything else it wrote.
    if (rejections.length > 0) await db.tx((q) => x.insertRejections(q, rejections.map((r) => ({ ...r, at: now }))));
    return results.map((r) => r!);
  }

  return {
    receiveBatch,
    releaseQuarantine,
    async receive(bytes: Buffer, claimedSrc?: string): Promise<ReceiveResult> {
      return (await receiveBatch([claimedSrc === undefined ? { bytes } : { bytes, src: claimedSrc }]))[0]!;
    },
  };
}

/** The NIUs a container carries: its documents or its cancellations (none for other types). */
export function carriedNius(msg: Message): string[] {
  const body = msg.body as Partial<Bodies['docs'] & Bodies['cancel']>;
  const list: unknown = msg.header.typ === 'docs' ? body.docs : msg.header.typ === 'cancel' ? body.cancels : [];
  return (Array.isArray(list) ? list : []).map((d: { n?: unknown }) => String(d?.n));
}

interface Rejection {
  src: string | null;
  step: string;
  detail: string;
  bytes: number;
}

/** Notes the rejection for the log (written with the batch) and gives its result. */
function reject(list: Rejection[], src: string | null, e: ContainerRejected, bytes: number): ReceiveResult {
  list.push({ src, step: e.step, detail: e.detail, bytes });
  return { outcome: { kind: 'rejected', src, step: e.step, detail: e.detail }, replies: [] };
}
