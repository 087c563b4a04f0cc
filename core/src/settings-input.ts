import { DocstreamError } from './errors.js';
import {
  concurrencyFrom, cycleMinutesFrom, cycleModeFrom, langFrom, MAX_CYCLE_INTERVAL_MINUTES, MAX_SERVER_CONCURRENCY, resolveSettings, saveSetting, settingsFilePath,
  type ResolvedSetting, type SettingKey, type Settings, type SettingSource, type StoredSettings,
} from './settings.js';

/**
 * The settings each console may change, in the order the centre's shows them. Neither
 * changes the data directory (moving it moves the database); the server's does not change
 * the database it runs on, nor the centre's cycle, which the server does not have.
 */
export const EDITABLE_SETTINGS = {
  centre: ['mqttUrl', 'databaseUrl', 'cycleMode', 'cycleIntervalMinutes', 'lang'],
  server: ['mqttUrl', 'lang', 'serverConcurrency', 'serverShareGroup'],
} as const satisfies Record<string, readonly SettingKey[]>;
export type SettingsSide = keyof typeof EDITABLE_SETTINGS;
/** A setting some console may change (`EditableSetting<'server'>`: the server's may). */
export type EditableSetting<S extends SettingsSide = SettingsSide> = (typeof EDITABLE_SETTINGS)[S][number];
export type CentreEditableSetting = EditableSetting<'centre'>;
export type ServerEditableSetting = EditableSetting<'server'>;

const SHARE_GROUP = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A URL with its password replaced by `***` (`user:***@host`, and `password=` in a query
 * string), so that no screen, log or audit row ever shows one. When in doubt it hides more.
 */
export function maskUrl(url: string): string {
  let out = url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (scheme) {
    const rest = url.slice(scheme[0].length);
    const at = rest.lastIndexOf('@');
    const colon = at >= 0 ? rest.slice(0, at).indexOf(':') : -1;
    if (colon >= 0) out = `${scheme[0]}${rest.slice(0, colon)}:***${rest.slice(at)}`;
  }
  return out.replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
}

const thousands = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+$)/g, sep);

function refused(key: EditableSetting, fr: string, en: string): DocstreamError {
  return new DocstreamError('validation', fr, en, { problems: [{ field: key, fr, en }] });
}

function checkUrl(key: 'databaseUrl' | 'mqttUrl', text: string): string {
  const schemes = key === 'databaseUrl' ? ['postgresql:', 'postgres:'] : ['mqtt:', 'mqtts:', 'ws:', 'wss:'];
  const example = key === 'databaseUrl' ? 'postgresql://utilisateur@serveur/docstream' : 'mqtts://courtier.exemple.ml:8883';
  const exampleEn = key === 'databaseUrl' ? 'postgresql://user@server/docstream' : 'mqtts://broker.example.org:8883';
  const what = key === 'databaseUrl' ? { fr: 'Adresse de la base', en: 'Database address' } : { fr: 'Adresse du courtier', en: 'Broker address' };
  const allowed = key === 'databaseUrl' ? { fr: 'postgresql:// ou postgres://', en: 'postgresql:// or postgres://' } : { fr: 'mqtt://, mqtts://, ws:// ou wss://', en: 'mqtt://, mqtts://, ws:// or wss://' };
  const blank = key === 'databaseUrl' ? { fr: 'la base embarquée', en: 'the embedded database' } : { fr: 'le courtier embarqué', en: 'the embedded broker' };
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (/\s/.test(text) || !url || !schemes.includes(url.protocol.toLowerCase()) || !text.includes('://')) {
    throw refused(
      key,
      `${what.fr} refusée : elle commence par ${allowed.fr} (ex. ${example}). Laissez vide pour ${blank.fr}.`,
      `${what.en} refused: it starts with ${allowed.en} (e.g. ${exampleEn}). Leave it empty for ${blank.en}.`,
    );
  }
  if (key === 'mqttUrl' && url.hostname === '') {
    throw refused(key, `${what.fr} refusée : il manque le nom du serveur (ex. ${example}).`, `${what.en} refused: the server name is missing (e.g. ${exampleEn}).`);
  }
  return text;
}

/**
 * A setting as typed, checked: its value for the settings file, or undefined for an
 * empty text (removed from the file: the default applies). A bad value is refused with a
 * sentence that says what is expected, and nothing is written.
 */
