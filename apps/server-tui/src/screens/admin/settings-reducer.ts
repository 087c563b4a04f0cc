import type { ServerEditableSetting, Label, Lang, ReportedSetting, SettingReport, SettingSource, SettingsReport } from '@docstream/core';
import { maskUrl } from '@docstream/core';
import type { Mode, TextKeyState } from '@docstream/console-kit';
import type { Condition } from '../../keys/bindings.js';
import { IDLE, moved, typed, wordsOf, type Prompt } from './prompt.js';

export const SETTINGS_STRINGS = {
  title: { fr: 'Réglages', en: 'Settings' },
  file: { fr: 'Fichier : {path}', en: 'File: {path}' },
  order: {
    fr: 'Ordre : ligne de commande, puis environnement, puis fichier, puis défaut.',
    en: 'Order: command line, then environment, then file, then default.',
  },
  colName: { fr: 'Réglage', en: 'Setting' },
  colValue: { fr: 'Valeur', en: 'Value' },
  colSource: { fr: 'Source', en: 'Source' },
  databaseUrl: { fr: 'Base de données', en: 'Database' },
  dataDir: { fr: 'Dossier des données', en: 'Data folder' },
  mqttUrl: { fr: 'Courtier MQTT', en: 'MQTT broker' },
  lang: { fr: 'Langue', en: 'Language' },
  serverConcurrency: { fr: 'Parallélisme (run)', en: 'Concurrency (run)' },
  serverShareGroup: { fr: 'Groupe partagé (run)', en: 'Share group (run)' },
  commandLine: { fr: 'ligne de commande', en: 'command line' },
  environment: { fr: 'environnement', en: 'environment' },
  fileSource: { fr: 'fichier', en: 'file' },
  default: { fr: 'défaut', en: 'default' },
  defaultValue: { fr: '(défaut) {value}', en: '(default) {value}' },
  sourceLine: { fr: 'Source : {source}', en: 'Source: {source}' },
  overridden: { fr: 'Le fichier dit {value}, mais {from} l’emporte.', en: 'The file says {value}, but {from} wins.' },
  noteDatabaseUrl: {
    fr: 'La console tourne sur cette base ({db}) : pour en changer, redémarrez avec DATABASE_URL ou --database-url.',
    en: 'The console runs on this database ({db}): to change it, restart with DATABASE_URL or --database-url.',
  },
  noteDataDir: {
    fr: 'Clés et base embarquée y sont rangées : pour en changer, redémarrez avec DOCSTREAM_DATA_DIR ou --data-dir.',
    en: 'Keys and the embedded database live there: to change it, restart with DOCSTREAM_DATA_DIR or --data-dir.',
  },
  noteMqttUrl: { fr: 'Lu par docstream-server run (et les centres de cette machine) au démarrage.', en: 'Read by docstream-server run (and centres on this machine) when they start.' },
  noteLang: { fr: 'fr ou en, lue au démarrage de la console.', en: 'fr or en, read when the console starts.' },
  noteServerConcurrency: { fr: 'Conteneurs intégrés en parallèle par run (1 à 64) ; --concurrency l’emporte.', en: 'Containers run integrates in parallel (1 to 64); --concurrency wins.' },
  noteServerShareGroup: { fr: 'Plusieurs serveurs sur un courtier en grappe ($share/GROUPE) ; --share l’emporte.', en: 'Several servers on a clustered broker ($share/GROUP); --share wins.' },
  editable: { fr: 'Superviseur : écrit dans le fichier, prend effet au prochain démarrage.', en: 'Supervisor: written to the file, takes effect at the next start.' },
  readOnly: { fr: 'Non modifiable depuis la console.', en: 'Not editable from the console.' },
  prompt: { fr: 'Nouvelle valeur (vide : retirer du fichier) : ', en: 'New value (empty: remove from the file): ' },
  askWrite: { fr: 'Écrire « {name} » = {value} dans le fichier ? Effet au prochain démarrage. (o/n)', en: 'Write “{name}” = {value} to the file? Takes effect at the next start. (y/n)' },
  askRemove: { fr: 'Retirer « {name} » du fichier (défaut ensuite) ? Effet au prochain démarrage. (o/n)', en: 'Remove “{name}” from the file (default then)? Takes effect at the next start. (y/n)' },
  saved: { fr: '« {name} » écrit dans le fichier ; effet au prochain démarrage.', en: '“{name}” written to the file; takes effect at the next start.' },
  working: { fr: 'Patientez…', en: 'Please wait…' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
} as const satisfies Record<string, Label>;

export const settingsWords = wordsOf(SETTINGS_STRINGS);
const { text } = settingsWords;

const NOTE: Record<ReportedSetting, keyof typeof SETTINGS_STRINGS> = {
  databaseUrl: 'noteDatabaseUrl', dataDir: 'noteDataDir', mqttUrl: 'noteMqttUrl', lang: 'noteLang',
  serverConcurrency: 'noteServerConcurrency', serverShareGroup: 'noteServerShareGroup',
};
const SOURCE: Record<SettingSource, keyof typeof SETTINGS_STRINGS> = { commandLine: 'commandLine', environment: 'environment', file: 'fileSource', default: 'default' };

export const settingName = (lang: Lang, key: ReportedSetting) => text(lang, key);
export const noteOf = (lang: Lang, key: ReportedSetting, db: string) => text(lang, NOTE[key], { db });

/** "environnement (MQTT_URL)", "fichier", "défaut". */
export function sourceText(lang: Lang, e: SettingReport, withVariable = true): string {
  const word = text(lang, SOURCE[e.source]);
  return withVariable && e.from ? `${word} (${e.from})` : word;
}

export function valueText(lang: Lang, e: SettingReport): string {
  return e.value ?? text(lang, 'defaultValue', { value: e.defaultValue[lang] });
}

/**
 * What is typed, as the screen shows it: a password in a broker URL never appears, even
 * before its `@` is typed (the part after `user:` is starred unless it is a port number).
 */
export function shownTyped(key: ServerEditableSetting, typedText: string): string {
  if (key !== 'mqttUrl') return typedText;
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)([^@/]*)(@.*)?$/i.exec(typedText);
  if (!m) return maskUrl(typedText);
  const [, head, secret, rest] = m;
  if (rest === undefined && /^\d*$/.test(secret!)) return typedText; // host:port so far
  return `${head}${'*'.repeat([...secret!].length)}${rest ?? ''}`;
}

