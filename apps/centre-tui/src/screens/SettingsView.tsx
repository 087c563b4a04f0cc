import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { ScreenFrame } from '../keys/kit.js';
import { fitPath } from './detail-reducer.js';
import { SETTING_NAMES, st } from './settings-strings.js';
import { editLines, settingDetail, settingRow, settingsHeader } from './settings-lines.js';
import { mayEditSettings, selectedSetting, settingsConditions, settingsMode, settingsStatus, type SettingsState } from './settings-reducer.js';

export interface SettingsViewProps {
  lang: Lang;
  width: number;
  state: SettingsState;
  privilege: number;
  /** The database this console uses now (a change applies at the next start). */
  currentDatabase: string;
}

/**
 * The settings with what applies and its source (command line, environment, file,
 * default); under them, the selected one: what the file holds, why it does not apply when
 * something overrides it, when a change counts — or the value being changed.
 */
export function SettingsView({ lang, width, state, privilege, currentDatabase }: SettingsViewProps) {
  const mode = settingsMode(state);
  const on = settingsConditions(state, privilege);
  const frame = (children: ReactNode) => (
    <ScreenFrame lang={lang} screen="settings" mode={mode} on={on} width={width} title={st(lang, 'title')} error={state.refused ?? state.error} status={settingsStatus(lang, state)}>
      {children}
    </ScreenFrame>
  );
  if (state.refused || !state.entries) return frame(null);

  const entry = selectedSetting(state);
  const editing = state.editing && entry ? editLines(lang, entry, state.editing.text, width) : null;
  const fileHead = st(lang, 'file', { path: '' });
  return frame(
    <>
      <Text wrap="truncate-end">{fileHead + fitPath(state.file ?? '', Math.max(12, width - 1 - [...fileHead].length))}</Text>
      <Text wrap="truncate-end">{mayEditSettings(privilege) ? st(lang, 'order') : st(lang, 'readOnly')}</Text>
      <Text bold wrap="truncate-end">
        {'  ' + settingsHeader(lang, width)}
      </Text>
      <Box flexDirection="column">
        {state.entries.map((e, i) => {
          const selected = i === state.selected;
          return (
            <Text key={e.key} inverse={selected && mode === 'normal'} wrap="truncate-end">
              {selected ? '> ' : '  '}
              {settingRow(lang, e, width)}
            </Text>
          );
        })}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        {editing ? (
          <>
            <Text bold wrap="truncate-end">
              {editing.head}
            </Text>
            <Text wrap="truncate-end">
              {'> '}
              {editing.field}
              {editing.choice ? null : <Text inverse> </Text>}
            </Text>
            {editing.hints.map((h, i) => (
              <Text key={i} wrap="truncate-end">
                {h}
              </Text>
            ))}
          </>
        ) : entry && !state.asking && !state.saving ? (
          <>
            <Text bold wrap="truncate-end">
              {SETTING_NAMES[entry.key][lang]}
            </Text>
            {settingDetail(lang, entry, currentDatabase, width).map((l, i) => (
              <Text key={i} wrap="truncate-end">
                {l}
              </Text>
            ))}
          </>
        ) : null}
      </Box>
    </>,
  );
}
