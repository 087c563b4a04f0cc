import type { Label, Lang } from '@docstream/core';
import { translator } from '@docstream/console-kit';

export { fill, translator, errorLabel, errorCode } from '@docstream/console-kit';

/** Every string the centre console shows, as French/English pairs. French is the default. */
export const STRINGS = {
  appTitle: { fr: 'Docstream', en: 'Docstream' },
  centreLine: { fr: 'Centre {matricule} — {name}', en: 'Centre {matricule} — {name}' },
  notInitialised: { fr: 'Centre non initialisé', en: 'Centre not initialised' },
  embedded: { fr: 'embarquée', en: 'embedded' },
  databaseLine: { fr: 'Base de données : {description}', en: 'Database: {description}' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
  working: { fr: 'Patientez…', en: 'Please wait…' },

  // Home
  homeTitle: { fr: 'Accueil', en: 'Home' },
  userLine: { fr: 'Utilisateur : {name} — {role}', en: 'User: {name} — {role}' },
  countsTitle: { fr: 'Documents du centre', en: 'Documents of the centre' },
  countDrafts: { fr: 'Brouillons, à vérifier', en: 'Drafts, to check' },
  countVerified: { fr: 'Vérifiés, à valider', en: 'Checked, to validate' },
  countValidated: { fr: 'Validés', en: 'Validated' },
  countCancelled: { fr: 'Annulés', en: 'Cancelled' },
  countTotal: { fr: 'Total', en: 'Total' },
  menuTitle: { fr: 'Aller à', en: 'Go to' },

  // Documents
  documentsTitle: { fr: 'Documents', en: 'Documents' },
  filterPrompt: { fr: 'Filtre (nom ou NIU) : ', en: 'Filter (name or NIU): ' },
  filterActiveName: { fr: 'Filtre nom : « {text} »', en: 'Name filter: “{text}”' },
  filterActiveNiu: { fr: 'Filtre NIU : {text}', en: 'NIU filter: {text}' },
  noFilter: { fr: 'Tous les documents, du plus récent au plus ancien', en: 'All documents, newest first' },
  colNumero: { fr: 'N°', en: 'No.' },
  colKind: { fr: 'Type', en: 'Kind' },
  colStage: { fr: 'Étape', en: 'Stage' },
  colNiu: { fr: 'NIU', en: 'NIU' },
  colNames: { fr: 'Noms', en: 'Names' },
  noDocuments: { fr: 'Aucun document.', en: 'No documents.' },
  noMatch: { fr: 'Aucun document ne correspond au filtre.', en: 'No document matches the filter.' },
  pageLine: { fr: 'Page {page}', en: 'Page {page}' },
  morePages: { fr: ' · suite : →', en: ' · more: →' },
  cancelledMark: { fr: 'annulé', en: 'cancelled' },

  // Detail
  detailTitle: { fr: 'Document n° {numero}', en: 'Document no. {numero}' },
  detailKind: { fr: 'Type', en: 'Kind' },
  detailStage: { fr: 'Étape', en: 'Stage' },
  detailStatus: { fr: 'Statut', en: 'Status' },
  detailNiu: { fr: 'NIU', en: 'NIU' },
  detailRemark: { fr: 'Remarque', en: 'Remark' },
  detailCancelReason: { fr: 'Motif d’annulation', en: 'Cancellation reason' },
  detailCreated: { fr: 'Établi le', en: 'Drafted on' },
  detailFields: { fr: 'Contenu', en: 'Content' },
  detailHistory: { fr: 'Historique', en: 'History' },
  noHistory: { fr: '(aucun événement)', en: '(no events)' },
  readOnly: { fr: 'lecture seule', en: 'read-only' },
  historyCopyNo: { fr: 'n° {n}', en: 'no. {n}' },

  // Certified copy, from the detail
  copyAsk: { fr: 'Délivrer la copie n° suivante de {niu} ? (o/n)', en: 'Issue the next certified copy of {niu}? (y/n)' },
  copyIssuing: { fr: 'Copie certifiée en préparation…', en: 'Making the certified copy…' },
  copyWritten: { fr: 'Copie n° {n} écrite : {file}', en: 'Copy no. {n} written: {file}' },
  copyWriteFailed: {
    fr: 'Impossible d’écrire {file} ({code}) : la copie n° {n} est enregistrée mais son PDF n’est pas écrit ; libérez de la place ou choisissez un autre dossier (DOCSTREAM_COPIES_DIR), puis délivrez une nouvelle copie.',
    en: 'Cannot write {file} ({code}): copy no. {n} is recorded but its PDF is not written; free some space or choose another folder (DOCSTREAM_COPIES_DIR), then issue a new copy.',
  },

  // Verify a certified copy
  verifyTitle: { fr: 'Vérifier une copie certifiée', en: 'Verify a certified copy' },
  verifyIntro: {
    fr: 'Scannez le QR code de la copie (ou tapez son texte), puis Entrée.',
    en: 'Scan the QR code of the copy (or type its text), then Enter.',
  },
  verifyField: { fr: 'Texte du QR', en: 'QR text' },
  verifyLong: { fr: '{start}… ({n} caractères)', en: '{start}… ({n} characters)' },
  verifyEmpty: { fr: 'Scannez le QR code d’une copie, ou tapez son texte.', en: 'Scan the QR code of a copy, or type its text.' },
  verifying: { fr: 'Vérification…', en: 'Verifying…' },
  verifyChecked: { fr: 'Texte vérifié', en: 'Text verified' },
  verifyKind: { fr: 'Document', en: 'Document' },
  verifyNiu: { fr: 'NIU', en: 'NIU' },
  verifyCopy: { fr: 'Copie n°', en: 'Copy no.' },
  verifyCentre: { fr: 'Centre émetteur', en: 'Issuing centre' },
  verifyIssued: { fr: 'Délivrée le', en: 'Issued on' },
  verifyDetail: { fr: 'Détail technique', en: 'Technical detail' },
  trustChecked: { fr: 'Liste de confiance n° {version} consultée', en: 'Trust list no. {version} checked' },
  trustMissing: {
    fr: 'Aucune liste de confiance reçue : annulations et révocations non vérifiées',
    en: 'No trust list received: cancellations and revocations not checked',
  },
  moreLines: { fr: '… et {n} ligne(s) de plus', en: '… and {n} more line(s)' },

  // Messages from / to the central server
  messagesTitle: { fr: 'Messages du serveur central', en: 'Messages from the central server' },
  messagesSummary: { fr: '{n} message(s), dont {unread} non lu(s)', en: '{n} message(s), {unread} unread' },
  messagesNone: { fr: 'Aucun message pour l’instant.', en: 'No messages yet.' },
  messageIn: { fr: '← reçu', en: '← in' },
  messageOut: { fr: '→ envoyé', en: '→ out' },
  messageUnread: { fr: '●', en: '●' },
  messageUnreadWord: { fr: 'non lu', en: 'unread' },
  messageLegend: { fr: '● : non lu', en: '● : unread' },
  messageFrom: { fr: 'De', en: 'From' },
  messageTo: { fr: 'Pour', en: 'To' },
  messageServer: { fr: 'serveur central', en: 'central server' },
  messageDate: { fr: 'Date', en: 'Date' },
  messageState: { fr: 'État', en: 'State' },
  messageStateUnread: { fr: 'reçu, non lu', en: 'received, unread' },
  messageStateRead: { fr: 'reçu, lu le {date}', en: 'received, read on {date}' },
  messageStateWaiting: { fr: 'en attente : part au prochain échange', en: 'waiting: leaves at the next exchange' },
  messageStateSent: { fr: 'parti (conteneur n° {seq})', en: 'sent (container no. {seq})' },
  messageField: { fr: 'Message', en: 'Message' },
  messageDirection: { fr: 'Sens', en: 'Way' },
  messageAuthor: { fr: 'Auteur', en: 'Author' },
  messageWriteIntro: {
    fr: 'Message au serveur central (une ligne, 4 000 caractères au plus), puis Entrée.',
    en: 'New message to the central server (one line, 4,000 characters at most), then Enter.',
  },
  messageAsk: { fr: 'Envoyer ce message au serveur central ? (o/n)', en: 'Send this message to the central server? (y/n)' },
  messageSending: { fr: 'Enregistrement du message…', en: 'Recording the message…' },
  messageQueued: {
    fr: 'Message enregistré : il partira au prochain échange avec le serveur central.',
    en: 'Message recorded: it leaves at the next exchange with the central server.',
  },
  messageEmpty: { fr: 'Tapez le texte du message.', en: 'Type the text of the message.' },
  messageNotAllowed: {
    fr: 'Écrire au serveur central : réservé au Secrétaire et à l’Officier.',
    en: 'Writing to the central server: for the Secretary and the Officer only.',
  },

  // Account and profile
  accountTitle: { fr: 'Compte et profil du centre', en: 'Account and profile of the centre' },
  accountNone: {
    fr: 'Le serveur n’a pas encore communiqué le compte de ce centre.',
    en: 'The server has not sent this centre’s account yet.',
  },
  profileNone: {
    fr: 'Le serveur n’a pas encore communiqué le profil de ce centre.',
    en: 'The server has not sent this centre’s profile yet.',
  },
  accountHeading: { fr: 'Compte (au {date})', en: 'Account (as of {date})' },
  accountBalance: { fr: 'Solde', en: 'Balance' },
  accountQuota: { fr: 'Requêtes prépayées', en: 'Prepaid queries' },
  accountReceived: { fr: 'Reçu le', en: 'Received on' },
  profileHeading: { fr: 'Profil (au {date})', en: 'Profile (as of {date})' },
  profileName: { fr: 'Nom', en: 'Name' },
  profileCity: { fr: 'Ville', en: 'City' },
  profileRegion: { fr: 'Région', en: 'Region' },
  profilePhone: { fr: 'Téléphone', en: 'Phone' },
  profileStatus: { fr: 'Statut', en: 'Status' },
  signatoriesHeading: { fr: 'Signataires', en: 'Signatories' },
  signatoriesNone: { fr: '(aucun signataire)', en: '(no signatories)' },
  signatoryNational: { fr: 'national', en: 'national' },

  // Overlays
} as const satisfies Record<string, Label>;

export type StringKey = keyof typeof STRINGS;

/** A UI string in the chosen language, with `{name}` placeholders filled in. */
export const t = translator(STRINGS);

/** The side of a French/English pair (labels from the core, form definitions, errors). */
export function pick(lang: Lang, label: Label): string {
  return label[lang];
}

/** Names of the audit actions a document's history shows. */
export const AUDIT_ACTIONS: Record<string, Label> = {
  document_drafted: { fr: 'établi', en: 'drafted' },
  document_edited: { fr: 'modifié', en: 'edited' },
  document_verified: { fr: 'vérifié', en: 'checked' },
  document_sent_back: { fr: 'renvoyé en brouillon', en: 'sent back to draft' },
  document_validated: { fr: 'validé', en: 'validated' },
  document_cancelled: { fr: 'annulé', en: 'cancelled' },
  copy_issued: { fr: 'copie certifiée délivrée', en: 'certified copy issued' },
};
