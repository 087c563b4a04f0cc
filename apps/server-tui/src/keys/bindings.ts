import type { Label } from '@docstream/core';
import { commonKeys as k, type Binding as KitBinding, type CommonAction } from '@docstream/console-kit';
import { ADMIN_BINDINGS, ADMIN_SCREEN_NAMES, ADMIN_SCREENS, type AdminAction, type AdminCondition, type AdminScreenId } from './admin-bindings.js';
import { DOCUMENTS_BINDINGS, DOCUMENTS_SCREEN_NAMES, DOCUMENTS_SCREENS, type DocumentsAction, type DocumentsCondition, type DocumentsScreenId } from './documents-bindings.js';
import { CLIENTS_BINDINGS, CLIENTS_FORMS, CLIENTS_SCREEN_NAMES, CLIENTS_SCREENS, type ClientsAction, type ClientsCondition, type ClientsScreenId } from './clients-bindings.js';
import { MONITOR_BINDINGS, MONITOR_SCREEN_NAMES, type MonitorAction, type MonitorCondition, type MonitorScreenId } from './monitor-bindings.js';
import { ELECTIONS_BROKER_BINDINGS, ELECTIONS_BROKER_SCREEN_NAMES, type ElectionsBrokerAction, type ElectionsBrokerCondition, type ElectionsBrokerScreenId } from './elections-broker-bindings.js';

/**
 * THE key table of the server console: input, footer and `?` help are all derived from it
 * (keys/kit.ts). The keys every console shares come from the kit; each group of screens
 * adds its own rows below. A key that is not here does nothing.
 */
export type ScreenId = 'login' | 'changePassword' | 'help' | 'palette' | 'home' | ClientsScreenId | AdminScreenId | DocumentsScreenId | ElectionsBrokerScreenId | MonitorScreenId;

export type Action = CommonAction | ClientsAction | AdminAction | DocumentsAction | ElectionsBrokerAction | MonitorAction;

/** `helpScroll`: the `?` help is taller than the terminal. */
export type Condition = 'helpScroll' | ClientsCondition | AdminCondition | DocumentsCondition | ElectionsBrokerCondition | MonitorCondition;

export type Binding = KitBinding<ScreenId, Action, Condition>;

/** Screens that show data, where `?`, `:`, `q` work. */
const LISTS: readonly ScreenId[] = ['home', 'monitor', ...CLIENTS_SCREENS, ...ADMIN_SCREENS, ...DOCUMENTS_SCREENS, 'elections', 'electionResults'];
const FORMS: readonly ScreenId[] = ['login', 'changePassword', ...CLIENTS_FORMS];
const ALL: readonly ScreenId[] = ['login', 'changePassword', 'help', 'palette', 'home', 'monitor', ...CLIENTS_SCREENS, ...ADMIN_SCREENS, ...DOCUMENTS_SCREENS, 'elections', 'electionResults', 'brokerTest'];

export const BINDINGS: readonly Binding[] = [
  k.help(LISTS),
  k.palette(LISTS),
  k.move(['home', 'clients', 'elections']),
  k.open(['home', 'clients', 'elections']),
  k.refresh(['home', 'client', 'clientAccount', 'clientMessages', 'elections', 'electionResults']),
  ...k.formFields(FORMS),
  ...k.paletteKeys('palette'),
  ...k.helpKeys('help', 'helpScroll'),
  {
    id: 'backForm',
    keys: [{ stroke: { key: 'escape' }, action: 'back' }],
    shown: { fr: 'Esc', en: 'Esc' },
    label: { fr: 'retour', en: 'back' },
    help: { fr: 'Abandonner et revenir (changement imposé : retour à la connexion)', en: 'Give up and go back (required change: back to the login)' },
    screens: ['changePassword'],
    modes: ['typing'],
  },
  ...CLIENTS_BINDINGS,
  ...DOCUMENTS_BINDINGS,
  ...ADMIN_BINDINGS,
  ...ELECTIONS_BROKER_BINDINGS,
  ...MONITOR_BINDINGS,
  k.quit([...LISTS, 'help']),
  k.forceQuit(ALL),
];

/** Screen names, for the help title. */
export const SCREEN_NAMES: Record<ScreenId, Label> = {
  login: { fr: 'Connexion', en: 'Log in' },
  changePassword: { fr: 'Mot de passe', en: 'Password' },
  help: { fr: 'Aide', en: 'Help' },
  palette: { fr: 'Aller à', en: 'Go to' },
  home: { fr: 'Accueil', en: 'Home' },
  ...CLIENTS_SCREEN_NAMES,
  ...DOCUMENTS_SCREEN_NAMES,
  ...ADMIN_SCREEN_NAMES,
  ...ELECTIONS_BROKER_SCREEN_NAMES,
  ...MONITOR_SCREEN_NAMES,
};
