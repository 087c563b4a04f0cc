import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound } from '../errors.js';
import { appendAudit, auditForEntity } from '../audit/queries.js';
import type { AuditRow } from '../audit/chain.js';
import type { DocumentData, FormDef, Label } from '../forms/types.js';
import { displayNames, eventDateOf, isCalendarDate, searchableNames, validateDocument } from '../forms/validate.js';
import { formatNiu, parseNiu } from '../forms/niu.js';
import { normaliseName } from '../forms/normalise.js';
import { localDate } from '../util/dates.js';
import * as docs from './queries/documents.js';
import { formVersion } from '../forms/catalog-queries.js';
import { centreInfo, nextNiuSequence } from './queries/centre-info.js';
import { Privilege } from './privileges.js';
import type { Session, SessionRegistry } from './session.js';

/** The original's Status byte. */
export const STATUS_LABELS: Record<number, Label> = {
  0: { fr: 'Annulé', en: 'Cancelled' },
  1: { fr: 'Nouveau', en: 'New' },
  2: { fr: 'Import', en: 'Imported' },
  3: { fr: 'SDC (à transmettre)', en: 'SDC (queued)' },
  4: { fr: 'Export (reçu par le serveur)', en: 'Export (acknowledged)' },
};

export const STAGE_LABELS: Record<docs.Stage, Label> = {
  draft: { fr: 'brouillon', en: 'draft' },
  verified: { fr: 'vérifié', en: 'checked' },
  validated: { fr: 'validé', en: 'validated' },
};

export interface DocumentView {
  numero: number;
  formId: string;
  formVersion: number;
  status: number;
  stage: docs.Stage;
  niu: string | null;
  data: DocumentData;
  eventDate: string | null;
  remark: string | null;
  createdBy: number;
  createdAt: Date;
  updatedAt: Date;
  verifiedBy: number | null;
  validatedBy: number | null;
  validatedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
}

function view(d: docs.DocumentRow): DocumentView {
  return {
    numero: d.numero,
    formId: d.form_id,
    formVersion: d.form_version,
    status: d.status,
    stage: d.stage,
    niu: d.niu,
    data: d.data,
    eventDate: d.event_date,
    remark: d.remark,
    createdBy: d.created_by,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    verifiedBy: d.verified_by,
    validatedBy: d.validated_by,
    validatedAt: d.validated_at,
    cancelledAt: d.cancelled_at,
    cancelReason: d.cancel_reason,
  };
}

export interface SearchInput {
  niu?: string;
  name?: string;
  formId?: string;
  status?: number;
  stage?: docs.Stage;
  from?: string;
  to?: string;
  /** Only documents the caller drafted. */
  mine?: boolean;
  /** Cursor from the previous page. */
  before?: number;
  limit?: number;
}

export interface SearchPage {
  items: docs.SearchHit[];
  /** Pass as `before` for the next page; absent on the last page. */
  nextCursor?: number;
}

/** Columns kept beside the data for search and lists. */
function derived(form: FormDef, data: DocumentData) {
  return { namesNorm: searchableNames(form, data), namesDisplay: displayNames(form, data), eventDate: eventDateOf(form, data) };
}

/** A remark or a reason: free text on one or more lines, nothing else. */
function freeText(text: string, fr: string, en: string, field: string): string {
  const t = text.trim();
  if (t === '') throw invalid(fr, en, field);
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(t) || [...t].length > 1000) {
    throw invalid('Texte refusé : 1 000 caractères au plus, sans caractère de contrôle.', 'Text refused: 1,000 characters at most, no control characters.', field);
  }
  return t;
}

function invalid(fr: string, en: string, field?: string): DocstreamError {
  return new DocstreamError('validation', fr, en, field ? { problems: [{ field, fr, en }] } : {});
}

