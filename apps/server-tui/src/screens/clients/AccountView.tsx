import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { ScreenFrame } from '../../keys/kit.js';
import { amount, cw, day } from './client-words.js';
import { accountConditions, accountMode, as, askLine, ledgerHeader, ledgerRow, type AccountState } from './account-reducer.js';
import { FormFields } from './FormFields.js';

/** Lines other than the statement rows: header, title, balance, period, totals, column names, position, message, footer, one spare. */
export const ACCOUNT_CHROME = 10;

const isoDay = (lang: Lang, iso: string) => day(lang, new Date(`${iso}T00:00:00`));

/**
 * A centre's account: balance and query quota, then the statement of a period (ledger
 * rows with the balance after each, a page at a time); the recharge and period forms.
 */
export function AccountView({ lang, width, state, privilege }: { lang: Lang; width: number; state: AccountState; privilege: number }) {
  const m = { matricule: state.matricule };
  const status = state.pending
    ? cw(lang, 'working')
    : state.view === 'confirm'
      ? askLine(lang, state)
      : state.request
        ? cw(lang, 'loading')
        : (state.notice?.[lang] ?? null);
  const recharging = state.view === 'recharge' || state.view === 'confirm';
  const title = recharging
    ? as(lang, 'rechargeTitle', m)
    : state.view === 'period'
      ? as(lang, 'periodTitle')
      : state.account
        ? as(lang, 'titleName', { ...m, name: state.account.name })
        : as(lang, 'title', m);
  const frame = (children: ReactNode) => (
    <ScreenFrame lang={lang} screen="clientAccount" mode={accountMode(state)} width={width} title={title} error={state.error} status={status} on={accountConditions(state, privilege)}>
      {children}
    </ScreenFrame>
  );

  if (state.form && (recharging || state.view === 'period')) {
    return frame(
      <>
        <Text>{as(lang, recharging ? 'rechargeIntro' : 'periodIntro')}</Text>
        <Box marginY={1}>
          <FormFields lang={lang} form={state.form} width={width} active={state.view !== 'confirm'} />
        </Box>
      </>,
    );
  }

  const acc = state.account;
  const st = state.statement;
  if (!acc || !st) return frame(null);
  const rows = st.rows.slice(state.first, state.first + state.pageSize);
  return frame(
    <>
      <Text wrap="truncate-end">{as(lang, 'balance', { balance: amount(lang, acc.balance), quota: acc.query_quota })}</Text>
      <Text wrap="truncate-end">{as(lang, 'period', { from: isoDay(lang, st.from), to: isoDay(lang, st.to) })}</Text>
      <Text wrap="truncate-end">
        {as(lang, 'totals', { opening: amount(lang, st.opening.balance), credits: amount(lang, st.credits, true), debits: amount(lang, -st.debits), closing: amount(lang, st.closing.balance) })}
      </Text>
      <Text bold wrap="truncate-end">
        {'  ' + ledgerHeader(lang, width)}
      </Text>
      {rows.length === 0 ? <Text>{'  ' + as(lang, 'noRows')}</Text> : null}
      {rows.map((r) => (
        <Text key={r.id} wrap="truncate-end">
          {'  ' + ledgerRow(lang, r, width)}
        </Text>
      ))}
      {st.rows.length > 0 ? <Text>{as(lang, 'rowsLine', { from: state.first + 1, to: state.first + rows.length, total: st.rows.length })}</Text> : null}
    </>,
  );
}
