import {
  DEFAULT_CYCLE_INTERVAL_MINUTES, EMBEDDED_BROKER_PORT, maskUrl, parseSettingInput, Privilege,
  type CentreEditableSetting, type Label, type Lang, type SettingView,
} from '@docstream/core';
import { errorLabel, t } from '../i18n.js';
import type { Condition, Mode } from '../keys/bindings.js';
import { editText, type TextKeyState } from '@docstream/console-kit';
import { SETTING_NAMES, sl, VALUE_NAMES } from './settings-strings.js';

/**
 * The Settings screen: the editable settings with what applies and where it comes from;
 * the Officer changes one (typed, or chosen with ←→ for the cycle and the language),
 * checked here with the core's own rules, then asked o/n, then written by the core.
 */

/** Settings chosen from a list; '' is "not in the file" (the default applies). */
export const CHOICES: Partial<Record<CentreEditableSetting, readonly string[]>> = {
  cycleMode: ['continuous', 'intermittent', ''],
  lang: ['fr', 'en', ''],
};

/** What the built-in default of a chosen setting is, to start the choice on what applies. */
const DEFAULT_CHOICE: Partial<Record<CentreEditableSetting, string>> = { cycleMode: 'continuous', lang: 'fr' };

export interface SettingsState {
  file: string | null;
  entries: SettingView[] | null;
  selected: number;
  /** A read to run (container). */
  request: { id: number } | null;
  lastId: number;
  /** The value being typed or chosen, for the file. */
  editing: { key: CentreEditableSetting; text: string } | null;
  /** The o/n question before writing: `text` checked, '' removes the setting from the file. */
  asking: { key: CentreEditableSetting; text: string } | null;
  /** A write to run (container). */
  saving: { id: number; key: CentreEditableSetting; text: string } | null;
  error: Label | null;
  notice: Label | null;
  /** The core refused the read: nothing else is shown. */
  refused: Label | null;
}

export type SettingsAction =
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; file: string; entries: SettingView[] }
  | { type: 'failed'; id: number; error: Label }
  | { type: 'up' }
  | { type: 'down' }
  /** Enter on a setting: only the Officer (the core checks again). */
  | { type: 'edit'; privilege: number }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'cycle'; by: 1 | -1 }
  | { type: 'submit' }
  | { type: 'cancel' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'saved'; id: number }
  | { type: 'saveFailed'; id: number; error: Label };

export function initialSettings(): SettingsState {
  return { file: null, entries: null, selected: 0, request: { id: 1 }, lastId: 1, editing: null, asking: null, saving: null, error: null, notice: null, refused: null };
}

/** The Officer may change the settings; everyone else reads them. Mirrors the core's rule. */
export function mayEditSettings(privilege: number): boolean {
  return privilege >= Privilege.Officer;
}

export function selectedSetting(s: SettingsState): SettingView | undefined {
  return s.entries?.[s.selected];
}

const isChoice = (key: CentreEditableSetting) => CHOICES[key] !== undefined;

/** The default of a setting, in words; `long`: with where it is (for the detail lines). */
export function defaultText(lang: Lang, key: CentreEditableSetting, long = false): string {
  switch (key) {
    case 'mqttUrl': {
      const where = long ? ` (mqtt://127.0.0.1:${EMBEDDED_BROKER_PORT})` : '';
      return (lang === 'fr' ? 'courtier embarqué' : 'embedded broker') + where;
    }
    case 'databaseUrl': {
      const where = long ? (lang === 'fr' ? ', dans le dossier des données' : ', in the data folder') : '';
      return (lang === 'fr' ? 'base embarquée (PGlite' : 'embedded database (PGlite') + where + ')';
    }
    case 'cycleMode':
      return VALUE_NAMES.continuous![lang];
    case 'cycleIntervalMinutes':
      return String(DEFAULT_CYCLE_INTERVAL_MINUTES);
    case 'lang':
      return VALUE_NAMES.fr![lang];
  }
}

/** A value as the screen shows it (URLs masked by the core already; codes as words). */
export function valueText(lang: Lang, key: CentreEditableSetting, value: string | undefined, long = false): string {
  if (value === undefined) return defaultText(lang, key, long);
  return VALUE_NAMES[value]?.[lang] ?? value;
}

function reload(s: SettingsState): SettingsState {
  const id = s.lastId + 1;
  return { ...s, request: { id }, lastId: id };
}

