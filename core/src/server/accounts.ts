import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { isCalendarDate } from '../forms/validate.js';
import type { Session } from '../auth/session.js';
import type { WireAccount } from '../transport/protocol.js';
import { OperatorPrivilege as P, type Guard } from './guard.js';
import * as a from './queries/accounts.js';
import { insertNotice } from './queries/notices.js';

export const TARIFF_SERVICES: readonly a.TariffService[] = ['document', 'query', 'copy'];

function invalid(fr: string, en: string, field: string): DocstreamError {
  return new DocstreamError('validation', fr, en, { problems: [{ field, fr, en }] });
}

function wholeAmount(n: number, field: string, allowNegative = false): number {
  if (!Number.isSafeInteger(n) || n === 0 || (!allowNegative && n < 0)) {
    throw invalid(`Montant invalide : un nombre entier ${allowNegative ? 'non nul' : 'positif'} (unité monétaire la plus petite).`,
      `Invalid amount: a whole ${allowNegative ? 'non-zero' : 'positive'} number (smallest currency unit).`, field);
  }
  return n;
}

export function accountMessage(acc: { balance: number; query_quota: number }, at: Date): WireAccount {
  return { b: acc.balance, q: acc.query_quota, at: at.toISOString() };
}

export interface Statement {
  matricule: string;
  from: string;
  to: string;
  opening: { balance: number; quota: number };
  closing: { balance: number; quota: number };
  credits: number;
  debits: number;
  rows: a.LedgerRow[];
}

/**
 * Accounts and billing (DESIGN §7). Every movement is a ledger row written with the
 * account's new balance under its row lock; services bill in their own transaction
 * (`bill`), and an authentic document is never refused for lack of credit: the balance
 * may go negative, which is the debt.
 */
