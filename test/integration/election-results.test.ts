import { describe, expect, it } from 'vitest';
import {
  displayNames, eventDateOf, formatNiu, insertValidatedDocuments, searchableNames, shippedForms, startCentreService, startServerService,
  type BulkValidatedDocument, type DocumentData,
} from '@docstream/core';
import { startMosquitto } from '../support/mosquitto.js';
import { enrolledPair, type Pair } from '../support/transmission.js';

const STATIONS = 500;
const CANDIDATES = [{ code: 'A', name: 'Awa KEITA' }, { code: 'B', name: 'Moussa TRAORÉ' }, { code: 'C', name: 'Fatoumata SIDIBÉ' }];
const REGIONS = ['Kayes', 'Koulikoro', 'Sikasso', 'Ségou', 'Mopti'];

function stationOf(i: number) {
  return { code: `BV-${String(i).padStart(5, '0')}`, name: `École ${i}`, region: REGIONS[i % 5]!, department: `D${i % 17}`, commune: `C${i % 41}`, registered: 400 + (i % 300), matricule: '00065' };
}

/** A consistent report for station i: votes spread by a fixed rule the test recomputes. */
function reportOf(i: number): DocumentData {
  const s = stationOf(i);
  const voters = Math.floor(s.registered * (0.4 + (i % 50) / 100));
  const nul = i % 13;
  const valid = voters - nul;
  const a = Math.floor(valid * (0.3 + (i % 7) / 20));
  const b = Math.floor((valid - a) * 0.6);
  return {
    election: 'PRES-2026', bureau: s.code, date_scrutin: '2026-07-26', inscrits: s.registered, votants: voters, bulletins_nuls: nul, suffrages_exprimes: valid,
    resultats: [{ candidat: 'A', voix: a }, { candidat: 'B', voix: b }, { candidat: 'C', voix: valid - a - b }],
  };
}

