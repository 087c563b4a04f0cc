import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSettings, EDITABLE_SETTINGS, loadSettings, maskUrl, parseSettingInput, resolveSettings, saveSetting, settingsFilePath } from '@docstream/core';

/** A settings folder of its own: the user's real configuration is never read or touched. */
function freshEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { DOCSTREAM_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'ds-conf-')), HOME: '/nonexistent-home', ...extra };
}

const refusal = (f: () => unknown): { fr: string; en: string } => {
  try {
    f();
  } catch (e) {
    return e as { fr: string; en: string };
  }
  throw new Error('not refused');
};

describe('settings: where each value comes from', () => {
  it('command line over environment over file over default; the cycle settings too', () => {
    const env = freshEnv();
    expect(resolveSettings({}, env).mqttUrl).toMatchObject({ value: undefined, source: 'default' });
    saveSetting('mqttUrl', 'mqtt://file-broker:1883', env);
    saveSetting('cycleMode', 'intermittent', env);
    saveSetting('cycleIntervalMinutes', 30, env);
    saveSetting('lang', 'en', env);
    let r = resolveSettings({}, env);
    expect(r.mqttUrl).toMatchObject({ value: 'mqtt://file-broker:1883', source: 'file', stored: 'mqtt://file-broker:1883' });
    expect(r.cycleMode).toMatchObject({ value: 'intermittent', source: 'file' });
    expect(r.cycleIntervalMinutes).toMatchObject({ value: 30, source: 'file' });
    expect(loadSettings({}, env)).toMatchObject({ mqttUrl: 'mqtt://file-broker:1883', cycleMode: 'intermittent', cycleIntervalMinutes: 30, lang: 'en' });

    const withEnv = { ...env, MQTT_URL: 'mqtts://env-broker:8883', DOCSTREAM_CYCLE_MODE: 'continuous', DOCSTREAM_CYCLE_INTERVAL: '5', DOCSTREAM_LANG: 'fr' };
    r = resolveSettings({}, withEnv);
    expect(r.mqttUrl).toMatchObject({ value: 'mqtts://env-broker:8883', source: 'environment', from: 'MQTT_URL', stored: 'mqtt://file-broker:1883' });
    expect(r.cycleMode).toMatchObject({ value: 'continuous', source: 'environment', from: 'DOCSTREAM_CYCLE_MODE' });
    expect(r.cycleIntervalMinutes).toMatchObject({ value: 5, source: 'environment', from: 'DOCSTREAM_CYCLE_INTERVAL' });
    expect(loadSettings({}, withEnv)).toMatchObject({ cycleMode: 'continuous', cycleIntervalMinutes: 5, lang: 'fr' });
    expect(resolveSettings({ lang: 'en' }, withEnv).lang).toMatchObject({ value: 'en', source: 'commandLine', from: '--lang' });
    // An empty DATABASE_URL still means the embedded database, whatever the file says.
    saveSetting('databaseUrl', 'postgresql://db/docstream', env);
    expect(loadSettings({}, { ...env, DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(resolveSettings({}, { ...env, DATABASE_URL: '' }).databaseUrl).toMatchObject({ source: 'environment', from: 'DATABASE_URL' });
  });

  it('a variable that does not parse is skipped and reported; LANG=C is not', () => {
    const env = freshEnv({ DOCSTREAM_CYCLE_INTERVAL: 'quinze', DOCSTREAM_CYCLE_MODE: 'sometimes', LANG: 'C.UTF-8' });
    saveSetting('cycleIntervalMinutes', 20, env);
    const r = resolveSettings({}, env);
    expect(r.cycleIntervalMinutes).toMatchObject({ value: 20, source: 'file', ignored: [{ from: 'DOCSTREAM_CYCLE_INTERVAL', text: 'quinze' }] });
    expect(r.cycleMode).toMatchObject({ value: undefined, source: 'default', ignored: [{ from: 'DOCSTREAM_CYCLE_MODE', text: 'sometimes' }] });
    expect(r.lang).toMatchObject({ value: undefined, source: 'default', ignored: [] });
    expect(loadSettings({}, env).lang).toBe('fr');
    expect(loadSettings({}, { ...env, DOCSTREAM_CYCLE_INTERVAL: '0' }).cycleIntervalMinutes).toBe(20);
  });

  it('writes only to the folder named by DOCSTREAM_CONFIG_DIR', () => {
    const env = freshEnv();
    saveSetting('mqttUrl', 'mqtt://x:1', env);
    expect(settingsFilePath(env)).toBe(join(env.DOCSTREAM_CONFIG_DIR!, 'config.json'));
    expect(JSON.parse(readFileSync(settingsFilePath(env), 'utf8'))).toEqual({ mqttUrl: 'mqtt://x:1' });
    saveSetting('mqttUrl', undefined, env);
    expect(JSON.parse(readFileSync(settingsFilePath(env), 'utf8'))).toEqual({});
  });
});

describe('settings: input checks and masking', () => {
  it('accepts the right URL schemes, a whole number of minutes, fr/en; empty removes', () => {
    expect(parseSettingInput('databaseUrl', ' postgresql://u@h/db ')).toBe('postgresql://u@h/db');
    expect(parseSettingInput('databaseUrl', 'postgres://h/db')).toBe('postgres://h/db');
    for (const url of ['mqtt://b:1883', 'mqtts://b:8883', 'ws://b/mqtt', 'wss://b/mqtt']) expect(parseSettingInput('mqttUrl', url)).toBe(url);
    expect(parseSettingInput('cycleIntervalMinutes', '30')).toBe(30);
    expect(parseSettingInput('cycleMode', 'Intermittent')).toBe('intermittent');
    expect(parseSettingInput('lang', 'english')).toBe('en');
    expect(parseSettingInput('mqttUrl', '  ')).toBeUndefined();
  });

  it('refuses the rest with what is expected, in French and English', () => {
    let e = refusal(() => parseSettingInput('databaseUrl', 'mysql://h/db'));
    expect(e.fr).toBe('Adresse de la base refusée : elle commence par postgresql:// ou postgres:// (ex. postgresql://utilisateur@serveur/docstream). Laissez vide pour la base embarquée.');
    expect(e.en).toBe('Database address refused: it starts with postgresql:// or postgres:// (e.g. postgresql://user@server/docstream). Leave it empty for the embedded database.');
    e = refusal(() => parseSettingInput('mqttUrl', 'http://broker'));
    expect(e.en).toContain('it starts with mqtt://, mqtts://, ws:// or wss://');
    expect(refusal(() => parseSettingInput('mqttUrl', 'broker:1883')).fr).toContain('elle commence par mqtt://');
    for (const bad of ['0', '-5', '1.5', 'quinze', '10081']) {
      e = refusal(() => parseSettingInput('cycleIntervalMinutes', bad));
      expect(e.fr).toBe('Intervalle refusé : un nombre entier de minutes, de 1 à 10 080 (une semaine), ex. 30.');
      expect(e.en).toBe('Interval refused: a whole number of minutes, from 1 to 10,080 (one week), e.g. 30.');
    }
    expect(refusal(() => parseSettingInput('lang', 'de')).en).toBe('Language: fr (French) or en (English).');
  });

  it('never shows a password', () => {
    expect(maskUrl('postgresql://docstream:s3cr3t@db.example/docstream')).toBe('postgresql://docstream:***@db.example/docstream');
    expect(maskUrl('mqtts://centre:p@ss:w0rd@broker:8883')).toBe('mqtts://centre:***@broker:8883');
    expect(maskUrl('postgresql://db/docstream?user=x&password=s3cr3t&sslmode=require')).toBe('postgresql://db/docstream?user=x&password=***&sslmode=require');
    expect(maskUrl('mqtt://broker:1883')).toBe('mqtt://broker:1883');
    expect(maskUrl('postgresql://user@db/x')).toBe('postgresql://user@db/x');

    const env = freshEnv({ DATABASE_URL: 'postgresql://ops:env-secret@db2/ds' });
    saveSetting('databaseUrl', 'postgresql://ops:file-secret@db1/ds', env);
    const db = describeSettings(EDITABLE_SETTINGS.centre, {}, env).find((s) => s.key === 'databaseUrl')!;
    expect(db).toMatchObject({ value: 'postgresql://ops:***@db2/ds', stored: 'postgresql://ops:***@db1/ds', storedSecret: true, source: 'environment', from: 'DATABASE_URL' });
    expect(JSON.stringify(describeSettings(EDITABLE_SETTINGS.centre, {}, env))).not.toMatch(/secret/);
  });
});
