import type { ReactElement, ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Label, Lang } from '@docstream/core';
import type { Mode } from '../keys/types.js';
import { column } from '../text/fit.js';
import { windowStart } from '../text/window.js';
import { accountsConditions, accountsMode, type AccountForm, type AccountsCondition, type AccountsModel, type AccountsState } from './accounts-model.js';

/** The app's screen frame bound to its accounts screen (its footer comes from the app's key table). */
export type AccountsFrame = (props: {
  lang: Lang;
  mode: Mode;
  width: number;
  title: string;
  error?: Label | null;
  status?: string | null;
  on: readonly AccountsCondition[];
  children?: ReactNode;
}) => ReactElement;

export interface AccountsViewProps {
  lang: Lang;
  width: number;
  /** The terminal's rows: the list is cut to fit. */
  rows: number;
  state: AccountsState;
  model: AccountsModel;
  Frame: AccountsFrame;
}

/** Lines other than the list's: header, title, summary, password (2), column names, message line, footer (2). */
const LIST_CHROME = 9;

/** One form field: the focused one marked `>` and followed by a cursor. */
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

function FormBody({ lang, form, asking, model }: { lang: Lang; form: AccountForm; asking: boolean; model: AccountsModel }) {
  const w = Math.max(...(['fieldLogin', 'fieldName', 'fieldRole'] as const).map((k) => [...model.text(lang, k)].length));
  const at = (n: number) => !asking && form.field === n;
  const roles = model.roles.map((r, i) => (i === form.role ? `[${r.label[lang]}]` : ` ${r.label[lang]} `)).join(' ');
  return (
    <>
      <Text wrap="truncate-end">{model.text(lang, 'formIntro')}</Text>
      <Box flexDirection="column" marginY={1}>
        {form.kind === 'create' ? (
          <Field label={model.text(lang, 'fieldLogin')} value={form.login} focused={at(0)} width={w} />
        ) : (
          <Text wrap="truncate-end">{`  ${column(model.text(lang, 'fieldLogin'), w)} : ${form.login}`}</Text>
        )}
        <Field label={model.text(lang, 'fieldName')} value={form.fullName} focused={at(1)} width={w} />
        <Text wrap="truncate-end">
          {at(2) ? '> ' : '  '}
          {column(model.text(lang, 'fieldRole'), w)}
          {' : '}
          {at(2) ? '← ' : '  '}
          {roles}
          {at(2) ? ' →' : ''}
        </Text>
      </Box>
    </>
  );
}

/**
 * The accounts: login, name, role and state words (à changer, bloqué, suspendu — readable
 * without colour); a temporary password stands out on its own line, once.
 */
export function AccountsView({ lang, width, rows, state, model, Frame }: AccountsViewProps) {
  const mode = accountsMode(state);
  const on = accountsConditions(state);
  const status = state.pending
    ? model.text(lang, 'working')
    : state.view === 'confirm' && state.asking
      ? model.askLine(lang, state.asking)
      : state.request && !state.rows && !state.refused
        ? model.text(lang, 'loading')
        : state.notice
          ? state.notice[lang]
          : null;
  const title =
    state.form && state.view !== 'list'
      ? state.form.kind === 'create'
        ? model.text(lang, 'newTitle')
        : model.text(lang, 'editTitle', { login: state.form.login })
      : model.text(lang, 'title');
  const frame = (children: ReactNode) => (
    <Frame lang={lang} mode={mode} width={width} title={title} error={state.refused ?? state.error} status={status} on={on}>
      {children}
    </Frame>
  );

  if (state.refused) return frame(null);
  if (state.form && state.view !== 'list') return frame(<FormBody lang={lang} form={state.form} asking={state.view === 'confirm'} model={model} />);

  const list = state.rows ?? [];
  const height = Math.max(1, rows - LIST_CHROME);
  const start = windowStart(state.selected, list.length, height);
  return frame(
    <>
      {state.password ? (
        <Box width={width - 1}>
          <Text bold wrap="wrap">
            {model.text(lang, 'password', state.password)}
          </Text>
        </Box>
      ) : null}
      <Text wrap="truncate-end">{state.rows ? model.text(lang, 'summary', { n: list.length }) : ' '}</Text>
      <Text bold wrap="truncate-end">
        {'  ' + model.header(lang)}
      </Text>
      {state.rows && list.length === 0 ? <Text>{'  ' + model.text(lang, 'none')}</Text> : null}
      {list.slice(start, start + height).map((u, i) => {
        const selected = start + i === state.selected && state.view === 'list';
        return (
          <Text key={u.id} inverse={selected} wrap="truncate-end">
            {selected ? '> ' : '  '}
            {model.row(lang, u, width)}
          </Text>
        );
      })}
    </>,
  );
}
