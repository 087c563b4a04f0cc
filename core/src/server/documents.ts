import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound } from '../errors.js';
import type { Session } from '../auth/session.js';
import type { Label } from '../forms/types.js';
import { parseNiu } from '../forms/niu.js';
import { fieldRows, type FieldRow } from '../forms/field-text.js';
import { formVersion } from '../forms/catalog-queries.js';
import { auditForEntity } from '../audit/queries.js';
import { OperatorPrivilege as P, type Guard } from './guard.js';
import { CLIENT_STATUS_LABELS } from './clients.js';
import type { CentralSearchInput, CentralSearchPage, Statistics } from './statistics.js';
import { centralDocumentByNiu, copiesOfNiu } from './queries/documents.js';
import { conflictsOfNiu } from './queries/resolution.js';
import { createConflicts, DECISION_LABELS, type ConflictDecision } from './conflicts.js';
import { createQuarantine } from './quarantine.js';

/** A centralised document's Status, as the server holds it: 4 centralised, 0 cancelled. */
export const CENTRAL_STATUS_LABELS: Record<number, Label> = {
  0: { fr: 'Annulé', en: 'Cancelled' },
  4: { fr: 'Centralisé', en: 'Centralised' },
};

/** The container a document or a version came in, and whether its signed content is archived. */
export interface ContainerRef {
  src: string;
  seq: number;
  evidenceArchived: boolean;
}

export interface HistoryEntry {
  at: Date;
  /** received, cancelled, conflict, copy, or an audit action (conflict_resolved…). */
  event: string;
  /** The operator, for what an operator did; null for what the centre sent. */
  actor: string | null;
  text: Label;
  conflictId?: number;
  container?: { src: string; seq: number };
  auditSeq?: number;
}

export interface DocumentDetail {
  numero: number;
  niu: string;
  centre: { matricule: string; name: string | null; region: string | null; status: number | null; statusLabel: Label | null };
  /** `title` is null when this form version is not installed: fields then show their raw names. */
  form: { id: string; version: number; title: Label | null };
  status: number;
  statusLabel: Label;
  namesDisplay: string;
  eventDate: string | null;
  validatedAt: Date;
  receivedAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  fields: FieldRow[];
  container: ContainerRef | null;
  conflicts: { open: number; resolved: number };
  /** Oldest first. */
  history: HistoryEntry[];
}

const VIEW: Label = { fr: 'consulter les documents centralisés', en: 'viewing centralised documents' };

function historyOfAudit(action: string, details: Record<string, unknown>): Label {
  if (action === 'conflict_resolved') {
    const d = DECISION_LABELS[details['decision'] as ConflictDecision] ?? { fr: String(details['decision']), en: String(details['decision']) };
    const remark = typeof details['remark'] === 'string' ? details['remark'] : '';
    return { fr: `Conflit n° ${String(details['conflict'])} tranché : ${d.fr} — ${remark}`, en: `Conflict #${String(details['conflict'])} resolved: ${d.en} — ${remark}` };
  }
  return { fr: action, en: action };
}

/**
 * The Documents area of the server console (DESIGN §7): search by criteria, a document's
 * detail with its history, and the two queues the ingest sets aside for people to decide:
 * conflicts and quarantined containers. Every call is guarded here, not in the console.
 */
