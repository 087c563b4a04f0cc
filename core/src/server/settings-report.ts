import { DocstreamError, type Lang } from './errors.js';
import type { Label } from './forms/types.js';
import { defaultDataDir, langFrom, openStore, saveSetting, type Settings, type StoredSettings } from './settings.js';
import { EMBEDDED_BROKER_PORT } from './transport/embedded-broker.js';

/**
 * Where each setting of a binary comes from, for a Settings screen: the command line
 * overrides the environment, which overrides the settings file, else the default
 * (settings.ts, `loadSettings`). Values never carry a password (`user:***@`).
 */
export type SettingSource = 'commandLine' | 'environment' | 'file' | 'default';

export type ReportedSetting = 'databaseUrl' | 'dataDir' | 'mqttUrl' | 'lang' | 'serverConcurrency' | 'serverShareGroup';

/** The settings a server console may write to the file (the database it runs on is not one). */
export type EditableSetting = 'mqttUrl' | 'lang' | 'serverConcurrency' | 'serverShareGroup';
export const EDITABLE_SETTINGS: readonly EditableSetting[] = ['mqttUrl', 'lang', 'serverConcurrency', 'serverShareGroup'];

export interface SettingReport {
  key: ReportedSetting;
  /** The value in effect, any password masked; null when the default applies. */
  value: string | null;
  source: SettingSource;
  /** The variable or option that set it (environment, command line). */
  from?: string;
  /** What the settings file holds (masked) when something above it wins. */
  fileValue?: string;
  editable: boolean;
  /** What applies when nothing sets it. */
  defaultValue: Label;
}

export interface SettingsReport {
  /** The settings file (shared by the binaries of this user on this machine). */
  file: string;
  entries: SettingReport[];
}

/** The URL with its password replaced by `***` (the user name stays: it says which account). */
export function maskUrlPassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

