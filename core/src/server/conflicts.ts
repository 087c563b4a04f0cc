import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound } from '../errors.js';
import type { Session } from '../auth/session.js';
import type { FormDef, Label } from '../forms/types.js';
import { formVersion } from '../forms/catalog-queries.js';
import { parseNiu } from '../forms/niu.js';
import { compareFields, type ComparedField } from '../forms/field-text.js';
import { appendAudit } from '../audit/queries.js';
import { OperatorPrivilege as P, type Guard } from './guard.js';
import { insertNotice } from './queries/notices.js';
import { insertMessage } from './queries/messages.js';
import * as r from './queries/resolution.js';
import type { ConflictDecision, ConflictState } from './queries/resolution.js';
import type { ContainerRef } from './documents.js';

export type { ConflictDecision, ConflictState };

/**
 * What an operator may decide (DESIGN §4: "never overwritten"). Neither decision touches
 * the centralised document: a correction is the centre's cancellation plus a new document.
 */
export const DECISIONS: readonly ConflictDecision[] = ['keep', 'ask_cancel'];

export const DECISION_LABELS: Record<ConflictDecision, Label> = {
  keep: { fr: 'maintenir la version centralisée', en: 'keep the centralised version' },
  ask_cancel: { fr: 'demander au centre d’annuler le document', en: 'ask the centre to cancel the document' },
};

/** What each decision does, for the console's choice and its help. */
export const DECISION_EFFECTS: Record<ConflictDecision, Label> = {
  keep: {
    fr: 'La version centralisée reste la référence ; le centre est averti que sa version n’a pas été enregistrée.',
    en: 'The centralised version stands; the centre is told its version was not stored.',
  },
  ask_cancel: {
    fr: 'La version centralisée est jugée erronée : le centre est prié de l’annuler et d’établir un nouveau document (nouveau NIU). Rien ne change au registre avant son annulation.',
    en: 'The centralised version is judged wrong: the centre is asked to cancel it and validate a new document (new NIU). Nothing changes centrally before its cancellation.',
  },
};

export interface ConflictResolution {
  decision: ConflictDecision;
  decisionLabel: Label;
  remark: string;
  at: Date;
  by: { login: string | null; name: string | null };
}

export interface ConflictSummary {
  id: number;
  niu: string;
  matricule: string;
  centreName: string | null;
  formId: string;
  formVersion: number;
  /** When the conflicting version arrived. */
  receivedAt: Date;
  container: ContainerRef;
  state: 'open' | 'resolved';
  resolution: ConflictResolution | null;
  /** Only what differs, with labels from the forms; `_form` and `_validated_at` name the envelope. */
  differences: ComparedField[];
}

export interface ConflictVersion {
  formId: string;
  formVersion: number;
  /** Null when that form version is not installed. */
  formTitle: Label | null;
  validatedAt: Date;
  receivedAt: Date;
  container: ContainerRef | null;
}

export interface ConflictDetail extends ConflictSummary {
  /** The centralised document: it stands, whatever the decision. */
  stored: (ConflictVersion & { numero: number; status: number }) | null;
  /** The version kept aside. */
  incoming: ConflictVersion;
  /** Every field of both versions side by side, the envelope first. */
  fields: ComparedField[];
  /** What the operator may decide, while the conflict is open. */
  decisions: { value: ConflictDecision; label: Label; effect: Label }[];
}

export interface ConflictListInput {
  state?: ConflictState;
  centre?: string;
  /** The conflicts of one document. */
  niu?: string;
  /** Cursor: the last id shown. */
  before?: number;
  limit?: number;
}

export interface ConflictPage {
  items: ConflictSummary[];
  /** Matches in all for the state and centre (not only this page). */
  total: number;
  nextCursor?: number;
}

const VIEW: Label = { fr: 'consulter les conflits', en: 'viewing conflicts' };
const RESOLVE: Label = { fr: 'trancher un conflit', en: 'resolving a conflict' };
const REMARK_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

