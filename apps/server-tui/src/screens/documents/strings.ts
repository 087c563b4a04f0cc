import type { Label, Lang } from '@docstream/core';
import { translator } from '@docstream/console-kit';

/** The Documents area's words, French first (the core's own labels come with the data). */
export const DOCS_STRINGS = {
  loading: { fr: 'Chargement…', en: 'Loading…' },
  saving: { fr: 'Enregistrement…', en: 'Saving…' },
  yes: { fr: 'oui', en: 'yes' },
  no: { fr: 'non', en: 'no' },
  pageLine: { fr: 'Page {page}', en: 'Page {page}' },
  morePages: { fr: ' · suite : →', en: ' · more: →' },
  lastPage: { fr: ' · dernière page', en: ' · last page' },

  // Search
  searchTitle: { fr: 'Documents centralisés — recherche', en: 'Central documents — search' },
  noCriteria: { fr: 'Aucun critère : tous les documents, les plus récents d’abord (/ pour chercher)', en: 'No criteria: every document, newest first (/ to search)' },
  criteriaLine: { fr: 'Critères : {list}', en: 'Criteria: {list}' },
  criteriaTitle: { fr: 'Critères de recherche (tous facultatifs) :', en: 'Search criteria (all optional):' },
  fieldNiu: { fr: 'NIU', en: 'NIU' },
  fieldName: { fr: 'Nom(s)', en: 'Name(s)' },
  fieldKind: { fr: 'Type', en: 'Kind' },
  fieldCentre: { fr: 'Centre', en: 'Centre' },
  fieldRegion: { fr: 'Région', en: 'Region' },
  fieldFrom: { fr: 'Du', en: 'From' },
  fieldTo: { fr: 'Au', en: 'To' },
  fieldStatus: { fr: 'Statut', en: 'Status' },
  hintKinds: { fr: 'Types : {kinds}', en: 'Kinds: {kinds}' },
  hintDates: { fr: 'Du / Au : date de l’événement, AAAA-MM-JJ · Centre : matricule (5 chiffres)', en: 'From / To: date of the event, YYYY-MM-DD · Centre: matricule (5 digits)' },
  hintStatus: { fr: 'Statut : 4 centralisé, 0 annulé · Nom : mots de n’importe quel nom', en: 'Status: 4 centralised, 0 cancelled · Name: words of any name' },
  colNiu: { fr: 'NIU', en: 'NIU' },
  colKind: { fr: 'Type', en: 'Kind' },
  colCentre: { fr: 'Centre', en: 'Centre' },
  colEvent: { fr: 'Événement', en: 'Event' },
  colStatus: { fr: 'Statut', en: 'Status' },
  colNames: { fr: 'Noms', en: 'Names' },
  noDocuments: { fr: 'Aucun document centralisé.', en: 'No central document.' },
  noMatch: { fr: 'Aucun document ne répond à ces critères.', en: 'No document matches these criteria.' },

  // Document detail
  detailTitle: { fr: 'Document {niu}', en: 'Document {niu}' },
  headNiu: { fr: 'NIU', en: 'NIU' },
  headKind: { fr: 'Type', en: 'Kind' },
  headCentre: { fr: 'Centre', en: 'Centre' },
  headStatus: { fr: 'Statut', en: 'Status' },
  headValidated: { fr: 'Validé le', en: 'Validated' },
  headReceived: { fr: 'Reçu le', en: 'Received' },
  headContainer: { fr: 'Conteneur', en: 'Container' },
  headConflicts: { fr: 'Conflits', en: 'Conflicts' },
  kindLine: { fr: '{title} (v{version}) · n° {numero} au registre central', en: '{title} (v{version}) · no. {numero} in the central register' },
  containerLine: { fr: '{src} n° {seq} · preuve signée archivée : {evidence}', en: '{src} #{seq} · signed evidence archived: {evidence}' },
  containerUnknown: { fr: 'inconnu (reçu avant l’archivage des conteneurs)', en: 'unknown (received before containers were archived)' },
  conflictsLine: { fr: '{open} à trancher, {resolved} tranché(s) — c pour les voir', en: '{open} to resolve, {resolved} resolved — c to see them' },
  conflictsNone: { fr: 'aucun', en: 'none' },
  cancelledBecause: { fr: '{status} — {reason}', en: '{status} — {reason}' },
  fieldsHead: { fr: 'Champs', en: 'Fields' },
  historyHead: { fr: 'Historique (du plus ancien au plus récent)', en: 'History (oldest first)' },
  position: { fr: 'Lignes {from}–{to} sur {total}', en: 'Lines {from}–{to} of {total}' },
  readOnlyNote: { fr: 'lecture seule', en: 'read-only' },

  // Conflicts
  conflictsTitle: { fr: 'Conflits — même NIU reçu avec un autre contenu', en: 'Conflicts — same NIU received with other content' },
  stateOpen: { fr: 'à trancher', en: 'to resolve' },
  stateResolved: { fr: 'tranchés', en: 'resolved' },
  stateAll: { fr: 'tous', en: 'all' },
  rowOpen: { fr: 'à trancher', en: 'open' },
  rowResolved: { fr: 'tranché', en: 'resolved' },
  conflictsHead: { fr: 'Conflits {state} : {total} · {scope}', en: 'Conflicts {state}: {total} · {scope}' },
  scopeAll: { fr: 'tous les centres', en: 'every centre' },
  scopeCentre: { fr: 'centre {centre}', en: 'centre {centre}' },
  scopeNiu: { fr: 'NIU {niu}', en: 'NIU {niu}' },
  filterPrompt: { fr: 'Centre (matricule) ou NIU : ', en: 'Centre (matricule) or NIU: ' },
  colId: { fr: 'N°', en: 'No.' },
  colReceived: { fr: 'Reçu le', en: 'Received' },
  colState: { fr: 'État', en: 'State' },
  colDiffers: { fr: 'Diffère', en: 'Differs' },
  noConflicts: { fr: 'Aucun conflit.', en: 'No conflict.' },

  // One conflict
  conflictTitle: { fr: 'Conflit n° {id} — {niu}', en: 'Conflict #{id} — {niu}' },
  conflictCentre: { fr: 'Centre {matricule} {name} · {state}', en: 'Centre {matricule} {name} · {state}' },
  versionStored: { fr: 'Stockée', en: 'Stored' },
  versionIncoming: { fr: 'Reçue', en: 'Received' },
  versionLine: { fr: '{head} : {at} · conteneur n° {seq} · preuve archivée : {evidence}', en: '{head}: {at} · container #{seq} · evidence archived: {evidence}' },
  storedMissing: { fr: 'Stockée : document centralisé introuvable', en: 'Stored: central document not found' },
  differsLine: { fr: '≠ diffère : {list}', en: '≠ differs: {list}' },
  colField: { fr: 'Champ', en: 'Field' },
  colStored: { fr: 'Stocké (centralisé)', en: 'Stored (central)' },
  colIncoming: { fr: 'Reçu (mis de côté)', en: 'Received (set aside)' },
  decisionsHead: { fr: 'Décisions possibles (Opérateur) :', en: 'Possible decisions (Operator):' },
  resolvedLine: { fr: 'Tranché le {at} par {by} : {decision}', en: 'Resolved {at} by {by}: {decision}' },
  remarkLine: { fr: 'Remarque : {remark}', en: 'Remark: {remark}' },
  remarkPrompt: { fr: 'Remarque (transmise au centre, gardée au journal) : ', en: 'Remark (sent to the centre, kept in the log): ' },
  remarkMissing: { fr: 'Indiquez la remarque qui justifie la décision.', en: 'Give the remark that justifies the decision.' },
  askResolve: {
    fr: 'Trancher le conflit n° {id} : {decision} ? Effet : {effect} Remarque : « {remark} ». C’est définitif. (o/n)',
    en: 'Resolve conflict #{id}: {decision}? Effect: {effect} Remark: “{remark}”. This is final. (y/n)',
  },
  resolved: { fr: 'Conflit n° {id} tranché : {decision}. Le centre {matricule} est averti au prochain échange.', en: 'Conflict #{id} resolved: {decision}. Centre {matricule} is told at the next exchange.' },

  // Quarantine
  quarantineTitle: { fr: 'Quarantaine — ce que les centres suspendus ont envoyé', en: 'Quarantine — what suspended centres sent' },
  colName: { fr: 'Nom', en: 'Name' },
  colContainers: { fr: 'Cont.', en: 'Cont.' },
  colDocuments: { fr: 'Docs', en: 'Docs' },
  colOldest: { fr: 'Depuis', en: 'Since' },
  colNewest: { fr: 'Dernier', en: 'Latest' },
  nothingHeld: { fr: 'Rien en quarantaine.', en: 'Nothing held in quarantine.' },
  releaseHere: {
    fr: 'Libérer n’est pas une action de cet écran : c’est le changement de statut du centre (écran Centres, ou la commande ci-dessus).',
    en: 'Releasing is not an action of this screen: it is the centre’s status change (Centres screen, or the command above).',
  },
  heldTitle: { fr: 'Quarantaine du centre {matricule}', en: 'Quarantine of centre {matricule}' },
  heldHead: { fr: 'Conteneurs {state} · {marked}', en: 'Containers {state} · {marked}' },
  heldStateHeld: { fr: 'retenus', en: 'held' },
  heldStateReleased: { fr: 'intégrés', en: 'released' },
  heldStateRejected: { fr: 'refusés', en: 'rejected' },
  heldStateAll: { fr: 'tous', en: 'all' },
  markedNone: { fr: 'aucun marqué', en: 'none marked' },
  markedSome: { fr: '{n} marqué(s) : n° {list}', en: '{n} marked: #{list}' },
  rowHeld: { fr: 'retenu', en: 'held' },
  rowReleased: { fr: 'intégré', en: 'released' },
  rowRejected: { fr: 'refusé', en: 'rejected' },
  colSeq: { fr: 'N°', en: 'No.' },
  colType: { fr: 'Type', en: 'Type' },
  noContainers: { fr: 'Aucun conteneur dans cet état.', en: 'No container in this state.' },
  rejectedBy: { fr: '{by} : {reason}', en: '{by}: {reason}' },
  reasonPrompt: { fr: 'Motif du refus (transmis au centre, gardé au journal) : ', en: 'Reason for rejecting (sent to the centre, kept in the log): ' },
  reasonMissing: { fr: 'Indiquez le motif du refus.', en: 'Give the reason for rejecting.' },
  askReject: {
    fr: 'Refuser pour de bon {what} du centre {matricule} ? Gardés au registre, jamais intégrés, même à la réactivation ; le centre est averti. Motif : « {reason} ». (o/n)',
    en: 'Reject for good {what} of centre {matricule}? Kept on file, never integrated, not even on reactivation; the centre is told. Reason: “{reason}”. (y/n)',
  },
  whatSeqs: { fr: 'le(s) conteneur(s) n° {list}', en: 'container(s) #{list}' },
  whatAll: { fr: 'tout ce qui est retenu', en: 'everything held' },
  rejected: { fr: '{n} conteneur(s) refusé(s) (n° {list} ; {documents} document(s)). Le centre est averti au prochain échange.', en: '{n} container(s) rejected (#{list}; {documents} document(s)). The centre is told at the next exchange.' },
} as const satisfies Record<string, Label>;

export type DocsStringKey = keyof typeof DOCS_STRINGS;

export const dt = translator(DOCS_STRINGS);

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date and time to the minute, the way a register is read. */
export function dateTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function dateOnly(d: Date): string {
  return dateTime(d).slice(0, 10);
}

export function yesNo(lang: Lang, v: boolean): string {
  return dt(lang, v ? 'yes' : 'no');
}
