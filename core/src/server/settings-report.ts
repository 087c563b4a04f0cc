import type { Label } from '../forms/types.js';
import { defaultDataDir, settingsFilePath, type SettingKey, type Settings, type SettingSource } from '../settings.js';
import { describeSettings, EDITABLE_SETTINGS } from '../settings-input.js';
import { EMBEDDED_BROKER_PORT } from '../transport/embedded-broker.js';

/**
 * The server console's Settings screen: what the server runs on (shown, not changed), then
 * what a supervisor may change; read as everywhere else (`resolveSettings`, `describeSettings`).
 */
const REPORTED = ['databaseUrl', 'dataDir', 'mqttUrl', 'lang', 'serverConcurrency', 'serverShareGroup'] as const satisfies readonly SettingKey[];
export type ReportedSetting = (typeof REPORTED)[number];

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

function defaults(env: NodeJS.ProcessEnv): Record<ReportedSetting, Label> {
  return {
    databaseUrl: { fr: 'base embarquée (PGlite) dans le dossier des données', en: 'embedded database (PGlite) in the data folder' },
    dataDir: { fr: defaultDataDir(env), en: defaultDataDir(env) },
    mqttUrl: {
      fr: `courtier embarqué de docstream-server run (mqtt://127.0.0.1:${EMBEDDED_BROKER_PORT})`,
      en: `embedded broker of docstream-server run (mqtt://127.0.0.1:${EMBEDDED_BROKER_PORT})`,
    },
    lang: { fr: 'fr (français)', en: 'fr (French)' },
    serverConcurrency: { fr: '4 (1 sur la base embarquée)', en: '4 (1 on the embedded database)' },
    serverShareGroup: { fr: 'aucun (un seul serveur)', en: 'none (a single server)' },
  };
}

/**
 * Each setting of the server with its value in effect and where it comes from.
 * `commandLine`: what the console's options gave (`overridesFromOptions`).
 */
export function settingsReport(commandLine: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env): SettingsReport {
  const editable: readonly SettingKey[] = EDITABLE_SETTINGS.server;
  const byDefault = defaults(env);
  const entries = describeSettings(REPORTED, commandLine, env).map((v): SettingReport => ({
    key: v.key,
    value: v.value ?? null,
    source: v.source,
    ...(v.from ? { from: v.from } : {}),
    ...(v.stored !== undefined && v.source !== 'file' ? { fileValue: v.stored } : {}),
    editable: editable.includes(v.key),
    defaultValue: byDefault[v.key],
  }));
  return { file: settingsFilePath(env), entries };
}
