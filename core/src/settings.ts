import Conf from 'conf';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Lang } from './errors.js';

/** How the transmission service keeps its link: connected all the time, or one cycle every N minutes. */
export type CycleMode = 'continuous' | 'intermittent';
export const CYCLE_MODES: readonly CycleMode[] = ['continuous', 'intermittent'];
/** Minutes between two intermittent cycles when none is set (as `run --interval`). */
export const DEFAULT_CYCLE_INTERVAL_MINUTES = 15;
/** A week: longer has no use, and stays far below the 24.8 days a Node timer can wait. */
export const MAX_CYCLE_INTERVAL_MINUTES = 10_080;
/** Containers the server service commits in parallel, at the most. */
export const MAX_SERVER_CONCURRENCY = 64;

export interface Settings {
  /** Root of local data: the embedded database and, later, keys and bundles. */
  dataDir: string;
  /** A real PostgreSQL; when empty the embedded PGlite in `dataDir` is used. */
  databaseUrl?: string;
  /** A real MQTT broker; when empty the in-process broker is used. */
  mqttUrl?: string;
  lang: Lang;
  /** The transmission cycle; unset: continuous. */
  cycleMode?: CycleMode;
  /** Minutes between two cycles in the intermittent mode; unset: DEFAULT_CYCLE_INTERVAL_MINUTES. */
  cycleIntervalMinutes?: number;
  /** Server service: containers committed in parallel (`run --concurrency` overrides it). */
  serverConcurrency?: number;
  /** Server service: the MQTT shared-subscription group (`run --share` overrides it). */
  serverShareGroup?: string;
}

/** What the settings file may hold. */
export interface StoredSettings {
  dataDir?: string;
  databaseUrl?: string;
  mqttUrl?: string;
  lang?: Lang;
  cycleMode?: CycleMode;
  cycleIntervalMinutes?: number;
  serverConcurrency?: number;
  serverShareGroup?: string;
}

export type SettingKey = keyof StoredSettings;
export type SettingSource = 'commandLine' | 'environment' | 'file' | 'default';

/** One setting: the value that applies, where it comes from, and what the file holds. */
export interface ResolvedSetting<T> {
  /** Undefined: the built-in default (embedded database or broker, continuous cycle…). */
  value: T | undefined;
  source: SettingSource;
  /** The option or environment variable that gave it (`--lang`, `MQTT_URL`), or `file`. */
  from?: string;
  /** What the settings file holds, whether it applies or not. */
  stored: T | undefined;
  /** Values found on the way but unusable (an environment variable that does not parse), hence ignored. */
  ignored: { from: string; text: string }[];
}

export type ResolvedSettings = { [K in SettingKey]-?: ResolvedSetting<NonNullable<StoredSettings[K]>> };

export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'docstream');
}

export function langFrom(value: string | undefined): Lang | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v.startsWith('en')) return 'en';
  if (v.startsWith('fr')) return 'fr';
  return undefined;
}

export function cycleModeFrom(value: string | undefined): CycleMode | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'continuous' || v === 'continu') return 'continuous';
  if (v === 'intermittent') return 'intermittent';
  return undefined;
}

