import { beforeAll, describe, expect, it } from 'vitest';
import { createServer, foldName, startServerService, type MonitorSnapshot, type Server, type Session } from '@docstream/core';
import { manualClock } from '../support/test-db.js';
import { enrolledPair, queueBirths, SUPERVISOR, type Pair } from '../support/transmission.js';
import { startMosquitto } from '../support/mosquitto.js';

// One server, its clock moved by hand: the rate buckets are then known exactly.
const clock = manualClock(new Date('2026-03-15T10:00:00Z'));
let kati: Pair;
let segou: Pair;
let admin: Session;

const row = (s: MonitorSnapshot, matricule: string) => s.centres.page.rows.find((r) => r.matricule === matricule);
const bucketAt = (s: MonitorSnapshot, iso: string) => s.rates.buckets.find((b) => b.at.toISOString() === iso);

async function newOperator(login: string, privilege: number): Promise<Session> {
  const { temporaryPassword } = await kati.server.operators.create(admin, { login, fullName: `Compte ${login}`, privilege });
  return kati.server.operators.changePassword(login, temporaryPassword, `Tableau-de-bord-${privilege}-2026`);
}

beforeAll(async () => {
  kati = await enrolledPair({ matricule: '00042', clock });
  segou = await enrolledPair({ matricule: '00043', clock, server: kati });
  admin = kati.admin;
  // Registered, never seen: names to sort and filter on (one with LIKE's wildcards in it).
  await kati.server.clients.add(admin, { matricule: '00044', name: 'Commune de Kayes', region: 'Kayes' });
  await kati.server.clients.add(admin, { matricule: '00045', name: 'Centre 100%_pilote', region: 'Sikasso' });
  await kati.server.clients.add(admin, { matricule: '00046', name: 'Éco-mairie d’Ansongo', region: 'Gao' });
  await kati.server.db.query(`UPDATE xm_system.clients SET name = 'Mairie de Ségou' WHERE matricule = '00043'`);
});

