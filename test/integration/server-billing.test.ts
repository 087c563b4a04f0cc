import { describe, expect, it } from 'vitest';
import { enrolledPair, queueBirths, type Pair } from '../support/transmission.js';

async function ledger(pair: Pair, matricule: string) {
  return pair.server.db.query<{ service: string; amount: number; units: number; balance_after: number }>(
    'SELECT service, amount, units, balance_after FROM xm_system.ledger WHERE matricule = $1 ORDER BY id', [matricule]);
}

async function centreDocs(pair: Pair) {
  return pair.staff.centre.db.query<{ niu: string; status: number; imported_at: Date | null }>('SELECT niu, status, imported_at FROM docstream.documents ORDER BY niu');
}

describe('billing of documents centralised', () => {
  it('a recharge then the documents’ debit show in the statement with the right balance; the centre learns its balance', async () => {
    const pair = await enrolledPair({ matricule: '00081' });
    const { server, admin } = pair;
    await server.accounts.setTariff(admin, 'document', 150);
    await server.accounts.recharge(admin, '00081', 10_000, 'reçu 2026-114');
    await queueBirths(pair, 12);
    const [r] = await pair.exchange();
    expect(r!.outcome).toMatchObject({ kind: 'accepted', documents: 12 });

    const today = new Date().toISOString().slice(0, 10);
    const st = await server.accounts.statement(admin, '00081', { from: '2020-01-01', to: today });
    expect(st.opening.balance).toBe(0);
    expect(st.rows.map((x) => [x.service, x.amount, x.quantity, x.balance_after])).toEqual([
      ['recharge', 10_000, 0, 10_000],
      ['document', -1800, 12, 8200],
    ]);
    expect(st).toMatchObject({ credits: 10_000, debits: 1800, closing: { balance: 8200 } });
    expect((await server.accounts.get(admin, '00081')).balance).toBe(8200);
    // the acknowledgement carried the new balance
    expect(await pair.staff.centre.server.account(pair.staff.agent)).toMatchObject({ balance: 8200 });
    expect(await server.accounts.verify(admin)).toEqual([]);
  });

  it('an authentic document is never refused for lack of credit: the debt is recorded', async () => {
    const pair = await enrolledPair({ matricule: '00082' });
    await pair.server.accounts.setTariff(pair.admin, 'document', 500);
    await queueBirths(pair, 3);
    const [r] = await pair.exchange();
    expect(r!.outcome).toMatchObject({ kind: 'accepted', documents: 3 });
    expect((await pair.server.accounts.get(pair.admin, '00082')).balance).toBe(-1500);
    expect(await pair.staff.centre.transmission.counts()).toMatchObject({ acknowledged: 3 });
  });

  it('a statement period excludes what happened before it, starting from the balance then', async () => {
    const pair = await enrolledPair({ matricule: '00083' });
    await pair.server.accounts.recharge(pair.admin, '00083', 700);
    const today = new Date().toISOString().slice(0, 10);
    const st = await pair.server.accounts.statement(pair.admin, '00083', { from: '2001-01-01', to: '2001-12-31' });
    expect(st.rows).toEqual([]);
    const now = await pair.server.accounts.statement(pair.admin, '00083', { from: today, to: today });
    expect(now.rows).toHaveLength(1);
    await expect(pair.server.accounts.statement(pair.admin, '00083', { from: '2026-13-01', to: today })).rejects.toMatchObject({ code: 'validation' });
    await expect(pair.server.accounts.recharge(pair.admin, '00083', -5)).rejects.toMatchObject({ code: 'validation' });
  });

  it('concurrent debits and credits never lose an entry', async () => {
    const pair = await enrolledPair({ matricule: '00084' });
    const { server, admin } = pair;
    // 40 recharges and 40 corrections at once, over the pool's 8 connections
    await Promise.all(Array.from({ length: 40 }, (_, i) => [
      server.accounts.recharge(admin, '00084', 100 + i),
      server.accounts.adjust(admin, '00084', -(50 + i), `correction ${i}`),
    ]).flat());
    const rows = await ledger(pair, '00084');
    expect(rows).toHaveLength(80);
    const sum = rows.reduce((s, x) => s + x.amount, 0);
    expect(sum).toBe(40 * 50);
    expect((await server.accounts.get(admin, '00084')).balance).toBe(sum);
    // each row follows the one before
    let balance = 0;
    for (const x of rows) {
      balance += x.amount;
      expect(x.balance_after).toBe(balance);
    }
    expect(await server.accounts.verify(admin)).toEqual([]);
    // the ledger is append-only
    await expect(server.db.query('UPDATE xm_system.ledger SET amount = 1')).rejects.toThrow();
  });
});

