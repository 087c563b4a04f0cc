import type { Label } from '@docstream/core';
import { commonKeys as k, type Binding, type CommonAction } from '@docstream/console-kit';

/**
 * The Clients screens' rows of the server's key table (keys/bindings.ts spreads them):
 * the list, the new-centre form, a centre's detail, its account and its messages.
 */
export type ClientsScreenId = 'clients' | 'clientNew' | 'client' | 'clientAccount' | 'clientMessages';

export type ClientsAction =
  | 'newClient' | 'editClient' | 'clientStatus' | 'clientCode' | 'clientProfile' | 'clientAccount' | 'clientMessages'
  | 'recharge' | 'period' | 'writeMessage' | 'prevChoice' | 'nextChoice';

/**
 * What holds now on a Clients screen (each key below that names one is shown and works
 * only then): `clientsList` the list is shown; `clientsNew` the operator may register a
 * centre (Operator and up); `clientEdit`, `clientCode`, `clientProfile` the centre is
 * shown and the operator may change it (Operator and up), `clientStatus` (Supervisor);
 * `clientLoaded` the centre is shown; `clientForm` the edit form has the focus;
 * `clientChoice` the focused field is a choice (←→); `accountRecharge` the operator may
 * credit the account; `messageList`, `messageOpen` the list or one message is shown;
 * `messageWrite` the operator may write to the centre.
 */
export type ClientsCondition =
  | 'clientsList' | 'clientsNew' | 'clientEdit' | 'clientStatus' | 'clientCode' | 'clientProfile' | 'clientLoaded'
  | 'clientForm' | 'clientChoice' | 'accountRecharge' | 'messageList' | 'messageOpen' | 'messageWrite';

type Row = Binding<ClientsScreenId, ClientsAction | CommonAction, ClientsCondition>;

const same = (text: string): Label => ({ fr: text, en: text });

export const CLIENTS_SCREENS: readonly ClientsScreenId[] = ['clients', 'clientNew', 'client', 'clientAccount', 'clientMessages'];
/** Screens with a form (typing mode): Tab ↑↓ between fields, Enter submits. */
export const CLIENTS_FORMS: readonly ClientsScreenId[] = ['clientNew', 'clientAccount'];

function key(id: string, input: string, action: ClientsAction, label: Label, help: Label, screens: readonly ClientsScreenId[], when: ClientsCondition, changes = false): Row {
  return { id, keys: [{ stroke: { input }, action }], shown: same(input), label, help, screens, modes: ['normal'], when, ...(changes ? { changes } : {}) };
}

const editFields = k.formFields<ClientsScreenId>(['client'])[0]!;