export function parseSettingInput<K extends EditableSetting>(key: K, text: string): StoredSettings[K] | undefined;
export function parseSettingInput(key: EditableSetting, text: string): StoredSettings[EditableSetting] | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  switch (key) {
    case 'databaseUrl':
    case 'mqttUrl':
      return checkUrl(key, t);
    case 'cycleMode': {
      const mode = cycleModeFrom(t);
      if (!mode) {
        throw refused(key, 'Cycle de transmission : continuous (connexion permanente) ou intermittent (par cycles).', 'Transmission cycle: continuous (always connected) or intermittent (by cycles).');
      }
      return mode;
    }
    case 'cycleIntervalMinutes': {
      const minutes = cycleMinutesFrom(t);
      if (minutes === undefined) {
        throw refused(
          key,
          `Intervalle refusé : un nombre entier de minutes, de 1 à ${thousands(MAX_CYCLE_INTERVAL_MINUTES, ' ')} (une semaine), ex. 30.`,
          `Interval refused: a whole number of minutes, from 1 to ${thousands(MAX_CYCLE_INTERVAL_MINUTES, ',')} (one week), e.g. 30.`,
        );
      }
      return minutes;
    }
    case 'lang': {
      const lang = langFrom(t);
      if (!lang) throw refused(key, 'Langue : fr (français) ou en (anglais).', 'Language: fr (French) or en (English).');
      return lang;
    }
    case 'serverConcurrency': {
      const n = concurrencyFrom(t);
      if (n === undefined) {
        throw refused(key, `Parallélisme : un nombre entier de 1 à ${MAX_SERVER_CONCURRENCY}.`, `Concurrency: a whole number from 1 to ${MAX_SERVER_CONCURRENCY}.`);
      }
      return n;
    }
    case 'serverShareGroup':
      if (!SHARE_GROUP.test(t)) throw refused(key, 'Groupe partagé : 1 à 64 lettres, chiffres, - ou _.', 'Share group: 1 to 64 letters, digits, - or _.');
      return t;
  }
}

/**
 * Writes a checked value to the settings file (undefined: removes it). A file that cannot
 * be written is refused in words and nothing is changed, so a caller's audit row rolls back.
 */
export function writeSetting<K extends EditableSetting>(key: K, value: StoredSettings[K] | undefined, env: NodeJS.ProcessEnv = process.env): void {
  try {
    saveSetting(key, value, env);
  } catch (e) {
    const file = settingsFilePath(env);
    const code = (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));
    throw new DocstreamError(
      'config',
      `Impossible d’écrire le fichier des paramètres ${file} (${code}) : rien n’est changé. Vérifiez les droits de ce dossier, ou choisissez-en un autre avec DOCSTREAM_CONFIG_DIR.`,
      `Cannot write the settings file ${file} (${code}): nothing is changed. Check the rights on its folder, or choose another one with DOCSTREAM_CONFIG_DIR.`,
      { cause: e },
    );
  }
}

/** One setting as a console shows it: values as text, every URL masked. `K`: the settings shown (the centre's by default). */
export interface SettingView<K extends SettingKey = CentreEditableSetting> {
  key: K;
  /** What applies (undefined: the built-in default). */
  value: string | undefined;
  source: SettingSource;
  /** The option or environment variable that gave it, when not the file or the default. */
  from?: string;
  /** What the settings file holds, whether it applies or not. */
  stored: string | undefined;
  /** The stored value holds a password, masked here: it cannot be shown to be edited. */
  storedSecret: boolean;
  /** Values skipped because they do not parse (variable or file entry, its text). */
  ignored: { from: string; text: string }[];
}

/** A setting's value as a screen, a log or an audit row may show it: an address's password masked. */
export function shownSetting(key: SettingKey, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return key === 'databaseUrl' || key === 'mqttUrl' ? maskUrl(String(v)) : String(v);
}

/** The settings `keys` with their origin, for a console (passwords masked). */
export function describeSettings<K extends SettingKey>(keys: readonly K[], commandLine: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env): SettingView<K>[] {
  const all = resolveSettings(commandLine, env);
  return keys.map((key) => {
    const r = all[key] as ResolvedSetting<unknown>;
    const stored = shownSetting(key, r.stored);
    const view: SettingView<K> = {
      key,
      value: shownSetting(key, r.value),
      source: r.source,
      stored,
      storedSecret: stored !== undefined && stored !== String(r.stored),
      ignored: r.ignored.map((i) => ({ from: i.from, text: shownSetting(key, i.text) ?? '' })),
    };
    if (r.from && r.source !== 'file') view.from = r.from;
    return view;
  });
}