async function queueReports(pair: Pair, items: { n: number; data: DocumentData }[]): Promise<string[]> {
  const form = shippedForms().find((f) => f.id === 'pv_election')!;
  const at = new Date('2026-07-26T19:00:00Z');
  const userId = pair.staff.officer.userId;
  const docs: BulkValidatedDocument[] = items.map(({ n, data }) => ({
    formId: form.id, formVersion: form.version, status: 3, niu: formatNiu('00065', 2026, n), data,
    namesNorm: searchableNames(form, data), namesDisplay: displayNames(form, data), eventDate: eventDateOf(form, data),
    createdBy: userId, createdAt: at, verifiedBy: userId, verifiedAt: at, validatedBy: userId, validatedAt: new Date(at.getTime() + n),
  }));
  await insertValidatedDocuments(pair.staff.centre.db, docs);
  return docs.map((d) => d.niu);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('election night', () => {
  it('500 stations report through the real broker; totals equal the reports; a conflict is flagged and not counted; a cancellation changes the totals', async () => {
    const pair = await enrolledPair({ matricule: '00065' });
    const { server, admin, staff } = pair;
    const stations = Array.from({ length: STATIONS + 3 }, (_, i) => stationOf(i + 1));
    await server.elections.load(admin, { id: 'PRES-2026', name: 'Présidentielle 2026', date: '2026-07-26', candidates: CANDIDATES, stations });
    const nius = await queueReports(pair, Array.from({ length: STATIONS }, (_, i) => ({ n: i + 1, data: reportOf(i + 1) })));

    const broker = await startMosquitto();
    const serverService = await startServerService(server, { link: { url: broker.url, clientId: 'ds-server-election' }, sweepMs: 500 });
    const centreService = await startCentreService(staff.centre.transmission, { link: { url: broker.url, reconnectMs: 300 }, pollMs: 100, pack: { maxBytes: 8 * 1024, maxDocs: 5000 } });
    try {
      await until('every report acknowledged', async () => (await staff.centre.transmission.counts()).acknowledged === STATIONS);
    } finally {
      await centreService.stop();
      await serverService.stop();
      await broker.stop();
    }

    // independently: the sums of what was sent
    const sent = Array.from({ length: STATIONS }, (_, i) => reportOf(i + 1));
    const total = (f: (d: DocumentData) => number) => sent.reduce((s, d) => s + f(d), 0);
    const votesOf = (c: string) => total((d) => (d.resultats as { candidat: string; voix: number }[]).find((l) => l.candidat === c)!.voix);
    let r = await server.elections.results(admin, 'PRES-2026', { level: 'region' });
    expect(r.stations).toEqual({ expected: STATIONS + 3, reported: STATIONS, missing: 3 });
    expect(r.voters).toBe(total((d) => d.votants as number));
    expect(r.registered).toBe(total((d) => d.inscrits as number));
    expect(r.valid).toBe(total((d) => d.suffrages_exprimes as number));
    expect(Object.fromEntries(r.candidates.map((c) => [c.code, c.votes]))).toEqual({ A: votesOf('A'), B: votesOf('B'), C: votesOf('C') });
    expect(r.candidates.reduce((s, c) => s + (c.share ?? 0), 0)).toBeCloseTo(1, 9);
    expect(r.areas.map((a) => a.area)).toEqual([...REGIONS].sort());
    expect(r.areas.reduce((s, a) => s + a.voters, 0)).toBe(r.voters);
    expect(r.missing.map((m) => m.code)).toEqual(['BV-00501', 'BV-00502', 'BV-00503']);
    const before = r;

    // a second, different report for station 7: flagged, not counted; an identical one for station 8: a duplicate
    const conflicting = { ...reportOf(7), votants: (reportOf(7).votants as number) + 10, bulletins_nuls: (reportOf(7).bulletins_nuls as number) + 10 };
    await queueReports(pair, [{ n: 1001, data: conflicting }, { n: 1002, data: reportOf(8) }]);
    await pair.exchange();
    r = await server.elections.results(admin, 'PRES-2026');
    expect(r.reports).toMatchObject({ counted: STATIONS, conflict: 1, duplicate: 1 });
    expect(r.voters).toBe(before.voters);
    // listed with the reason; the duplicate (harmless) last
    expect(r.flagged).toEqual([
      expect.objectContaining({ station: 'BV-00007', state: 'conflict', niu: formatNiu('00065', 2026, 1001), reasons: ['conflict'] }),
      expect.objectContaining({ station: 'BV-00008', state: 'duplicate', niu: formatNiu('00065', 2026, 1002), reasons: ['duplicate'] }),
    ]);
    expect(await server.elections.regions(admin, 'PRES-2026')).toEqual([...REGIONS].sort());

    // cancelling station 3's report takes it out of the totals
    const [doc] = await staff.centre.db.query<{ numero: number }>('SELECT numero FROM docstream.documents WHERE niu = $1', [nius[2]]);
    await staff.centre.documents.cancel(staff.officer, doc!.numero, 'Procès-verbal annulé par la commission');
    await pair.exchange();
    r = await server.elections.results(admin, 'PRES-2026');
    expect(r.stations.reported).toBe(STATIONS - 1);
    expect(r.voters).toBe(before.voters - (reportOf(3).votants as number));
    expect(r.candidates.find((c) => c.code === 'A')!.votes).toBe(votesOf('A') - (reportOf(3).resultats as { voix: number }[])[0]!.voix);
  }, 120_000);

  it('an inconsistent report is refused unless the Officer records it as a known anomaly; it is then counted and flagged', async () => {
    const pair = await enrolledPair({ matricule: '00066' });
    const { server, admin, staff } = pair;
    await server.elections.load(admin, { id: 'LEG-2026', name: 'Législatives', date: '2026-07-26', candidates: CANDIDATES, stations: [{ ...stationOf(1), matricule: '00066' }] });
    const bad = { ...reportOf(1), election: 'LEG-2026', votants: 900, inscrits: 450 };
    await expect(staff.centre.documents.draft(staff.agent, 'pv_election', bad)).rejects.toMatchObject({ code: 'validation' });
    const d = await staff.centre.documents.draft(staff.agent, 'pv_election', { ...bad, anomalie: 'Votants en surnombre constatés par la commission, PV transmis tel quel' });
    await staff.centre.documents.verify(staff.secretary, d.numero);
    await staff.centre.documents.validate(staff.officer, d.numero);
    await pair.exchange();
    const r = await server.elections.results(admin, 'LEG-2026');
    expect(r.reports).toMatchObject({ counted: 1, anomalies: 1, turnoutOver100: 1 });
    expect(r.flagged[0]).toMatchObject({ state: 'counted', anomaly: expect.stringContaining('surnombre'), reasons: ['turnout_over_100', 'sums', 'remark'] });
    await expect(server.elections.load(admin, { id: 'X', name: '', date: '2026-13-01', candidates: [], stations: [] })).rejects.toMatchObject({ code: 'validation' });
    // the centre that enters the reports received the election with its station
    await pair.notify();
    expect(await staff.centre.server.elections(staff.agent)).toEqual([expect.objectContaining({
      id: 'LEG-2026', candidates: CANDIDATES, stations: [{ code: 'BV-00001', name: 'École 1', registered: stationOf(1).registered }],
    })]);
  });
});