describe('the live monitor', () => {
  it('counts the containers and documents really ingested, per centre, in total and in their rate bucket', async () => {
    // 10:00:00 — Kati sends 3 births; 10:00:05 — Ségou sends 2; 10:00:17 — the snapshot.
    await queueBirths(kati, 3);
    const fromKati = await kati.exchange();
    clock.advance(5000);
    await queueBirths(segou, 2, 1);
    const fromSegou = await segou.exchange();
    clock.advance(12_000);
    expect(fromKati.map((r) => r.outcome.kind)).toEqual(fromKati.map(() => 'accepted'));

    const s = await kati.server.monitor.snapshot(admin);
    expect(s.at.toISOString()).toBe('2026-03-15T10:00:17.000Z');
    expect(row(s, '00042')).toMatchObject({
      name: 'Mairie de Test', containers: fromKati.length, documents: 3, acknowledged: 1, errors: 0, active: true,
      lastSeen: new Date('2026-03-15T10:00:00Z'),
    });
    expect(row(s, '00043')).toMatchObject({ containers: fromSegou.length, documents: 2, acknowledged: 1, lastSeen: new Date('2026-03-15T10:00:05Z') });
    expect(row(s, '00042')!.bytesIn).toBeGreaterThan(0);
    expect(row(s, '00042')!.bytesOut).toBeGreaterThan(0);
    expect(s.centres).toMatchObject({ registered: 5, active: 2, neverSeen: 3, suspended: 0, activeSeconds: 300 });
    expect(s.centres.totals).toMatchObject({ containers: fromKati.length + fromSegou.length, documents: 5, acknowledged: 2, errors: 0 });

    // 60 buckets of 5 s ending with the current one (10:00:15, still filling).
    expect(s.rates.bucketSeconds).toBe(5);
    expect(s.rates.buckets).toHaveLength(60);
    expect(s.rates.buckets.at(-1)!.at.toISOString()).toBe('2026-03-15T10:00:15.000Z');
    expect(bucketAt(s, '2026-03-15T10:00:00.000Z')).toMatchObject({ containers: fromKati.length, documents: 3 });
    expect(bucketAt(s, '2026-03-15T10:00:05.000Z')).toMatchObject({ containers: fromSegou.length, documents: 2 });
    expect(bucketAt(s, '2026-03-15T10:00:10.000Z')).toMatchObject({ containers: 0, documents: 0 });
    expect(s.rates.total).toMatchObject({ containers: fromKati.length + fromSegou.length, documents: 5, errors: 0 });
    expect(s.rates.total.bytesIn).toBe(s.centres.totals.bytesIn);
    expect(s.rates.total.bytesOut).toBe(s.centres.totals.bytesOut);

    // Wider buckets regroup the same counts: 10:00:00–10:00:10 holds both.
    const wide = await kati.server.monitor.snapshot(admin, { rateBuckets: 6, rateBucketSeconds: 10 });
    expect(wide.rates.buckets.map((b) => b.documents)).toEqual([0, 0, 0, 0, 5, 0]);

    // An active centre is one seen within activeSeconds.
    clock.advance(300_000);
    const later = await kati.server.monitor.snapshot(admin);
    expect(later.centres.active).toBe(0);
    expect(row(later, '00042')!.active).toBe(false);
    expect(later.rates.total.documents).toBe(0);
  });

  it('shows the answers waiting to be published, quarantined containers and open conflicts', async () => {
    const before = await kati.server.monitor.snapshot(admin);
    // The answers were committed by the ingest but no service published them.
    const unsent = await kati.server.db.query<{ dst: string; seq: number }>('SELECT dst, seq FROM xm_system.outbox WHERE sent_at IS NULL');
    expect(before.queues.outboxUnsent).toBe(unsent.length);
    expect(row(before, '00042')!.queued).toBe(unsent.filter((u) => u.dst === '00042').length);
    await kati.server.transport.markSent(unsent);
    const sent = await kati.server.monitor.snapshot(admin);
    expect(sent.queues.outboxUnsent).toBe(0);
    expect(row(sent, '00042')!.queued).toBe(0);

    // Ségou suspended: what it sends is held.
    await kati.server.clients.setStatus(admin, '00043', 0);
    await queueBirths(segou, 1, 10);
    const held = await segou.exchange();
    expect(held.map((r) => r.outcome.kind)).toContain('quarantined');
    const q = await kati.server.monitor.snapshot(admin);
    expect(q.queues.quarantineHeld).toBe(held.filter((r) => r.outcome.kind === 'quarantined').length);
    expect(row(q, '00043')).toMatchObject({ status: 0, held: q.queues.quarantineHeld });
    expect(q.centres.suspended).toBe(1);

    await kati.server.db.query(
      `INSERT INTO xm_data.conflicts (niu, matricule, form_id, form_version, data, validated_at, src_seq, received_at)
       VALUES ('00042-2026-000001-94', '00042', 'acte_naissance', 1, '{}', now(), 99, $1)`, [clock.now()]);
    const c = await kati.server.monitor.snapshot(admin);
    expect(c.queues.conflictsOpen).toBe(1);
    expect(c.conflicts).toEqual([expect.objectContaining({ niu: '00042-2026-000001-94', matricule: '00042', formId: 'acte_naissance' })]);
  });

  it('lists the last refused containers with their reason in French and English, and counts them as errors', async () => {
    const before = await kati.server.monitor.snapshot(admin);
    const r = await kati.server.ingest.receive(Buffer.concat([Buffer.from([0x30, 0x82, 0x00, 0x10]), Buffer.alloc(16, 7)]), '00042');
    expect(r.outcome.kind).toBe('rejected');
    const s = await kati.server.monitor.snapshot(admin);
    expect(s.errors[0]).toMatchObject({ matricule: '00042', step: 'decryption', at: clock.now(), bytes: 20 });
    expect(s.errors[0]!.reason.fr).toContain('indéchiffrable');
    expect(s.errors[0]!.reason.en).toContain('decrypted');
    expect(s.errors[0]!.detail.length).toBeGreaterThan(0);
    expect(row(s, '00042')!.errors).toBe(row(before, '00042')!.errors + 1);
    expect(s.rates.buckets.at(-1)!.errors).toBe(1);
    expect(s.centres.totals.errors).toBe(before.centres.totals.errors + 1);
    expect((await kati.server.monitor.snapshot(admin, { recent: 0 })).errors).toEqual([]);
  });

  it('sorts the per-centre table by any column, in both directions, never-seen centres last', async () => {
    const order = async (sort: Parameters<typeof kati.server.monitor.snapshot>[1]) =>
      (await kati.server.monitor.snapshot(admin, sort)).centres.page.rows.map((r) => r.matricule);
    expect(await order({})).toEqual(['00042', '00043', '00044', '00045', '00046']);
    expect(await order({ sort: 'matricule', direction: 'desc' })).toEqual(['00046', '00045', '00044', '00043', '00042']);
    // Accents do not push a name to the end: É sorts with E.
    expect(await order({ sort: 'name' })).toEqual(['00045', '00044', '00046', '00043', '00042']);
    expect(await order({ sort: 'documents' })).toEqual(['00042', '00043', '00044', '00045', '00046']);
    expect(await order({ sort: 'documents', direction: 'asc' })).toEqual(['00044', '00045', '00046', '00043', '00042']);
    expect(await order({ sort: 'lastSeen' })).toEqual(['00043', '00042', '00044', '00045', '00046']);
    expect(await order({ sort: 'lastSeen', direction: 'asc' })).toEqual(['00042', '00043', '00044', '00045', '00046']);
    expect(await order({ sort: 'errors' })).toEqual(['00042', '00043', '00044', '00045', '00046']);
    for (const sort of ['containers', 'duplicates', 'conflicts', 'acknowledged', 'bytesIn', 'bytesOut'] as const) {
      expect(await order({ sort })).toHaveLength(5);
    }
    // Paging: the total counts every matching row.
    const page = (await kati.server.monitor.snapshot(admin, { sort: 'matricule', offset: 2, limit: 2 })).centres.page;
    expect(page).toMatchObject({ total: 5, offset: 2, limit: 2, sort: 'matricule', direction: 'asc' });
    expect(page.rows.map((r) => r.matricule)).toEqual(['00044', '00045']);
    const past = (await kati.server.monitor.snapshot(admin, { offset: 50 })).centres.page;
    expect(past).toMatchObject({ rows: [], total: 5 });
  });

  it('filters by matricule prefix or by part of the name, without care for case or accents', async () => {
    const filtered = async (filter: string) => {
      const p = (await kati.server.monitor.snapshot(admin, { filter })).centres.page;
      return { total: p.total, rows: p.rows.map((r) => r.matricule) };
    };
    expect(await filtered('0004')).toEqual({ total: 5, rows: ['00042', '00043', '00044', '00045', '00046'] });
    expect(await filtered('00043')).toEqual({ total: 1, rows: ['00043'] });
    expect(await filtered('segou')).toEqual({ total: 1, rows: ['00043'] });
    expect(await filtered('  SÉGOU ')).toEqual({ total: 1, rows: ['00043'] });
    expect(await filtered('eco-mairie')).toEqual({ total: 1, rows: ['00046'] });
    expect(await filtered('mairie')).toEqual({ total: 3, rows: ['00042', '00043', '00046'] });
    // LIKE's wildcards are plain characters here.
    expect(await filtered('%')).toEqual({ total: 1, rows: ['00045'] });
    expect(await filtered('_')).toEqual({ total: 1, rows: ['00045'] });
    expect(await filtered('Tombouctou')).toEqual({ total: 0, rows: [] });
    const empty = (await kati.server.monitor.snapshot(admin, { filter: 'Tombouctou', offset: 20 })).centres.page;
    expect(empty.total).toBe(0);
  });

  it('folds names in the core exactly as the database does', async () => {
    const sample = 'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝŸýÿƐɛƆɔƝɲŊŋ Mairie';
    const [r] = await kati.server.db.query<{ f: string }>('SELECT xm_system.fold_name($1) AS f', [sample]);
    expect(foldName(sample)).toBe(r!.f);
  });

  it('refuses a request it cannot honour, naming each problem, before reading anything', async () => {
    const bad = kati.server.monitor.snapshot(admin, {
      sort: 'name; DROP TABLE xm_system.clients' as never, direction: 'up' as never, limit: 0, rateBucketSeconds: 7, filter: 'a\u0000b',
    });
    await expect(bad).rejects.toMatchObject({ code: 'validation' });
    const e = await bad.catch((x: { problems: { field: string }[]; fr: string; en: string }) => x);
    expect(e.problems.map((p) => p.field).sort()).toEqual(['direction', 'filter', 'limit', 'rateBucketSeconds', 'sort']);
    expect(e.fr).toContain('tri');
    expect(e.en).toContain('sort');
    await expect(kati.server.monitor.snapshot(admin, { rateBuckets: 720, rateBucketSeconds: 10 })).rejects.toMatchObject({ code: 'validation' });
    expect((await kati.server.monitor.snapshot(admin)).centres.registered).toBe(5);
  });

  it('is for every operator: a viewer reads it, a suspended operator is refused', async () => {
    const viewer = await newOperator('lecteur', 1);
    expect((await kati.server.monitor.snapshot(viewer, { sort: 'errors' })).centres.page.rows[0]!.matricule).toBe('00042');
    const leaving = await newOperator('ancien', 2);
    expect((await kati.server.monitor.snapshot(leaving)).centres.registered).toBe(5);
    await kati.server.operators.suspend(admin, 'ancien');
    await expect(kati.server.monitor.snapshot(leaving)).rejects.toMatchObject({ code: 'account_suspended' });
  });
});