/** A whole number from 1 to `max`, written as digits (the file holds it as a number). */
function countFrom(value: string | number | undefined, max: number): number | undefined {
  const text = typeof value === 'number' ? String(value) : value?.trim();
  if (!text || !/^\d{1,6}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= max ? n : undefined;
}

/** Minutes between two cycles: 1 to MAX_CYCLE_INTERVAL_MINUTES. */
export const cycleMinutesFrom = (value: string | number | undefined) => countFrom(value, MAX_CYCLE_INTERVAL_MINUTES);
/** Containers committed in parallel: 1 to MAX_SERVER_CONCURRENCY. */
export const concurrencyFrom = (value: string | number | undefined) => countFrom(value, MAX_SERVER_CONCURRENCY);

const asText = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A place a value may come from, in order of precedence; `blankIsNone`: an empty value there means "none" (the default) and stops the search. */
interface Candidate<T> {
  source: SettingSource;
  from: string;
  raw: unknown;
  parse: (raw: unknown) => T | undefined;
  blankIsNone?: boolean;
  /** A system value (LANG) that need not be about Docstream: not reported when unusable. */
  quiet?: boolean;
}

function resolve<T>(stored: T | undefined, candidates: Candidate<T>[]): ResolvedSetting<T> {
  const ignored: { from: string; text: string }[] = [];
  for (const c of candidates) {
    if (c.raw === undefined || c.raw === null) continue;
    if (c.raw === '') {
      if (c.blankIsNone) return { value: undefined, source: c.source, from: c.from, stored, ignored };
      continue;
    }
    const value = c.parse(c.raw);
    if (value !== undefined) return { value, source: c.source, from: c.from, stored, ignored };
    if (!c.quiet) ignored.push({ from: c.from, text: String(c.raw) });
  }
  return { value: undefined, source: 'default', stored, ignored };
}

/**
 * Every setting with its origin. Command-line values override the environment, which
 * overrides the `conf` file (`~/.config/docstream/config.json`, or the folder named by
 * DOCSTREAM_CONFIG_DIR); then the built-in default. A value that does not parse (a
 * hand-edited file, a mistyped variable) is skipped and reported in `ignored`.
 */
export function resolveSettings(overrides: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env): ResolvedSettings {
  const file = openStore(env).store as Record<string, unknown>;
  const url = (raw: unknown) => asText(raw);
  const lang = (raw: unknown) => langFrom(asText(raw));
  const mode = (raw: unknown) => cycleModeFrom(asText(raw));
  const digits = (from: (v: string | number) => number | undefined) => (raw: unknown) => (typeof raw === 'number' || typeof raw === 'string' ? from(raw) : undefined);
  const concurrency = digits(concurrencyFrom);
  const minutes = digits(cycleMinutesFrom);
  const fromFile = <T,>(key: SettingKey, parse: (raw: unknown) => T | undefined): Candidate<T> => ({ source: 'file', from: 'file', raw: file[key], parse });
  const stored = <T,>(key: SettingKey, parse: (raw: unknown) => T | undefined): T | undefined => parse(file[key]);
  return {
    dataDir: resolve(stored('dataDir', url), [
      { source: 'commandLine', from: '--data-dir', raw: overrides.dataDir, parse: url },
      { source: 'environment', from: 'DOCSTREAM_DATA_DIR', raw: env.DOCSTREAM_DATA_DIR, parse: url },
      fromFile('dataDir', url),
    ]),
    databaseUrl: resolve(stored('databaseUrl', url), [
      { source: 'commandLine', from: '--database-url', raw: overrides.databaseUrl, parse: url },
      { source: 'environment', from: 'DATABASE_URL', raw: env.DATABASE_URL, parse: url, blankIsNone: true },
      fromFile('databaseUrl', url),
    ]),
    mqttUrl: resolve(stored('mqttUrl', url), [
      { source: 'commandLine', from: '--mqtt-url', raw: overrides.mqttUrl, parse: url },
      { source: 'environment', from: 'MQTT_URL', raw: env.MQTT_URL, parse: url, blankIsNone: true },
      fromFile('mqttUrl', url),
    ]),
    // LANG is a system locale (often C.UTF-8): French stays the default unless it says English.
    lang: resolve(stored('lang', lang), [
      { source: 'commandLine', from: '--lang', raw: overrides.lang, parse: lang },
      { source: 'environment', from: 'DOCSTREAM_LANG', raw: env.DOCSTREAM_LANG, parse: lang },
      fromFile('lang', lang),
      { source: 'environment', from: 'LANG', raw: env.LANG, parse: lang, quiet: true },
    ]),
    cycleMode: resolve(stored('cycleMode', mode), [
      { source: 'commandLine', from: '--mode', raw: overrides.cycleMode, parse: mode },
      { source: 'environment', from: 'DOCSTREAM_CYCLE_MODE', raw: env.DOCSTREAM_CYCLE_MODE, parse: mode },
      fromFile('cycleMode', mode),
    ]),
    cycleIntervalMinutes: resolve(stored('cycleIntervalMinutes', minutes), [
      { source: 'commandLine', from: '--interval', raw: overrides.cycleIntervalMinutes, parse: minutes },
      { source: 'environment', from: 'DOCSTREAM_CYCLE_INTERVAL', raw: env.DOCSTREAM_CYCLE_INTERVAL, parse: minutes },
      fromFile('cycleIntervalMinutes', minutes),
    ]),
    // The server service's options live in the file only; `run --concurrency` / `--share` win over them.
    serverConcurrency: resolve(stored('serverConcurrency', concurrency), [fromFile('serverConcurrency', concurrency)]),
    serverShareGroup: resolve(stored('serverShareGroup', url), [fromFile('serverShareGroup', url)]),
  };
}

/** The settings that apply (see resolveSettings for the order). */
export function loadSettings(overrides: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const r = resolveSettings(overrides, env);
  const settings: Settings = { dataDir: r.dataDir.value ?? defaultDataDir(env), lang: r.lang.value ?? 'fr' };
  if (r.databaseUrl.value) settings.databaseUrl = r.databaseUrl.value;
  if (r.mqttUrl.value) settings.mqttUrl = r.mqttUrl.value;
  if (r.cycleMode.value) settings.cycleMode = r.cycleMode.value;
  if (r.cycleIntervalMinutes.value) settings.cycleIntervalMinutes = r.cycleIntervalMinutes.value;
  if (r.serverConcurrency.value !== undefined) settings.serverConcurrency = r.serverConcurrency.value;
  if (r.serverShareGroup.value) settings.serverShareGroup = r.serverShareGroup.value;
  return settings;
}

export function openStore(env: NodeJS.ProcessEnv = process.env): Conf<StoredSettings> {
  return new Conf<StoredSettings>({
    projectName: 'docstream',
    projectSuffix: '',
    ...(env.DOCSTREAM_CONFIG_DIR ? { cwd: env.DOCSTREAM_CONFIG_DIR } : {}),
  });
}

/** The settings file's path (it may not exist yet). */
export function settingsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return openStore(env).path;
}

export function saveSetting<K extends keyof StoredSettings>(key: K, value: StoredSettings[K], env: NodeJS.ProcessEnv = process.env): void {
  const store = openStore(env);
  if (value === undefined) store.delete(key);
  else store.set(key, value);
}

/** What a binary's command-line options (strings as typed) set, to lay over env and file. */
export function overridesFromOptions(o: { lang?: string; dataDir?: string; databaseUrl?: string }): Partial<Settings> {
  const overrides: Partial<Settings> = {};
  const lang = langFrom(o.lang);
  if (lang) overrides.lang = lang;
  if (o.dataDir) overrides.dataDir = o.dataDir;
  if (o.databaseUrl) overrides.databaseUrl = o.databaseUrl;
  return overrides;
}

/** Settings from a binary's command-line options (strings as typed), over env and file. */
export function settingsFromOptions(o: { lang?: string; dataDir?: string; databaseUrl?: string }): Settings {
  return loadSettings(overridesFromOptions(o));
}
