import type { AccountRow, Label, Lang, LedgerRow, Statement } from '@docstream/core';
import { column, columnRight, translator, fit, type Mode } from '@docstream/console-kit';
import type { Condition } from '../../keys/bindings.js';
import { amount, dayTime, OPERATOR } from './client-words.js';
import { formReducer, newForm, onLastField, value, withProblems, type Form, type FormAction } from './form.js';

export const ACCOUNT_STRINGS = {
  title: { fr: 'Compte du centre {matricule}', en: 'Account of centre {matricule}' },
  titleName: { fr: 'Compte du centre {matricule} — {name}', en: 'Account of centre {matricule} — {name}' },
  balance: { fr: 'Solde : {balance} · Quota de requêtes : {quota}', en: 'Balance: {balance} · Query quota: {quota}' },
  period: { fr: 'Relevé du {from} au {to} (d : autres dates)', en: 'Statement from {from} to {to} (d: other dates)' },
  totals: { fr: 'Solde initial {opening} · crédits {credits} · débits {debits} · solde final {closing}', en: 'Opening {opening} · credits {credits} · debits {debits} · closing {closing}' },
  colAt: { fr: 'Date', en: 'Date' },
  colService: { fr: 'Opération', en: 'Operation' },
  colAmount: { fr: 'Montant', en: 'Amount' },
  colBalance: { fr: 'Solde', en: 'Balance' },
  colReference: { fr: 'Référence', en: 'Reference' },
  noRows: { fr: 'Aucun mouvement sur la période.', en: 'No movement in the period.' },
  rowsLine: { fr: 'Lignes {from}–{to} sur {total}', en: 'Lines {from}–{to} of {total}' },
  rechargeTitle: { fr: 'Recharger le compte du centre {matricule}', en: 'Recharge the account of centre {matricule}' },
  rechargeIntro: { fr: 'Montant en unité monétaire la plus petite (ex. 5000), puis la pièce ou le reçu.', en: 'Amount in the smallest currency unit (e.g. 5000), then the voucher or receipt.' },
  amount: { fr: 'Montant', en: 'Amount' },
  reference: { fr: 'Référence', en: 'Reference' },
  amountInvalid: { fr: 'Un nombre entier positif (ex. 5000).', en: 'A whole positive number (e.g. 5000).' },
  askRecharge: { fr: 'Créditer {amount} au compte du centre {matricule} (référence : {reference}) ? (o/n)', en: 'Credit {amount} to the account of centre {matricule} (reference: {reference})? (y/n)' },
  recharged: { fr: 'Compte crédité de {amount}. Nouveau solde : {balance}.', en: 'Account credited {amount}. New balance: {balance}.' },
  periodTitle: { fr: 'Période du relevé', en: 'Statement period' },
  periodIntro: { fr: 'Dates au format AAAA-MM-JJ, jours entiers (UTC).', en: 'Dates as YYYY-MM-DD, whole days (UTC).' },
  from: { fr: 'Du', en: 'From' },
  to: { fr: 'Au', en: 'To' },
  dateHint: { fr: 'AAAA-MM-JJ', en: 'YYYY-MM-DD' },
  noReference: { fr: 'aucune', en: 'none' },
} as const satisfies Record<string, Label>;

export const as = translator(ACCOUNT_STRINGS);

const SERVICES: Record<LedgerRow['service'], Label> = {
  recharge: { fr: 'recharge', en: 'recharge' },
  document: { fr: 'documents', en: 'documents' },
  query: { fr: 'requêtes', en: 'queries' },
  copy: { fr: 'copies', en: 'copies' },
  adjustment: { fr: 'correction', en: 'adjustment' },
  quota: { fr: 'quota', en: 'quota' },
};

export interface Period {
  from: string;
  to: string;
}

