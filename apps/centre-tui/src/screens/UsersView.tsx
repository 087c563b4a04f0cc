import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { ScreenFrame } from '../keys/kit.js';
import { column } from '@docstream/console-kit';
import {
  askLine, ROLES, userHeader, userRow, us, usersConditions, usersMode, type UserForm, type UsersState,
} from './users-reducer.js';
import { windowStart } from './MessagesView.js';

export interface UsersViewProps {
  lang: Lang;
  width: number;
  /** The terminal's rows: the list is cut to fit. */
  rows: number;
  state: UsersState;
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

function FormBody({ lang, form, asking }: { lang: Lang; form: UserForm; asking: boolean }) {
  const w = Math.max(...(['fieldLogin', 'fieldName', 'fieldRole'] as const).map((k) => [...us(lang, k)].length));
  const at = (n: number) => !asking && form.field === n;
  const roles = ROLES.map((r, i) => (i === form.role ? `[${r.label[lang]}]` : ` ${r.label[lang]} `)).join(' ');
  return (
    <>
      <Text wrap="truncate-end">{us(lang, 'formIntro')}</Text>
      <Box flexDirection="column" marginY={1}>
        {form.kind === 'create' ? (
          <Field label={us(lang, 'fieldLogin')} value={form.login} focused={at(0)} width={w} />
        ) : (
          <Text wrap="truncate-end">{`  ${column(us(lang, 'fieldLogin'), w)} : ${form.login}`}</Text>
        )}
        <Field label={us(lang, 'fieldName')} value={form.fullName} focused={at(1)} width={w} />
        <Text wrap="truncate-end">
          {at(2) ? '> ' : '  '}
          {column(us(lang, 'fieldRole'), w)}
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
 * The centre's accounts: login, name, role and state words (à changer, bloqué, suspendu —
 * readable without colour); a temporary password stands out on its own line, once.
 */
export function UsersView({ lang, width, rows, state }: UsersViewProps) {
  const mode = usersMode(state);
  const on = usersConditions(state);
  const status = state.pending
    ? us(lang, 'working')
    : state.view === 'confirm' && state.asking
      ? askLine(lang, state.asking)
      : state.request && !state.rows && !state.refused
        ? us(lang, 'loading')
        : state.notice
          ? state.notice[lang]
          : null;
  const title =
    state.form && state.view !== 'list'
      ? state.form.kind === 'create'
        ? us(lang, 'newTitle')
        : us(lang, 'editTitle', { login: state.form.login })
      : us(lang, 'title');
  const frame = (children: ReactNode) => (
    <ScreenFrame lang={lang} screen="users" mode={mode} width={width} title={title} error={state.refused ?? state.error} status={status} on={on}>
      {children}
    </ScreenFrame>
  );

  if (state.refused) return frame(null);
  if (state.form && state.view !== 'list') return frame(<FormBody lang={lang} form={state.form} asking={state.view === 'confirm'} />);

  const list = state.rows ?? [];
  const height = Math.max(1, rows - LIST_CHROME);
  const start = windowStart(state.selected, list.length, height);
  return frame(
    <>
      {state.password ? (
        <Box width={width - 1}>
          <Text bold wrap="wrap">
            {us(lang, 'password', state.password)}
          </Text>
        </Box>
      ) : null}
      <Text wrap="truncate-end">{state.rows ? us(lang, 'summary', { n: list.length }) : ' '}</Text>
      <Text bold wrap="truncate-end">
        {'  ' + userHeader(lang)}
      </Text>
      {state.rows && list.length === 0 ? <Text>{'  ' + us(lang, 'none')}</Text> : null}
      {list.slice(start, start + height).map((u, i) => {
        const selected = start + i === state.selected && state.view === 'list';
        return (
          <Text key={u.id} inverse={selected} wrap="truncate-end">
            {selected ? '> ' : '  '}
            {userRow(lang, u, width)}
          </Text>
        );
      })}
    </>,
  );
}
