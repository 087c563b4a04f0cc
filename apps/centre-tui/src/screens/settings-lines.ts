import { maskUrl, type CentreEditableSetting, type Lang, type SettingView } from '@docstream/core';
import { column, fit } from '@docstream/console-kit';
import { wrapText } from '@docstream/console-kit';
import { CHOICES, defaultText, valueText } from './settings-reducer.js';
import { CHOICE_NAMES, SETTING_NAMES, SOURCE_NAMES, st } from './settings-strings.js';

/** Column widths: marker, name, value (what is left), source. */
const W = { name: 21, source: 17 };

function valueWidth(width: number): number {
  return Math.max(10, width - 1 - (2 + W.name + 1 + 1 + W.source));
}

export function settingsHeader(lang: Lang, width: number): string {
  return [column(st(lang, 'colSetting'), W.name), column(st(lang, 'colValue'), valueWidth(width)), st(lang, 'colSource')].join(' ');
}

export function settingRow(lang: Lang, e: SettingView, width: number): string {
  return [column(SETTING_NAMES[e.key][lang], W.name), column(valueText(lang, e.key, e.value), valueWidth(width)), fit(SOURCE_NAMES[e.source][lang], W.source)].join(' ');
}

/** When a change takes effect, for each setting. */
function takesEffect(lang: Lang, key: CentreEditableSetting, currentDatabase: string): string[] {
  switch (key) {
    case 'mqttUrl':
      return [st(lang, 'nextStart')];
    case 'databaseUrl':
      return [st(lang, 'nextStartDb', { db: currentDatabase })];
    case 'cycleMode':
      return [st(lang, 'nextCycle')];
    case 'cycleIntervalMinutes':
      return [st(lang, 'intervalNote'), st(lang, 'nextCycle')];
    case 'lang':
      return [st(lang, 'langNow')];
  }
}

/**
 * What the selected setting's lines say: what the file holds, the default, why the file
 * does not apply when something overrides it, values ignored, and when a change counts.
 */
export function settingDetail(lang: Lang, e: SettingView, currentDatabase: string, width: number): string[] {
  const lines: string[] = [st(lang, 'applies', { value: valueText(lang, e.key, e.value, true) })];
  lines.push(e.stored === undefined ? st(lang, 'notInFile') : st(lang, 'inFile', { value: valueText(lang, e.key, e.stored) }));
  lines.push(st(lang, 'byDefault', { value: defaultText(lang, e.key, true) }));
  if (e.from === 'LANG') lines.push(st(lang, 'fromSystemLang'));
  else if (e.source === 'environment' && e.from) lines.push(st(lang, 'overriddenEnv', { name: e.from }));
  else if (e.source === 'commandLine' && e.from) lines.push(st(lang, 'overriddenCli', { name: e.from }));
  for (const i of e.ignored) lines.push(i.from === 'file' ? st(lang, 'ignoredFile', { text: i.text }) : st(lang, 'ignoredVariable', { name: i.from, text: i.text }));
  lines.push(...takesEffect(lang, e.key, currentDatabase));
  return lines.flatMap((l) => wrapText(l, width - 3).map((w) => `  ${w}`));
}

/**
 * An address being typed, its password hidden as it is typed: before the `@`, what
 * follows `user:` is taken for a password unless it is all digits (a port, so far).
 */
export function maskTyped(text: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/@[\]]*?):([^/@]*)$/i.exec(text);
  if (m && !/^\d*$/.test(m[3]!)) return `${m[1]}${m[2]}:***`;
  return maskUrl(text);
}

/** The lines under the list while a value is typed or chosen. */
export function editLines(lang: Lang, e: SettingView, text: string, width: number): { head: string; field: string; hints: string[]; choice: boolean } {
  const setting = SETTING_NAMES[e.key][lang];
  const options = CHOICES[e.key];
  if (options) {
    const words = options.map((o) => {
      const w = o === '' ? st(lang, 'removeChoice') : (CHOICE_NAMES[o]?.[lang] ?? o);
      return o === text ? `[${w}]` : w;
    });
    return { head: st(lang, 'chooseHead', { setting }), field: fit(`← ${words.join('  ')} →`, width - 3), hints: [], choice: true };
  }
  const shown = e.key === 'cycleIntervalMinutes' ? text : maskTyped(text);
  const room = Math.max(8, width - 5);
  const chars = [...shown];
  const field = chars.length < room ? shown : `…${chars.slice(chars.length - room + 2).join('')}`;
  const hint = e.key === 'databaseUrl' ? 'hintDatabase' : e.key === 'mqttUrl' ? 'hintBroker' : 'hintInterval';
  const hints = [st(lang, hint), ...(e.storedSecret ? [st(lang, 'secretHint')] : [])];
  return { head: st(lang, 'editHead', { setting }), field, hints: hints.flatMap((h) => wrapText(h, width - 3).map((w) => `  ${w}`)), choice: false };
}
