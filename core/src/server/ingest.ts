import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../clock.js';
import { isDocstreamError } from '../errors.js';
import { canonicalJson } from '../audit/chain.js';
import { checkIssuedBy } from '../crypto/pki.js';
import { ContainerRejected, decrypt, rejected, seal, verifySignature } from '../crypto/sdc.js';
import { decodePayload, encodePayload, PayloadError } from '../transport/codec.js';
import { isSealed, plausibleTimestamp } from '../transport/checks.js';
import { SERVER_ID, type AckEntry, type Bodies, type Message, type WireCancel, type WireDocument } from '../transport/protocol.js';
import { parseNiu } from '../forms/niu.js';
import { displayNames, eventDateOf, searchableNames, validateDocument } from '../forms/validate.js';
import { localDate } from '../util/dates.js';
import { formVersion } from '../forms/catalog-queries.js';
import type { FormDef } from '../forms/types.js';
import type { ServerIdentity } from './identity.js';
import { certificateBySerial, currentCertificate } from './queries/pki.js';
import { clientByMatricule, nextDownSeq } from './queries/clients.js';
import * as x from './queries/exchange.js';
import * as ing from './queries/ingest.js';
import type { createPkiService } from './pki-service.js';

/** A container to send back: an SDC for a centre, or a plain enrolment answer. */
export interface Reply {
  dst: string;
  seq: number;
  bytes: Buffer;
}

export type Outcome =
  | { kind: 'accepted' | 'quarantined'; src: string; seq: number; typ: string; documents: number; duplicates: number; conflicts: number; rejectedItems: number }
  | { kind: 'hello'; src: string; seq: number; resent: number }
  | { kind: 'replay'; src: string; seq: number }
  | { kind: 'enrolled'; src: string }
  | { kind: 'rejected'; src: string | null; step: ContainerRejected['step']; detail: string };

export interface ReceiveResult {
  outcome: Outcome;
  replies: Reply[];
}

const digestOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The server's door: every container, from MQTT or from a T2D bundle, comes in here.
 * Checks run in DESIGN §4's order and nothing is written before all have passed; the
 * business change, the inbox row, the evidence and the acknowledgement commit together.
 */
