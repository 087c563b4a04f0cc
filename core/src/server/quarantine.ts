import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound } from '../errors.js';
import type { Session } from '../auth/session.js';
import type { Label } from '../forms/types.js';
import { appendAudit } from '../audit/queries.js';
import { decodePayload } from '../transport/codec.js';
import type { AckEntry } from '../transport/protocol.js';
import { OperatorPrivilege as P, type Guard } from './guard.js';
import { CLIENT_STATUS_LABELS } from './clients.js';
import { clientByMatricule } from './queries/clients.js';
import { insertNotice } from './queries/notices.js';
import { insertMessage } from './queries/messages.js';
import { carriedNius } from './ingest.js';
import * as r from './queries/resolution.js';
import type { HeldState } from './queries/resolution.js';

export type { HeldState };

/**
 * How a quarantine ends well: not an action of its own but the centre's status. Leaving
 * status 0 integrates what is held, in the same transaction (clients.setStatus).
 */
export function releaseHint(matricule?: string): Label {
  const m = matricule ?? 'M';
  return {
    fr: `Pour intégrer ce qui est retenu : rendez au centre un statut de 1 à 3 (superviseur) — docstream-server client status ${m} 3. Les conteneurs refusés ne seront jamais intégrés.`,
    en: `To integrate what is held: give the centre a status from 1 to 3 (supervisor) — docstream-server client status ${m} 3. Rejected containers are never integrated.`,
  };
}

export interface QuarantineCentre {
  matricule: string;
  name: string | null;
  status: number | null;
  statusLabel: Label | null;
  /** Containers held (neither released nor rejected). */
  containers: number;
  /** NIUs they carry (documents or cancellations), over the containers counted on arrival. */
  documents: number;
  /** Containers held from before the server counted them: not in `documents`. */
  uncounted: number;
  oldest: Date;
  newest: Date;
  release: Label;
}

export interface QuarantinePage {
  items: QuarantineCentre[];
  /** Pass as `after` for the next page. */
  nextCursor?: string;
}

export interface QuarantinedContainer {
  seq: number;
  /** docs, cancel, query, message, copies… */
  type: string;
  /** NIUs carried; null only if the payload could not be read again. */
  documents: number | null;
  receivedAt: Date;
  state: 'held' | 'released' | 'rejected';
  releasedAt: Date | null;
  rejectedAt: Date | null;
  rejectReason: string | null;
  rejectedBy: string | null;
  evidenceArchived: boolean;
}

export interface ContainerPage {
  items: QuarantinedContainer[];
  nextCursor?: number;
  release: Label;
}

export interface RejectResult {
  matricule: string;
  /** The containers rejected, in seq order. */
  rejected: number[];
  /** NIUs they carried: the centre sees each as rejected. */
  documents: number;
}

const VIEW: Label = { fr: 'consulter la quarantaine', en: 'viewing the quarantine' };
const REJECT: Label = { fr: 'refuser des conteneurs en quarantaine', en: 'rejecting quarantined containers' };
const STATES: readonly HeldState[] = ['held', 'released', 'rejected', 'all'];

function invalid(field: string, fr: string, en: string): DocstreamError {
  return new DocstreamError('validation', fr, en, { problems: [{ field, fr, en }] });
}

function checkMatricule(m: string | undefined, field = 'centre'): void {
  if (m !== undefined && !/^[0-9]{5}$/.test(m)) throw invalid(field, 'Matricule de centre : 5 chiffres (ex. 00042).', 'Centre matricule: 5 digits (e.g. 00042).');
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalid('limit', 'Taille de page : de 1 à 500.', 'Page size: 1 to 500.');
  return limit;
}

function niusOf(payload: Buffer): string[] | null {
  try {
    return carriedNius(decodePayload(payload));
  } catch {
    return null;
  }
}

/** The message the centre receives, in both languages. */
export function rejectionNotice(seqs: number[], documents: number, reason: string): string {
  const list = seqs.length > 20 ? `${seqs.slice(0, 20).join(', ')}…` : seqs.join(', ');
  const fr = `Le registre central a refusé ${seqs.length} conteneur(s) reçu(s) pendant la suspension du centre (n° ${list} ; ${documents} document(s) ou annulation(s)). Ils ne seront pas intégrés, même après la réactivation ; ils restent conservés au registre. Motif : ${reason}. Les documents concernés apparaissent « refusés » dans vos transmissions ; adressez-vous au registre central avant de les établir à nouveau.`;
  const en = `The central register rejected ${seqs.length} container(s) received while the centre was suspended (#${list}; ${documents} document(s) or cancellation(s)). They will not be integrated, even after reactivation; they stay on file centrally. Reason: ${reason}. The documents concerned show as “rejected” in your transmissions; contact the central register before drawing them up again.`;
  return `${fr}\n\n${en}`.slice(0, 4000);
}

/**
 * The quarantine (DESIGN §5): what suspended centres sent, opened, verified and held.
 * A supervisor may reject held containers for good (kept, never deleted, never
 * integrated; the centre is told); releasing is the centre's status change.
 */