/** The first day of the month to `today` (YYYY-MM-DD, UTC like the core's statement). */
export function monthToDate(now: Date): Period {
  const today = now.toISOString().slice(0, 10);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

export interface AccountState {
  matricule: string;
  account: AccountRow | null;
  statement: Statement | null;
  period: Period;
  /** `asked`: the period comes from the form (a refusal goes back to it). */
  request: { id: number; period: Period; asked: boolean } | null;
  lastId: number;
  view: 'show' | 'recharge' | 'period' | 'confirm';
  /** The recharge or period form (kept while its request runs, to come back to it on a refusal). */
  form: Form | null;
  asking: { amount: number; reference: string } | null;
  pending: { id: number; amount: number; reference: string } | null;
  /** First statement row shown. */
  first: number;
  pageSize: number;
  error: Label | null;
  notice: Label | null;
}

export type AccountAction =
  | FormAction
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; account: AccountRow; statement: Statement }
  | { type: 'failed'; id: number; error: Label; problems: Record<string, Label> }
  | { type: 'recharge' }
  | { type: 'period' }
  | { type: 'submit' }
  | { type: 'cancel' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'prevPage' }
  | { type: 'nextPage' }
  | { type: 'done'; id: number; row: LedgerRow }
  | { type: 'opFailed'; id: number; error: Label; problems: Record<string, Label> };

function load(s: AccountState, asked?: Period): AccountState {
  const id = s.lastId + 1;
  return { ...s, lastId: id, request: { id, period: asked ?? s.period, asked: asked !== undefined } };
}

export function initialAccount(matricule: string, period: Period, pageSize: number): AccountState {
  return load({
    matricule, account: null, statement: null, period, request: null, lastId: 0, view: 'show', form: null, asking: null, pending: null,
    first: 0, pageSize, error: null, notice: null,
  });
}

const ready = (s: AccountState): boolean => s.view === 'show' && s.account !== null && s.pending === null;

/** The last page of rows: the newest movements first in sight. */
function lastPage(total: number, size: number): number {
  return total <= size ? 0 : Math.floor((total - 1) / size) * size;
}

export function accountReducer(s: AccountState, a: AccountAction): AccountState {
  switch (a.type) {
    case 'text':
    case 'nextField':
    case 'prevField':
    case 'prevChoice':
    case 'nextChoice':
      if ((s.view !== 'recharge' && s.view !== 'period') || !s.form) return s;
      return { ...s, form: formReducer(s.form, a) };
    case 'refresh':
      return s.view === 'show' && !s.pending ? load({ ...s, error: null, notice: null }) : s;
    case 'loaded':
      if (s.request?.id !== a.id) return s;
      return { ...s, request: null, account: a.account, statement: a.statement, period: s.request.period, first: lastPage(a.statement.rows.length, s.pageSize), form: s.view === 'show' ? null : s.form };
    case 'failed': {
      if (s.request?.id !== a.id) return s;
      // Dates the core refuses go back to the period form, its words beside them.
      if (s.form && s.request.asked) return { ...s, request: null, view: 'period', form: withProblems(s.form, a.problems), error: a.error };
      return { ...s, request: null, error: a.error };
    }
    case 'recharge': {
      if (!ready(s) || s.request) return s;
      const form = newForm([
        { id: 'amount', label: ACCOUNT_STRINGS.amount, value: '', max: 15 },
        { id: 'reference', label: ACCOUNT_STRINGS.reference, value: '', max: 200 },
      ]);
      return { ...s, view: 'recharge', form, error: null, notice: null };
    }
    case 'period': {
      if (!ready(s) || s.request) return s;
      const form = newForm([
        { id: 'from', label: ACCOUNT_STRINGS.from, value: s.period.from, max: 10, hint: ACCOUNT_STRINGS.dateHint },
        { id: 'to', label: ACCOUNT_STRINGS.to, value: s.period.to, max: 10, hint: ACCOUNT_STRINGS.dateHint },
      ]);
      return { ...s, view: 'period', form, error: null, notice: null };
    }
    case 'submit': {
      const f = s.form;
      if ((s.view !== 'recharge' && s.view !== 'period') || !f) return s;
      if (!onLastField(f)) return { ...s, form: { ...f, focus: f.focus + 1 } };
      if (s.view === 'period') return load({ ...s, view: 'show', error: null }, { from: value(f, 'from').trim(), to: value(f, 'to').trim() });
      const text = value(f, 'amount').replace(/[\s,.]/g, '');
      if (!/^\d+$/.test(text) || Number(text) === 0 || !Number.isSafeInteger(Number(text))) {
        return { ...s, form: withProblems(f, { amount: ACCOUNT_STRINGS.amountInvalid }) };
      }
      return { ...s, view: 'confirm', asking: { amount: Number(text), reference: value(f, 'reference').trim() }, error: null };
    }
    case 'cancel':
      return s.view === 'recharge' || s.view === 'period' ? { ...s, view: 'show', form: null, error: null } : s;
    case 'no':
      return s.view === 'confirm' && !s.pending ? { ...s, view: 'recharge', asking: null } : s;
    case 'yes': {
      if (s.view !== 'confirm' || !s.asking || s.pending) return s;
      const id = s.lastId + 1;
      return { ...s, lastId: id, pending: { id, ...s.asking } };
    }
    case 'done': {
      if (s.pending?.id !== a.id) return s;
      const notice: Label = {
        fr: as('fr', 'recharged', { amount: amount('fr', a.row.amount), balance: amount('fr', a.row.balance_after) }),
        en: as('en', 'recharged', { amount: amount('en', a.row.amount), balance: amount('en', a.row.balance_after) }),
      };
      return load({ ...s, view: 'show', form: null, asking: null, pending: null, error: null, notice });
    }
    case 'opFailed': {
      if (s.pending?.id !== a.id) return s;
      // Back to the form, the core's words beside the field it names (or on the message line).
      return { ...s, pending: null, asking: null, view: 'recharge', form: s.form ? withProblems(s.form, a.problems) : null, error: a.error };
    }
    case 'prevPage':
    case 'nextPage': {
      const total = s.statement?.rows.length ?? 0;
      if (s.view !== 'show' || total <= s.pageSize) return s;
      const first = a.type === 'prevPage' ? Math.max(0, s.first - s.pageSize) : Math.min(lastPage(total, s.pageSize), s.first + s.pageSize);
      return first === s.first ? s : { ...s, first };
    }
  }
}

