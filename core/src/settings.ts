import Conf from 'conf';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Lang } from './errors.js';

export interface Settings {
  /** Root of local data: the embedded database and, later, keys and bundles. */
  dataDir: string;
  /** A real PostgreSQL; when empty the embedded PGlite in `dataDir` is used. */
  databaseUrl?: string;
  /** A real MQTT broker; when empty the in-process broker is used. */
  mqttUrl?: string;
  lang: Lang;
  /** Server service: containers committed in parallel (`run --concurrency` overrides it). */
  serverConcurrency?: number;
  /** Server service: the MQTT shared-subscription group (`run --share` overrides it). */
  serverShareGroup?: string;
}

export interface Stored {
  dataDir?: string;
  databaseUrl?: string;
  mqttUrl?: string;
  lang?: Lang;
  serverConcurrency?: number;
  serverShareGroup?: string;
}

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

/**
 * Settings come from the `conf` file (`~/.config/docstream/config.json`, or the folder
 * named by DOCSTREAM_CONFIG_DIR), then environment variables override them, then
 * explicit command-line values override both.
 */
export function loadSettings(overrides: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const stored = openStore(env).store;
  // LANG is a system locale (often C.UTF-8): French stays the default unless it says English.
  const lang = overrides.lang ?? langFrom(env.DOCSTREAM_LANG) ?? stored.lang ?? langFrom(env.LANG) ?? 'fr';
  const settings: Settings = {
    dataDir: overrides.dataDir ?? env.DOCSTREAM_DATA_DIR ?? stored.dataDir ?? defaultDataDir(env),
    lang,
  };
  const databaseUrl = overrides.databaseUrl ?? env.DATABASE_URL ?? stored.databaseUrl;
  if (databaseUrl) settings.databaseUrl = databaseUrl;
  const mqttUrl = overrides.mqttUrl ?? env.MQTT_URL ?? stored.mqttUrl;
  if (mqttUrl) settings.mqttUrl = mqttUrl;
  if (stored.serverConcurrency !== undefined) settings.serverConcurrency = stored.serverConcurrency;
  if (stored.serverShareGroup) settings.serverShareGroup = stored.serverShareGroup;
  return settings;
}

export function openStore(env: NodeJS.ProcessEnv = process.env): Conf<Stored> {
  return new Conf<Stored>({
    projectName: 'docstream',
    projectSuffix: '',
    ...(env.DOCSTREAM_CONFIG_DIR ? { cwd: env.DOCSTREAM_CONFIG_DIR } : {}),
  });
}

export function saveSetting<K extends keyof Stored>(key: K, value: Stored[K], env: NodeJS.ProcessEnv = process.env): void {
  const store = openStore(env);
  if (value === undefined) store.delete(key);
  else store.set(key, value);
}

/** The settings a binary's command-line options give (strings as typed). */
export function optionOverrides(o: { lang?: string; dataDir?: string; databaseUrl?: string }): Partial<Settings> {
  const overrides: Partial<Settings> = {};
  const lang = langFrom(o.lang);
  if (lang) overrides.lang = lang;
  if (o.dataDir) overrides.dataDir = o.dataDir;
  if (o.databaseUrl) overrides.databaseUrl = o.databaseUrl;
  return overrides;
}

/** Settings from a binary's command-line options (strings as typed), over env and file. */
export function settingsFromOptions(o: { lang?: string; dataDir?: string; databaseUrl?: string }): Settings {
  return loadSettings(optionOverrides(o));
}
