import type { Label } from '@docstream/core';
import type { Binding } from '../keys/types.js';
import type { CommonAction } from '../keys/common-keys.js';
import type { AccountsCondition } from './accounts-model.js';

/** The accounts screen's own actions. */
export type AccountsKeyAction = 'newUser' | 'editUser' | 'suspendUser' | 'resetPassword' | 'prevChoice' | 'nextChoice';

const same = (text: string): Label => ({ fr: text, en: text });
const ARROWS = [
  { stroke: { key: 'upArrow' }, action: 'up' },
  { stroke: { key: 'downArrow' }, action: 'down' },
  { stroke: { input: 'k' }, action: 'up' },
  { stroke: { input: 'j' }, action: 'down' },
] as const;

/**
 * The rows of an accounts screen for a console's key table: the list, the new / edit form,
 * the o/n question before each change. `roles`: the help's sentence naming the roles;
 * `manager`: the role that may change accounts, named in the help of the changing keys
 * (where others may open the screen). Each key that changes an account is off in a
 * read-only console.
 */
export function accountsKeys<S extends string>(screens: readonly S[], roles: Label, manager?: Label): Binding<S, CommonAction | AccountsKeyAction, AccountsCondition>[] {
  const by = (help: Label): Label => (manager ? { fr: `${help.fr} (${manager.fr})`, en: `${help.en} (${manager.en})` } : help);
  return [
    {
      id: 'userMove', keys: ARROWS, shown: same('↑↓'), label: { fr: 'choix', en: 'select' },
      help: { fr: 'Choisir le compte précédent / suivant', en: 'Select the previous / next account' },
      screens, modes: ['normal'], when: 'userSelected',
    },
    {
      id: 'userNew', keys: [{ stroke: { input: 'n' }, action: 'newUser' }], shown: same('n'), label: { fr: 'nouveau', en: 'new' },
      help: by({
        fr: 'Créer un compte : identifiant, nom complet, rôle ; un mot de passe provisoire s’affiche une fois',
        en: 'Create an account: user name, full name, role; a temporary password is shown once',
      }),
      screens, modes: ['normal'], when: 'userList', changes: true,
    },
    {
      id: 'userEdit', keys: [{ stroke: { input: 'e' }, action: 'editUser' }], shown: same('e'), label: { fr: 'modifier', en: 'edit' },
      help: by({
        fr: 'Modifier le nom complet et le rôle du compte choisi (un compte suspendu reprend le rôle choisi)',
        en: 'Edit the full name and role of the selected account (a suspended one takes the chosen role)',
      }),
      screens, modes: ['normal'], when: 'userSelected', changes: true,
    },
    {
      id: 'userSuspend', keys: [{ stroke: { input: 's' }, action: 'suspendUser' }], shown: same('s'), label: { fr: 'suspendre', en: 'suspend' },
      help: by({ fr: 'Suspendre le compte choisi : il ne peut plus se connecter ; demandé d’abord', en: 'Suspend the selected account: it can no longer log in; asked first' }),
      screens, modes: ['normal'], when: 'userActive', changes: true,
    },
    {
      id: 'userReset', keys: [{ stroke: { input: 'm' }, action: 'resetPassword' }], shown: same('m'), label: { fr: 'mot de passe', en: 'password' },
      help: by({
        fr: 'Réinitialiser le mot de passe du compte choisi (débloque) ; demandé d’abord, le provisoire s’affiche une fois',
        en: 'Reset the password of the selected account (unlocks it); asked first, the temporary one is shown once',
      }),
      screens, modes: ['normal'], when: 'userSelected', changes: true,
    },
    {
      id: 'userRefresh', keys: [{ stroke: { input: 'r' }, action: 'refresh' }], shown: same('r'), label: { fr: 'actualiser', en: 'refresh' },
      help: { fr: 'Relire les comptes dans la base', en: 'Read the accounts again from the database' },
      screens, modes: ['normal'], when: 'userList',
    },
    {
      id: 'userBack', keys: [{ stroke: { key: 'escape' }, action: 'back' }], shown: same('Esc'), label: { fr: 'retour', en: 'back' },
      help: { fr: 'Revenir à l’écran précédent', en: 'Back to the previous screen' },
      screens, modes: ['normal'],
    },
    {
      id: 'userFields',
      keys: [
        { stroke: { key: 'tab' }, action: 'nextField' },
        { stroke: { key: 'tab', shift: true }, action: 'prevField' },
        { stroke: { key: 'downArrow' }, action: 'nextField' },
        { stroke: { key: 'upArrow' }, action: 'prevField' },
      ],
      shown: same('Tab ↑↓'), label: { fr: 'champ', en: 'field' }, help: { fr: 'Champ suivant / précédent', en: 'Next / previous field' },
      screens, modes: ['typing'],
    },
    {
      id: 'userRole',
      keys: [
        { stroke: { key: 'leftArrow' }, action: 'prevChoice' },
        { stroke: { key: 'rightArrow' }, action: 'nextChoice' },
      ],
      shown: same('←→'), label: { fr: 'rôle', en: 'role' }, help: roles,
      screens, modes: ['typing'], when: 'userRole',
    },
    {
      id: 'userSubmit', keys: [{ stroke: { key: 'return' }, action: 'submit' }], shown: { fr: 'Entrée', en: 'Enter' },
      label: { fr: 'suivant / enregistrer', en: 'next / save' },
      help: { fr: 'Champ suivant ; sur le rôle, enregistrer (une question o/n le confirme)', en: 'Next field; on the role, save (a y/n question confirms it)' },
      screens, modes: ['typing'],
    },
    {
      id: 'userFormCancel', keys: [{ stroke: { key: 'escape' }, action: 'back' }], shown: same('Esc'), label: { fr: 'abandonner', en: 'discard' },
      help: { fr: 'Abandonner le formulaire, revenir à la liste', en: 'Discard the form, back to the list' },
      screens, modes: ['typing'],
    },
    {
      id: 'userYes', keys: [{ stroke: { input: 'o' }, action: 'yes' }, { stroke: { input: 'y' }, action: 'yes' }], shown: { fr: 'o', en: 'y' },
      label: { fr: 'oui', en: 'yes' }, help: { fr: 'Oui : faire le changement demandé', en: 'Yes: make the change asked about' },
      screens, modes: ['confirm'], changes: true,
    },
    {
      id: 'userNo', keys: [{ stroke: { input: 'n' }, action: 'no' }, { stroke: { key: 'escape' }, action: 'no' }], shown: same('n Esc'),
      label: { fr: 'non', en: 'no' }, help: { fr: 'Non : ne rien changer', en: 'No: change nothing' },
      screens, modes: ['confirm'],
    },
  ];
}