export function createQuarantine(db: Database, clock: Clock, guard: Guard) {
  return {
    /** Per centre with something held: containers, documents, oldest and newest; by matricule. */
    async list(session: Session, input: { centre?: string; after?: string; limit?: number } = {}): Promise<QuarantinePage> {
      checkMatricule(input.centre);
      checkMatricule(input.after, 'after');
      const limit = checkLimit(input.limit ?? 50);
      await guard(db, session, P.Viewer, VIEW);
      const rows = await r.quarantineSummary(db, { ...(input.centre ? { matricule: input.centre } : {}), ...(input.after ? { after: input.after } : {}), limit: limit + 1 });
      const items = rows.slice(0, limit).map((x): QuarantineCentre => ({
        ...x, statusLabel: x.status === null ? null : CLIENT_STATUS_LABELS[x.status] ?? null, release: releaseHint(x.matricule),
      }));
      return rows.length > limit ? { items, nextCursor: items[items.length - 1]!.matricule } : { items };
    },

    /** One centre's containers (held by default), in seq order, paged by `after` = the last seq shown. */
    async containers(session: Session, centre: string, input: { state?: HeldState; after?: number; limit?: number } = {}): Promise<ContainerPage> {
      checkMatricule(centre);
      const state = input.state ?? 'held';
      if (!STATES.includes(state)) throw invalid('state', 'État : held (retenus), released (intégrés), rejected (refusés) ou all.', 'State: held, released, rejected or all.');
      if (input.after !== undefined && (!Number.isSafeInteger(input.after) || input.after < 0)) throw invalid('after', 'Curseur : un numéro de conteneur.', 'Cursor: a container number.');
      const limit = checkLimit(input.limit ?? 50);
      await guard(db, session, P.Viewer, VIEW);
      if (!(await clientByMatricule(db, centre))) throw notFound(`Centre ${centre}`, `Centre ${centre}`);
      const rows = await r.quarantinedContainers(db, { matricule: centre, state, ...(input.after !== undefined ? { after: input.after } : {}), limit: limit + 1 });
      const items = rows.slice(0, limit).map((x): QuarantinedContainer => ({
        seq: x.seq,
        type: x.msg_type,
        documents: x.documents ?? (x.payload ? niusOf(x.payload)?.length ?? null : null),
        receivedAt: x.received_at,
        state: x.rejected_at ? 'rejected' : x.released_at ? 'released' : 'held',
        releasedAt: x.released_at,
        rejectedAt: x.rejected_at,
        rejectReason: x.reject_reason,
        rejectedBy: x.rejected_by_login,
        evidenceArchived: x.evidence,
      }));
      return { items, release: releaseHint(centre), ...(rows.length > limit ? { nextCursor: items[items.length - 1]!.seq } : {}) };
    },

    /**
     * Supervisor: marks held containers rejected with a reason (`'all'` = everything the
     * centre has held). They stay on file with their evidence and are never integrated,
     * not even when the centre is reactivated. The centre receives an acknowledgement
     * that rejects each of their documents, and a message saying why.
     */
    async reject(session: Session, centre: string, input: { seqs: number[] | 'all'; reason: string }): Promise<RejectResult> {
      checkMatricule(centre);
      let seqs: number[] | null = null;
      if (input.seqs !== 'all') {
        if (!Array.isArray(input.seqs) || input.seqs.length === 0 || input.seqs.length > 1000 || input.seqs.some((s) => !Number.isSafeInteger(s) || s < 1)) {
          throw invalid('seqs', 'Conteneurs : un ou plusieurs numéros (voir la liste de la quarantaine), ou « tous ».', 'Containers: one or more numbers (see the quarantine list), or “all”.');
        }
        seqs = [...new Set(input.seqs)].sort((a, b) => a - b);
      }
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (reason === '' || reason.length > 500 || /[\u0000-\u001f\u007f]/.test(reason)) {
        throw invalid('reason', 'Motif obligatoire (500 caractères au plus, une ligne) : il est transmis au centre et gardé au journal.', 'A reason is required (500 characters at most, one line): it is sent to the centre and kept in the log.');
      }
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Supervisor, REJECT);
        // The client's row first, as a status change does: a release and a rejection queue up.
        if (!(await clientByMatricule(q, centre, true))) throw notFound(`Centre ${centre}`, `Centre ${centre}`);
        const held = await r.lockHeld(q, centre, seqs);
        if (seqs) {
          const found = new Set(held.map((h) => h.seq));
          const missing = seqs.filter((s) => !found.has(s));
          if (missing.length > 0) {
            throw new DocstreamError('invalid_state',
              `Conteneur(s) n° ${missing.join(', ')} : rien de retenu sous ce numéro pour ${centre} (déjà intégré, déjà refusé ou inconnu). Rien n’a été refusé ; consultez docstream-server quarantine list ${centre}.`,
              `Container(s) #${missing.join(', ')}: nothing held under that number for ${centre} (already integrated, already rejected or unknown). Nothing was rejected; see docstream-server quarantine list ${centre}.`);
          }
        } else if (held.length === 0) {
          throw new DocstreamError('invalid_state', `Rien n’est en quarantaine pour ${centre}.`, `Nothing is held in quarantine for ${centre}.`);
        }
        const done = held.map((h) => h.seq);
        await r.markRejected(q, centre, done, { reason, operatorId: actor.id, at: now });
        const wireReason = `rejected by the central register: ${reason}`;
        const entries: AckEntry[] = held.map((h) => ({
          seq: h.seq, r: 'rejected', reason: wireReason, items: (niusOf(h.payload) ?? []).map((n) => ({ n, r: 'rejected' as const, reason: wireReason })),
        }));
        const documents = entries.reduce((a, e) => a + e.items.length, 0);
        await insertNotice(q, centre, 'ack', { ack: entries }, now);
        const text = rejectionNotice(done, documents, reason);
        await insertMessage(q, { matricule: centre, direction: 'out', body: text, author: actor.fullName, operatorId: actor.id, srcSeq: null, at: now });
        await insertNotice(q, centre, 'message', { text, by: actor.fullName }, now);
        await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'quarantine_rejected', entity: 'client', entityId: centre, details: { seqs: done, documents, reason } });
        return { matricule: centre, rejected: done, documents };
      });
    },

    releaseHint,
  };
}

export type Quarantine = ReturnType<typeof createQuarantine>;