function invalid(field: string, fr: string, en: string): DocstreamError {
  return new DocstreamError('validation', fr, en, { problems: [{ field, fr, en }] });
}

function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 1) throw invalid('id', 'Numéro de conflit : un nombre entier positif (voir la liste des conflits).', 'Conflict number: a positive whole number (see the list of conflicts).');
  return id;
}

const label = (t: string): Label => ({ fr: t, en: t });

/** The envelope (kind, version, validation time) compared like a field, so every conflict shows what differs. */
function envelope(stored: r.ConflictRecord): ComparedField[] {
  const kind = (f: string | null, v: number | null) => (f === null ? '—' : `${f} v${v}`);
  const sk = kind(stored.stored_form_id, stored.stored_form_version);
  const ik = kind(stored.form_id, stored.form_version);
  const sv = stored.stored_validated_at?.toISOString() ?? '—';
  const iv = stored.validated_at.toISOString();
  return [
    { name: '_form', label: { fr: 'Type de document (version)', en: 'Document kind (version)' }, stored: label(sk), incoming: label(ik), differs: sk !== ik },
    { name: '_validated_at', label: { fr: 'Validé le', en: 'Validated at' }, stored: label(sv), incoming: label(iv), differs: sv !== iv },
  ];
}

/** Forms read once per call, whatever the number of conflicts on the page. */
function formReader(q: Queryable) {
  const cache = new Map<string, Promise<FormDef | undefined>>();
  return (id: string | null, version: number | null): Promise<FormDef | undefined> => {
    if (id === null || version === null) return Promise.resolve(undefined);
    const k = `${id}@${version}`;
    let f = cache.get(k);
    if (!f) cache.set(k, (f = formVersion(q, 'server', id, version)));
    return f;
  };
}

async function compared(c: r.ConflictRecord, form: ReturnType<typeof formReader>): Promise<ComparedField[]> {
  const [storedForm, incomingForm] = await Promise.all([form(c.stored_form_id, c.stored_form_version), form(c.form_id, c.form_version)]);
  return [...envelope(c), ...compareFields({ form: storedForm, data: c.stored_data ?? {} }, { form: incomingForm, data: c.data })];
}

