import type { Queryable } from '../../db/database.js';

export type Service = 'recharge' | 'document' | 'query' | 'copy' | 'adjustment' | 'quota';
export type TariffService = 'document' | 'query' | 'copy';

export interface AccountRow {
  matricule: string;
  name: string;
  balance: number;
  query_quota: number;
  updated_at: Date;
}

export interface LedgerRow {
  id: number;
  matricule: string;
  at: Date;
  service: Service;
  amount: number;
  units: number;
  quantity: number;
  balance_after: number;
  quota_after: number;
  reference: string;
  operator_id: number | null;
}

export interface Movement {
  matricule: string;
  service: Service;
  /** Money: positive credits, negative debits (smallest currency unit). */
  amount: number;
  /** Query quota: positive grants, negative use. */
  units: number;
  /** What was billed (documents, copies), for the statement. */
  quantity: number;
  reference: string;
  operatorId: number | null;
  at: Date;
}

/**
 * Moves the account and writes its ledger row in the caller's transaction. The UPDATE
 * locks the client's account row, so concurrent movements queue and each row's
 * balance_after follows the one before: none is lost, none is computed twice.
 */
export async function moveAccount(q: Queryable, m: Movement): Promise<LedgerRow> {
  const [acc] = await q.query<{ balance: number; query_quota: number }>(
    `UPDATE xm_system.accounts SET balance = balance + $2, query_quota = query_quota + $3, updated_at = $4
      WHERE matricule = $1 RETURNING balance, query_quota`,
    [m.matricule, m.amount, m.units, m.at],
  );
  if (!acc) throw new Error(`no account for ${m.matricule}`);
  const [row] = await q.query<LedgerRow>(
    `INSERT INTO xm_system.ledger (matricule, at, service, amount, units, quantity, balance_after, quota_after, reference, operator_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [m.matricule, m.at, m.service, m.amount, m.units, m.quantity, acc.balance, acc.query_quota, m.reference, m.operatorId],
  );
  return row!;
}

export async function openAccount(q: Queryable, matricule: string, at: Date): Promise<void> {
  await q.query('INSERT INTO xm_system.accounts (matricule, updated_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [matricule, at]);
}

export async function accountOf(q: Queryable, matricule: string): Promise<AccountRow | undefined> {
  const [r] = await q.query<AccountRow>(
    `SELECT a.matricule, c.name, a.balance, a.query_quota, a.updated_at
       FROM xm_system.accounts a JOIN xm_system.clients c USING (matricule) WHERE a.matricule = $1`,
    [matricule],
  );
  return r;
}

export async function listAccounts(q: Queryable): Promise<AccountRow[]> {
  return q.query<AccountRow>(
    `SELECT a.matricule, c.name, a.balance, a.query_quota, a.updated_at
       FROM xm_system.accounts a JOIN xm_system.clients c USING (matricule) ORDER BY a.matricule`,
  );
}

export async function tariffs(q: Queryable): Promise<Map<TariffService, number>> {
  const rows = await q.query<{ service: TariffService; unit_price: number }>('SELECT service, unit_price FROM xm_system.tariffs');
  return new Map(rows.map((r) => [r.service, r.unit_price]));
}

export async function setTariff(q: Queryable, service: TariffService, price: number, at: Date): Promise<number | undefined> {
  const [old] = await q.query<{ unit_price: number }>('SELECT unit_price FROM xm_system.tariffs WHERE service = $1 FOR UPDATE', [service]);
  await q.query(
    `INSERT INTO xm_system.tariffs (service, unit_price, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (service) DO UPDATE SET unit_price = EXCLUDED.unit_price, updated_at = EXCLUDED.updated_at`,
    [service, price, at],
  );
  return old?.unit_price;
}

/** Rows of [from, to) and the balance before them (the last row before `from`). */
export async function statementRows(q: Queryable, matricule: string, from: Date, to: Date): Promise<{ opening: { balance: number; quota: number }; rows: LedgerRow[] }> {
  const [before] = await q.query<{ balance_after: number; quota_after: number }>(
    'SELECT balance_after, quota_after FROM xm_system.ledger WHERE matricule = $1 AND at < $2 ORDER BY at DESC, id DESC LIMIT 1',
    [matricule, from],
  );
  const rows = await q.query<LedgerRow>(
    'SELECT * FROM xm_system.ledger WHERE matricule = $1 AND at >= $2 AND at < $3 ORDER BY at, id',
    [matricule, from, to],
  );
  return { opening: { balance: before?.balance_after ?? 0, quota: before?.quota_after ?? 0 }, rows };
}

export interface LedgerMismatch {
  matricule: string;
  problem: string;
}

/**
 * The ledger against itself and the accounts: each row's balance follows the previous
 * one by its amount, and each account holds the sum of its rows.
 */
export async function ledgerMismatches(q: Queryable): Promise<LedgerMismatch[]> {
  const chain = await q.query<{ matricule: string; id: number }>(
    `SELECT matricule, id FROM (
       SELECT matricule, id, balance_after, quota_after,
              coalesce(lag(balance_after) OVER w, 0) + amount AS expected_balance,
              coalesce(lag(quota_after) OVER w, 0) + units AS expected_quota
         FROM xm_system.ledger WINDOW w AS (PARTITION BY matricule ORDER BY id)) l
      WHERE balance_after <> expected_balance OR quota_after <> expected_quota
      ORDER BY id LIMIT 100`,
  );
  const sums = await q.query<{ matricule: string; balance: number; total: number; query_quota: number; units: number }>(
    `SELECT a.matricule, a.balance, coalesce(s.total, 0)::bigint AS total, a.query_quota, coalesce(s.units, 0)::bigint AS units
       FROM xm_system.accounts a
       LEFT JOIN (SELECT matricule, sum(amount) AS total, sum(units) AS units FROM xm_system.ledger GROUP BY matricule) s USING (matricule)
      WHERE a.balance <> coalesce(s.total, 0) OR a.query_quota <> coalesce(s.units, 0)`,
  );
  return [
    ...chain.map((c) => ({ matricule: c.matricule, problem: `ledger row ${c.id} does not follow the previous balance` })),
    ...sums.map((s) => ({ matricule: s.matricule, problem: `account shows ${s.balance} / quota ${s.query_quota}, ledger sums to ${s.total} / ${s.units}` })),
  ];
}
