import type { Label } from '@docstream/core';
import { accountsKeys, commonKeys as k, type AccountsCondition, type AccountsKeyAction, type Binding as KitBinding, type CommonAction } from '@docstream/console-kit';

export type { KeyStroke, Mode, NamedKey } from '@docstream/console-kit';

/**
 * THE key table of the centre console. Input handling, the footer line and the `?` help
 * are all derived from it (keys/kit.ts); a key that is not here does nothing. The keys
 * every console shares come from the kit (`k.…`); their place in the table is the footer's order.
 */

export type ScreenId = 'login' | 'changePassword' | 'home' | 'documents' | 'detail' | 'verify' | 'transmission' | 'messages' | 'account' | 'help' | 'palette' | 'form' | 'users' | 'settings';

/**
 * Something a screen says holds right now; a binding that names one is shown in the footer
 * and works only then (the `?` help always lists it, saying when it applies).
 * `copy`: an Officer on a validated, non-cancelled document, no copy being made.
 */
export type Condition = 'copy' | 'messageList' | 'messageOpen' | UsersCondition | SettingsCondition | TransmissionCondition | DocumentCondition | FormCondition | HelpCondition;

/**
 * The detail's workflow actions that apply to the document and the user (see
 * screens/detail-actions.ts); `askCopy` / `askDoc`: which yes/no question waits.
 * `docEdit`: the document (the detail's, or the list's selected row) is a draft this user may edit.
 */
export type DocumentCondition = 'docEdit' | 'docCheck' | 'docSendBack' | 'docValidate' | 'docCancel' | 'askCopy' | 'askDoc';

/**
 * Users: `userList` the list is shown (loaded, not refused); `userSelected` a row is chosen;
 * `userActive` the chosen account is not suspended; `userRole` the form's role field has focus.
 */
export type UsersCondition = AccountsCondition;

/**
 * Settings: `settingList` the settings are shown (read, not refused); `settingEdit` the
 * user may change them (the Officer); `settingChoice` the value being changed is chosen
 * from a list (cycle, language), not typed.
 */
export type SettingsCondition = 'settingList' | 'settingEdit' | 'settingChoice';

/** The `?` help is longer than the terminal: it scrolls. */
export type HelpCondition = 'helpScroll';

/** New document: `formEnum` the focused field is a list (←→ choose its value). */
export type FormCondition = 'formEnum';

/**
 * Transmissions: `live` the screen refreshes itself (`paused` not), `idle` no file being written or read;
 * the MQTT cycle this console hosts can be started (`cycleStart`), started again after a stop or a
 * failure (`cycleResume`), or stopped (`cycleStop`).
 */
export type TransmissionCondition = 'live' | 'paused' | 'idle' | 'cycleStart' | 'cycleResume' | 'cycleStop';

export type Action =
  | CommonAction
  | FormKeyAction
  | 'copy'
  | 'write'
  | 'pause'
  | 'exportT2d'
  | 'importT2d'
  | 'cycleStart'
  | 'cycleStop'
  | 'editDoc'
  | 'docCheck'
  | 'docSendBack'
  | 'docValidate'
  | 'docCancel'
  | UsersKeyAction;

/** The Users screen's own actions. */
export type UsersKeyAction = Exclude<AccountsKeyAction, 'prevChoice' | 'nextChoice'>;

/** The new-document form's own actions. */
export type FormKeyAction = 'save' | 'prevChoice' | 'nextChoice';

export type Binding = KitBinding<ScreenId, Action, Condition>;

const LISTS: readonly ScreenId[] = ['home', 'documents', 'detail', 'transmission', 'messages', 'account', 'form', 'users', 'settings'];
const FORMS: readonly ScreenId[] = ['login', 'changePassword'];
const ALL: readonly ScreenId[] = ['login', 'changePassword', 'home', 'documents', 'detail', 'verify', 'transmission', 'messages', 'account', 'help', 'palette', 'form', 'users', 'settings'];

const same = (text: string): Label => ({ fr: text, en: text });

