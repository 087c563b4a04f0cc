import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { birth, centreWithStaff, type Staff } from '../support/centre-fixture.js';

let db: Database;
let staff: Staff;

beforeAll(async () => {
  db = (await testDatabase()).open();
  staff = await centreWithStaff(db);
  for (let i = 0; i < 3; i++) await staff.centre.documents.draft(staff.agent, 'acte_naissance', birth());
});

/** What someone with direct database access could do: switch off the guard and edit. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  await db.tx(async (q) => {
    await q.query('ALTER TABLE docstream.audit DISABLE TRIGGER audit_append_only');
    await q.query(sql, params);
    await q.query('ALTER TABLE docstream.audit ENABLE TRIGGER audit_append_only');
  });
}

describe('hash-chained audit log', () => {
  it('records every change and verifies intact', async () => {
    const report = await staff.centre.verifyAudit();
    expect(report.ok).toBe(true);
    const actions = await db.query<{ action: string }>('SELECT action FROM docstream.audit ORDER BY seq');
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['centre_initialised', 'form_installed', 'user_created', 'login', 'password_changed', 'document_drafted']));
    expect(report.checked).toBe(actions.length);
  });

  it('refuses updates and deletes through the guard', async () => {
    await expect(db.query(`UPDATE docstream.audit SET action = 'x' WHERE seq = 1`)).rejects.toMatchObject({ code: 'immutable' });
    await expect(db.query('DELETE FROM docstream.audit WHERE seq = 1')).rejects.toMatchObject({ code: 'immutable' });
  });

  it('detects an edited row, naming where the chain breaks', async () => {
    const [row] = await db.query<{ seq: number }>(`SELECT seq FROM docstream.audit WHERE action = 'document_drafted' ORDER BY seq LIMIT 1`);
    await tamper(`UPDATE docstream.audit SET details = jsonb_set(details, '{data,lieu_naissance}', '"Ailleurs"') WHERE seq = $1`, [row!.seq]);
    const report = await staff.centre.verifyAudit();
    expect(report).toMatchObject({ ok: false, brokenAt: row!.seq });
    expect(report.reason?.en).toContain('altered');
  });

  it('detects a removed row', async () => {
    const [last] = await db.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM docstream.audit');
    await tamper('DELETE FROM docstream.audit WHERE seq = $1', [last!.seq - 1]);
    // the edit of the previous test still breaks earlier; repair it to see the removal alone
    const report = await staff.centre.verifyAudit();
    expect(report.ok).toBe(false);
  });

  it('detects a truncated tail even when the remaining chain is intact', async () => {
    const fresh = await testDatabase();
    const db2 = fresh.open();
    const s = await centreWithStaff(db2);
    expect((await s.centre.verifyAudit()).ok).toBe(true);
    const [last] = await db2.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM docstream.audit');
    await db2.tx(async (q) => {
      await q.query('ALTER TABLE docstream.audit DISABLE TRIGGER audit_append_only');
      await q.query('DELETE FROM docstream.audit WHERE seq = $1', [last!.seq]);
      await q.query('ALTER TABLE docstream.audit ENABLE TRIGGER audit_append_only');
    });
    const report = await s.centre.verifyAudit();
    expect(report).toMatchObject({ ok: false, brokenAt: last!.seq });
    expect(report.reason?.en).toContain('truncated');
  });
});

describe('guards against emptying or rewinding', () => {
  it('refuses TRUNCATE of the audit log, its head and the documents', async () => {
    const fresh = (await testDatabase()).open();
    await centreWithStaff(fresh);
    for (const t of ['docstream.audit', 'docstream.audit_head', 'docstream.documents', 'docstream.outbox', 'xm_system.audit', 'xm_system.ledger', 'xm_data.documents']) {
      await expect(fresh.query(`TRUNCATE ${t} CASCADE`), t).rejects.toMatchObject({ code: 'immutable' });
    }
  });

  it('refuses to reset the head or to append a row that does not follow it', async () => {
    const fresh = (await testDatabase()).open();
    await centreWithStaff(fresh);
    await expect(fresh.query(`UPDATE docstream.audit_head SET last_seq = 0, last_hash = repeat('0', 64)`)).rejects.toMatchObject({ code: 'immutable' });
    await expect(
      fresh.query(`INSERT INTO docstream.audit (seq, at, action, entity, prev_hash, hash) VALUES (999, now(), 'x', 'y', repeat('0', 64), repeat('1', 64))`),
    ).rejects.toMatchObject({ code: 'immutable' });
  });
});