describe('the service’s state, seen from any process', () => {
  it('shows a running service with its heartbeat and broker connection, silent when its heartbeat stops, then stopped', async () => {
    // The console reading the monitor is another server object on its own pool, as another process would be.
    const elsewhere: Server = createServer({ db: kati.serverDb.open(2), clock });
    const reader = await elsewhere.operators.login(SUPERVISOR.login, SUPERVISOR.password);
    const look = () => elsewhere.monitor.snapshot(reader);
    const broker = await startMosquitto();
    const before = await look();
    expect(before.service).toMatchObject({ running: false, since: null });
    const startedAt = clock.now();
    const service = await startServerService(kati.server, { link: { url: broker.url, clientId: 'ds-monitor-test' }, heartbeatMs: 60_000, concurrency: 2 });
    try {
      let s = await look();
      expect(s.service.running).toBe(true);
      expect(s.service.since).toEqual(startedAt);
      expect(s.service.instances[0]).toMatchObject({ state: 'running', pid: process.pid, concurrency: 2, broker: broker.url, startedAt, stoppedAt: null });
      // The connection to the broker shows as soon as it is up (a heartbeat at once).
      while (!s.service.instances[0]!.connected) {
        await new Promise((r) => setTimeout(r, 50));
        s = await look();
      }
      expect(s.service.lastHeartbeat).toEqual(clock.now());

      // No heartbeat for three intervals: the service is reported silent, not running.
      clock.advance(3 * 60_000 + 1000);
      const silent = await look();
      expect(silent.service.running).toBe(false);
      expect(silent.service.instances[0]).toMatchObject({ state: 'stale', connected: false });
    } finally {
      await service.stop();
      await broker.stop();
    }
    const stopped = await look();
    expect(stopped.service.running).toBe(false);
    expect(stopped.service.instances[0]).toMatchObject({ state: 'stopped', stoppedAt: clock.now(), connected: false });
  });
});