export function createAccounts(db: Database, clock: Clock, guard: Guard) {
  async function mustHave(q: Queryable, matricule: string): Promise<a.AccountRow> {
    const acc = await a.accountOf(q, matricule);
    if (!acc) throw notFound(`Centre ${matricule}`, `Centre ${matricule}`);
    return acc;
  }

  /** An operator's movement: the ledger row, the audit entry, and the centre told its new balance. */
  async function operatorMove(session: Session, min: P, action: { fr: string; en: string }, m: Omit<a.Movement, 'operatorId' | 'at'>): Promise<a.LedgerRow> {
    const now = clock.now();
    return db.tx(async (q) => {
      const actor = await guard(q, session, min, action);
      await mustHave(q, m.matricule);
      if (m.units < 0) {
        const acc = (await a.accountOf(q, m.matricule))!;
        if (acc.query_quota + m.units < 0) throw invalid(`Le quota restant (${acc.query_quota}) est plus petit que le retrait demandé.`, `The remaining quota (${acc.query_quota}) is smaller than the withdrawal asked.`, 'units');
      }
      const row = await a.moveAccount(q, { ...m, operatorId: actor.id, at: now });
      await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: `account_${m.service}`, entity: 'client', entityId: m.matricule, details: { amount: m.amount, units: m.units, reference: m.reference, ledger: row.id } });
      await insertNotice(q, m.matricule, 'account', accountMessage({ balance: row.balance_after, query_quota: row.quota_after }, now), now);
      return row;
    });
  }

  return {
    /** Money paid by the centre (operator). */
    async recharge(session: Session, matricule: string, amount: number, reference = ''): Promise<a.LedgerRow> {
      return operatorMove(session, P.Operator, { fr: 'créditer un compte', en: 'crediting an account' },
        { matricule, service: 'recharge', amount: wholeAmount(amount, 'amount'), units: 0, quantity: 0, reference: reference.trim() });
    },

    /** A correction, either way, with its reason (supervisor). */
    async adjust(session: Session, matricule: string, amount: number, reason: string): Promise<a.LedgerRow> {
      if (reason.trim() === '') throw invalid('Motif obligatoire pour une correction.', 'A reason is required for an adjustment.', 'reason');
      return operatorMove(session, P.Supervisor, { fr: 'corriger un compte', en: 'adjusting an account' },
        { matricule, service: 'adjustment', amount: wholeAmount(amount, 'amount', true), units: 0, quantity: 0, reference: reason.trim() });
    },

    /**
     * Prepaid queries: `units` more (or fewer, if negative) queries the centre may send;
     * `price`, if given, is debited from the balance in the same row.
     */
    async grantQuota(session: Session, matricule: string, units: number, opts: { price?: number; reference?: string } = {}): Promise<a.LedgerRow> {
      if (!Number.isSafeInteger(units) || units === 0) throw invalid('Quota : un nombre entier de requêtes, non nul.', 'Quota: a whole non-zero number of queries.', 'units');
      const price = opts.price === undefined || opts.price === 0 ? 0 : wholeAmount(opts.price, 'price');
      return operatorMove(session, P.Operator, { fr: 'attribuer un quota de requêtes', en: 'granting a query quota' },
        { matricule, service: 'quota', amount: -price, units, quantity: Math.abs(units), reference: opts.reference?.trim() ?? '' });
    },

    async setTariff(session: Session, service: string, price: number): Promise<void> {
      if (!TARIFF_SERVICES.includes(service as a.TariffService)) throw invalid(`Service inconnu « ${service} » : document, query ou copy.`, `Unknown service “${service}”: document, query or copy.`, 'service');
      if (!Number.isSafeInteger(price) || price < 0) throw invalid('Tarif : un nombre entier positif ou nul.', 'Tariff: a whole number, zero or more.', 'price');
      const now = clock.now();
      await db.tx(async (q) => {
        const actor = await guard(q, session, P.Supervisor, { fr: 'changer les tarifs', en: 'changing tariffs' });
        const old = await a.setTariff(q, service as a.TariffService, price, now);
        await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'tariff_changed', entity: 'tariff', entityId: service, details: { from: old ?? null, to: price } });
      });
    },

    async tariffs(session: Session): Promise<Record<a.TariffService, number>> {
      await guard(db, session, P.Viewer, { fr: 'consulter les tarifs', en: 'viewing tariffs' });
      const t = await a.tariffs(db);
      return Object.fromEntries(TARIFF_SERVICES.map((s) => [s, t.get(s) ?? 0])) as Record<a.TariffService, number>;
    },

    async get(session: Session, matricule: string): Promise<a.AccountRow> {
      await guard(db, session, P.Viewer, { fr: 'consulter un compte', en: 'viewing an account' });
      return mustHave(db, matricule);
    },

    async list(session: Session): Promise<a.AccountRow[]> {
      await guard(db, session, P.Viewer, { fr: 'consulter les comptes', en: 'viewing accounts' });
      return a.listAccounts(db);
    },

    /** Movements of [from, to] (whole days, UTC) with the balance before and after. */
    async statement(session: Session, matricule: string, period: { from: string; to: string }): Promise<Statement> {
      for (const k of ['from', 'to'] as const) {
        if (!isCalendarDate(period[k])) throw invalid(`Date « ${k} » invalide, format AAAA-MM-JJ.`, `Invalid “${k}” date, use YYYY-MM-DD.`, k);
      }
      if (period.from > period.to) throw invalid('La date de début suit la date de fin.', 'The start date is after the end date.', 'from');
      await guard(db, session, P.Viewer, { fr: 'consulter un relevé', en: 'viewing a statement' });
      await mustHave(db, matricule);
      const end = new Date(`${period.to}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      const { opening, rows } = await a.statementRows(db, matricule, new Date(`${period.from}T00:00:00Z`), end);
      const last = rows[rows.length - 1];
      return {
        matricule, from: period.from, to: period.to, opening,
        closing: last ? { balance: last.balance_after, quota: last.quota_after } : opening,
        credits: rows.filter((r) => r.amount > 0).reduce((s, r) => s + r.amount, 0),
        debits: -rows.filter((r) => r.amount < 0).reduce((s, r) => s + r.amount, 0),
        rows,
      };
    },

    /** Checks that every balance is the sum of its ledger rows and that no row is out of line. */
    async verify(session: Session): Promise<a.LedgerMismatch[]> {
      await guard(db, session, P.Viewer, { fr: 'vérifier les comptes', en: 'checking accounts' });
      return a.ledgerMismatches(db);
    },
  };
}

/**
 * Bills a service inside the caller's transaction, at the current tariff: nothing when
 * the tariff is zero. Never refuses: a negative balance is the debt.
 */
export async function bill(q: Queryable, prices: Map<a.TariffService, number>, m: { matricule: string; service: a.TariffService; quantity: number; units?: number; reference: string; at: Date }): Promise<a.LedgerRow | undefined> {
  const amount = (prices.get(m.service) ?? 0) * m.quantity;
  const units = m.units ?? 0;
  if (amount === 0 && units === 0) return undefined;
  return a.moveAccount(q, { matricule: m.matricule, service: m.service, amount: -amount, units, quantity: m.quantity, reference: m.reference, operatorId: null, at: m.at });
}

export type Accounts = ReturnType<typeof createAccounts>;