export function accountMode(s: AccountState): Mode {
  return s.view === 'recharge' || s.view === 'period' ? 'typing' : s.view === 'confirm' ? 'confirm' : 'normal';
}

export function accountConditions(s: AccountState, privilege: number): Condition[] {
  return ready(s) && privilege >= OPERATOR ? ['accountRecharge'] : [];
}

export function askLine(lang: Lang, s: AccountState): string {
  const a = s.asking;
  if (!a) return '';
  return as(lang, 'askRecharge', { amount: amount(lang, a.amount), matricule: s.matricule, reference: a.reference || as(lang, 'noReference') });
}

const W = { at: 16, service: 14, amount: 10, balance: 10 };

function refWidth(width: number): number {
  return Math.max(6, width - 1 - 2 - (W.at + 1 + W.service + 1 + W.amount + 1 + W.balance + 1));
}

export function ledgerHeader(lang: Lang, width: number): string {
  return [
    column(as(lang, 'colAt'), W.at),
    column(as(lang, 'colService'), W.service),
    columnRight(as(lang, 'colAmount'), W.amount),
    columnRight(as(lang, 'colBalance'), W.balance),
    fit(as(lang, 'colReference'), refWidth(width)),
  ].join(' ');
}

/** One ledger row: when, what (with the quantity billed or the queries granted), the amount, the balance after it, its reference. */
export function ledgerRow(lang: Lang, r: LedgerRow, width: number): string {
  const what = SERVICES[r.service][lang] + (r.units !== 0 ? ` ${r.units > 0 ? '+' : ''}${r.units}` : r.quantity > 0 ? ` ×${r.quantity}` : '');
  return [
    column(dayTime(lang, r.at), W.at),
    column(what, W.service),
    columnRight(r.amount === 0 ? '' : amount(lang, r.amount, true), W.amount),
    columnRight(amount(lang, r.balance_after), W.balance),
    fit(r.reference, refWidth(width)),
  ].join(' ');
}

