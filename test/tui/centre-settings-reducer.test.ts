import { describe, expect, it } from 'vitest';
import type { SettingView } from '@docstream/core';
import {
  initialSettings, settingsConditions, settingsMode, settingsReducer, settingsStatus, type SettingsState,
} from '../../apps/centre-tui/src/screens/settings-reducer.js';
import { maskTyped, settingDetail } from '../../apps/centre-tui/src/screens/settings-lines.js';
import { footerRows, matchAction } from '../../apps/centre-tui/src/keys/kit.js';

const OFFICER = 3;
const AGENT = 1;

function view(key: SettingView['key'], over: Partial<SettingView> = {}): SettingView {
  return { key, value: undefined, source: 'default', stored: undefined, storedSecret: false, ignored: [], ...over };
}

const ENTRIES: SettingView[] = [
  view('mqttUrl', { value: 'mqtt://b:1883', source: 'file', stored: 'mqtt://b:1883' }),
  view('databaseUrl', { value: 'postgresql://ops:***@db/ds', source: 'file', stored: 'postgresql://ops:***@db/ds', storedSecret: true }),
  view('cycleMode'),
  view('cycleIntervalMinutes'),
  view('lang', { value: 'en', source: 'commandLine', from: '--lang' }),
];

function loaded(entries = ENTRIES): SettingsState {
  return settingsReducer(initialSettings(), { type: 'loaded', id: 1, file: '/tmp/x/config.json', entries });
}
const type = (s: SettingsState, text: string) => [...text].reduce((x, ch) => settingsReducer(x, { type: 'text', input: ch, key: {} }), s);
const down = (s: SettingsState, n: number) => Array.from({ length: n }).reduce<SettingsState>((x) => settingsReducer(x, { type: 'down' }), s);

describe('settings reducer: reading', () => {
  it('asks for a read at once; keeps the answer; a refused read shows nothing else', () => {
    const s = initialSettings();
    expect(s.request).toEqual({ id: 1 });
    expect(settingsStatus('fr', s)).toBe('Chargement…');
    expect(settingsReducer(s, { type: 'loaded', id: 9, file: 'f', entries: ENTRIES })).toBe(s);
    const l = loaded();
    expect(l.request).toBeNull();
    expect(l.entries).toHaveLength(5);
    const refused = settingsReducer(s, { type: 'failed', id: 1, error: { fr: 'Non', en: 'No' } });
    expect(refused.refused).toEqual({ fr: 'Non', en: 'No' });
    expect(settingsConditions(refused, OFFICER)).toEqual([]);
  });

  it('only the Officer is offered Enter; others move and read', () => {
    const s = loaded();
    expect(settingsConditions(s, OFFICER)).toEqual(['settingList', 'settingEdit']);
    expect(settingsConditions(s, AGENT)).toEqual(['settingList']);
    expect(settingsReducer(s, { type: 'edit', privilege: AGENT })).toBe(s);
    expect(matchAction('settings', 'normal', '', { return: true }, ['settingList'])).toBeUndefined();
    expect(matchAction('settings', 'normal', '', { return: true }, ['settingList', 'settingEdit'])).toBe('open');
    expect(down(s, 9).selected).toBe(4);
  });
});