function wrongStage(d: docs.DocumentRow, fr: string, en: string): DocstreamError {
  const st = STAGE_LABELS[d.stage];
  const status = STATUS_LABELS[d.status]!;
  return new DocstreamError(
    'invalid_state',
    `Document n° ${d.numero} (${st.fr}, ${status.fr}${d.niu ? `, NIU ${d.niu}` : ''}) : ${fr}`,
    `Document no. ${d.numero} (${st.en}, ${status.en}${d.niu ? `, NIU ${d.niu}` : ''}): ${en}`,
  );
}

function rejectProblems(form: FormDef, problems: { field: string; fr: string; en: string }[]): never {
  throw new DocstreamError(
    'validation',
    `Formulaire « ${form.title.fr} » incomplet ou invalide : ${problems.map((p) => p.fr).join(' ; ')}.`,
    `Form “${form.title.en}” incomplete or invalid: ${problems.map((p) => p.en).join('; ')}.`,
    { problems },
  );
}

export function createDocumentService(db: Database, clock: Clock, sessions: SessionRegistry) {
  async function loadForm(q: Queryable, id: string, version?: number): Promise<FormDef> {
    const f = await formVersion(q, 'centre', id, version);
    if (!f) throw notFound(`Type de document « ${id} »`, `Document kind “${id}”`);
    return f;
  }

  async function lockDocument(q: Queryable, numero: number): Promise<docs.DocumentRow> {
    const d = await docs.documentByNumero(q, numero, true);
    if (!d) throw notFound(`Document n° ${numero}`, `Document no. ${numero}`);
    return d;
  }

  function checkData(form: FormDef, input: Record<string, unknown>, complete: boolean): DocumentData {
    const { data, problems } = validateDocument(form, input, { complete, today: localDate(clock.now()) });
    if (problems.length > 0) rejectProblems(form, problems);
    return data;
  }

  function requireNewDraft(d: docs.DocumentRow, fr: string, en: string): void {
    if (d.status !== 1 || d.stage !== 'draft') throw wrongStage(d, fr, en);
  }

  return {
    async draft(session: Session, formId: string, input: Record<string, unknown>): Promise<DocumentView> {
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await sessions.require(q, session, Privilege.Agent, { fr: 'établir un document', en: 'drafting a document' });
        const form = await loadForm(q, formId);
        const data = checkData(form, input, false);
        const row = await docs.insertDocument(q, {
          formId: form.id, formVersion: form.version, data, ...derived(form, data), userId: actor.id, at: now,
        });
        await appendAudit(q, 'centre', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'document_drafted', entity: 'document', entityId: row.numero, details: { form: form.id, version: form.version, data } });
        return view(row);
      });
    },

    /** Changes fields of a draft: keys given replace, a blank value clears the field. */
    async edit(session: Session, numero: number, changes: Record<string, unknown>): Promise<DocumentView> {
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await sessions.require(q, session, Privilege.Agent, { fr: 'modifier un document', en: 'editing a document' });
        const d = await lockDocument(q, numero);
        requireNewDraft(d, 'seul un brouillon se modifie. Demandez son renvoi en brouillon.', 'only a draft can be edited. Ask for it to be sent back to draft.');
        const form = await loadForm(q, d.form_id, d.form_version);
        const data = checkData(form, { ...d.data, ...changes }, false);
        const row = await docs.updateDraftData(q, numero, { data, ...derived(form, data), userId: actor.id, at: now });
        await appendAudit(q, 'centre', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'document_edited', entity: 'document', entityId: numero, details: { before: d.data, after: data } });
        return view(row);
      });
    },

    /** Secretary's check: the document must be complete and consistent. */
    async verify(session: Session, numero: number): Promise<DocumentView> {
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await sessions.require(q, session, Privilege.Secretary, { fr: 'vérifier un document', en: 'checking a document' });
        const d = await lockDocument(q, numero);
        requireNewDraft(d, 'seul un brouillon peut être vérifié.', 'only a draft can be checked.');
        checkData(await loadForm(q, d.form_id, d.form_version), d.data, true);
        const row = await docs.markVerified(q, numero, actor.id, now);
        await appendAudit(q, 'centre', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'document_verified', entity: 'document', entityId: numero });
        return view(row);
      });
    },

    async sendBack(session: Session, numero: number, remark: string): Promise<DocumentView> {
      const text = freeText(remark, 'Indiquez la remarque qui explique le renvoi.', 'Give the remark that explains why it is sent back.', 'remark');
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await sessions.require(q, session, Privilege.Secretary, { fr: 'renvoyer un document', en: 'sending a document back' });
        const d = await lockDocument(q, numero);
        if (d.status !== 1 || d.stage === 'validated') throw wrongStage(d, 'seul un document non validé peut être renvoyé.', 'only a document not yet validated can be sent back.');
        const row = await docs.sendBackToDraft(q, numero, text, actor.id, now);
        await appendAudit(q, 'centre', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'document_sent_back', entity: 'document', entityId: numero, details: { remark: text } });
        return view(row);
      });
    },

    /**
     * Officer's validation: assigns the NIU, freezes the document and queues it for
     * transmission (Status 3) in one transaction.
     */
    async validate(session: Session, numero: number): Promise<DocumentView> {
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await sessions.require(q, session, Privilege.Officer, { fr: 'valider un document', en: 'validating a document' });
        const d = await lockDocument(q, numero);
        if (d.stage === 'validated') throw wrongStage(d, 'déjà validé ; rien n’a été changé.', 'already validated; nothing was changed.');
        if (d.status !== 1) throw wrongStage(d, 'ce document ne peut être validé.', 'this document cannot be validated.');
        if (d.stage !== 'verified') throw wrongStage(d, 'il doit d’abord être vérifié par un Secrétaire.', 'it must first be checked by a Secretary.');
        checkData(await loadForm(q, d.form_id, d.form_version), d.data, true);
        const centre = await centreInfo(q);
        if (!centre) throw new DocstreamError('not_initialised', 'Centre non initialisé : lancez docstream-centre init.', 'Centre not initialised: run docstream-centre init.');
        const year = Number(localDate(now).slice(0, 4));
        const niu = formatNiu(centre.matricule, year, await nextNiuSequence(q, year));
        const row = await docs.markValidated(q, numero, niu, actor.id, now);
        await docs.enqueueOutbox(q, 'docs', numero, niu, now);
        await appendAudit(q, 'centre', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'document_validated', entity: 'document', entityId: numero, details: { niu } });
        return view(row);
      });
    },

    /** Cancels with a reason. A validated document needs the Officer; the cancellation is transmitted. */
    async cancel(session: Session, numero: number, reason: string): Promise<DocumentView> {
      const text = freeText(reason, 'Indiquez le motif de l’annulation.', 'Give the reason for the cancellation.', 'reason');
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await sessions.require(q, session, Privilege.Agent, { fr: 'annuler un document', en: 'cancelling a document' });
        const d = await lockDocument(q, numero);
        if (d.status === 0) throw wrongStage(d, 'déjà annulé.', 'already cancelled.');
        if (d.status === 2) throw wrongStage(d, 'reçu du serveur : seul son centre d’origine peut l’annuler.', 'received from the server: only the centre that issued it can cancel it.');
        const validated = d.stage === 'validated';
        const needed = validated ? Privilege.Officer : d.created_by === actor.id ? Privilege.Agent : Privilege.Secretary;
        if (actor.privilege < needed) {
          await sessions.require(q, session, needed, validated
            ? { fr: 'annuler un document validé', en: 'cancelling a validated document' }
            : { fr: 'annuler le brouillon d’un autre', en: 'cancelling someone else’s draft' });
        }
        const row = await docs.markCancelled(q, numero, text, actor.id, now);
        if (validated) await docs.enqueueOutbox(q, 'cancel', numero, d.niu!, now);
        await appendAudit(q, 'centre', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'document_cancelled', entity: 'document', entityId: numero, details: { reason: text, niu: d.niu } });
        return view(row);
      });
    },

    /** By numero, or by NIU (whose check digits are verified first). */
    async get(session: Session, ref: number | string): Promise<DocumentView> {
      await sessions.require(db, session, Privilege.Agent, { fr: 'consulter un document', en: 'viewing a document' });
      let row: docs.DocumentRow | undefined;
      if (typeof ref === 'number') row = await docs.documentByNumero(db, ref);
      else {
        if (!parseNiu(ref)) throw badNiu(ref);
        row = await docs.documentByNiu(db, ref.trim());
      }
      if (!row) throw notFound(`Document ${ref}`, `Document ${ref}`);
      return view(row);
    },

    async history(session: Session, numero: number): Promise<AuditRow[]> {
      await sessions.require(db, session, Privilege.Agent, { fr: 'consulter un document', en: 'viewing a document' });
      return auditForEntity(db, 'centre', 'document', String(numero));
    },

    async search(session: Session, input: SearchInput): Promise<SearchPage> {
      const actor = await sessions.require(db, session, Privilege.Agent, { fr: 'rechercher', en: 'searching' });
      if (input.limit !== undefined && (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > 200)) {
        throw invalid('Taille de page : un nombre entier de 1 à 200.', 'Page size: a whole number from 1 to 200.', 'limit');
      }
      if (input.before !== undefined && (!Number.isSafeInteger(input.before) || input.before < 1)) {
        throw invalid('Curseur de page invalide : reprenez la recherche depuis le début.', 'Invalid page cursor: start the search again.', 'before');
      }
      const limit = input.limit ?? 20;
      const criteria: docs.SearchCriteria = { limit: limit + 1 };
      if (input.niu !== undefined && input.niu.trim() !== '') {
        if (!parseNiu(input.niu)) throw badNiu(input.niu);
        criteria.niu = input.niu.trim();
      }
      if (input.name !== undefined) {
        const words = normaliseName(input.name).split(' ').filter((w) => w.length > 0);
        if (words.length > 0) criteria.nameWords = words;
      }
      if (input.formId) criteria.formId = input.formId;
      if (input.status !== undefined) {
        if (!Number.isInteger(input.status) || input.status < 0 || input.status > 4) throw invalid('Statut : 0 à 4.', 'Status: 0 to 4.', 'status');
        criteria.status = input.status;
      }
      if (input.stage !== undefined) {
        if (!(input.stage in STAGE_LABELS)) throw invalid('Étape : draft, verified ou validated.', 'Stage: draft, verified or validated.', 'stage');
        criteria.stage = input.stage;
      }
      for (const key of ['from', 'to'] as const) {
        const v = input[key];
        if (v === undefined) continue;
        if (!isCalendarDate(v)) throw invalid(`Date « ${key} » invalide, format AAAA-MM-JJ.`, `Invalid “${key}” date, use YYYY-MM-DD.`, key);
        criteria[key] = v;
      }
      if (input.mine) criteria.createdBy = actor.id;
      if (input.before !== undefined) criteria.before = input.before;
      const hits = await docs.searchDocuments(db, criteria);
      const items = hits.slice(0, limit);
      return hits.length > limit ? { items, nextCursor: items[items.length - 1]!.numero } : { items };
    },

    async counts(session: Session): Promise<{ stage: docs.Stage; status: number; n: number }[]> {
      await sessions.require(db, session, Privilege.Agent, { fr: 'consulter', en: 'viewing' });
      return docs.countByStage(db);
    },

    async pendingTransmissions(session: Session) {
      await sessions.require(db, session, Privilege.Agent, { fr: 'consulter', en: 'viewing' });
      return docs.pendingOutbox(db);
    },
  };
}

function badNiu(text: string): DocstreamError {
  return new DocstreamError(
    'validation',
    `NIU « ${text} » mal saisi : format 00000-AAAA-000000-00 et caractères de contrôle à vérifier. Relisez-le sur le document.`,
    `NIU “${text}” mistyped: format 00000-YYYY-000000-00 and check digits do not match. Read it again from the document.`,
    { problems: [{ field: 'niu', fr: 'NIU mal saisi', en: 'mistyped NIU' }] },
  );
}

export type DocumentService = ReturnType<typeof createDocumentService>;
