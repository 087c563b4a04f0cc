import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  displayNames, eventDateOf, formatNiu, insertValidatedDocuments, searchableNames, shippedForms,
  type BulkValidatedDocument, type DocumentData,
} from '@docstream/core';
import { App } from '../../apps/server-tui/src/App.js';
import { BINDINGS } from '../../apps/server-tui/src/keys/bindings.js';
import { enrolledPair, SUPERVISOR, type Pair } from '../support/transmission.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

const MATRICULE = '00071';
const CANDIDATES = [{ code: 'A', name: 'Awa KEITA' }, { code: 'B', name: 'Moussa TRAORÉ' }, { code: 'C', name: 'Fatoumata SIDIBÉ' }];
const STATIONS = [
  { code: 'BV-001', name: 'École A', region: 'Kayes', department: 'Kita', commune: 'Kita-Centre', registered: 500, matricule: MATRICULE },
  { code: 'BV-002', name: 'École B', region: 'Kayes', department: 'Nioro', commune: 'Nioro-Ville', registered: 400, matricule: MATRICULE },
  { code: 'BV-003', name: 'École C', region: 'Sikasso', department: 'Bougouni', commune: 'Bougouni', registered: 300, matricule: MATRICULE },
  { code: 'BV-004', name: 'École D', region: 'Sikasso', department: 'Koutiala', commune: 'Koutiala', registered: 200, matricule: MATRICULE },
];

function report(station: string, registered: number, voters: number, nulls: number, votes: [number, number, number], anomalie?: string): DocumentData {
  return {
    election: 'PRES-2026', bureau: station, date_scrutin: '2026-07-26', inscrits: registered, votants: voters, bulletins_nuls: nulls,
    suffrages_exprimes: votes[0] + votes[1] + votes[2],
    resultats: CANDIDATES.map((c, i) => ({ candidat: c.code, voix: votes[i]! })),
    ...(anomalie ? { anomalie } : {}),
  };
}

/** Reports as the centre's Officer validated them, queued for transmission (as test/integration/election-results does). */
async function queueReports(pair: Pair, items: { n: number; data: DocumentData }[]): Promise<void> {
  const form = shippedForms().find((f) => f.id === 'pv_election')!;
  const at = new Date('2026-07-26T19:00:00Z');
  const userId = pair.staff.officer.userId;
  const docs: BulkValidatedDocument[] = items.map(({ n, data }) => ({
    formId: form.id, formVersion: form.version, status: 3, niu: formatNiu(MATRICULE, 2026, n), data,
    namesNorm: searchableNames(form, data), namesDisplay: displayNames(form, data), eventDate: eventDateOf(form, data),
    createdBy: userId, createdAt: at, verifiedBy: userId, verifiedAt: at, validatedBy: userId, validatedAt: new Date(at.getTime() + n),
  }));
  await insertValidatedDocuments(pair.staff.centre.db, docs);
}

let pair: Pair;
let open: Console | undefined;

beforeAll(async () => {
  pair = await enrolledPair({ matricule: MATRICULE });
  await pair.server.elections.load(pair.admin, { id: 'PRES-2026', name: 'Présidentielle 2026', date: '2026-07-26', candidates: CANDIDATES, stations: STATIONS });
  await queueReports(pair, [
    { n: 1, data: report('BV-001', 500, 300, 10, [150, 100, 40]) },
    { n: 2, data: report('BV-002', 400, 200, 0, [50, 120, 30]) },
    { n: 3, data: report('BV-003', 300, 320, 20, [100, 100, 100], 'Votants en surnombre constatés par la commission') },
    // a second report for BV-001 with other figures: a conflict, not counted
    { n: 4, data: report('BV-001', 500, 310, 20, [150, 100, 40]) },
  ]);
  await pair.exchange();
  const r = await pair.server.elections.results(pair.admin, 'PRES-2026');
  expect(r.stations.reported).toBe(3);
  expect(r.reports.conflict).toBe(1);
}, 120_000);

afterEach(() => {
  open?.unmount();
  open = undefined;
});

/** Logs the supervisor in and opens the live results of PRES-2026 through the palette and the list. */
async function atResults(lang: 'fr' | 'en', readOnly = false): Promise<Console> {
  const c = (open = mount(<App server={pair.server} lang={lang} readOnly={readOnly} />));
  await c.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(c, SUPERVISOR.login, SUPERVISOR.password);
  await c.waitFor(lang === 'fr' ? 'Documents centralisés' : 'Central documents');
  await c.type(':');
  await c.type(lang === 'fr' ? 'élections' : 'elections');
  await c.press('enter');
  const list = await c.waitFor('PRES-2026');
  fitsTerminal(list);
  expect(list).toContain(lang === 'fr' ? '> 26/07/2026' : '> 2026-07-26');
  expect(list).toContain('Présidentielle 2026');
  await c.press('enter');
  return c;
}