export interface SettingOp {
  key: ServerEditableSetting;
  text: string;
}

export interface SettingsState {
  report: SettingsReport | null;
  selected: number;
  prompt: Prompt<SettingOp>;
  request: number | null;
  lastId: number;
  error: Label | null;
  notice: Label | null;
}

export type SettingsAction =
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; report: SettingsReport }
  | { type: 'failed'; id: number; error: Label }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'edit' }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'submit' }
  | { type: 'cancel' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'done'; id: number }
  | { type: 'opFailed'; id: number; error: Label };

function load(s: SettingsState): SettingsState {
  return { ...s, lastId: s.lastId + 1, request: s.lastId + 1 };
}

export function initialSettings(): SettingsState {
  return load({ report: null, selected: 0, prompt: IDLE, request: null, lastId: 0, error: null, notice: null });
}

export const chosenSetting = (s: SettingsState): SettingReport | undefined => s.report?.entries[s.selected];

export function settingsReducer(s: SettingsState, a: SettingsAction): SettingsState {
  const p = s.prompt;
  switch (a.type) {
    case 'refresh':
      return p.step === 'idle' ? load({ ...s, error: null, notice: null }) : s;
    case 'loaded':
      return a.id === s.request ? { ...s, report: a.report, request: null, selected: Math.min(s.selected, a.report.entries.length - 1) } : s;
    case 'failed':
      return a.id === s.request ? { ...s, request: null, error: a.error } : s;
    case 'up':
    case 'down':
      if (p.step !== 'idle' || !s.report) return s;
      return { ...s, selected: moved(s.selected, s.report.entries.length, a.type === 'up' ? -1 : 1) };
    case 'edit':
      // Starts empty: the current value may hold a password, which is never put back on screen.
      if (p.step !== 'idle' || !chosenSetting(s)?.editable) return s;
      return { ...s, prompt: { step: 'typing', text: '' }, error: null, notice: null };
    case 'text': {
      if (p.step !== 'typing') return s;
      const t = typed(p.text, a.input, a.key, 500);
      return t === p.text ? s : { ...s, prompt: { ...p, text: t }, error: null };
    }
    case 'submit': {
      const e = chosenSetting(s);
      if (p.step !== 'typing' || !e) return s;
      // The core checks the value (it knows the rules); the question shows it first.
      return { ...s, prompt: { step: 'asking', text: p.text, op: { key: e.key as ServerEditableSetting, text: p.text.trim() } }, error: null };
    }
    case 'cancel':
      return p.step === 'typing' ? { ...s, prompt: IDLE, error: null } : s;
    case 'no':
      return p.step === 'asking' ? { ...s, prompt: { step: 'typing', text: p.text } } : s;
    case 'yes':
      return p.step === 'asking' ? { ...s, lastId: s.lastId + 1, prompt: { step: 'running', id: s.lastId + 1, op: p.op, text: p.text } } : s;
    case 'done': {
      if (p.step !== 'running' || p.id !== a.id) return s;
      const name = { fr: settingName('fr', p.op.key), en: settingName('en', p.op.key) };
      return load({ ...s, prompt: IDLE, error: null, notice: { fr: text('fr', 'saved', { name: name.fr }), en: text('en', 'saved', { name: name.en }) } });
    }
    case 'opFailed':
      return p.step === 'running' && p.id === a.id ? { ...s, prompt: { step: 'typing', text: p.text }, error: a.error } : s;
  }
}

export function settingsMode(s: SettingsState): Mode {
  return s.prompt.step === 'typing' ? 'typing' : s.prompt.step === 'asking' ? 'confirm' : 'normal';
}

export function settingsConditions(s: SettingsState): Condition[] {
  if (s.prompt.step === 'typing') return ['adminTyping'];
  if (s.prompt.step !== 'idle' || !s.report) return [];
  return chosenSetting(s)?.editable ? ['adminRows', 'settingEditable'] : ['adminRows'];
}

/** The o/n question: the value as it will be written, any password masked. */
export function askText(lang: Lang, op: SettingOp): string {
  const name = settingName(lang, op.key);
  return op.text === '' ? text(lang, 'askRemove', { name }) : text(lang, 'askWrite', { name, value: op.key === 'mqttUrl' ? maskUrl(op.text) : op.text });
}
