import type { Label } from '@docstream/core';
import { commonKeys as k, type Binding, type CommonAction } from '@docstream/console-kit';

/**
 * The Documents area's rows of the server's key table (keys/bindings.ts spreads them):
 * the central search, a document's detail, the conflicts and the quarantine.
 */
export type DocumentsScreenId = 'docSearch' | 'docDetail' | 'conflicts' | 'conflict' | 'quarantine' | 'quarantineCentre';

export type DocumentsAction = 'toggleState' | 'conflictsOf' | 'keep' | 'askCancel' | 'mark' | 'reject' | 'rejectAll';

/**
 * What holds now on a Documents screen (a key that names one is shown and works only
 * then): `docRow` a line is under the cursor; `docPages` the list has another page; `docScroll` the text is longer than the
 * screen; `docConflicts` the document has conflicts; `conflictOpen` the conflict shown is
 * still to decide; `heldRow` the line under the cursor is a held container; `heldAny`
 * something of the centre is held.
 */
export type DocumentsCondition = 'docRow' | 'docPages' | 'docScroll' | 'docConflicts' | 'conflictOpen' | 'heldRow' | 'heldAny';

type Row = Binding<DocumentsScreenId, DocumentsAction | CommonAction, DocumentsCondition>;

export const DOCUMENTS_SCREENS: readonly DocumentsScreenId[] = ['docSearch', 'docDetail', 'conflicts', 'conflict', 'quarantine', 'quarantineCentre'];
const LISTS: readonly DocumentsScreenId[] = ['docSearch', 'conflicts', 'quarantine', 'quarantineCentre'];
/** Screens where a remark or a reason is typed, then asked o/n. */
const DECIDING: readonly DocumentsScreenId[] = ['conflict', 'quarantineCentre'];

const same = (text: string): Label => ({ fr: text, en: text });

function key(id: string, input: string, action: DocumentsAction, label: Label, help: Label, screens: readonly DocumentsScreenId[], when?: DocumentsCondition, changes = false): Row {
  return { id, keys: [{ stroke: { input }, action }], shown: same(input), label, help, screens, modes: ['normal'], ...(when ? { when } : {}), ...(changes ? { changes } : {}) };
}

/** Kit rows under ids of this area, so the whole table keeps unique ids. */
function renamed(rows: Row[], prefix: string): Row[] {
  return rows.map((r) => ({ ...r, id: `${prefix}${r.id[0]!.toUpperCase()}${r.id.slice(1)}` }));
}

