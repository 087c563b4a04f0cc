import type { Label } from '@docstream/core';
import { accountsKeys, commonKeys as k, type AccountsCondition, type AccountsKeyAction, type Binding, type CommonAction } from '@docstream/console-kit';

/**
 * The administration screens' rows of the server's key table (keys/bindings.ts adds them):
 * operators, signatories, tariffs, security, settings. Every key that changes data says
 * `changes: true`, so a read-only console turns it off.
 */
export type AdminScreenId = 'operators' | 'signatories' | 'tariffs' | 'security' | 'settings';

export const ADMIN_SCREENS: readonly AdminScreenId[] = ['operators', 'signatories', 'tariffs', 'security', 'settings'];

export type AdminAction = AccountsKeyAction | 'newSignatory' | 'editSignatory' | 'toggleSignatory' | 'setTariff' | 'revoke' | 'editSetting';

/**
 * `adminRows`: a list is shown with a row chosen (↑↓ work); `adminTyping` / `adminFilter`:
 * a value or the filter line is being typed; `sigList` the signatories are shown, `sigActive` /
 * `sigInactive` the chosen one is (in)active; `tariffChosen`, `settingEditable`: the chosen
 * line can be changed; `certRevocable`: the chosen certificate is valid; `certPages`: more
 * than one page of certificates.
 */
export type AdminCondition =
  | AccountsCondition
  | 'adminRows' | 'adminTyping' | 'adminFilter' | 'adminForm'
  | 'sigList' | 'sigActive' | 'sigInactive'
  | 'tariffChosen' | 'settingEditable' | 'certRevocable' | 'certPages';

type Row = Binding<AdminScreenId, CommonAction | AdminAction, AdminCondition>;

const same = (text: string): Label => ({ fr: text, en: text });
const LISTS: AdminScreenId[] = ['signatories', 'tariffs', 'security', 'settings'];

