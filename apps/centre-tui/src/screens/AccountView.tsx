import { Text } from 'ink';
import type { Lang } from '@docstream/core';
import { t } from '../i18n.js';
import { ScreenFrame } from '../keys/kit.js';
import { accountLines, type AccountState } from './account-reducer.js';

export interface AccountViewProps {
  lang: Lang;
  width: number;
  rows: number;
  state: AccountState;
}

/** What the central server last said about this centre: its account, its profile, its signatories (read-only). */
export function AccountView({ lang, width, rows, state }: AccountViewProps) {
  const lines = state.loaded ? accountLines(lang, state, width) : [];
  // Header, title, message line, footer, one spare.
  const budget = Math.max(1, rows - 5);
  const shown = lines.length > budget ? [...lines.slice(0, budget - 1), { text: t(lang, 'moreLines', { n: lines.length - budget + 1 }) }] : lines;
  return (
    <ScreenFrame
      lang={lang}
      screen="account"
      mode="normal"
      width={width}
      title={t(lang, 'accountTitle')}
      error={state.error}
      status={state.request ? t(lang, 'loading') : null}
    >
      {shown.map((l, i) => (
        <Text key={i} bold={l.bold ?? false} wrap="truncate-end">
          {l.text === '' ? ' ' : l.text}
        </Text>
      ))}
    </ScreenFrame>
  );
}