describe('server console: live election results', () => {
  it('shows totals, shares and bars per candidate, stations reported of expected, the reports to examine; picks up a new report live', async () => {
    const c = await atResults('fr');
    let f = await c.waitFor('Bureaux ayant transmis : 3 / 4 (75,0 %)');
    fitsTerminal(f);
    expect(f).toContain('Résultats — Présidentielle 2026 (PRES-2026), 26/07/2026');
    expect(f).toMatch(/Bureaux ayant transmis : 3 \/ 4 \(75,0 %\) \[#+\.+\]/);
    expect(f).toContain('Participation 68,33 % : 820 votants sur 1 200 inscrits');
    expect(f).toContain('Exprimés 790 · nuls 30 · PV comptés 3 · doublons 0');
    expect(f).toContain('À examiner : conflits 1 · bureaux inconnus 0 · anomalies 1 · > 100 % 1');
    // B 320 (40,51 %), A 300 (37,97 %), C 170 (21,52 %): highest first, bars of 28 characters
    expect(f).toMatch(/ {2}B {6}Moussa TRAORÉ {6}\[#{11}\.{17}\] +320 +40,51 %/);
    expect(f).toMatch(/ {2}A {6}Awa KEITA {10}\[#{11}\.{17}\] +300 +37,97 %/);
    expect(f).toMatch(/ {2}C {6}Fatoumata SIDIBÉ {3}\[#{6}\.{22}\] +170 +21,52 %/);
    expect(f.indexOf('Moussa TRAORÉ')).toBeLessThan(f.indexOf('Awa KEITA'));
    expect(f).toContain('Actualisation toutes les 2 s — lu à');
    expect(f).toContain('? aide  : aller  r actualiser  ↑↓ défiler  / filtre  Esc retour  q quitter');
    expect(f).toContain('Tab vue  ←→ niveau  p pause');

    // the reports to examine, with station and reason
    await c.press('tab', 'tab');
    f = await c.waitFor('[À examiner (2)]');
    fitsTerminal(f);
    expect(f).toMatch(/BV-001 +00071-2026-000004-\d\d conflit \(autres chiffres que le PV compté\)/);
    expect(f).toMatch(/BV-003 +00071-2026-000003-\d\d participation > 100 % \(320\/300\) ; « Votants en/);

    // a new report arrives: the screen shows it without a key
    await queueReports(pair, [{ n: 5, data: report('BV-004', 200, 100, 0, [10, 20, 70]) }]);
    await pair.exchange();
    await c.press('tab');
    f = await c.waitFor('Bureaux ayant transmis : 4 / 4 (100,0 %)', 10_000);
    expect(f).toMatch(/Bureaux ayant transmis : 4 \/ 4 \(100,0 %\) \[#+\]/);
    f = await c.waitFor(/B {6}Moussa TRAORÉ .+ 340 +38,20 %/);
    fitsTerminal(f);
  });

  it('breaks the results down by region, department, commune (←→) and restricts them to a region (/)', async () => {
    const c = await atResults('fr');
    await c.waitFor('Bureaux ayant transmis');
    await c.press('right');
    let f = await c.waitFor('[Zones : région]');
    f = await c.waitFor(/Kayes +2\/2 \[#{10}\] +\d+,\d %  [AB] /);
    expect(f).toMatch(/Sikasso +[12]\/2 \[#+\.*\]/);
    await c.press('right');
    f = await c.waitFor('[Zones : département]');
    f = await c.waitFor('Koutiala');
    expect(f).toContain('Bougouni');
    fitsTerminal(f);

    await c.type('/');
    await c.waitFor('> Région :');
    await c.type('xyz');
    await c.press('enter');
    f = await c.waitFor('Erreur : Région inconnue « xyz ». Régions : Kayes, Sikasso');
    await c.press('backspace', 'backspace', 'backspace');
    await c.type('sik');
    await c.press('enter');
    f = await c.waitFor('— région Sikasso');
    f = await c.waitFor(/Bureaux ayant transmis : \d \/ 2/);
    expect(f).not.toContain('Kita');
    fitsTerminal(f);
    // p pauses the refresh; the footer says how to resume
    await c.type('p');
    f = await c.waitFor('Actualisation EN PAUSE');
    expect(f).toContain('p reprendre');
    await c.press('escape');
    await c.waitFor('Entrée : résultats en direct');
  });

  it('speaks English at 80×24, and works the same in a read-only console (it changes nothing)', async () => {
    const c = await atResults('en', true);
    const f = await c.waitFor('Stations reported: 4 / 4 (100.0%)');
    fitsTerminal(f);
    expect(f).toContain('Results — Présidentielle 2026 (PRES-2026), 2026-07-26');
    expect(f).toContain('Turnout');
    expect(f).toMatch(/B {6}Moussa TRAORÉ +\[#+\.+\] +340 +38\.20%/);
    expect(f).toContain('To examine: conflicts 1 · unknown stations 0 · anomalies 1 · over 100% 1');
    expect(f).toContain('? help  : go to  r refresh  ↑↓ scroll  / filter  Esc back  q quit');
    await c.press('tab', 'tab');
    await c.waitFor('[To examine (2)]');
    await c.waitFor('turnout over 100% (320/300); “Votants en');
    // none of these screens' keys changes data
    expect(BINDINGS.filter((b) => b.screens.some((s) => s === 'elections' || s === 'electionResults' || s === 'brokerTest') && b.changes)).toEqual([]);
  });
});
