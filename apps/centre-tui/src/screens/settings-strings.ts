import type { CentreEditableSetting, Label, Lang, SettingSource } from '@docstream/core';
import { fill, translator } from '../i18n.js';

/** The strings of the Settings screen, kept beside it; French first. */
export const SETTINGS_STRINGS = {
  title: { fr: 'Paramètres', en: 'Settings' },
  file: { fr: 'Fichier : {path}', en: 'File: {path}' },
  order: {
    fr: 'Ce qui s’applique : ligne de commande > environnement > fichier > défaut.',
    en: 'What applies: command line > environment > file > default.',
  },
  readOnly: { fr: 'Lecture seule : seul l’Officier modifie les paramètres.', en: 'Read-only: only the Officer changes the settings.' },
  colSetting: { fr: 'Paramètre', en: 'Setting' },
  colValue: { fr: 'Valeur', en: 'Value' },
  colSource: { fr: 'Source', en: 'Source' },
  applies: { fr: 'En vigueur : {value}', en: 'Applies: {value}' },
  inFile: { fr: 'Dans le fichier : {value}', en: 'In the file: {value}' },
  notInFile: { fr: 'Absent du fichier.', en: 'Not in the file.' },
  byDefault: { fr: 'Par défaut : {value}', en: 'Default: {value}' },
  overriddenEnv: {
    fr: '! La variable d’environnement {name} l’emporte sur le fichier : une valeur enregistrée ici ne s’appliquera qu’une fois {name} retirée.',
    en: '! The environment variable {name} wins over the file: a value saved here applies only once {name} is removed.',
  },
  overriddenCli: {
    fr: '! L’option {name} de la ligne de commande l’emporte sur le fichier : une valeur enregistrée ici s’applique aux démarrages sans {name}.',
    en: '! The command-line option {name} wins over the file: a value saved here applies when started without {name}.',
  },
  fromSystemLang: {
    fr: 'Vient de la langue du système (LANG) ; une valeur enregistrée ici l’emporte sur elle.',
    en: 'Comes from the system language (LANG); a value saved here wins over it.',
  },
  ignoredVariable: { fr: '! {name}={text} est ignorée : valeur illisible.', en: '! {name}={text} is ignored: unreadable value.' },
  ignoredFile: { fr: '! La valeur du fichier « {text} » est ignorée : illisible.', en: '! The file’s value “{text}” is ignored: unreadable.' },
  nextStart: {
    fr: 'Pris en compte au prochain démarrage de la console et du service (docstream-centre run).',
    en: 'Taken into account at the next start of the console and the service (docstream-centre run).',
  },
  nextStartDb: { fr: 'Pris en compte au prochain démarrage. En cours : {db}', en: 'Taken into account at the next start. In use now: {db}' },
  nextCycle: {
    fr: 'Pris en compte au prochain démarrage du service de transmission (docstream-centre run).',
    en: 'Taken into account at the next start of the transmission service (docstream-centre run).',
  },
  intervalNote: { fr: 'Sert en mode intermittent seulement.', en: 'Used in the intermittent mode only.' },
  langNow: { fr: 'Un changement s’applique tout de suite à toute la console.', en: 'A change applies at once to the whole console.' },
  editHead: { fr: '{setting} — nouvelle valeur (vide : la retirer du fichier)', en: '{setting} — new value (empty: remove it from the file)' },
  chooseHead: { fr: '{setting} — choisissez avec ←→', en: '{setting} — choose with ←→' },
  secretHint: {
    fr: 'Le mot de passe enregistré n’est jamais affiché : retapez l’adresse entière.',
    en: 'The saved password is never shown: type the whole address again.',
  },
  hintDatabase: { fr: 'postgresql://utilisateur@serveur/base ; vide : base embarquée', en: 'postgresql://user@server/database; empty: embedded database' },
  hintBroker: { fr: 'mqtt://, mqtts://, ws:// ou wss:// ; vide : courtier embarqué', en: 'mqtt://, mqtts://, ws:// or wss://; empty: embedded broker' },
  hintInterval: { fr: 'Minutes entre deux cycles, de 1 à 10 080', en: 'Minutes between two cycles, from 1 to 10,080' },
  removeChoice: { fr: '(retirer du fichier)', en: '(remove from the file)' },
  askWrite: { fr: 'Écrire {setting} = {value} dans le fichier des paramètres ? (o/n)', en: 'Write {setting} = {value} to the settings file? (y/n)' },
  askRemove: {
    fr: 'Retirer {setting} du fichier des paramètres (la valeur par défaut s’appliquera) ? (o/n)',
    en: 'Remove {setting} from the settings file (the default will apply)? (y/n)',
  },
  unchanged: { fr: '{setting} : rien à changer.', en: '{setting}: nothing to change.' },
  saving: { fr: 'Enregistrement…', en: 'Saving…' },
  savedRestart: { fr: '{setting} enregistré : pris en compte au prochain démarrage.', en: '{setting} saved: taken into account at the next start.' },
  savedLang: { fr: 'Langue enregistrée : appliquée tout de suite.', en: 'Language saved: applied at once.' },
  removed: { fr: '{setting} retiré du fichier.', en: '{setting} removed from the file.' },
} as const satisfies Record<string, Label>;

export type SettingsStringKey = keyof typeof SETTINGS_STRINGS;

export const st = translator(SETTINGS_STRINGS);

/** Both sides of a string, filled (for a state that keeps a Label); `vars` may differ by language. */
export function sl(key: SettingsStringKey, vars: Record<string, string | number> | ((lang: Lang) => Record<string, string | number>) = {}): Label {
  const v = (lang: Lang) => (typeof vars === 'function' ? vars(lang) : vars);
  return { fr: fill(SETTINGS_STRINGS[key].fr, v('fr')), en: fill(SETTINGS_STRINGS[key].en, v('en')) };
}

export const SETTING_NAMES: Record<CentreEditableSetting, Label> = {
  mqttUrl: { fr: 'Courtier MQTT', en: 'MQTT broker' },
  databaseUrl: { fr: 'Base de données', en: 'Database' },
  cycleMode: { fr: 'Cycle de transmission', en: 'Transmission cycle' },
  cycleIntervalMinutes: { fr: 'Intervalle (minutes)', en: 'Interval (minutes)' },
  lang: { fr: 'Langue', en: 'Language' },
};

export const SOURCE_NAMES: Record<SettingSource, Label> = {
  commandLine: { fr: 'ligne de commande', en: 'command line' },
  environment: { fr: 'environnement', en: 'environment' },
  file: { fr: 'fichier', en: 'settings file' },
  default: { fr: 'défaut', en: 'default' },
};

/** The same, short, for the ←→ choice on one line. */
export const CHOICE_NAMES: Record<string, Label> = {
  continuous: { fr: 'continu', en: 'continuous' },
  intermittent: { fr: 'intermittent', en: 'intermittent' },
  fr: { fr: 'français', en: 'French' },
  en: { fr: 'anglais', en: 'English' },
};

/** How a value reads (codes of the cycle and the language as words). */
export const VALUE_NAMES: Record<string, Label> = {
  continuous: { fr: 'continu (connexion permanente)', en: 'continuous (always connected)' },
  intermittent: { fr: 'intermittent (par cycles)', en: 'intermittent (by cycles)' },
  fr: { fr: 'français', en: 'French' },
  en: { fr: 'anglais (English)', en: 'English' },
};