export const ADMIN_BINDINGS: readonly Row[] = [
  ...accountsKeys<AdminScreenId>(['operators'], { fr: 'Rôle : Lecteur, Opérateur ou Superviseur', en: 'Role: Viewer, Operator or Supervisor' }, { fr: 'Superviseur', en: 'Supervisor' }),
  { ...k.move(LISTS), id: 'adminMove', when: 'adminRows' },
  { ...k.page(['security']), id: 'certPage', help: { fr: 'Page précédente / suivante des certificats', en: 'Previous / next page of certificates' }, when: 'certPages' },
  {
    id: 'sigNew', keys: [{ stroke: { input: 'n' }, action: 'newSignatory' }], shown: same('n'), label: { fr: 'nouveau', en: 'new' },
    help: {
      fr: 'Ajouter un signataire : nom, titre, centre (vide : national) ; les centres concernés reçoivent leur profil (Superviseur)',
      en: 'Add a signatory: name, title, centre (empty: national); the centres concerned receive their profile (Supervisor)',
    },
    screens: ['signatories'], modes: ['normal'], when: 'sigList', changes: true,
  },
  {
    id: 'sigEdit', keys: [{ stroke: { input: 'e' }, action: 'editSignatory' }], shown: same('e'), label: { fr: 'modifier', en: 'edit' },
    help: { fr: 'Modifier le nom et le titre du signataire choisi (Superviseur)', en: 'Edit the name and title of the selected signatory (Supervisor)' },
    screens: ['signatories'], modes: ['normal'], when: 'adminRows', changes: true,
  },
  {
    id: 'sigDeactivate', keys: [{ stroke: { input: 'a' }, action: 'toggleSignatory' }], shown: same('a'), label: { fr: 'désactiver', en: 'deactivate' },
    help: { fr: 'Désactiver le signataire choisi : il n’est plus proposé sur les copies ; demandé d’abord (Superviseur)', en: 'Deactivate the selected signatory: no longer offered on copies; asked first (Supervisor)' },
    screens: ['signatories'], modes: ['normal'], when: 'sigActive', changes: true,
  },
  {
    id: 'sigActivate', keys: [{ stroke: { input: 'a' }, action: 'toggleSignatory' }], shown: same('a'), label: { fr: 'activer', en: 'activate' },
    help: { fr: 'Réactiver le signataire choisi ; demandé d’abord (Superviseur)', en: 'Reactivate the selected signatory; asked first (Supervisor)' },
    screens: ['signatories'], modes: ['normal'], when: 'sigInactive', changes: true,
  },
  {
    id: 'tariffSet', keys: [{ stroke: { input: 'e' }, action: 'setTariff' }, { stroke: { key: 'return' }, action: 'setTariff' }], shown: { fr: 'e Entrée', en: 'e Enter' },
    label: { fr: 'changer le prix', en: 'set the price' },
    help: { fr: 'Fixer le prix du service choisi ; demandé d’abord (Superviseur) ; vaut pour les opérations suivantes', en: 'Set the price of the selected service; asked first (Supervisor); applies to the operations that follow' },
    screens: ['tariffs'], modes: ['normal'], when: 'tariffChosen', changes: true,
  },
  {
    id: 'certRevoke', keys: [{ stroke: { input: 'x' }, action: 'revoke' }], shown: same('x'), label: { fr: 'révoquer', en: 'revoke' },
    help: {
      fr: 'Révoquer le certificat choisi avec un motif, définitivement ; la liste de confiance le porte aux centres (Superviseur)',
      en: 'Revoke the selected certificate with a reason, for good; the trust list carries it to the centres (Supervisor)',
    },
    screens: ['security'], modes: ['normal'], when: 'certRevocable', changes: true,
  },
  {
    id: 'settingEdit', keys: [{ stroke: { input: 'e' }, action: 'editSetting' }, { stroke: { key: 'return' }, action: 'editSetting' }], shown: { fr: 'e Entrée', en: 'e Enter' },
    label: { fr: 'modifier', en: 'edit' },
    help: {
      fr: 'Écrire une nouvelle valeur dans le fichier de réglages (Superviseur) ; prend effet au prochain démarrage',
      en: 'Write a new value to the settings file (Supervisor); takes effect at the next start',
    },
    screens: ['settings'], modes: ['normal'], when: 'settingEditable', changes: true,
  },
  {
    ...k.filter(['signatories', 'security'], {
      fr: 'Filtrer par centre : un matricule (signataires : les siens et les nationaux ; certificats : ceux qui commencent ainsi)',
      en: 'Filter by centre: a matricule (signatories: its own and the national ones; certificates: those starting so)',
    }),
    id: 'adminFilter',
  },
  { ...k.refresh(LISTS), id: 'adminRefresh' },
  { ...k.back(LISTS), id: 'adminBack' },
  // While typing: a form's fields, a single value, the filter line
  { ...k.formFields(['signatories'])[0]!, id: 'sigFields', when: 'adminForm' },
  {
    id: 'adminSubmit', keys: [{ stroke: { key: 'return' }, action: 'submit' }], shown: { fr: 'Entrée', en: 'Enter' }, label: { fr: 'continuer', en: 'continue' },
    help: { fr: 'Champ suivant ; sur le dernier, passer à la question o/n', en: 'Next field; on the last one, go on to the y/n question' },
    screens: LISTS, modes: ['typing'], when: 'adminTyping',
  },
  {
    id: 'adminFilterGo', keys: [{ stroke: { key: 'return' }, action: 'submit' }], shown: { fr: 'Entrée', en: 'Enter' }, label: { fr: 'filtrer', en: 'filter' },
    help: { fr: 'Appliquer le filtre saisi (vide : tout)', en: 'Apply the typed filter (empty: everything)' },
    screens: ['signatories', 'security'], modes: ['typing'], when: 'adminFilter',
  },
  {
    id: 'adminDiscard', keys: [{ stroke: { key: 'escape' }, action: 'back' }], shown: same('Esc'), label: { fr: 'abandonner', en: 'discard' },
    help: { fr: 'Abandonner la saisie, ne rien changer', en: 'Discard what is typed, change nothing' },
    screens: LISTS, modes: ['typing'],
  },
  {
    id: 'adminYes', keys: [{ stroke: { input: 'o' }, action: 'yes' }, { stroke: { input: 'y' }, action: 'yes' }], shown: { fr: 'o', en: 'y' },
    label: { fr: 'oui', en: 'yes' }, help: { fr: 'Oui : faire le changement demandé', en: 'Yes: make the change asked about' },
    screens: LISTS, modes: ['confirm'], changes: true,
  },
  {
    id: 'adminNo', keys: [{ stroke: { input: 'n' }, action: 'no' }, { stroke: { key: 'escape' }, action: 'no' }], shown: same('n Esc'),
    label: { fr: 'non', en: 'no' }, help: { fr: 'Non : ne rien changer (une saisie revient à son champ)', en: 'No: change nothing (a typed value goes back to its field)' },
    screens: LISTS, modes: ['confirm'],
  },
];

export const ADMIN_SCREEN_NAMES: Record<AdminScreenId, Label> = {
  operators: { fr: 'Opérateurs', en: 'Operators' },
  signatories: { fr: 'Signataires', en: 'Signatories' },
  tariffs: { fr: 'Tarifs', en: 'Tariffs' },
  security: { fr: 'Sécurité (certificats)', en: 'Security (certificates)' },
  settings: { fr: 'Réglages', en: 'Settings' },
};