export const CLIENTS_BINDINGS: readonly Row[] = [
  k.page(['clients', 'clientAccount']),
  k.filter(['clients'], {
    fr: 'Filtrer : début du matricule (ex. 000), ou partie du nom, de la ville ou de la région (accents et majuscules indifférents)',
    en: 'Filter: start of the matricule (e.g. 000), or part of the name, city or region (accents and case ignored)',
  }),
  ...k.filterLine(['clients']),
  { ...k.refresh(['clients']), id: 'clientsRefresh', when: 'clientsList' },
  key('newClient', 'n', 'newClient', { fr: 'nouveau', en: 'new' }, {
    fr: 'Enregistrer un nouveau centre ; son code d’inscription est affiché une seule fois (Opérateur)',
    en: 'Register a new centre; its enrolment code is shown once only (Operator)',
  }, ['clients'], 'clientsNew', true),
  key('editClient', 'e', 'editClient', { fr: 'modifier', en: 'edit' }, {
    fr: 'Modifier nom, ville, région, téléphone ; le centre reçoit son profil (Opérateur)',
    en: 'Edit name, city, region, phone; the centre receives its profile (Operator)',
  }, ['client'], 'clientEdit', true),
  key('clientStatus', 's', 'clientStatus', { fr: 'statut', en: 'status' }, {
    fr: 'Changer le statut (0 à 3), demandé d’abord ; quitter 0 intègre la quarantaine (Superviseur)',
    en: 'Change the status (0 to 3), asked first; leaving 0 integrates the quarantine (Supervisor)',
  }, ['client'], 'clientStatus', true),
  key('clientCode', 'c', 'clientCode', { fr: 'code', en: 'code' }, {
    fr: 'Nouveau code d’inscription, affiché une seule fois ; l’ancien ne vaut plus (Opérateur)',
    en: 'New enrolment code, shown once only; the old one stops working (Operator)',
  }, ['client'], 'clientCode', true),
  key('clientProfile', 'p', 'clientProfile', { fr: 'profil', en: 'profile' }, {
    fr: 'Envoyer de nouveau son profil au centre, à l’échange suivant (Opérateur)',
    en: 'Send the centre its profile again, at the next exchange (Operator)',
  }, ['client'], 'clientProfile', true),
  key('clientAccount', 'a', 'clientAccount', { fr: 'compte', en: 'account' }, {
    fr: 'Compte du centre : solde, recharge, relevé', en: 'The centre’s account: balance, recharge, statement',
  }, ['client'], 'clientLoaded'),
  key('clientMessages', 'm', 'clientMessages', { fr: 'messages', en: 'messages' }, {
    fr: 'Messages échangés avec ce centre', en: 'Messages exchanged with this centre',
  }, ['client'], 'clientLoaded'),
  { ...editFields, id: 'clientFields', when: 'clientForm' },
  {
    id: 'clientSubmit', keys: [{ stroke: { key: 'return' }, action: 'submit' }], shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'valider', en: 'submit' }, help: { fr: 'Champ suivant ; sur le dernier, passer à la question o/n', en: 'Next field; on the last one, go on to the y/n question' },
    screens: ['client'], modes: ['typing'],
  },
  {
    id: 'choice',
    keys: [{ stroke: { key: 'leftArrow' }, action: 'prevChoice' }, { stroke: { key: 'rightArrow' }, action: 'nextChoice' }],
    shown: same('←→'), label: { fr: 'choisir', en: 'choose' },
    help: { fr: 'Statut : choisir la valeur (ou taper 0 à 3)', en: 'Status: choose the value (or type 0 to 3)' },
    screens: ['clientNew', 'client'], modes: ['typing'], when: 'clientChoice',
  },
  key('recharge', 'c', 'recharge', { fr: 'créditer', en: 'credit' }, {
    fr: 'Recharger le compte : montant et référence, demandé d’abord (Opérateur)',
    en: 'Recharge the account: amount and reference, asked first (Operator)',
  }, ['clientAccount'], 'accountRecharge', true),
  {
    id: 'period', keys: [{ stroke: { input: 'd' }, action: 'period' }], shown: same('d'), label: { fr: 'période', en: 'period' },
    help: { fr: 'Choisir les dates du relevé (AAAA-MM-JJ)', en: 'Choose the statement’s dates (YYYY-MM-DD)' },
    screens: ['clientAccount'], modes: ['normal'],
  },
  { ...k.move(['clientMessages']), id: 'messageMove', when: 'messageList' },
  { ...k.open(['clientMessages']), id: 'messageRead', when: 'messageList' },
  {
    id: 'messageScroll', keys: [{ stroke: { key: 'upArrow' }, action: 'up' }, { stroke: { key: 'downArrow' }, action: 'down' }],
    shown: same('↑↓'), label: { fr: 'défiler', en: 'scroll' }, help: { fr: 'Message ouvert : faire défiler son texte', en: 'Open message: scroll its text' },
    screens: ['clientMessages'], modes: ['normal'], when: 'messageOpen',
  },
  key('writeMessage', 'n', 'writeMessage', { fr: 'écrire', en: 'write' }, {
    fr: 'Écrire au centre ; demandé avant l’envoi, il part à l’échange suivant (Opérateur)',
    en: 'Write to the centre; asked before sending, it leaves at the next exchange (Operator)',
  }, ['clientMessages'], 'messageWrite', true),
  {
    id: 'messageWriteGo', keys: [{ stroke: { key: 'return' }, action: 'submit' }], shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'continuer', en: 'continue' }, help: { fr: 'Message tapé : passer à la question o/n', en: 'Message typed: go on to the y/n question' },
    screens: ['clientMessages'], modes: ['typing'],
  },
  {
    id: 'clientsCancel', keys: [{ stroke: { key: 'escape' }, action: 'back' }], shown: same('Esc'),
    label: { fr: 'annuler', en: 'cancel' }, help: { fr: 'Abandonner la saisie, ne rien enregistrer', en: 'Give up what is being typed, save nothing' },
    screens: ['clientNew', 'client', 'clientAccount', 'clientMessages'], modes: ['typing'],
  },
  ...k.confirm<ClientsScreenId>(['clientNew', 'client', 'clientAccount', 'clientMessages']),
  { ...k.back(CLIENTS_SCREENS), id: 'clientsBack' },
];

/** Screen names, for the help title. */
export const CLIENTS_SCREEN_NAMES: Record<ClientsScreenId, Label> = {
  clients: { fr: 'Centres', en: 'Centres' },
  clientNew: { fr: 'Nouveau centre', en: 'New centre' },
  client: { fr: 'Fiche du centre', en: 'Centre' },
  clientAccount: { fr: 'Compte du centre', en: 'Centre’s account' },
  clientMessages: { fr: 'Messages du centre', en: 'Centre’s messages' },
};