describe('queries to the central database', () => {
  it('a status-3 centre with quota gets the documents (Status 2, read-only), billed per document', async () => {
    const owner = await enrolledPair({ matricule: '00085' });
    await queueBirths(owner, 5);
    await owner.exchange();
    // a second centre on the same server asks for them
    const pair = await enrolledPair({ matricule: '00086', server: owner });
    const { server, admin } = pair;
    await server.accounts.setTariff(admin, 'query', 40);
    await server.accounts.recharge(admin, '00086', 1000);
    await server.accounts.grantQuota(admin, '00086', 2);
    await pair.notify();
    expect(await pair.staff.centre.server.account(pair.staff.agent)).toMatchObject({ balance: 1000, query_quota: 2 });

    const niu = (await server.db.query<{ niu: string }>(`SELECT niu FROM xm_data.documents WHERE matricule = '00085' ORDER BY niu LIMIT 1`))[0]!.niu;
    const q1 = await pair.staff.centre.server.queries.ask(pair.staff.secretary, { niu });
    const q2 = await pair.staff.centre.server.queries.ask(pair.staff.secretary, { kind: 'acte_naissance', names: 'Diallo' });
    const rs = await pair.exchange();
    expect(rs).toHaveLength(2);

    const a1 = await pair.staff.centre.server.queries.get(pair.staff.agent, q1.id);
    expect(a1).toMatchObject({ outcome: 'answered', results: 1, imported: 1 });
    const a2 = await pair.staff.centre.server.queries.get(pair.staff.agent, q2.id);
    expect(a2!.outcome).toBe('answered');
    expect(a2!.results).toBeGreaterThanOrEqual(1);

    const docs = await centreDocs(pair);
    const imported = docs.filter((d) => d.niu.startsWith('00085-'));
    expect(imported.length).toBe(1 + a2!.imported!);
    expect(imported.every((d) => d.status === 2 && d.imported_at !== null)).toBe(true);
    // read-only at the centre
    await expect(pair.staff.centre.db.query(`UPDATE docstream.documents SET status = 3 WHERE niu = $1`, [niu])).rejects.toThrow();

    // billed: 40 per document returned, one quota unit per query
    const billed = (await ledger(pair, '00086')).filter((x) => x.service === 'query');
    expect(billed).toHaveLength(2);
    expect(billed.map((x) => x.units)).toEqual([-1, -1]);
    expect(-billed.reduce((s, x) => s + x.amount, 0)).toBe(40 * a1!.results! + 40 * a2!.results!);
    const acc = await server.accounts.get(admin, '00086');
    expect(acc).toMatchObject({ query_quota: 0, balance: 1000 - 40 * (a1!.results! + a2!.results!) });
    expect(await pair.staff.centre.server.account(pair.staff.agent)).toMatchObject({ balance: acc.balance, query_quota: 0 });

    // the quota is used up: the next query gets a clear error
    const q3 = await pair.staff.centre.server.queries.ask(pair.staff.secretary, { niu });
    await pair.exchange();
    expect(await pair.staff.centre.server.queries.get(pair.staff.agent, q3.id)).toMatchObject({ outcome: 'refused', error_code: 'no_quota' });
    expect((await pair.staff.centre.server.queries.get(pair.staff.agent, q3.id))!.reason_fr).toContain('quota');
  });

  it('a query from a status-2 centre is refused with a clear error, nothing billed', async () => {
    const pair = await enrolledPair({ matricule: '00087', status: 2 });
    await pair.server.accounts.grantQuota(pair.admin, '00087', 5);
    await pair.server.accounts.setTariff(pair.admin, 'query', 40);
    const q = await pair.staff.centre.server.queries.ask(pair.staff.officer, { kind: 'acte_naissance', names: 'DIALLO' });
    await pair.exchange();
    const row = await pair.staff.centre.server.queries.get(pair.staff.agent, q.id);
    expect(row).toMatchObject({ outcome: 'refused', error_code: 'query_refused' });
    expect(row!.reason_en).toContain('status 3');
    expect((await ledger(pair, '00087')).filter((x) => x.service === 'query')).toEqual([]);
    expect((await pair.server.accounts.get(pair.admin, '00087')).query_quota).toBe(5);
    // an Agent cannot even ask; a mistyped NIU is caught before it costs anything
    await expect(pair.staff.centre.server.queries.ask(pair.staff.agent, { kind: 'acte_naissance', names: 'X' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(pair.staff.centre.server.queries.ask(pair.staff.officer, { niu: '00042-2026-000001-00' })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('a suspended client', () => {
  it('has its documents quarantined, then integrated (and billed) when it is reactivated; the centre learns the outcome', async () => {
    const pair = await enrolledPair({ matricule: '00088' });
    const { server, admin } = pair;
    await server.accounts.setTariff(admin, 'document', 10);
    await server.clients.setStatus(admin, '00088', 0);
    await queueBirths(pair, 4);
    const [r] = await pair.exchange();
    expect(r!.outcome.kind).toBe('quarantined');
    const docs = () => server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM xm_data.documents WHERE matricule = '00088'`);
    expect((await docs())[0]!.n).toBe(0);
    expect(await pair.staff.centre.transmission.counts()).toMatchObject({ quarantined: 4, acknowledged: 0 });

    const { released } = await server.clients.setStatus(admin, '00088', 3);
    expect(released).toEqual({ containers: 1, documents: 4 });
    expect((await docs())[0]!.n).toBe(4);
    expect((await ledger(pair, '00088')).filter((x) => x.service === 'document').map((x) => x.amount)).toEqual([-40]);
    // the new acknowledgement reaches the centre: its documents become Status 4
    await pair.notify();
    expect(await pair.staff.centre.transmission.counts()).toMatchObject({ quarantined: 0, acknowledged: 4 });
    const statuses = await pair.staff.centre.db.query<{ status: number }>('SELECT status FROM docstream.documents');
    expect(statuses.every((s) => s.status === 4)).toBe(true);
    // released once: a second reactivation finds nothing more
    await server.clients.setStatus(admin, '00088', 0);
    expect((await server.clients.setStatus(admin, '00088', 3)).released).toEqual({ containers: 0, documents: 0 });
  });
});
