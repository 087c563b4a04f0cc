import type { Label } from '@docstream/core';
import { translator } from '../text/labels.js';

/** The strings of the login and password screens, the same in both consoles. */
export const AUTH_STRINGS = {
  working: { fr: 'Patientez…', en: 'Please wait…' },
  loginTitle: { fr: 'Connexion', en: 'Log in' },
  loginIntro: { fr: 'Saisissez votre identifiant et votre mot de passe.', en: 'Type your user name and password.' },
  fieldLogin: { fr: 'Identifiant', en: 'User name' },
  fieldPassword: { fr: 'Mot de passe', en: 'Password' },
  loginRequired: { fr: 'Saisissez votre identifiant.', en: 'Type your user name.' },
  passwordRequired: { fr: 'Saisissez votre mot de passe.', en: 'Type your password.' },
  changePasswordTitle: { fr: 'Changer le mot de passe', en: 'Change password' },
  mustChangeIntro: {
    fr: 'Vous devez choisir un nouveau mot de passe avant de continuer.',
    en: 'You must choose a new password before going on.',
  },
  changeIntro: { fr: 'Compte {login}.', en: 'Account {login}.' },
  fieldCurrent: { fr: 'Mot de passe actuel', en: 'Current password' },
  fieldNew: { fr: 'Nouveau mot de passe', en: 'New password' },
  fieldConfirm: { fr: 'Confirmation', en: 'Confirm' },
  currentRequired: { fr: 'Saisissez votre mot de passe actuel.', en: 'Type your current password.' },
  newRequired: { fr: 'Saisissez le nouveau mot de passe.', en: 'Type the new password.' },
  passwordHint: {
    fr: 'Au moins {n} caractères, sans l’identifiant dedans.',
    en: 'At least {n} characters, not containing the user name.',
  },
  confirmMismatch: {
    fr: 'La confirmation ne correspond pas au nouveau mot de passe. Saisissez-les à nouveau.',
    en: 'The confirmation does not match the new password. Type them again.',
  },
} as const satisfies Record<string, Label>;

export const authText = translator(AUTH_STRINGS);
