import { Box, Text } from 'ink';
import type { ServerEditableSetting, Lang } from '@docstream/core';
import { column, fit, wrapText } from '@docstream/console-kit';
import { ScreenFrame } from '../../keys/kit.js';
import { typedTail } from './prompt.js';
import {
  askText, chosenSetting, noteOf, settingName, settingsConditions, settingsMode, settingsWords, shownTyped, sourceText, valueText, type SettingsState,
} from './settings-reducer.js';

const COLS = { name: 22, value: 34 };

/** A long path keeps its end, where the file's name is. */
function pathEnd(path: string, room: number): string {
  const c = [...path];
  return c.length <= room ? path : `…${c.slice(c.length - room + 1).join('')}`;
}

/**
 * Every setting with its value and where it comes from (environment over file, said in
 * words); below, the chosen one in full with what changing it means.
 */
export function SettingsView({ lang, width, state, database }: { lang: Lang; width: number; state: SettingsState; database: string }) {
  const { text } = settingsWords;
  const p = state.prompt;
  const status =
    p.step === 'running' ? text(lang, 'working')
      : p.step === 'asking' ? askText(lang, p.op)
        : state.request !== null && !state.report ? text(lang, 'loading')
          : state.notice?.[lang] ?? null;
  const e = chosenSetting(state);
  const room = width - 1;
  const sourceRoom = Math.max(8, room - 2 - COLS.name - 1 - COLS.value - 1);
  const note = e ? wrapText(noteOf(lang, e.key, database), room - 2).slice(0, 2) : [];
  return (
    <ScreenFrame lang={lang} screen="settings" mode={settingsMode(state)} width={width} title={text(lang, 'title')} error={state.error} status={status} on={settingsConditions(state)}>
      {state.report ? (
        <>
          <Text wrap="truncate-end">{text(lang, 'file', { path: pathEnd(state.report.file, room - [...text(lang, 'file', { path: '' })].length) })}</Text>
          <Text wrap="truncate-end">{text(lang, 'order')}</Text>
          <Text bold wrap="truncate-end">{`  ${column(text(lang, 'colName'), COLS.name)} ${column(text(lang, 'colValue'), COLS.value)} ${text(lang, 'colSource')}`}</Text>
          {state.report.entries.map((r, i) => {
            const selected = i === state.selected;
            return (
              <Text key={r.key} inverse={selected && p.step === 'idle'} wrap="truncate-end">
                {`${selected ? '> ' : '  '}${column(settingName(lang, r.key), COLS.name)} ${column(valueText(lang, r), COLS.value)} ${fit(sourceText(lang, r, false), sourceRoom)}`}
              </Text>
            );
          })}
        </>
      ) : null}
      {e ? (
        <Box flexDirection="column">
          <Text wrap="truncate-end">{`${settingName(lang, e.key)} : ${valueText(lang, e)}`}</Text>
          <Text wrap="truncate-end">{`  ${text(lang, 'sourceLine', { source: sourceText(lang, e) })}`}</Text>
          {e.fileValue !== undefined && e.from ? <Text wrap="truncate-end">{`  ${text(lang, 'overridden', { value: e.fileValue, from: e.from })}`}</Text> : null}
          {note.map((l, i) => (
            <Text key={i} wrap="truncate-end">{`  ${l}`}</Text>
          ))}
          <Text wrap="truncate-end">{`  ${text(lang, e.editable ? 'editable' : 'readOnly')}`}</Text>
        </Box>
      ) : null}
      {p.step !== 'idle' && e ? (
        <Text wrap="truncate-end">
          {text(lang, 'prompt')}
          {typedTail(text(lang, 'prompt'), shownTyped(e.key as ServerEditableSetting, p.text), width)}
          {p.step === 'typing' ? <Text inverse> </Text> : null}
        </Text>
      ) : null}
    </ScreenFrame>
  );
}