export const DOCUMENTS_BINDINGS: readonly Row[] = [
  { ...k.move(LISTS), id: 'docMove' },
  { ...k.page(LISTS), id: 'docPage', when: 'docPages' },
  { ...k.open(['docSearch', 'conflicts', 'quarantine']), id: 'docOpen', when: 'docRow' },
  {
    id: 'docScroll',
    keys: [
      { stroke: { key: 'upArrow' }, action: 'up' },
      { stroke: { key: 'downArrow' }, action: 'down' },
      { stroke: { key: 'pageUp' }, action: 'prevPage' },
      { stroke: { key: 'pageDown' }, action: 'nextPage' },
    ],
    shown: same('↑↓'), label: { fr: 'défiler', en: 'scroll' }, help: { fr: 'Faire défiler (PgPréc / PgSuiv : d’un écran)', en: 'Scroll (PgUp / PgDn: a screenful)' },
    screens: ['docDetail', 'conflict'], modes: ['normal'], when: 'docScroll',
  },
  {
    ...k.filter(['docSearch'], {
      fr: 'Critères : NIU, nom, type, centre, région, dates de l’événement, statut (tous facultatifs)',
      en: 'Criteria: NIU, name, kind, centre, region, event dates, status (all optional)',
    }),
    id: 'docCriteria', label: { fr: 'critères', en: 'criteria' },
  },
  {
    ...k.filter(['conflicts'], {
      fr: 'Filtrer par centre (matricule, ex. 00042) ou par NIU ; vide : tous',
      en: 'Filter by centre (matricule, e.g. 00042) or by NIU; empty: all',
    }),
    id: 'conflictsFilter',
  },
  key('conflictsState', 't', 'toggleState', { fr: 'état', en: 'state' }, {
    fr: 'Voir les conflits à trancher, puis tranchés, puis tous', en: 'Show the conflicts to resolve, then resolved, then all',
  }, ['conflicts']),
  key('heldState', 't', 'toggleState', { fr: 'état', en: 'state' }, {
    fr: 'Voir les conteneurs retenus, puis intégrés, refusés, tous', en: 'Show the containers held, then released, rejected, all',
  }, ['quarantineCentre']),
  { ...k.refresh(DOCUMENTS_SCREENS), id: 'docRefresh' },
  key('conflictsOf', 'c', 'conflictsOf', { fr: 'conflits', en: 'conflicts' }, {
    fr: 'Voir les conflits de ce document (même NIU reçu avec un autre contenu)', en: 'See the conflicts of this document (same NIU received with other content)',
  }, ['docDetail'], 'docConflicts'),
  key('keep', 'k', 'keep', { fr: 'maintenir', en: 'keep' }, {
    fr: 'Trancher : la version centralisée reste ; remarque puis o/n (Opérateur)', en: 'Resolve: the centralised version stands; remark then y/n (Operator)',
  }, ['conflict'], 'conflictOpen', true),
  key('askCancel', 'a', 'askCancel', { fr: 'demander l’annulation', en: 'ask to cancel' }, {
    fr: 'Trancher : le centre doit annuler et refaire le document ; remarque puis o/n (Opérateur)', en: 'Resolve: the centre must cancel and redo the document; remark then y/n (Operator)',
  }, ['conflict'], 'conflictOpen', true),
  key('mark', 'm', 'mark', { fr: 'marquer', en: 'mark' }, {
    fr: 'Marquer / démarquer le conteneur pour le refuser avec d’autres', en: 'Mark / unmark the container, to reject it with others',
  }, ['quarantineCentre'], 'heldRow', true),
  key('reject', 'x', 'reject', { fr: 'refuser', en: 'reject' }, {
    fr: 'Refuser pour de bon les conteneurs marqués (sinon celui choisi) ; motif puis o/n (Superviseur)',
    en: 'Reject for good the marked containers (else the selected one); reason then y/n (Supervisor)',
  }, ['quarantineCentre'], 'heldRow', true),
  key('rejectAll', 'X', 'rejectAll', { fr: 'tout refuser', en: 'reject all' }, {
    fr: 'Refuser pour de bon tout ce qui est retenu pour ce centre (Maj+X) ; motif puis o/n (Superviseur)',
    en: 'Reject for good everything held for this centre (Shift+X); reason then y/n (Supervisor)',
  }, ['quarantineCentre'], 'heldAny', true),
  { ...k.back(DOCUMENTS_SCREENS), id: 'docBack' },
  // The criteria form of the search.
  { ...k.formFields<DocumentsScreenId>(['docSearch'])[0]!, id: 'docCriteriaFields' },
  {
    id: 'docCriteriaGo', keys: [{ stroke: { key: 'return' }, action: 'submit' }], shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'chercher', en: 'search' }, help: { fr: 'Chercher avec les critères saisis (aucun : tous les documents)', en: 'Search with the criteria typed (none: every document)' },
    screens: ['docSearch'], modes: ['typing'],
  },
  {
    id: 'docCriteriaCancel', keys: [{ stroke: { key: 'escape' }, action: 'back' }], shown: same('Esc'),
    label: { fr: 'annuler', en: 'cancel' }, help: { fr: 'Fermer les critères sans chercher', en: 'Close the criteria without searching' },
    screens: ['docSearch'], modes: ['typing'],
  },
  ...renamed(k.filterLine(['conflicts']), 'conflicts'),
  // A remark (conflict) or a reason (quarantine), then the question.
  {
    id: 'decisionTextGo', keys: [{ stroke: { key: 'return' }, action: 'submit' }], shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'continuer', en: 'continue' }, help: { fr: 'Remarque ou motif tapé : passer à la question o/n', en: 'Remark or reason typed: go on to the y/n question' },
    screens: DECIDING, modes: ['typing'],
  },
  {
    id: 'decisionTextCancel', keys: [{ stroke: { key: 'escape' }, action: 'back' }], shown: same('Esc'),
    label: { fr: 'abandonner', en: 'discard' }, help: { fr: 'Abandonner, ne rien faire', en: 'Discard, do nothing' },
    screens: DECIDING, modes: ['typing'],
  },
  ...renamed(k.confirm(DECIDING), 'decision'),
];

export const DOCUMENTS_SCREEN_NAMES: Record<DocumentsScreenId, Label> = {
  docSearch: { fr: 'Documents centralisés', en: 'Central documents' },
  docDetail: { fr: 'Document centralisé', en: 'Central document' },
  conflicts: { fr: 'Conflits', en: 'Conflicts' },
  conflict: { fr: 'Conflit', en: 'Conflict' },
  quarantine: { fr: 'Quarantaine', en: 'Quarantine' },
  quarantineCentre: { fr: 'Quarantaine d’un centre', en: 'A centre’s quarantine' },
};