export const BINDINGS: readonly Binding[] = [
  k.help(LISTS),
  k.palette(LISTS),
  k.move(['home', 'documents']),
  {
    id: 'scroll',
    keys: [
      { stroke: { key: 'upArrow' }, action: 'up' },
      { stroke: { key: 'downArrow' }, action: 'down' },
      { stroke: { input: 'k' }, action: 'up' },
      { stroke: { input: 'j' }, action: 'down' },
    ],
    shown: same('↑↓'),
    label: { fr: 'défiler', en: 'scroll' },
    help: { fr: 'Faire défiler d’une ligne', en: 'Scroll by one line' },
    screens: ['detail'],
    modes: ['normal'],
  },
  k.page(['documents', 'detail']),
  k.open(['home', 'documents']),
  k.filter(['documents'], {
    fr: 'Filtrer : un nom (ex. kone aminata) ou un NIU (ex. 00042-2026-000123-47)',
    en: 'Filter: a name (e.g. kone aminata) or a NIU (e.g. 00042-2026-000123-47)',
  }),
  k.refresh(['home', 'detail', 'transmission', 'messages', 'account']),
  {
    id: 'copy',
    keys: [{ stroke: { input: 'p' }, action: 'copy' }],
    shown: same('p'),
    label: { fr: 'copie', en: 'copy' },
    help: {
      fr: 'Délivrer une copie certifiée en PDF, numérotée et facturée (Officier ; document validé, non annulé)',
      en: 'Issue a certified copy as a PDF, numbered and billed (Officer; validated, non-cancelled document)',
    },
    screens: ['detail'],
    modes: ['normal'],
    when: 'copy',
  },
  {
    id: 'copyYes',
    keys: [
      { stroke: { input: 'o' }, action: 'yes' },
      { stroke: { input: 'y' }, action: 'yes' },
    ],
    shown: { fr: 'o', en: 'y' },
    label: { fr: 'oui, délivrer', en: 'yes, issue' },
    help: { fr: 'Oui : délivrer la copie, écrire le PDF', en: 'Yes: issue the copy, write the PDF' },
    screens: ['detail'],
    modes: ['confirm'],
    when: 'askCopy',
  },
  {
    id: 'copyNo',
    keys: [
      { stroke: { input: 'n' }, action: 'no' },
      { stroke: { key: 'escape' }, action: 'no' },
    ],
    shown: { fr: 'n Esc', en: 'n Esc' },
    label: { fr: 'non', en: 'no' },
    help: { fr: 'Non : ne rien délivrer', en: 'No: issue nothing' },
    screens: ['detail'],
    modes: ['confirm'],
    when: 'askCopy',
  },
  // Workflow actions on the document (detail): each shown only where it applies.
  {
    id: 'docEdit',
    keys: [{ stroke: { input: 'e' }, action: 'editDoc' }],
    shown: same('e'),
    label: { fr: 'modifier', en: 'edit' },
    help: {
      fr: 'Modifier le brouillon dans son formulaire ; Ctrl+S enregistre et revient ici (brouillon seulement)',
      en: 'Edit the draft in its form; Ctrl+S saves and comes back here (drafts only)',
    },
    screens: ['documents', 'detail'],
    modes: ['normal'],
    when: 'docEdit',
  },
  {
    id: 'docCheck',
    keys: [{ stroke: { input: 'v' }, action: 'docCheck' }],
    shown: same('v'),
    label: { fr: 'vérifier', en: 'check' },
    help: { fr: 'Vérifier le brouillon : complet et cohérent (Secrétaire, Officier)', en: 'Check the draft: complete and consistent (Secretary, Officer)' },
    screens: ['detail'],
    modes: ['normal'],
    when: 'docCheck',
  },
  {
    id: 'docSendBack',
    keys: [{ stroke: { input: 'b' }, action: 'docSendBack' }],
    shown: same('b'),
    label: { fr: 'renvoyer', en: 'send back' },
    help: {
      fr: 'Renvoyer en brouillon avec une remarque pour l’Agent (Secrétaire, Officier ; non validé)',
      en: 'Send back to draft with a remark for the Agent (Secretary, Officer; not validated)',
    },
    screens: ['detail'],
    modes: ['normal'],
    when: 'docSendBack',
  },
  {
    id: 'docValidate',
    keys: [{ stroke: { input: 'V' }, action: 'docValidate' }],
    shown: same('V'),
    label: { fr: 'valider', en: 'validate' },
    help: {
      fr: 'Valider (Maj+V) : attribue le NIU, plus de modification ; demandé d’abord (Officier ; document vérifié)',
      en: 'Validate (Shift+V): assigns the NIU, no more changes; asked first (Officer; checked document)',
    },
    screens: ['detail'],
    modes: ['normal'],
    when: 'docValidate',
  },
  {
    id: 'docCancel',
    keys: [{ stroke: { input: 'x' }, action: 'docCancel' }],
    shown: same('x'),
    label: { fr: 'annuler', en: 'cancel' },
    help: {
      fr: 'Annuler le document avec un motif, définitivement ; demandé d’abord (validé : Officier)',
      en: 'Cancel the document with a reason, for good; asked first (validated: Officer)',
    },
    screens: ['detail'],
    modes: ['normal'],
    when: 'docCancel',
  },
  {
    id: 'docTextGo',
    keys: [{ stroke: { key: 'return' }, action: 'submit' }],
    shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'continuer', en: 'continue' },
    help: { fr: 'Remarque ou motif tapé : passer à la question o/n', en: 'Remark or reason typed: go on to the y/n question' },
    screens: ['detail'],
    modes: ['typing'],
  },
  {
    id: 'docTextCancel',
    keys: [{ stroke: { key: 'escape' }, action: 'back' }],
    shown: same('Esc'),
    label: { fr: 'abandonner', en: 'discard' },
    help: { fr: 'Abandonner la remarque ou le motif, ne rien faire', en: 'Discard the remark or reason, do nothing' },
    screens: ['detail'],
    modes: ['typing'],
  },
  {
    id: 'docYes',
    keys: [
      { stroke: { input: 'o' }, action: 'yes' },
      { stroke: { input: 'y' }, action: 'yes' },
    ],
    shown: { fr: 'o', en: 'y' },
    label: { fr: 'oui', en: 'yes' },
    help: { fr: 'Oui : faire l’action demandée sur le document', en: 'Yes: take the action asked on the document' },
    screens: ['detail'],
    modes: ['confirm'],
    when: 'askDoc',
  },
  {
    id: 'docNo',
    keys: [
      { stroke: { input: 'n' }, action: 'no' },
      { stroke: { key: 'escape' }, action: 'no' },
    ],
    shown: { fr: 'n Esc', en: 'n Esc' },
    label: { fr: 'non', en: 'no' },
    help: { fr: 'Non : ne rien faire (une remarque ou un motif revient à sa saisie)', en: 'No: do nothing (a remark or reason goes back to its field)' },
    screens: ['detail'],
    modes: ['confirm'],
    when: 'askDoc',
  },
  ...k.formFields(FORMS),
  {
    id: 'searchFilter',
    keys: [{ stroke: { key: 'return' }, action: 'submit' }],
    shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'chercher', en: 'search' },
    help: { fr: 'Chercher avec le filtre saisi (vide : tous les documents)', en: 'Search with the typed filter (empty: all documents)' },
    screens: ['documents'],
    modes: ['typing'],
  },
  {
    id: 'cancelFilter',
    keys: [{ stroke: { key: 'escape' }, action: 'back' }],
    shown: same('Esc'),
    label: { fr: 'annuler', en: 'cancel' },
    help: { fr: 'Fermer la ligne de filtre sans chercher', en: 'Close the filter line without searching' },
    screens: ['documents'],
    modes: ['typing'],
  },
  {
    id: 'verifySubmit',
    keys: [{ stroke: { key: 'return' }, action: 'submit' }],
    shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'vérifier', en: 'verify' },
    help: {
      fr: 'Vérifier le texte scanné ou tapé ; le champ se vide pour le scan suivant',
      en: 'Verify the scanned or typed text; the field empties for the next scan',
    },
    screens: ['verify'],
    modes: ['typing'],
  },
  {
    id: 'verifyBack',
    keys: [{ stroke: { key: 'escape' }, action: 'back' }],
    shown: same('Esc'),
    label: { fr: 'retour', en: 'back' },
    help: {
      fr: 'Effacer le texte en cours ; champ vide : revenir à l’écran précédent',
      en: 'Clear the text being typed; empty field: back to the previous screen',
    },
    screens: ['verify'],
    modes: ['typing'],
  },
  {
    id: 'txPause',
    keys: [{ stroke: { input: 'p' }, action: 'pause' }],
    shown: same('p'),
    label: { fr: 'pause', en: 'pause' },
    help: {
      fr: 'Suspendre / reprendre l’actualisation automatique (toutes les 2 s)',
      en: 'Pause / resume the automatic refresh (every 2 s)',
    },
    screens: ['transmission'],
    modes: ['normal'],
    when: 'live',
  },
  {
    id: 'txResume',
    keys: [{ stroke: { input: 'p' }, action: 'pause' }],
    shown: same('p'),
    label: { fr: 'reprendre', en: 'resume' },
    help: { fr: 'Reprendre l’actualisation automatique', en: 'Resume the automatic refresh' },
    screens: ['transmission'],
    modes: ['normal'],
    when: 'paused',
  },
  {
    id: 'txExport',
    keys: [{ stroke: { input: 'e' }, action: 'exportT2d' }],
    shown: same('e'),
    label: { fr: 'export', en: 'export' },
    help: {
      fr: 'Export T2D : écrire les conteneurs non acquittés dans un fichier (clé USB) ; demande le chemin',
      en: 'T2D export: write the unacknowledged containers to a file (USB stick); asks for the path',
    },
    screens: ['transmission'],
    modes: ['normal'],
    when: 'idle',
  },
  {
    id: 'txImport',
    keys: [{ stroke: { input: 'i' }, action: 'importT2d' }],
    shown: same('i'),
    label: { fr: 'import', en: 'import' },
    help: {
      fr: 'Import T2D : appliquer le fichier de réponse du serveur central ; demande le chemin',
      en: 'T2D import: apply the central server’s answer file; asks for the path',
    },
    screens: ['transmission'],
    modes: ['normal'],
    when: 'idle',
  },
  {
    id: 'cycleStart',
    keys: [{ stroke: { input: 's' }, action: 'cycleStart' }],
    shown: same('s'),
    label: { fr: 'démarrer', en: 'start' },
    help: {
      fr: 'Démarrer le cycle MQTT dans cette console : envoyer les documents validés, recevoir les réponses',
      en: 'Start the MQTT cycle in this console: send the validated documents, receive the answers',
    },
    screens: ['transmission'],
    modes: ['normal'],
    when: 'cycleStart',
  },
  {
    id: 'cycleResume',
    keys: [{ stroke: { input: 's' }, action: 'cycleStart' }],
    shown: same('s'),
    label: { fr: 'reprendre', en: 'resume' },
    help: { fr: 'Reprendre le cycle MQTT arrêté (ou relancer après un échec)', en: 'Resume the stopped MQTT cycle (or start again after a failure)' },
    screens: ['transmission'],
    modes: ['normal'],
    when: 'cycleResume',
  },
  {
    id: 'cycleStop',
    keys: [{ stroke: { input: 's' }, action: 'cycleStop' }],
    shown: same('s'),
    label: { fr: 'arrêter', en: 'stop' },
    help: {
      fr: 'Arrêter le cycle MQTT : rien ne se perd, les documents attendent dans la file d’envoi',
      en: 'Stop the MQTT cycle: nothing is lost, the documents wait in the outbox',
    },
    screens: ['transmission'],
    modes: ['normal'],
    when: 'cycleStop',
  },
  {
    id: 'txPathGo',
    keys: [{ stroke: { key: 'return' }, action: 'submit' }],
    shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'valider', en: 'confirm' },
    help: { fr: 'Chemin du fichier : écrire (export) ou lire (import)', en: 'File path: write it (export) or read it (import)' },
    screens: ['transmission'],
    modes: ['typing'],
  },
  {
    id: 'txPathCancel',
    keys: [{ stroke: { key: 'escape' }, action: 'back' }],
    shown: same('Esc'),
    label: { fr: 'annuler', en: 'cancel' },
    help: { fr: 'Fermer la question du chemin sans rien faire', en: 'Close the path question, doing nothing' },
    screens: ['transmission'],
    modes: ['typing'],
  },
  ...k.paletteKeys('palette'),
  ...k.helpKeys('help', 'helpScroll'),
  k.back(['documents', 'detail', 'transmission', 'account'], {
    fr: 'Revenir à l’écran précédent (une liste filtrée : effacer d’abord le filtre)',
    en: 'Back to the previous screen (a filtered list: clear the filter first)',
  }),
  {
    id: 'backForm',
    keys: [{ stroke: { key: 'escape' }, action: 'back' }],
    shown: same('Esc'),
    label: { fr: 'retour', en: 'back' },
    help: {
      fr: 'Abandonner et revenir (changement imposé : retour à la connexion)',
      en: 'Give up and go back (required change: back to the login)',
    },
    screens: ['changePassword'],
    modes: ['typing'],
  },
  // Messages (list, one message open, writing one, the question before sending)
  {
    id: 'messageMove',
    keys: [
      { stroke: { key: 'upArrow' }, action: 'up' },
      { stroke: { key: 'downArrow' }, action: 'down' },
      { stroke: { input: 'k' }, action: 'up' },
      { stroke: { input: 'j' }, action: 'down' },
    ],
    shown: same('↑↓'),
    label: { fr: 'choix', en: 'select' },
    help: { fr: 'Choisir le message précédent / suivant (du plus récent au plus ancien)', en: 'Select the previous / next message (newest first)' },
    screens: ['messages'],
    modes: ['normal'],
    when: 'messageList',
  },
  {
    id: 'messageRead',
    keys: [{ stroke: { key: 'return' }, action: 'open' }],
    shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'lire', en: 'read' },
    help: { fr: 'Lire le message choisi en entier (un message reçu devient lu)', en: 'Read the selected message in full (a received one becomes read)' },
    screens: ['messages'],
    modes: ['normal'],
    when: 'messageList',
  },
  {
    id: 'messageWrite',
    keys: [{ stroke: { input: 'n' }, action: 'write' }],
    shown: same('n'),
    label: { fr: 'écrire', en: 'write' },
    help: {
      fr: 'Écrire un message au serveur central (Secrétaire ou Officier) ; il part au prochain échange',
      en: 'Write a message to the central server (Secretary or Officer); it leaves at the next exchange',
    },
    screens: ['messages'],
    modes: ['normal'],
    when: 'messageList',
  },
  {
    id: 'messageScroll',
    keys: [
      { stroke: { key: 'upArrow' }, action: 'up' },
      { stroke: { key: 'downArrow' }, action: 'down' },
      { stroke: { input: 'k' }, action: 'up' },
      { stroke: { input: 'j' }, action: 'down' },
    ],
    shown: same('↑↓'),
    label: { fr: 'défiler', en: 'scroll' },
    help: { fr: 'Faire défiler le message ouvert d’une ligne', en: 'Scroll the open message by one line' },
    screens: ['messages'],
    modes: ['normal'],
    when: 'messageOpen',
  },
  {
    id: 'messageBack',
    keys: [{ stroke: { key: 'escape' }, action: 'back' }],
    shown: same('Esc'),
    label: { fr: 'retour', en: 'back' },
    help: { fr: 'Fermer le message ouvert ; sinon revenir à l’écran précédent', en: 'Close the open message; else back to the previous screen' },
    screens: ['messages'],
    modes: ['normal'],
  },
  {
    id: 'messageSend',
    keys: [{ stroke: { key: 'return' }, action: 'submit' }],
    shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'envoyer', en: 'send' },
    help: { fr: 'Envoyer le message tapé (une question o/n le confirme d’abord)', en: 'Send the typed message (a y/n question confirms it first)' },
    screens: ['messages'],
    modes: ['typing'],
  },
  {
    id: 'messageCancel',
    keys: [{ stroke: { key: 'escape' }, action: 'back' }],
    shown: same('Esc'),
    label: { fr: 'abandonner', en: 'discard' },
    help: { fr: 'Abandonner le message tapé, revenir à la liste', en: 'Discard the typed message, back to the list' },
    screens: ['messages'],
    modes: ['typing'],
  },
  {
    id: 'messageYes',
    keys: [
      { stroke: { input: 'o' }, action: 'yes' },
      { stroke: { input: 'y' }, action: 'yes' },
    ],
    shown: { fr: 'o', en: 'y' },
    label: { fr: 'oui, envoyer', en: 'yes, send' },
    help: { fr: 'Oui : enregistrer le message pour le prochain échange', en: 'Yes: record the message for the next exchange' },
    screens: ['messages'],
    modes: ['confirm'],
  },
  {
    id: 'messageNo',
    keys: [
      { stroke: { input: 'n' }, action: 'no' },
      { stroke: { key: 'escape' }, action: 'no' },
    ],
    shown: { fr: 'n Esc', en: 'n Esc' },
    label: { fr: 'non', en: 'no' },
    help: { fr: 'Non : revenir au texte sans rien envoyer', en: 'No: back to the text, nothing sent' },
    screens: ['messages'],
    modes: ['confirm'],
  },
  // New document (form screen): the kinds to pick from, then the generated form
  {
    id: 'formKindMove',
    keys: [
      { stroke: { key: 'upArrow' }, action: 'up' },
      { stroke: { key: 'downArrow' }, action: 'down' },
      { stroke: { input: 'k' }, action: 'up' },
      { stroke: { input: 'j' }, action: 'down' },
    ],
    shown: same('↑↓'),
    label: { fr: 'choix', en: 'select' },
    help: { fr: 'Choisir le type de document', en: 'Select the kind of document' },
    screens: ['form'],
    modes: ['normal'],
  },
  {
    id: 'formKindOpen',
    keys: [{ stroke: { key: 'return' }, action: 'open' }],
    shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'saisir', en: 'fill in' },
    help: { fr: 'Ouvrir le formulaire du type choisi', en: 'Open the form of the selected kind' },
    screens: ['form'],
    modes: ['normal'],
  },
  { ...k.back(['form']), id: 'formKindBack' },
  {
    id: 'formFields',
    keys: [
      { stroke: { key: 'tab' }, action: 'nextField' },
      { stroke: { key: 'tab', shift: true }, action: 'prevField' },
      { stroke: { key: 'downArrow' }, action: 'nextField' },
      { stroke: { key: 'upArrow' }, action: 'prevField' },
    ],
    shown: { fr: 'Tab ↑↓ Entrée', en: 'Tab ↑↓ Enter' },
    label: { fr: 'champ', en: 'field' },
    help: { fr: 'Champ suivant / précédent', en: 'Next / previous field' },
    screens: ['form'],
    modes: ['typing'],
  },
  {
    id: 'formNext',
    keys: [{ stroke: { key: 'return' }, action: 'submit' }],
    shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'champ', en: 'field' },
    help: { fr: 'Champ suivant ; sur le dernier, enregistrer le brouillon', en: 'Next field; on the last one, save the draft' },
    screens: ['form'],
    modes: ['typing'],
    // The footer shows it with Tab ↑↓ (formFields).
    footerModes: [],
  },
  {
    id: 'formSave',
    keys: [{ stroke: { input: 's', ctrl: true }, action: 'save' }],
    shown: same('Ctrl+S'),
    label: { fr: 'enregistrer', en: 'save' },
    help: {
      fr: 'Enregistrer le brouillon (il peut rester incomplet) ; les erreurs s’affichent sous les champs',
      en: 'Save the draft (it may stay incomplete); errors show under the fields',
    },
    screens: ['form'],
    modes: ['typing'],
  },
  {
    id: 'formChoice',
    keys: [
      { stroke: { key: 'leftArrow' }, action: 'prevChoice' },
      { stroke: { key: 'rightArrow' }, action: 'nextChoice' },
    ],
    shown: same('←→'),
    label: { fr: 'choix', en: 'choose' },
    help: { fr: 'Champ à liste : valeur précédente / suivante', en: 'List field: previous / next value' },
    screens: ['form'],
    modes: ['typing'],
    when: 'formEnum',
  },
  {
    id: 'formLeave',
    keys: [{ stroke: { key: 'escape' }, action: 'back' }],
    shown: same('Esc'),
    label: { fr: 'retour', en: 'back' },
    help: {
      fr: 'Quitter le formulaire (modifications non enregistrées : demande confirmation)',
      en: 'Leave the form (unsaved changes: asks first)',
    },
    screens: ['form'],
    modes: ['typing'],
  },
  {
    id: 'formDiscardYes',
    keys: [
      { stroke: { input: 'o' }, action: 'yes' },
      { stroke: { input: 'y' }, action: 'yes' },
    ],
    shown: { fr: 'o', en: 'y' },
    label: { fr: 'oui, abandonner', en: 'yes, discard' },
    help: { fr: 'Oui : abandonner les modifications', en: 'Yes: discard the changes' },
    screens: ['form'],
    modes: ['confirm'],
  },
  {
    id: 'formDiscardNo',
    keys: [
      { stroke: { input: 'n' }, action: 'no' },
      { stroke: { key: 'escape' }, action: 'no' },
    ],
    shown: { fr: 'n Esc', en: 'n Esc' },
    label: { fr: 'non', en: 'no' },
    help: { fr: 'Non : revenir au formulaire', en: 'No: back to the form' },
    screens: ['form'],
    modes: ['confirm'],
  },
  // Users (Officer only): the list, the new / edit form, the o/n question before each change
  ...accountsKeys<ScreenId>(['users'], { fr: 'Rôle : Agent, Secrétaire ou Officier', en: 'Role: Agent, Secretary or Officer' }),
  // Settings: the list (read by all), one value typed or chosen (Officer), the o/n question before writing it
  {
    ...k.move(['settings']),
    id: 'settingMove',
    help: { fr: 'Choisir le paramètre précédent / suivant (son détail s’affiche dessous)', en: 'Select the previous / next setting (its detail shows below)' },
    when: 'settingList',
  },
  {
    id: 'settingEdit',
    keys: [{ stroke: { key: 'return' }, action: 'open' }],
    shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'modifier', en: 'change' },
    help: {
      fr: 'Changer le paramètre choisi dans le fichier des paramètres (Officier) ; demandé d’abord',
      en: 'Change the selected setting in the settings file (Officer); asked first',
    },
    screens: ['settings'],
    modes: ['normal'],
    when: 'settingEdit',
  },
  { ...k.refresh(['settings']), id: 'settingRefresh', help: { fr: 'Relire le fichier des paramètres et l’environnement', en: 'Read the settings file and the environment again' } },
  { ...k.back(['settings']), id: 'settingBack' },
  {
    id: 'settingChoice',
    keys: [
      { stroke: { key: 'leftArrow' }, action: 'prevChoice' },
      { stroke: { key: 'rightArrow' }, action: 'nextChoice' },
    ],
    shown: same('←→'),
    label: { fr: 'choix', en: 'choose' },
    help: { fr: 'Cycle ou langue : valeur précédente / suivante', en: 'Cycle or language: previous / next value' },
    screens: ['settings'],
    modes: ['typing'],
    when: 'settingChoice',
  },
  {
    id: 'settingSubmit',
    keys: [{ stroke: { key: 'return' }, action: 'submit' }],
    shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'enregistrer', en: 'save' },
    help: {
      fr: 'Vérifier la valeur, puis l’écrire dans le fichier (une question o/n le confirme) ; vide : la retirer du fichier',
      en: 'Check the value, then write it to the file (a y/n question confirms it); empty: remove it from the file',
    },
    screens: ['settings'],
    modes: ['typing'],
  },
  {
    id: 'settingCancel',
    keys: [{ stroke: { key: 'escape' }, action: 'back' }],
    shown: same('Esc'),
    label: { fr: 'abandonner', en: 'discard' },
    help: { fr: 'Abandonner le changement, revenir à la liste', en: 'Discard the change, back to the list' },
    screens: ['settings'],
    modes: ['typing'],
  },
  {
    id: 'settingYes',
    keys: [
      { stroke: { input: 'o' }, action: 'yes' },
      { stroke: { input: 'y' }, action: 'yes' },
    ],
    shown: { fr: 'o', en: 'y' },
    label: { fr: 'oui, enregistrer', en: 'yes, save' },
    help: { fr: 'Oui : écrire le changement dans le fichier des paramètres', en: 'Yes: write the change to the settings file' },
    screens: ['settings'],
    modes: ['confirm'],
  },
  {
    id: 'settingNo',
    keys: [
      { stroke: { input: 'n' }, action: 'no' },
      { stroke: { key: 'escape' }, action: 'no' },
    ],
    shown: { fr: 'n Esc', en: 'n Esc' },
    label: { fr: 'non', en: 'no' },
    help: { fr: 'Non : revenir à la valeur, rien n’est écrit', en: 'No: back to the value, nothing is written' },
    screens: ['settings'],
    modes: ['confirm'],
  },
  k.quit([...LISTS, 'help']),
  k.forceQuit(ALL),
];

/** Screen names, for the help title and the palette. */
export const SCREEN_NAMES: Record<ScreenId, Label> = {
  login: { fr: 'Connexion', en: 'Log in' },
  changePassword: { fr: 'Mot de passe', en: 'Password' },
  home: { fr: 'Accueil', en: 'Home' },
  documents: { fr: 'Documents', en: 'Documents' },
  detail: { fr: 'Détail du document', en: 'Document detail' },
  verify: { fr: 'Vérifier une copie', en: 'Verify a copy' },
  transmission: { fr: 'Transmissions', en: 'Transmissions' },
  help: { fr: 'Aide', en: 'Help' },
  messages: { fr: 'Messages', en: 'Messages' },
  account: { fr: 'Compte et profil', en: 'Account and profile' },
  palette: { fr: 'Aller à', en: 'Go to' },
  form: { fr: 'Nouveau document', en: 'New document' },
  users: { fr: 'Utilisateurs', en: 'Users' },
  settings: { fr: 'Paramètres', en: 'Settings' },
};
