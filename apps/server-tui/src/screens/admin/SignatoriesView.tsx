import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { column, windowStart } from '@docstream/console-kit';
import { ScreenFrame } from '../../keys/kit.js';
import { typedTail } from './prompt.js';
import {
  askText, signatoriesConditions, signatoriesMode, signatoryHeader, signatoryRow, signatoryWords, type SignatoriesState, type SignatoryForm,
} from './signatories-reducer.js';

/** Lines other than the list's: header, title, summary, column names, filter line, message (2), footer (2), last row. */
const LIST_CHROME = 10;

function Field({ label, value, focused, width }: { label: string; value: string; focused: boolean; width: number }) {
  return (
    <Text wrap="truncate-end">
      {focused ? '> ' : '  '}
      {column(label, width)}
      {' : '}
      {value}
      {focused ? <Text inverse> </Text> : null}
    </Text>
  );
}

function FormBody({ lang, form, asking }: { lang: Lang; form: SignatoryForm; asking: boolean }) {
  const { text } = signatoryWords;
  const w = Math.max(...(['fieldName', 'fieldTitle', 'fieldCentre'] as const).map((k) => [...text(lang, k)].length));
  const at = (n: number) => !asking && form.field === n;
  return (
    <>
      <Text wrap="truncate-end">{text(lang, 'formIntro')}</Text>
      <Box flexDirection="column" marginY={1}>
        <Field label={text(lang, 'fieldName')} value={form.fullName} focused={at(0)} width={w} />
        <Field label={text(lang, 'fieldTitle')} value={form.title} focused={at(1)} width={w} />
        {form.kind === 'add' ? (
          <Field label={text(lang, 'fieldCentre')} value={form.matricule} focused={at(2)} width={w} />
        ) : (
          <Text wrap="truncate-end">{`  ${column(text(lang, 'fieldCentre'), w)} : ${form.matricule || text(lang, 'national')}`}</Text>
        )}
      </Box>
    </>
  );
}

/** The signatories printed on copies, national and per centre, active or not (in words). */
export function SignatoriesView({ lang, width, rows, state }: { lang: Lang; width: number; rows: number; state: SignatoriesState }) {
  const { text } = signatoryWords;
  const status = state.pending
    ? text(lang, 'working')
    : state.view === 'confirm' && state.asking
      ? askText(lang, state.asking)
      : state.request !== null && !state.rows
        ? text(lang, 'loading')
        : state.notice?.[lang] ?? null;
  const title = state.form && state.view !== 'list' ? (state.form.kind === 'add' ? text(lang, 'newTitle') : text(lang, 'editTitle', { id: state.form.id! })) : text(lang, 'title');
  const frame = (body: ReactNode) => (
    <ScreenFrame lang={lang} screen="signatories" mode={signatoriesMode(state)} width={width} title={title} error={state.error} status={status} on={signatoriesConditions(state)}>
      {body}
    </ScreenFrame>
  );
  if (state.form && state.view !== 'list') return frame(<FormBody lang={lang} form={state.form} asking={state.view === 'confirm'} />);

  const list = state.rows ?? [];
  const height = Math.max(1, rows - LIST_CHROME);
  const start = windowStart(state.selected, list.length, height);
  const summary = !state.rows ? ' ' : state.filter ? text(lang, 'summaryFiltered', { n: list.length, matricule: state.filter }) : text(lang, 'summary', { n: list.length });
  return frame(
    <>
      <Text wrap="truncate-end">{summary}</Text>
      <Text bold wrap="truncate-end">{'  ' + signatoryHeader(lang)}</Text>
      {state.rows && list.length === 0 ? <Text>{'  ' + text(lang, 'none')}</Text> : null}
      {list.slice(start, start + height).map((r, i) => {
        const selected = start + i === state.selected;
        return (
          <Text key={r.id} inverse={selected && state.view === 'list' && state.filtering === null} wrap="truncate-end">
            {selected ? '> ' : '  '}
            {signatoryRow(lang, r, width)}
          </Text>
        );
      })}
      {state.filtering !== null ? (
        <Text wrap="truncate-end">
          {text(lang, 'filterPrompt')}
          {typedTail(text(lang, 'filterPrompt'), state.filtering, width)}
          <Text inverse> </Text>
        </Text>
      ) : null}
    </>,
  );
}
