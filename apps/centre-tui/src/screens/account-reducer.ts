import { CLIENT_STATUS_LABELS, type Centre, type Label, type Lang } from '@docstream/core';
import { t } from '../i18n.js';
import { column, fit } from '@docstream/console-kit';

export type AccountData = Awaited<ReturnType<Centre['server']['account']>>;
export type ProfileData = Awaited<ReturnType<Centre['server']['profile']>>;

export interface AccountState {
  account: AccountData | null;
  profile: ProfileData | null;
  loaded: boolean;
  request: { id: number } | null;
  lastId: number;
  error: Label | null;
}

export type AccountAction =
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; account: AccountData; profile: ProfileData }
  | { type: 'failed'; id: number; error: Label };

export const initialAccount: AccountState = { account: null, profile: null, loaded: false, request: { id: 1 }, lastId: 1, error: null };

export function accountReducer(s: AccountState, a: AccountAction): AccountState {
  switch (a.type) {
    case 'refresh':
      return { ...s, lastId: s.lastId + 1, request: { id: s.lastId + 1 }, error: null };
    case 'loaded':
      if (s.request?.id !== a.id) return s;
      return { ...s, request: null, loaded: true, account: a.account, profile: a.profile };
    case 'failed':
      if (s.request?.id !== a.id) return s;
      return { ...s, request: null, error: a.error };
  }
}

/** 12 500 in French (plain spaces, readable in any terminal), 12,500 in English. */
export function formatAmount(lang: Lang, n: number): string {
  const negative = n < 0;
  const [whole, decimals] = Math.abs(n).toString().split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? ' ' : ',');
  const text = decimals ? `${grouped}${lang === 'fr' ? ',' : '.'}${decimals}` : grouped;
  return negative ? `-${text}` : text;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date with the time: 20/03/2026 09:05, or 2026-03-20 09:05 (console's time zone). */
export function dateTime(lang: Lang, d: Date): string {
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (lang === 'en') return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${time}`;
}

/** "3 — tous services": the status and what it means. */
export function statusText(lang: Lang, status: number): string {
  const meaning = CLIENT_STATUS_LABELS[status];
  return meaning ? `${status} — ${meaning[lang]}` : String(status);
}

const LABEL_WIDTH = 20;
const row = (label: string, value: string, width: number) => fit(`  ${column(label, LABEL_WIDTH)} : ${value}`, width - 1);

/** The screen's lines: the account, the profile and its signatories, or what is still missing. */
export function accountLines(lang: Lang, s: AccountState, width: number): { text: string; bold?: boolean }[] {
  const out: { text: string; bold?: boolean }[] = [];
  const a = s.account;
  if (a) {
    out.push({ text: t(lang, 'accountHeading', { date: dateTime(lang, a.as_of) }), bold: true });
    out.push({ text: row(t(lang, 'accountBalance'), formatAmount(lang, a.balance), width) });
    out.push({ text: row(t(lang, 'accountQuota'), formatAmount(lang, a.query_quota), width) });
    out.push({ text: row(t(lang, 'accountReceived'), dateTime(lang, a.received_at), width) });
  } else {
    out.push({ text: fit(t(lang, 'accountNone'), width - 1) });
  }
  out.push({ text: '' });
  const p = s.profile?.profile;
  if (p) {
    out.push({ text: t(lang, 'profileHeading', { date: dateTime(lang, p.as_of) }), bold: true });
    out.push({ text: row(t(lang, 'profileName'), p.name, width) });
    out.push({ text: row(t(lang, 'profileCity'), p.city || '—', width) });
    out.push({ text: row(t(lang, 'profileRegion'), p.region || '—', width) });
    out.push({ text: row(t(lang, 'profilePhone'), p.phone || '—', width) });
    out.push({ text: row(t(lang, 'profileStatus'), statusText(lang, p.status), width) });
  } else {
    out.push({ text: fit(t(lang, 'profileNone'), width - 1) });
  }
  const signatories = s.profile?.signatories ?? [];
  if (p || signatories.length > 0) {
    out.push({ text: '' });
    out.push({ text: t(lang, 'signatoriesHeading'), bold: true });
    if (signatories.length === 0) out.push({ text: `  ${t(lang, 'signatoriesNone')}` });
    for (const g of signatories) {
      const title = g.national ? `${g.title} (${t(lang, 'signatoryNational')})` : g.title;
      out.push({ text: fit(`  ${g.full_name} — ${title}`, width - 1) });
    }
  }
  return out;
}
