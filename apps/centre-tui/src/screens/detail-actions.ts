import { Privilege, type DocumentView, type Label, type Lang } from '@docstream/core';
import { translator } from '../i18n.js';

/**
 * The workflow actions on one document from its detail: check (`v`), send back with a
 * remark (`b`), validate (`V`) and cancel with a reason (`x`). Which ones are offered
 * mirrors the core's rules (core/src/centre/documents.ts), which checks them all again.
 */
export type ActKind = 'check' | 'sendBack' | 'validate' | 'cancel';

/** The two that need a text first: a remark, a reason. */
export type TextKind = 'sendBack' | 'cancel';

/**
 * idle; the text field of a remark or reason; the yes/no question; the core at work
 * (`id` ties its answer to this request).
 */
export type ActStep =
  | { step: 'idle' }
  | { step: 'typing'; kind: TextKind; text: string }
  | { step: 'asking'; kind: ActKind; text: string }
  | { step: 'running'; id: number; kind: ActKind; text: string };

/** The last action done, said on the message line until something else is. */
export interface ActDone {
  kind: ActKind;
  numero: number;
  niu: string | null;
}

/** Statuses of a validated document this centre may still cancel: to transmit (3), centralised (4). */
const CANCELLABLE_VALIDATED = new Set([3, 4]);

/**
 * The actions a user may take on a document now, in key order. Check: a draft, Secretary
 * or Officer. Send back: a draft or a checked document, Secretary or Officer. Validate: a
 * checked document, Officer. Cancel: a validated one (not received from the server), Officer;
 * a draft or checked one, its author or a Secretary or Officer.
 */
export function allowedActs(doc: DocumentView | undefined, privilege: number, userId: number): ActKind[] {
  if (!doc) return [];
  const acts: ActKind[] = [];
  const open = doc.status === 1 && doc.stage !== 'validated';
  const secretary = privilege >= Privilege.Secretary;
  if (open && doc.stage === 'draft' && secretary) acts.push('check');
  if (open && secretary) acts.push('sendBack');
  if (open && doc.stage === 'verified' && privilege >= Privilege.Officer) acts.push('validate');
  if (open ? secretary || doc.createdBy === userId : doc.stage === 'validated' && CANCELLABLE_VALIDATED.has(doc.status) && privilege >= Privilege.Officer) {
    acts.push('cancel');
  }
  return acts;
}

/**
 * Whether `e` is offered: the core's `documents.edit` takes any active user (Agent or
 * above) on a document that is still a local draft (Status 1 Nouveau, stage draft), author
 * or not. The core checks it again when the form is saved, and its refusal is shown there.
 */
export function canEditDocument(doc: Pick<DocumentView, 'status' | 'stage'> | undefined, privilege: number): boolean {
  return doc !== undefined && doc.status === 1 && doc.stage === 'draft' && privilege >= Privilege.Agent;
}

const STRINGS = {
  remarkPrompt: { fr: 'Remarque pour l’Agent : ', en: 'Remark for the Agent: ' },
  reasonPrompt: { fr: 'Motif de l’annulation : ', en: 'Reason for cancelling: ' },
  remarkMissing: { fr: 'Indiquez la remarque qui explique le renvoi.', en: 'Give the remark that explains why it is sent back.' },
  reasonMissing: { fr: 'Indiquez le motif de l’annulation.', en: 'Give the reason for the cancellation.' },
  askCheck: { fr: 'Vérifier le document n° {numero} ? (o/n)', en: 'Check document no. {numero}? (y/n)' },
  askSendBack: {
    fr: 'Renvoyer le document n° {numero} en brouillon avec cette remarque ? (o/n)',
    en: 'Send document no. {numero} back to draft with this remark? (y/n)',
  },
  askValidate: {
    fr: 'Valider le document n° {numero} ? Il recevra son NIU et ne pourra plus être modifié. (o/n)',
    en: 'Validate document no. {numero}? It will receive its NIU and can no longer be changed. (y/n)',
  },
  askCancel: {
    fr: 'Annuler le document n° {numero} ? C’est définitif. (o/n)',
    en: 'Cancel document no. {numero}? This is final. (y/n)',
  },
  askCancelValidated: {
    fr: 'Annuler le document n° {numero} ({niu}) ? C’est définitif et transmis au serveur. (o/n)',
    en: 'Cancel document no. {numero} ({niu})? This is final and sent to the server. (y/n)',
  },
  running: { fr: 'Enregistrement…', en: 'Saving…' },
  doneCheck: { fr: 'Document n° {numero} vérifié : il attend la validation de l’Officier.', en: 'Document no. {numero} checked: it awaits the Officer’s validation.' },
  doneSendBack: { fr: 'Document n° {numero} renvoyé en brouillon avec la remarque.', en: 'Document no. {numero} sent back to draft with the remark.' },
  doneValidate: { fr: 'Validé : NIU {niu}', en: 'Validated: NIU {niu}' },
  doneCancel: { fr: 'Document n° {numero} annulé.', en: 'Document no. {numero} cancelled.' },
} as const satisfies Record<string, Label>;

export type ActStringKey = keyof typeof STRINGS;

export const ta = translator(STRINGS);

/** The error said when Enter is pressed on an empty remark or reason. */
export function missingText(kind: TextKind): Label {
  return kind === 'sendBack' ? STRINGS.remarkMissing : STRINGS.reasonMissing;
}

/** `prompt text_`, cut from its start to fit one line: what is being typed is what matters. */
export function fieldLine(lang: Lang, kind: TextKind, text: string, width: number): string {
  const prompt = ta(lang, kind === 'sendBack' ? 'remarkPrompt' : 'reasonPrompt');
  const room = Math.max(8, width - 1 - [...prompt].length);
  const chars = [...`${text}_`];
  return prompt + (chars.length <= room ? chars.join('') : `…${chars.slice(chars.length - (room - 1)).join('')}`);
}

/** What the message line says about an action (the field, the question, the wait, the result), if anything. */
export function actStatus(lang: Lang, act: ActStep, done: ActDone | null, doc: DocumentView | undefined, width: number): string | null {
  const numero = doc?.numero ?? 0;
  switch (act.step) {
    case 'typing':
      return fieldLine(lang, act.kind, act.text, width);
    case 'asking':
      switch (act.kind) {
        case 'check':
          return ta(lang, 'askCheck', { numero });
        case 'sendBack':
          return ta(lang, 'askSendBack', { numero });
        case 'validate':
          return ta(lang, 'askValidate', { numero });
        case 'cancel':
          return doc?.niu ? ta(lang, 'askCancelValidated', { numero, niu: doc.niu }) : ta(lang, 'askCancel', { numero });
      }
      break;
    case 'running':
      return ta(lang, 'running');
    case 'idle':
      break;
  }
  if (!done) return null;
  switch (done.kind) {
    case 'check':
      return ta(lang, 'doneCheck', { numero: done.numero });
    case 'sendBack':
      return ta(lang, 'doneSendBack', { numero: done.numero });
    case 'validate':
      return ta(lang, 'doneValidate', { niu: done.niu ?? '—' });
    case 'cancel':
      return ta(lang, 'doneCancel', { numero: done.numero });
  }
}
