import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { t } from '../i18n.js';
import { ScreenFrame } from '../keys/kit.js';
import { column } from '@docstream/console-kit';
import { focusedSlot, formConditions, formMode, type FormState } from './form-reducer.js';
import { formLines, formWindow, slotHint } from './form-lines.js';
import { ft } from './form-strings.js';

export interface FormViewProps {
  lang: Lang;
  width: number;
  /** The terminal's rows: the form scrolls within them. */
  rows: number;
  state: FormState;
}

/** Lines other than the form's: header, title, legend, hint, message line, footer, one spare. */
const FORM_CHROME = 7;

export function formHeight(rows: number): number {
  return Math.max(3, rows - FORM_CHROME);
}

/**
 * The new-document screen: the kinds to choose from, then the form drawn from its
 * definition — one line per input, `*` after a required field's label, '>' on the
 * focused one (no colour needed), the core's objection under the field it names
 * ("!"), what the focused field takes on the line under the form.
 */
export function FormView({ lang, width, rows, state }: FormViewProps) {
  const mode = formMode(state);
  const on = formConditions(state);
  const status = state.saving
    ? ft(lang, 'saving')
    : state.phase === 'confirm'
      ? ft(lang, 'askDiscard')
      : state.loading || (state.phase === 'edit' && !state.form)
        ? t(lang, 'loading')
        : state.notice
          ? state.notice[lang]
          : null;
  const title = !state.form
    ? ft(lang, 'newTitle')
    : state.numero !== null
      ? ft(lang, 'draftTitle', { numero: state.numero, title: state.form.title[lang] })
      : ft(lang, 'newKindTitle', { title: state.form.title[lang] });
  const frame = (children: ReactNode) => (
    // The o/n question takes the message line over an error, which comes back after `n`.
    <ScreenFrame lang={lang} screen="form" mode={mode} width={width} title={title} error={state.phase === 'confirm' ? null : state.error} status={status} on={on}>
      {children}
    </ScreenFrame>
  );

  if (!state.form) {
    const kinds = state.kinds ?? [];
    return frame(
      <>
        <Text wrap="truncate-end">{state.kinds && kinds.length === 0 ? ft(lang, 'pickNone') : ft(lang, 'pickIntro')}</Text>
        <Box flexDirection="column" marginY={1}>
          {kinds.map((k, i) => {
            const selected = i === state.selected;
            return (
              <Text key={k.id} inverse={selected} wrap="truncate-end">
                {selected ? '> ' : '  '}
                {column(k.title[lang], 36)} {k.id} v{k.version}
              </Text>
            );
          })}
        </Box>
      </>,
    );
  }

  const lines = formLines(lang, state, width);
  const height = formHeight(rows);
  const start = formWindow(lines, state.focus, height);
  const shown = lines.slice(start, start + height);
  const slot = focusedSlot(state);
  const position =
    lines.length > height ? `   ${ft(lang, 'position', { from: start + 1, to: start + shown.length, total: lines.length })}` : '';
  return frame(
    <>
      <Text wrap="truncate-end">{ft(lang, 'requiredLegend') + position}</Text>
      {shown.map((l, i) =>
        l.kind === 'error' ? (
          <Text key={`e${l.slot}`} bold wrap="truncate-end">
            {l.head}
          </Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            {l.head}
            {l.value}
            {l.focused && state.phase === 'edit' ? <Text inverse> </Text> : null}
          </Text>
        ),
      )}
      <Text wrap="truncate-end">{slot && state.phase === 'edit' ? slotHint(lang, slot) || ' ' : ' '}</Text>
    </>,
  );
}