export function createIngest(db: Database, clock: Clock, identity: () => Promise<ServerIdentity>, pki: ReturnType<typeof createPkiService>) {
  const formCache = new Map<string, FormDef | null>();

  async function form(q: Queryable, id: string, version: number): Promise<FormDef | null> {
    const k = `${id}@${version}`;
    if (!formCache.has(k)) formCache.set(k, (await formVersion(q, 'server', id, version)) ?? null);
    const f = formCache.get(k)!;
    // An unknown kind may be installed later: don't remember its absence.
    if (!f) formCache.delete(k);
    return f;
  }

  async function logRejection(src: string | null, e: ContainerRejected, bytes: number): Promise<ReceiveResult> {
    const at = clock.now();
    await db.tx(async (q) => {
      await x.insertRejection(q, { at, src, step: e.step, detail: e.detail, bytes });
      if (src && (await clientByMatricule(q, src))) await x.addTraffic(q, src, { errors: 1, bytesIn: bytes }, null);
    });
    return { outcome: { kind: 'rejected', src, step: e.step, detail: e.detail }, replies: [] };
  }

  async function sealFor(q: Queryable, id: ServerIdentity, dst: string, typ: 'ack' | 'error', body: Bodies['ack'] | Bodies['error'], at: Date): Promise<Reply> {
    const cert = await currentCertificate(q, dst);
    if (!cert) throw rejected('certificate', `no valid certificate to answer ${dst}`);
    const seq = await nextDownSeq(q, dst);
    const msg: Message = { header: { v: 1, typ, src: SERVER_ID, dst, seq, ts: at.toISOString() }, body };
    const bytes = seal({ content: encodePayload(msg), signer: { certPem: id.serverPem, privateKey: id.serverKey }, recipientCertPem: cert.pem, signingTime: at });
    await x.insertOutgoing(q, dst, seq, typ, bytes, at);
    return { dst, seq, bytes };
  }

  async function integrateDocs(q: Queryable, src: string, seq: number, docs: WireDocument[], ts: Date, at: Date): Promise<AckEntry['items']> {
    const items = new Map<string, AckEntry['items'][number]>();
    const good: ing.IncomingDocument[] = [];
    const today = localDate(new Date(Math.max(at.getTime(), ts.getTime()) + 86_400_000));
    for (const d of Array.isArray(docs) ? docs : []) {
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
      if (problems.length > 0 || Number.isNaN(Date.parse(d.va))) {
        items.set(n, { n, r: 'rejected', reason: problems.map((p) => p.en).join('; ') || 'bad validation time' });
        continue;
      }
      good.push({ n, f: f.id, fv: f.version, va: d.va, d: data, names_norm: searchableNames(f, data), names_display: displayNames(f, data), event_date: eventDateOf(f, data) });
    }
    const inserted = await ing.insertNewDocuments(q, src, seq, good, at);
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
    // Answered in the order sent, once per NIU.
    const order = (Array.isArray(docs) ? docs : []).map((d) => (typeof d?.n === 'string' ? d.n : ''));
    return [...new Set(order)].map((n) => items.get(n)!).filter(Boolean);
  }

  async function applyCancels(q: Queryable, src: string, cancels: WireCancel[]): Promise<AckEntry['items']> {
    const list = (Array.isArray(cancels) ? cancels : []).filter((c) => typeof c?.n === 'string' && typeof c.reason === 'string' && !Number.isNaN(Date.parse(c.at)));
    const done = await ing.cancelDocuments(q, src, list);
    const stored = new Map((await ing.documentsByNiu(q, list.filter((c) => !done.has(c.n)).map((c) => c.n))).map((s) => [s.niu, s]));
    return list.map((c) => {
      if (done.has(c.n)) return { n: c.n, r: 'accepted' as const };
      const s = stored.get(c.n);
      if (s && s.matricule === src && s.status === 0) return { n: c.n, r: 'duplicate' as const };
      return { n: c.n, r: 'rejected' as const, reason: s ? 'document of another centre' : 'unknown NIU: send the document first' };
    });
  }

  async function replay(src: string, seq: number, digest: string, bytes: number): Promise<ReceiveResult> {
    const entry = await x.inboxEntry(db, src, seq);
    const sameContent = entry?.digest === digest;
    await logRejection(src, rejected('replay', sameContent ? `seq ${seq} already processed: stored answer sent again` : `seq ${seq} reused with other content`), bytes);
    // A re-send whose answer was lost gets the very same answer; anything else gets nothing.
    const ack = sameContent && entry?.ack_seq ? await x.outgoing(db, src, entry.ack_seq) : undefined;
    return { outcome: { kind: 'replay', src, seq }, replies: ack && entry?.ack_seq ? [{ dst: src, seq: entry.ack_seq, bytes: ack }] : [] };
  }

  async function enroll(bytes: Buffer, claimedSrc: string | undefined): Promise<ReceiveResult> {
    let msg: Message;
    try {
      msg = decodePayload(bytes);
    } catch (e) {
      return logRejection(claimedSrc ?? null, rejected('format', (e as Error).message), bytes.length);
    }
    const src = msg.header.src;
    if (msg.header.typ !== 'enroll' || (claimedSrc !== undefined && claimedSrc !== src) || msg.header.dst !== SERVER_ID) {
      return logRejection(claimedSrc ?? null, rejected('format', `unsealed ${msg.header.typ} from ${src}`), bytes.length);
    }
    try {
      const answer = await pki.enrol(src, msg.body as Bodies['enroll']);
      const reply: Message = { header: { v: 1, typ: 'enrolled', src: SERVER_ID, dst: src, seq: 0, ts: clock.now().toISOString() }, body: answer };
      return { outcome: { kind: 'enrolled', src }, replies: [{ dst: src, seq: 0, bytes: encodePayload(reply) }] };
    } catch (e) {
      if (!isDocstreamError(e)) throw e;
      return logRejection(src, rejected('certificate', `enrolment refused: ${String((e as Error).cause ?? e.en)}`), bytes.length);
    }
  }

  return {
    async receive(bytes: Buffer, claimedSrc?: string): Promise<ReceiveResult> {
      if (!isSealed(bytes)) return enroll(bytes, claimedSrc);
      const id = await identity();
      const now = clock.now();
      let msg: Message;
      let opened: ReturnType<typeof decrypt>;
      let matricule: string | null = claimedSrc ?? null;
      try {
        opened = decrypt(bytes, { certPem: id.serverPem, privateKey: id.serverKey });
        const cert = await certificateBySerial(db, opened.signer.serialHex);
        if (!cert) throw rejected('signature', `unknown signer certificate ${opened.signer.serialHex}`);
        verifySignature(opened, cert.pem);
        try {
          msg = decodePayload(opened.content);
        } catch (e) {
          if (e instanceof PayloadError) throw rejected('format', e.message);
          throw e;
        }
        const h = msg.header;
        if (cert.revoked_at) throw rejected('certificate', `certificate ${cert.serial} revoked: ${cert.revoke_reason}`);
        if (!checkIssuedBy(cert.pem, id.caPem, new Date(h.ts))) throw rejected('certificate', `certificate ${cert.serial} not valid at ${h.ts} under the national CA`);
        if (cert.matricule !== h.src || (claimedSrc !== undefined && claimedSrc !== h.src)) throw rejected('certificate', `certificate of ${cert.matricule} used by ${h.src} on ${claimedSrc ?? 'a bundle'}`);
        matricule = h.src;
        if (h.dst !== SERVER_ID) throw rejected('recipient', `addressed to ${h.dst}`);
        if (await x.inboxEntry(db, h.src, h.seq)) return replay(h.src, h.seq, digestOf(opened.content), bytes.length);
        if (!plausibleTimestamp(h.ts, now)) throw rejected('timestamp', `ts ${h.ts} implausible at ${now.toISOString()}`);
      } catch (e) {
        if (e instanceof ContainerRejected) return logRejection(matricule, e, bytes.length);
        throw e;
      }
      const h = msg.header;
      const digest = digestOf(opened.content);
      const ts = new Date(h.ts);

      if (h.typ === 'hello') {
        const claimed = await db.tx((q) => x.claimInbox(q, { src: h.src, seq: h.seq, msgType: 'hello', digest, outcome: 'accepted', at: now }));
        if (!claimed) return replay(h.src, h.seq, digest, bytes.length);
        const seen = Number((msg.body as Bodies['hello']).seen) || 0;
        const again = await x.outgoingAfter(db, h.src, seen);
        await db.tx((q) => x.addTraffic(q, h.src, { containersIn: 1, bytesIn: bytes.length }, now));
        return { outcome: { kind: 'hello', src: h.src, seq: h.seq, resent: again.length }, replies: again.map((o) => ({ dst: h.src, seq: o.seq, bytes: o.sdc })) };
      }
      if (h.typ !== 'docs' && h.typ !== 'cancel') return logRejection(h.src, rejected('format', `unexpected ${h.typ} from a centre`), bytes.length);

      const result = await db.tx(async (q) => {
        const client = await clientByMatricule(q, h.src);
        const quarantined = !client || client.status === 0;
        if (!(await x.claimInbox(q, { src: h.src, seq: h.seq, msgType: h.typ, digest, outcome: quarantined ? 'quarantined' : 'accepted', at: now }))) return undefined;
        await x.insertEvidence(q, h.src, h.seq, opened.signedData, now);
        let items: AckEntry['items'];
        let entry: AckEntry;
        if (quarantined) {
          await x.insertQuarantine(q, h.src, h.seq, h.typ, opened.content, now);
          const list: { n: string }[] = h.typ === 'docs' ? (msg.body as Bodies['docs']).docs : (msg.body as Bodies['cancel']).cancels;
          items = (Array.isArray(list) ? list : []).map((d) => ({ n: String(d?.n), r: 'quarantined' as const }));
          entry = { seq: h.seq, r: 'quarantined', reason: 'client suspended: kept in quarantine, integrated when reactivated', items };
        } else {
          items = h.typ === 'docs' ? await integrateDocs(q, h.src, h.seq, (msg.body as Bodies['docs']).docs, ts, now) : await applyCancels(q, h.src, (msg.body as Bodies['cancel']).cancels);
          entry = { seq: h.seq, r: 'accepted', items };
        }
        const reply = await sealFor(q, id, h.src, 'ack', { ack: [entry] }, now);
        await x.setInboxAck(q, h.src, h.seq, reply.seq);
        const count = (r: string) => items.filter((i) => i.r === r).length;
        await x.addTraffic(q, h.src, { containersIn: 1, documentsIn: count('accepted'), duplicates: count('duplicate'), conflicts: count('conflict'), acksOut: 1, bytesIn: bytes.length, bytesOut: reply.bytes.length }, now);
        const outcome: Outcome = { kind: quarantined ? 'quarantined' : 'accepted', src: h.src, seq: h.seq, typ: h.typ, documents: count('accepted'), duplicates: count('duplicate'), conflicts: count('conflict'), rejectedItems: count('rejected') };
        return { outcome, replies: [reply] };
      });
      // Lost a race with the same container arriving twice at once: it is a replay now.
      return result ?? replay(h.src, h.seq, digest, bytes.length);
    },
  };
}