export const MAX_SERVER_CONCURRENCY = 64;
const SHARE_GROUP_RE = /^[A-Za-z0-9_-]{1,64}$/;
const BROKER_PROTOCOLS = ['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'tls:', 'ws:', 'wss:'];

type Chain = { source: SettingSource; from?: string; value: string | undefined }[];

function pick(key: ReportedSetting, chain: Chain, stored: string | undefined, editable: boolean, defaultValue: Label, mask = false): SettingReport {
  const show = (v: string) => (mask ? maskUrlPassword(v) : v);
  const hit = chain.find((c) => c.value !== undefined && c.value !== '');
  const r: SettingReport = hit
    ? { key, value: show(hit.value!), source: hit.source, editable, defaultValue, ...(hit.from ? { from: hit.from } : {}) }
    : { key, value: null, source: 'default', editable, defaultValue };
  if (stored !== undefined && stored !== '' && r.source !== 'file') r.fileValue = show(stored);
  return r;
}

/**
 * Each setting of the server with its value in effect and where it comes from.
 * `commandLine`: what the console's options gave (`overridesFromOptions`).
 */
export function settingsReport(commandLine: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env): SettingsReport {
  const store = openStore(env);
  const s: StoredSettings = store.store;
  const envLang = langFrom(env.DOCSTREAM_LANG);
  const sysLang = langFrom(env.LANG);
  const entries: SettingReport[] = [
    pick('databaseUrl', [
      { source: 'commandLine', from: '--database-url', value: commandLine.databaseUrl },
      { source: 'environment', from: 'DATABASE_URL', value: env.DATABASE_URL },
      { source: 'file', value: s.databaseUrl },
    ], s.databaseUrl, false, { fr: 'base embarquée (PGlite) dans le dossier des données', en: 'embedded database (PGlite) in the data folder' }, true),
    pick('dataDir', [
      { source: 'commandLine', from: '--data-dir', value: commandLine.dataDir },
      { source: 'environment', from: 'DOCSTREAM_DATA_DIR', value: env.DOCSTREAM_DATA_DIR },
      { source: 'file', value: s.dataDir },
    ], s.dataDir, false, { fr: defaultDataDir(env), en: defaultDataDir(env) }),
    pick('mqttUrl', [
      { source: 'commandLine', value: commandLine.mqttUrl },
      { source: 'environment', from: 'MQTT_URL', value: env.MQTT_URL },
      { source: 'file', value: s.mqttUrl },
    ], s.mqttUrl, true, {
      fr: `courtier embarqué de docstream-server run (mqtt://127.0.0.1:${EMBEDDED_BROKER_PORT})`,
      en: `embedded broker of docstream-server run (mqtt://127.0.0.1:${EMBEDDED_BROKER_PORT})`,
    }, true),
    // LANG is a system locale: below the file, and only when it says French or English.
    pick('lang', [
      { source: 'commandLine', from: '--lang', value: commandLine.lang },
      { source: 'environment', from: 'DOCSTREAM_LANG', value: envLang },
      { source: 'file', value: s.lang },
      { source: 'environment', from: 'LANG', value: sysLang },
    ], s.lang, true, { fr: 'fr (français)', en: 'fr (French)' }),
    pick('serverConcurrency', [{ source: 'file', value: s.serverConcurrency === undefined ? undefined : String(s.serverConcurrency) }], undefined, true, {
      fr: '4 (1 sur la base embarquée)', en: '4 (1 on the embedded database)',
    }),
    pick('serverShareGroup', [{ source: 'file', value: s.serverShareGroup }], undefined, true, {
      fr: 'aucun (un seul serveur)', en: 'none (a single server)',
    }),
  ];
  return { file: store.path, entries };
}

function invalid(fr: string, en: string, field: string): DocstreamError {
  return new DocstreamError('validation', fr, en, { problems: [{ field, fr, en }] });
}

/** Checks a value typed for the file; empty text removes the key (the default applies again). */
export function parseSettingValue(key: EditableSetting, text: string): string | number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  switch (key) {
    case 'mqttUrl': {
      let u: URL;
      try {
        u = new URL(t);
      } catch {
        throw invalid('Adresse du courtier illisible : par exemple mqtt://courtier.example:1883 ou mqtts://…:8883.', 'Unreadable broker address: for example mqtt://broker.example:1883 or mqtts://…:8883.', key);
      }
      if (!BROKER_PROTOCOLS.includes(u.protocol) || u.hostname === '') {
        throw invalid(`Adresse du courtier : ${BROKER_PROTOCOLS.map((p) => p.slice(0, -1)).join(', ')} et un hôte.`, `Broker address: ${BROKER_PROTOCOLS.map((p) => p.slice(0, -1)).join(', ')} and a host.`, key);
      }
      return t;
    }
    case 'lang': {
      const l: Lang | undefined = t === 'fr' || t === 'en' ? t : undefined;
      if (!l) throw invalid('Langue : fr ou en.', 'Language: fr or en.', key);
      return l;
    }
    case 'serverConcurrency': {
      const n = /^\d+$/.test(t) ? Number(t) : NaN;
      if (!Number.isSafeInteger(n) || n < 1 || n > MAX_SERVER_CONCURRENCY) {
        throw invalid(`Parallélisme : un nombre entier de 1 à ${MAX_SERVER_CONCURRENCY}.`, `Concurrency: a whole number from 1 to ${MAX_SERVER_CONCURRENCY}.`, key);
      }
      return n;
    }
    case 'serverShareGroup':
      if (!SHARE_GROUP_RE.test(t)) throw invalid('Groupe partagé : 1 à 64 lettres, chiffres, - ou _.', 'Share group: 1 to 64 letters, digits, - or _.', key);
      return t;
  }
}

/** Writes one checked value to the settings file (undefined: removes it). Returns what was written, masked. */
export function writeSetting(key: EditableSetting, text: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const value = parseSettingValue(key, text);
  saveSetting(key, value as StoredSettings[typeof key], env);
  return value === undefined ? null : key === 'mqttUrl' ? maskUrlPassword(String(value)) : String(value);
}