export function createDocuments(db: Database, clock: Clock, guard: Guard, statistics: Statistics) {
  return {
    /** The central search (criteria as `docstream-server search`), paged by `before` = the last numero shown. */
    search(session: Session, criteria: Omit<CentralSearchInput, 'before' | 'limit'>, page: { before?: number; limit?: number } = {}): Promise<CentralSearchPage> {
      return statistics.search(session, { ...criteria, ...page });
    },

    async detail(session: Session, niu: string): Promise<DocumentDetail> {
      const n = niu.trim();
      if (!parseNiu(n)) {
        throw new DocstreamError('validation', `NIU « ${niu} » mal saisi : format 00000-AAAA-000000-00 ; relisez-le sur le document.`,
          `NIU “${niu}” mistyped: format 00000-YYYY-000000-00; read it again from the document.`, { problems: [{ field: 'niu', fr: 'NIU mal saisi', en: 'mistyped NIU' }] });
      }
      await guard(db, session, P.Viewer, VIEW);
      const d = await centralDocumentByNiu(db, n);
      if (!d) throw notFound(`Document de NIU ${n} au registre central`, `Document with NIU ${n} in the central register`);
      const [form, conflicts, copies, audit] = await Promise.all([
        formVersion(db, 'server', d.form_id, d.form_version), conflictsOfNiu(db, n), copiesOfNiu(db, d.matricule, n), auditForEntity(db, 'server', 'document', n),
      ]);
      const history: HistoryEntry[] = [{
        at: d.received_at, event: 'received', actor: null,
        text: d.src_seq === null
          ? { fr: `Reçu du centre ${d.matricule}`, en: `Received from centre ${d.matricule}` }
          : { fr: `Reçu du centre ${d.matricule} (conteneur n° ${d.src_seq})`, en: `Received from centre ${d.matricule} (container #${d.src_seq})` },
        ...(d.src_seq === null ? {} : { container: { src: d.matricule, seq: d.src_seq } }),
      }];
      for (const c of conflicts) {
        history.push({
          at: c.received_at, event: 'conflict', actor: null, conflictId: c.id, container: { src: d.matricule, seq: c.src_seq },
          text: {
            fr: `Version différente reçue (conteneur n° ${c.src_seq}) : conflit n° ${c.id}, ${c.resolved_at ? 'tranché' : 'à trancher'}`,
            en: `Different version received (container #${c.src_seq}): conflict #${c.id}, ${c.resolved_at ? 'resolved' : 'to resolve'}`,
          },
        });
      }
      for (const c of copies) {
        history.push({ at: c.issued_at, event: 'copy', actor: null, text: { fr: `Copie certifiée n° ${c.copy_no} délivrée par le centre`, en: `Certified copy #${c.copy_no} issued by the centre` } });
      }
      if (d.cancelled_at) {
        history.push({ at: d.cancelled_at, event: 'cancelled', actor: null, text: { fr: `Annulé par le centre : ${d.cancel_reason ?? ''}`, en: `Cancelled by the centre: ${d.cancel_reason ?? ''}` } });
      }
      for (const a of audit) history.push({ at: a.at, event: a.action, actor: a.actorLogin, auditSeq: a.seq, text: historyOfAudit(a.action, a.details) });
      history.sort((a, b) => a.at.getTime() - b.at.getTime());
      return {
        numero: d.numero,
        niu: d.niu,
        centre: { matricule: d.matricule, name: d.centre_name, region: d.centre_region, status: d.centre_status, statusLabel: d.centre_status === null ? null : CLIENT_STATUS_LABELS[d.centre_status] ?? null },
        form: { id: d.form_id, version: d.form_version, title: form?.title ?? null },
        status: d.status,
        statusLabel: CENTRAL_STATUS_LABELS[d.status] ?? { fr: String(d.status), en: String(d.status) },
        namesDisplay: d.names_display,
        eventDate: d.event_date,
        validatedAt: d.validated_at,
        receivedAt: d.received_at,
        cancelledAt: d.cancelled_at,
        cancelReason: d.cancel_reason,
        fields: fieldRows(form, d.data),
        container: d.src_seq === null ? null : { src: d.matricule, seq: d.src_seq, evidenceArchived: d.evidence },
        conflicts: { open: conflicts.filter((c) => !c.resolved_at).length, resolved: conflicts.filter((c) => c.resolved_at).length },
        history,
      };
    },

    conflicts: createConflicts(db, clock, guard),
    quarantine: createQuarantine(db, clock, guard),
  };
}

export type Documents = ReturnType<typeof createDocuments>;