describe('settings reducer: changing one', () => {
  it('a typed address starts from the file, is checked with the core’s rule, then asked', () => {
    let s = settingsReducer(loaded(), { type: 'edit', privilege: OFFICER });
    expect(s.editing).toEqual({ key: 'mqttUrl', text: 'mqtt://b:1883' });
    expect(settingsMode(s)).toBe('typing');
    expect(settingsConditions(s, OFFICER)).toEqual([]);
    for (let i = 0; i < 13; i++) s = settingsReducer(s, { type: 'text', input: '', key: { backspace: true } });
    s = type(s, 'http://b');
    s = settingsReducer(s, { type: 'submit' });
    expect(s.error?.fr).toMatch(/^Adresse du courtier refusée : elle commence par mqtt:\/\/, mqtts:\/\/, ws:\/\/ ou wss:\/\//);
    expect(s.error?.en).toMatch(/^Broker address refused: it starts with mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\//);
    expect(settingsMode(s)).toBe('typing');
    for (let i = 0; i < 8; i++) s = settingsReducer(s, { type: 'text', input: '', key: { backspace: true } });
    s = type(s, 'mqtts://c:pw@b:8883');
    expect(s.error).toBeNull();
    s = settingsReducer(s, { type: 'submit' });
    expect(s.asking).toEqual({ key: 'mqttUrl', text: 'mqtts://c:pw@b:8883' });
    expect(settingsMode(s)).toBe('confirm');
    expect(settingsStatus('fr', s)).toBe('Écrire Courtier MQTT = mqtts://c:***@b:8883 dans le fichier des paramètres ? (o/n)');
    expect(settingsStatus('en', s)).toBe('Write MQTT broker = mqtts://c:***@b:8883 to the settings file? (y/n)');
    // n: back to the text; o: the write is asked of the container
    expect(settingsReducer(s, { type: 'no' }).editing).toEqual({ key: 'mqttUrl', text: 'mqtts://c:pw@b:8883' });
    s = settingsReducer(s, { type: 'yes' });
    expect(s.saving).toMatchObject({ key: 'mqttUrl', text: 'mqtts://c:pw@b:8883' });
    expect(settingsStatus('fr', s)).toBe('Enregistrement…');
    const done = settingsReducer(s, { type: 'saved', id: s.saving!.id });
    expect(done.notice?.fr).toBe('Courtier MQTT enregistré : pris en compte au prochain démarrage.');
    expect(done.request).not.toBeNull(); // read again
    const failed = settingsReducer(s, { type: 'saveFailed', id: s.saving!.id, error: { fr: 'Refusé', en: 'Refused' } });
    expect(failed.saving).toBeNull();
    expect(failed.error?.en).toBe('Refused');
  });

  it('a stored password is never put back in the field; empty asks to remove; unchanged writes nothing', () => {
    let s = settingsReducer(down(loaded(), 1), { type: 'edit', privilege: OFFICER });
    expect(s.editing).toEqual({ key: 'databaseUrl', text: '' });
    s = settingsReducer(s, { type: 'submit' });
    expect(s.asking).toEqual({ key: 'databaseUrl', text: '' });
    expect(settingsStatus('en', s)).toBe('Remove Database from the settings file (the default will apply)? (y/n)');
    let m = settingsReducer(loaded(), { type: 'edit', privilege: OFFICER });
    m = settingsReducer(m, { type: 'submit' });
    expect(m.editing).toBeNull();
    expect(m.asking).toBeNull();
    expect(m.notice?.fr).toBe('Courtier MQTT : rien à changer.');
  });

  it('the interval: a whole number of minutes, 1 to 10 080', () => {
    let s = settingsReducer(down(loaded(), 3), { type: 'edit', privilege: OFFICER });
    for (const bad of ['0', 'abc', '12.5', '99999']) {
      const t = settingsReducer(type(s, bad), { type: 'submit' });
      expect(t.error?.fr, bad).toBe('Intervalle refusé : un nombre entier de minutes, de 1 à 10 080 (une semaine), ex. 30.');
    }
    s = settingsReducer(type(s, '45'), { type: 'submit' });
    expect(s.asking).toEqual({ key: 'cycleIntervalMinutes', text: '45' });
  });

  it('the cycle and the language are chosen with ←→, letters do nothing; the choice starts on what applies', () => {
    let s = settingsReducer(down(loaded(), 2), { type: 'edit', privilege: OFFICER });
    expect(s.editing).toEqual({ key: 'cycleMode', text: 'continuous' });
    expect(settingsConditions(s, OFFICER)).toEqual(['settingChoice']);
    expect(type(s, 'x')).toBe(s);
    s = settingsReducer(s, { type: 'cycle', by: 1 });
    expect(s.editing?.text).toBe('intermittent');
    s = settingsReducer(s, { type: 'cycle', by: 1 });
    expect(s.editing?.text).toBe('');
    s = settingsReducer(s, { type: 'cycle', by: 1 });
    expect(s.editing?.text).toBe('continuous');
    s = settingsReducer(s, { type: 'cycle', by: -1 });
    expect(s.editing?.text).toBe('');
    let l = settingsReducer(down(loaded(), 4), { type: 'edit', privilege: OFFICER });
    expect(l.editing).toEqual({ key: 'lang', text: 'en' });
    l = settingsReducer(settingsReducer(l, { type: 'cycle', by: -1 }), { type: 'submit' });
    expect(settingsStatus('fr', l)).toBe('Écrire Langue = français dans le fichier des paramètres ? (o/n)');
    l = settingsReducer(l, { type: 'yes' });
    expect(settingsReducer(l, { type: 'saved', id: l.saving!.id }).notice?.en).toBe('Language saved: applied at once.');
  });

  it('Esc leaves the field without writing; r is ignored while changing', () => {
    const s = settingsReducer(loaded(), { type: 'edit', privilege: OFFICER });
    expect(settingsReducer(s, { type: 'refresh' })).toBe(s);
    const back = settingsReducer(s, { type: 'cancel' });
    expect(back.editing).toBeNull();
    expect(back.asking).toBeNull();
    expect(back.saving).toBeNull();
  });
});

describe('settings screen: lines', () => {
  it('hides a password while it is typed, a port stays readable', () => {
    expect(maskTyped('mqtt://centre:s')).toBe('mqtt://centre:***');
    expect(maskTyped('mqtt://centre:secret@b')).toBe('mqtt://centre:***@b');
    expect(maskTyped('mqtt://broker:18')).toBe('mqtt://broker:18');
    expect(maskTyped('mqtt://broker:1883/x')).toBe('mqtt://broker:1883/x');
    expect(maskTyped('postgresql://db/ds?password=abc')).toBe('postgresql://db/ds?password=***');
  });

  it('says why the file does not apply, what was ignored, and when a change counts', () => {
    const env = settingDetail('fr', view('mqttUrl', { value: 'mqtt://e:1', source: 'environment', from: 'MQTT_URL', stored: 'mqtt://f:1' }), 'db', 80).join(' ');
    expect(env).toContain('En vigueur : mqtt://e:1');
    expect(env).toContain('Dans le fichier : mqtt://f:1');
    expect(env).toMatch(/! La variable d’environnement MQTT_URL l’emporte sur le fichier/);
    const cli = settingDetail('en', view('lang', { value: 'en', source: 'commandLine', from: '--lang' }), 'db', 80).join(' ');
    expect(cli).toMatch(/! The command-line option --lang wins over the file/);
    expect(cli).toContain('A change applies at once to the whole console.');
    const system = settingDetail('en', view('lang', { value: 'en', source: 'environment', from: 'LANG' }), 'db', 80).join(' ');
    expect(system).toContain('Comes from the system language (LANG); a value saved here wins over it.');
    const ignored = settingDetail('fr', view('cycleIntervalMinutes', { ignored: [{ from: 'DOCSTREAM_CYCLE_INTERVAL', text: 'quinze' }] }), 'db', 80).join(' ');
    expect(ignored).toContain('! DOCSTREAM_CYCLE_INTERVAL=quinze est ignorée : valeur illisible.');
    expect(ignored).toContain('Sert en mode intermittent seulement.');
    const db = settingDetail('fr', view('databaseUrl'), 'PGlite /d (embarquée)', 80).join(' ');
    expect(db).toContain('Pris en compte au prochain démarrage. En cours : PGlite /d (embarquée)');
  });

  it('every footer of the screen fits 80 columns, in French and English', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const [mode, on] of [['normal', ['settingList', 'settingEdit']], ['normal', ['settingList']], ['typing', ['settingChoice']], ['typing', []], ['confirm', []]] as const) {
        const rows = footerRows(lang, 'settings', mode, 80, on);
        expect(rows).toHaveLength(1);
        expect([...rows[0]!].length).toBeLessThan(80);
      }
    }
  });
});