export function settingsReducer(s: SettingsState, a: SettingsAction): SettingsState {
  switch (a.type) {
    case 'refresh':
      return s.editing || s.asking || s.saving ? s : { ...reload(s), error: null, notice: null };
    case 'loaded':
      if (s.request?.id !== a.id) return s;
      return { ...s, request: null, file: a.file, entries: a.entries, refused: null, selected: Math.min(s.selected, Math.max(0, a.entries.length - 1)) };
    case 'failed':
      if (s.request?.id !== a.id) return s;
      return s.entries ? { ...s, request: null, error: a.error } : { ...s, request: null, refused: a.error };
    case 'up':
    case 'down': {
      if (!s.entries || s.editing || s.asking) return s;
      const selected = Math.max(0, Math.min(s.entries.length - 1, s.selected + (a.type === 'up' ? -1 : 1)));
      return { ...s, selected };
    }
    case 'edit': {
      const entry = selectedSetting(s);
      if (!entry || !mayEditSettings(a.privilege) || s.editing || s.asking || s.saving) return s;
      // A stored password is never put back on screen: the address is typed again whole.
      // A choice starts on what the file holds, else on what applies now.
      const text = entry.storedSecret ? '' : isChoice(entry.key) ? (entry.stored ?? entry.value ?? DEFAULT_CHOICE[entry.key] ?? '') : (entry.stored ?? '');
      return { ...s, editing: { key: entry.key, text }, error: null, notice: null };
    }
    case 'text': {
      const e = s.editing;
      if (!e || isChoice(e.key)) return s;
      const text = editText(e.text, a.input, a.key, 500);
      return text === e.text ? s : { ...s, editing: { ...e, text }, error: null };
    }
    case 'cycle': {
      const e = s.editing;
      const options = e ? CHOICES[e.key] : undefined;
      if (!e || !options) return s;
      const at = options.indexOf(e.text);
      const next = options[((at < 0 ? 0 : at + a.by) + options.length) % options.length]!;
      return { ...s, editing: { ...e, text: next }, error: null };
    }
    case 'submit': {
      const e = s.editing;
      if (!e) return s;
      let text: string;
      try {
        const value = parseSettingInput(e.key, e.text);
        text = value === undefined ? '' : String(value);
      } catch (err) {
        return { ...s, error: errorLabel(err) };
      }
      const entry = s.entries?.find((x) => x.key === e.key);
      const was = entry?.storedSecret ? undefined : (entry?.stored ?? '');
      if (text === was) return { ...s, editing: null, error: null, notice: sl('unchanged', (l) => ({ setting: SETTING_NAMES[e.key][l] })) };
      return { ...s, editing: null, asking: { key: e.key, text }, error: null };
    }
    case 'cancel':
      return s.editing ? { ...s, editing: null, error: null } : s;
    case 'no':
      // Back to the value, to correct it or Esc.
      return s.asking ? { ...s, asking: null, editing: { key: s.asking.key, text: s.asking.text } } : s;
    case 'yes': {
      if (!s.asking || s.saving) return s;
      const id = s.lastId + 1;
      return { ...s, lastId: id, saving: { id, key: s.asking.key, text: s.asking.text }, asking: null };
    }
    case 'saved': {
      const w = s.saving;
      if (w?.id !== a.id) return s;
      const vars = (l: Lang) => ({ setting: SETTING_NAMES[w.key][l] });
      const notice = w.text === '' ? sl('removed', vars) : w.key === 'lang' ? sl('savedLang') : sl('savedRestart', vars);
      return { ...reload({ ...s, saving: null }), notice, error: null };
    }
    case 'saveFailed':
      if (s.saving?.id !== a.id) return s;
      return { ...s, saving: null, error: a.error };
  }
}

export function settingsMode(s: SettingsState): Mode {
  return s.asking ? 'confirm' : s.editing ? 'typing' : 'normal';
}

/** The conditions the key table is given; `privilege` of the user. */
export function settingsConditions(s: SettingsState, privilege: number): Condition[] {
  if (s.editing) return isChoice(s.editing.key) ? ['settingChoice'] : [];
  if (s.asking || !s.entries || s.refused) return [];
  return mayEditSettings(privilege) && !s.saving ? ['settingList', 'settingEdit'] : ['settingList'];
}

/** The o/n question, the wait, or the last result, for the message line. */
export function settingsStatus(lang: Lang, s: SettingsState): string | null {
  if (s.saving) return sl('saving')[lang];
  if (s.asking) {
    const setting = SETTING_NAMES[s.asking.key][lang];
    if (s.asking.text === '') return sl('askRemove', { setting })[lang];
    const shown = s.asking.key === 'databaseUrl' || s.asking.key === 'mqttUrl' ? maskUrl(s.asking.text) : valueText(lang, s.asking.key, s.asking.text);
    return sl('askWrite', { setting, value: shown })[lang];
  }
  if (s.request && !s.entries) return t(lang, 'loading');
  return s.notice?.[lang] ?? null;
}