function summary(c: r.ConflictRecord, fields: ComparedField[]): ConflictSummary {
  return {
    id: c.id,
    niu: c.niu,
    matricule: c.matricule,
    centreName: c.centre_name,
    formId: c.form_id,
    formVersion: c.form_version,
    receivedAt: c.received_at,
    container: { src: c.matricule, seq: c.src_seq, evidenceArchived: c.evidence },
    state: c.resolved_at ? 'resolved' : 'open',
    resolution: c.resolved_at && c.resolution
      ? { decision: c.resolution, decisionLabel: DECISION_LABELS[c.resolution], remark: c.remark ?? '', at: c.resolved_at, by: { login: c.resolved_by_login, name: c.resolved_by_name } }
      : null,
    differences: fields.filter((f) => f.differs),
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The message the centre receives, in both languages: what was decided and what it should do. */
export function conflictNotice(c: { niu: string; srcSeq: number; receivedAt: Date; storedReceivedAt: Date | null; differences: ComparedField[] }, decision: ConflictDecision, remark: string): string {
  const names = (l: 'fr' | 'en') => {
    const list = c.differences.map((f) => f.label[l]);
    return list.length > 8 ? `${list.slice(0, 8).join(', ')}…` : list.join(', ');
  };
  const stored = c.storedReceivedAt ? day(c.storedReceivedAt) : '?';
  const fr = decision === 'keep'
    ? `NIU ${c.niu} : la version reçue le ${day(c.receivedAt)} (conteneur n° ${c.srcSeq}) diffère du document centralisé le ${stored} (${names('fr')}). Le registre central garde sa version ; la vôtre n’a pas été enregistrée. Vérifiez votre exemplaire ; si le document centralisé est faux, annulez-le et établissez un nouveau document (nouveau NIU). Remarque : ${remark}`
    : `NIU ${c.niu} : la version reçue le ${day(c.receivedAt)} (conteneur n° ${c.srcSeq}) diffère du document centralisé le ${stored} (${names('fr')}). Le document centralisé est jugé erroné : annulez ce NIU (Officier, avec un motif) puis établissez un nouveau document, qui recevra un nouveau NIU. Remarque : ${remark}`;
  const en = decision === 'keep'
    ? `NIU ${c.niu}: the version received on ${day(c.receivedAt)} (container #${c.srcSeq}) differs from the document centralised on ${stored} (${names('en')}). The central register keeps its version; yours was not stored. Check your copy; if the centralised document is wrong, cancel it and validate a new document (new NIU). Remark: ${remark}`
    : `NIU ${c.niu}: the version received on ${day(c.receivedAt)} (container #${c.srcSeq}) differs from the document centralised on ${stored} (${names('en')}). The centralised document is judged wrong: cancel this NIU (Officer, with a reason), then validate a new document, which will get a new NIU. Remark: ${remark}`;
  // The centres' message table holds 4,000 characters.
  return `${fr}\n\n${en}`.slice(0, 4000);
}

/**
 * Conflicts: the same NIU received again with other content, kept aside by the ingest.
 * An operator decides each once, with a remark; the decision, the audit entry and the
 * centre's notice commit together, and the database refuses a second decision.
 */
export function createConflicts(db: Database, clock: Clock, guard: Guard) {
  async function load(q: Queryable, id: number): Promise<r.ConflictRecord> {
    const c = await r.conflictById(q, id);
    if (!c) throw notFound(`Conflit n° ${id}`, `Conflict #${id}`);
    return c;
  }

  return {
    async list(session: Session, input: ConflictListInput = {}): Promise<ConflictPage> {
      const state = input.state ?? 'open';
      if (!['open', 'resolved', 'all'].includes(state)) throw invalid('state', 'État : open (à trancher), resolved (tranchés) ou all.', 'State: open, resolved or all.');
      if (input.centre !== undefined && !/^[0-9]{5}$/.test(input.centre)) throw invalid('centre', 'Matricule de centre : 5 chiffres (ex. 00042).', 'Centre matricule: 5 digits (e.g. 00042).');
      const limit = input.limit ?? 20;
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw invalid('limit', 'Taille de page : de 1 à 200.', 'Page size: 1 to 200.');
      if (input.before !== undefined) checkId(input.before);
      const niu = input.niu?.trim();
      if (niu !== undefined && !parseNiu(niu)) {
        throw invalid('niu', `NIU « ${input.niu} » mal saisi : format 00000-AAAA-000000-00 ; relisez-le sur le document.`, `NIU “${input.niu}” mistyped: format 00000-YYYY-000000-00; read it again from the document.`);
      }
      await guard(db, session, P.Viewer, VIEW);
      const filter = { state, ...(input.centre !== undefined ? { matricule: input.centre } : {}), ...(niu !== undefined ? { niu } : {}) };
      const [rows, total] = await Promise.all([
        r.listConflicts(db, { ...filter, ...(input.before !== undefined ? { before: input.before } : {}), limit: limit + 1 }),
        r.countConflicts(db, filter),
      ]);
      const form = formReader(db);
      const items = await Promise.all(rows.slice(0, limit).map(async (c) => summary(c, await compared(c, form))));
      return rows.length > limit ? { items, total, nextCursor: items[items.length - 1]!.id } : { items, total };
    },

    async detail(session: Session, id: number): Promise<ConflictDetail> {
      checkId(id);
      await guard(db, session, P.Viewer, VIEW);
      const c = await load(db, id);
      const form = formReader(db);
      const fields = await compared(c, form);
      const [storedForm, incomingForm] = await Promise.all([form(c.stored_form_id, c.stored_form_version), form(c.form_id, c.form_version)]);
      return {
        ...summary(c, fields),
        stored: c.stored_numero === null ? null : {
          numero: c.stored_numero,
          status: c.stored_status!,
          formId: c.stored_form_id!,
          formVersion: c.stored_form_version!,
          formTitle: storedForm?.title ?? null,
          validatedAt: c.stored_validated_at!,
          receivedAt: c.stored_received_at!,
          container: c.stored_src_seq === null ? null : { src: c.matricule, seq: c.stored_src_seq, evidenceArchived: Boolean(c.stored_evidence) },
        },
        incoming: {
          formId: c.form_id, formVersion: c.form_version, formTitle: incomingForm?.title ?? null, validatedAt: c.validated_at, receivedAt: c.received_at,
          container: { src: c.matricule, seq: c.src_seq, evidenceArchived: c.evidence },
        },
        fields,
        decisions: c.resolved_at ? [] : DECISIONS.map((value) => ({ value, label: DECISION_LABELS[value], effect: DECISION_EFFECTS[value] })),
      };
    },

    /**
     * Operator or above; the remark is required. The centre receives a message (FR and EN)
     * saying what was decided and what to do. A conflict is decided once.
     */
    async resolve(session: Session, id: number, input: { decision: ConflictDecision; remark: string }): Promise<ConflictSummary> {
      checkId(id);
      if (!DECISIONS.includes(input.decision)) {
        throw invalid('decision', `Décision « ${String(input.decision)} » inconnue : keep (maintenir la version centralisée) ou ask_cancel (demander l’annulation au centre).`,
          `Unknown decision “${String(input.decision)}”: keep (keep the centralised version) or ask_cancel (ask the centre to cancel).`);
      }
      const remark = typeof input.remark === 'string' ? input.remark.trim() : '';
      if (remark === '' || remark.length > 1000 || REMARK_CONTROL.test(remark)) {
        throw invalid('remark', 'Remarque obligatoire (1 000 caractères au plus) : dites pourquoi, elle est transmise au centre et gardée au journal.',
          'A remark is required (1,000 characters at most): say why; it is sent to the centre and kept in the log.');
      }
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Operator, RESOLVE);
        const locked = await r.lockConflict(q, id);
        if (!locked) throw notFound(`Conflit n° ${id}`, `Conflict #${id}`);
        if (locked.resolved_at) {
          const c = await load(q, id);
          const by = c.resolved_by_login ?? '?';
          const d = DECISION_LABELS[c.resolution!];
          throw new DocstreamError('invalid_state',
            `Conflit n° ${id} déjà tranché le ${c.resolved_at!.toISOString().slice(0, 16).replace('T', ' ')} par ${by} (${d.fr}) : une décision ne se reprend pas. Au besoin, écrivez au centre.`,
            `Conflict #${id} was already resolved on ${c.resolved_at!.toISOString().slice(0, 16).replace('T', ' ')} by ${by} (${d.en}): a decision is never taken back. If needed, write to the centre.`);
        }
        if (!(await r.resolveConflict(q, { id, decision: input.decision, remark, operatorId: actor.id, at: now }))) throw new Error(`conflict ${id} changed under its lock`);
        const c = await load(q, id);
        const fields = await compared(c, formReader(q));
        const s = summary(c, fields);
        await appendAudit(q, 'server', {
          at: now, actorId: actor.id, actorLogin: actor.login, action: 'conflict_resolved', entity: 'document', entityId: c.niu,
          details: { conflict: id, decision: input.decision, remark, matricule: c.matricule, seq: c.src_seq },
        });
        const text = conflictNotice({ niu: c.niu, srcSeq: c.src_seq, receivedAt: c.received_at, storedReceivedAt: c.stored_received_at, differences: s.differences }, input.decision, remark);
        await insertMessage(q, { matricule: c.matricule, direction: 'out', body: text, author: actor.fullName, operatorId: actor.id, srcSeq: null, at: now });
        await insertNotice(q, c.matricule, 'message', { text, by: actor.fullName }, now);
        return s;
      });
    },
  };
}

export type Conflicts = ReturnType<typeof createConflicts>;
