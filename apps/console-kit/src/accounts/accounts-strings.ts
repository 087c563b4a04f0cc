import type { Label } from '@docstream/core';

/**
 * The words of an accounts screen (the centre's users, the server's operators), French
 * first. A console overrides the few that name its own people (title, role help).
 */
export const ACCOUNTS_STRINGS = {
  title: { fr: 'Comptes', en: 'Accounts' },
  summary: { fr: '{n} compte(s)', en: '{n} account(s)' },
  none: { fr: 'Aucun compte.', en: 'No accounts.' },
  colLogin: { fr: 'Identifiant', en: 'User name' },
  colName: { fr: 'Nom complet', en: 'Full name' },
  colRole: { fr: 'Rôle', en: 'Role' },
  colFlags: { fr: 'État', en: 'State' },
  flagChange: { fr: 'à changer', en: 'to change' },
  flagLocked: { fr: 'bloqué', en: 'locked' },
  flagSuspended: { fr: 'suspendu', en: 'suspended' },
  newTitle: { fr: 'Nouveau compte', en: 'New account' },
  editTitle: { fr: 'Modifier le compte {login}', en: 'Edit the account {login}' },
  formIntro: {
    fr: 'Tab ou Entrée : champ suivant ; rôle : ←→ ; Entrée sur le rôle : enregistrer.',
    en: 'Tab or Enter: next field; role: ←→; Enter on the role: save.',
  },
  fieldLogin: { fr: 'Identifiant', en: 'User name' },
  fieldName: { fr: 'Nom complet', en: 'Full name' },
  fieldRole: { fr: 'Rôle', en: 'Role' },
  loginRequired: { fr: 'Saisissez l’identifiant.', en: 'Type the user name.' },
  nameRequired: { fr: 'Saisissez le nom complet.', en: 'Type the full name.' },
  askCreate: { fr: 'Créer le compte {login} ({role}) ? (o/n)', en: 'Create the account {login} ({role})? (y/n)' },
  askEdit: { fr: 'Enregistrer les changements du compte {login} ? (o/n)', en: 'Save the changes to the account {login}? (y/n)' },
  askSuspend: {
    fr: 'Suspendre le compte {login} ? Il ne pourra plus se connecter. (o/n)',
    en: 'Suspend the account {login}? It will no longer be able to log in. (y/n)',
  },
  askReset: {
    fr: 'Réinitialiser le mot de passe de {login} ? (o/n)',
    en: 'Reset the password of {login}? (y/n)',
  },
  working: { fr: 'Patientez…', en: 'Please wait…' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
  password: {
    fr: 'Mot de passe provisoire de {login} : {password} — à communiquer, il ne sera plus affiché',
    en: 'Temporary password of {login}: {password} — pass it on, it will not be shown again',
  },
  created: { fr: 'Compte {login} créé.', en: 'Account {login} created.' },
  edited: { fr: 'Compte {login} modifié.', en: 'Account {login} edited.' },
  suspended: { fr: 'Compte {login} suspendu.', en: 'Account {login} suspended.' },
  reset: { fr: 'Mot de passe de {login} réinitialisé.', en: 'Password of {login} reset.' },
} satisfies Record<string, Label>;

export type AccountsStringKey = keyof typeof ACCOUNTS_STRINGS;
export type AccountsStrings = Record<AccountsStringKey, Label>;
