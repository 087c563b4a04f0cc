import { describe, expect, it } from 'vitest';
import type { BrokerTestResult, ElectionResults } from '@docstream/core';
import { footerLine } from '@docstream/console-kit';
import { footerItems, matchAction } from '../../apps/server-tui/src/keys/kit.js';
import {
  initialResults, panelLength, refreshDelay, refreshEvery, resolveRegion, resultsConditions, resultsMode, resultsQuery, resultsReducer, type ResultsState,
} from '../../apps/server-tui/src/screens/election-results-reducer.js';
import { areaLines, candidateLines, flaggedLines, reasonText, summaryLines } from '../../apps/server-tui/src/screens/election-results-lines.js';
import { chosenElection, electionsReducer, initialElections } from '../../apps/server-tui/src/screens/elections-reducer.js';
import { brokerMode, brokerParams, brokerTestReducer, initialBrokerTest, phaseProgress, type BrokerTestState } from '../../apps/server-tui/src/screens/broker-test-reducer.js';
import { progressLines, resultLines } from '../../apps/server-tui/src/screens/broker-test-lines.js';
import { bar, decimal, percent, whole } from '../../apps/server-tui/src/screens/figures.js';

function results(over: Partial<ElectionResults> = {}): ElectionResults {
  return {
    election: { id: 'PRES', name: 'Présidentielle', date: '2026-07-26' },
    area: { level: null, region: null },
    stations: { expected: 10, reported: 4, missing: 6 },
    registered: 4000, voters: 2500, turnout: 0.625, nullBallots: 100, valid: 2400,
    candidates: [
      { code: 'A', name: 'Awa KEITA', votes: 1500, share: 0.625 },
      { code: 'B', name: 'Un nom de candidat beaucoup trop long pour la colonne', votes: 900, share: 0.375 },
    ],
    areas: [],
    reports: { counted: 4, duplicate: 1, conflict: 1, cancelled: 0, unknown: 0, anomalies: 1, turnoutOver100: 0 },
    missing: [],
    flagged: [],
    ...over,
  };
}

const loaded = (s: ResultsState, r = results()) => resultsReducer(s, { type: 'loaded', request: s.request, results: r, at: new Date(0) });

describe('live results reducer', () => {
  it('reads one at a time: a tick during a read is dropped; p stops the ticks', () => {
    expect(resultsReducer(initialResults, { type: 'tick' })).toBe(initialResults);
    let s = loaded(initialResults);
    expect(s).toMatchObject({ loading: false, error: null });
    s = resultsReducer(s, { type: 'tick' });
    expect(s).toMatchObject({ request: 2, loading: true });
    s = loaded(s);
    s = resultsReducer(s, { type: 'pause' });
    expect(resultsReducer(s, { type: 'tick' })).toBe(s);
    expect(resultsConditions(s)).toEqual(['resultsShown', 'resultsPaused']);
    expect(resultsReducer(s, { type: 'refresh' })).toMatchObject({ request: 3, loading: true });
  });

  it('reads start 2 s apart, or three times as long as a slow read takes', () => {
    const fast = resultsReducer(initialResults, { type: 'loaded', request: 1, results: results(), at: new Date(0), tookMs: 150 });
    expect(refreshDelay(fast)).toBe(1850);
    expect(refreshEvery(fast)).toBe(2);
    const slow = { ...fast, tookMs: 1500 };
    expect(refreshDelay(slow)).toBe(3000);
    expect(refreshEvery(slow)).toBe(4.5);
  });

  it('a change of view, level or region during a read is read right after it, and the older figures are not shown', () => {
    let s = loaded(initialResults);
    s = resultsReducer(s, { type: 'tick' }); // request 2 running
    s = resultsReducer(s, { type: 'level', by: 1 }); // to the areas view: needs the breakdown
    expect(s).toMatchObject({ panel: 'areas', level: 'region', request: 2, stale: true, loading: true });
    const next = resultsReducer(s, { type: 'loaded', request: 2, results: results({ stations: { expected: 10, reported: 9, missing: 1 } }), at: new Date(0) });
    expect(next).toMatchObject({ request: 3, loading: true, stale: false });
    expect(next.results?.stations.reported).toBe(4); // not the stale read's figures
    expect(resultsQuery(next)).toEqual({ level: 'region' });
    // an answer to an older request is ignored
    expect(resultsReducer(next, { type: 'loaded', request: 2, results: results(), at: new Date(0) })).toBe(next);
    const failed = resultsReducer({ ...next, stale: true }, { type: 'failed', request: 3, error: { fr: 'x', en: 'x' } });
    expect(failed).toMatchObject({ request: 4, loading: true, error: null });
  });

  it('Tab cycles the views, reading again only for a breakdown it lacks; ←→ change the level within bounds', () => {
    let s = loaded(initialResults);
    s = resultsReducer(s, { type: 'panel' });
    expect(s).toMatchObject({ panel: 'areas', loading: true });
    s = loaded(s, results({ area: { level: 'region', region: null } }));
    s = resultsReducer(s, { type: 'panel' });
    expect(s).toMatchObject({ panel: 'flagged', loading: false });
    s = resultsReducer(s, { type: 'panel' });
    expect(s.panel).toBe('candidates');
    s = resultsReducer(s, { type: 'level', by: -1 });
    expect(s).toMatchObject({ panel: 'areas', level: 'region', loading: false }); // the breakdown read is still there
    expect(resultsReducer(s, { type: 'level', by: -1 })).toBe(s);
    s = resultsReducer(s, { type: 'level', by: 1 });
    expect(s).toMatchObject({ level: 'department', loading: true });
    s = loaded(s, results({ area: { level: 'department', region: null } }));
    s = resultsReducer(s, { type: 'level', by: 1 });
    s = loaded(s, results({ area: { level: 'commune', region: null } }));
    expect(resultsReducer(s, { type: 'level', by: 1 })).toBe(s);
  });

  it('scrolling stays within the list', () => {
    const many = results({ candidates: Array.from({ length: 20 }, (_, i) => ({ code: `C${i}`, name: `N${i}`, votes: 20 - i, share: null })) });
    let s = loaded(initialResults, many);
    expect(panelLength(s)).toBe(20);
    s = resultsReducer(s, { type: 'scroll', by: 100, room: 8 });
    expect(s.scroll).toBe(12);
    s = resultsReducer(s, { type: 'scroll', by: -100, room: 8 });
    expect(s.scroll).toBe(0);
  });

  it('/ resolves a region by its name or the start of it, accents and case aside; empty is the whole country', () => {
    const regions = ['Kayes', 'Koulikoro', 'Ségou', 'Sikasso'];
    expect(resolveRegion(regions, 'segou')).toEqual({ region: 'Ségou' });
    expect(resolveRegion(regions, 'kou')).toEqual({ region: 'Koulikoro' });
    expect(resolveRegion(regions, 'kasso')).toEqual({ region: 'Sikasso' });
    expect(resolveRegion(regions, 'k')).toMatchObject({ error: { fr: '« k » désigne plusieurs régions : Kayes, Koulikoro. Tapez-en davantage.' } });
    expect(resolveRegion(regions, 'gao')).toMatchObject({ error: { en: 'Unknown region “gao”. Regions: Kayes, Koulikoro, Ségou, Sikasso' } });

    let s = resultsReducer(loaded(initialResults), { type: 'regions', regions });
    s = resultsReducer(s, { type: 'openFilter' });
    expect(resultsMode(s)).toBe('typing');
    for (const ch of 'sik') s = resultsReducer(s, { type: 'text', input: ch, key: {} });
    s = resultsReducer(s, { type: 'submitFilter' });
    expect(s).toMatchObject({ region: 'Sikasso', filter: null, loading: true });
    expect(resultsQuery(s)).toEqual({ region: 'Sikasso' });
    s = loaded(s);
    s = resultsReducer(s, { type: 'openFilter' });
    expect(s.filter).toBe('Sikasso'); // the line opens on the current region
    s = resultsReducer(s, { type: 'text', input: 'x', key: {} });
    s = resultsReducer(s, { type: 'submitFilter' });
    expect(s.error?.fr).toMatch(/^Région inconnue « Sikassox »/);
    expect(s.filter).toBe('Sikassox'); // kept, to be corrected
    s = resultsReducer(s, { type: 'cancelFilter' });
    expect(s).toMatchObject({ filter: null, error: null, region: 'Sikasso' });
    s = resultsReducer(s, { type: 'openFilter' });
    for (let i = 0; i < 7; i++) s = resultsReducer(s, { type: 'text', input: '', key: { backspace: true } });
    s = resultsReducer(s, { type: 'submitFilter' });
    expect(s).toMatchObject({ region: null, loading: true });
  });
});

describe('live results lines', () => {
  it('fit 79 columns, with a # bar beside every number', () => {
    const r = results({
      areas: [{ area: '', expected: 4, reported: 2, voters: 10, registered: 20, turnout: 0.5, candidates: [{ code: 'A', votes: 6 }, { code: 'B', votes: 4 }] }],
      flagged: [{ niu: '00071-2026-000003-49', station: 'BV-003', matricule: '00071', state: 'counted', anomaly: 'Votants en surnombre', voters: 320, registered: 300, reasons: ['turnout_over_100', 'sums', 'remark'] }],
    });
    const all = [
      ...summaryLines('fr', r, 80), ...summaryLines('en', r, 80),
      ...Object.values(candidateLines('fr', r, 80)).flat(), ...Object.values(areaLines('fr', r, 'region', 80)).flat(), ...Object.values(flaggedLines('en', r, 80)).flat(),
    ];
    for (const l of all) expect([...l].length, l).toBeLessThanOrEqual(79);
    expect(candidateLines('fr', r, 80).rows[0]).toBe(`  A      Awa KEITA          [${'#'.repeat(18)}${'.'.repeat(10)}]       1 500  62,50 %`);
    expect(candidateLines('fr', r, 80).rows[1]).toContain('Un nom de candida…');
    expect(areaLines('en', r, 'region', 80).rows[0]).toMatch(/^ {2}— +2\/4 \[#####\.\.\.\.\.\] +50\.0% {2}A 60\.0% {2}B 40\.0%$/);
    expect(reasonText('fr', r.flagged[0]!)).toBe('participation > 100 % (320/300) ; sommes incohérentes ; « Votants en surnombre »');
  });

  it('figures: digits grouped with a plain space in French, bars that never lie at the ends', () => {
    expect(whole('fr', 12345678)).toBe('12 345 678');
    expect(whole('en', 12345678)).toBe('12,345,678');
    expect(decimal('fr', 1234.5, 1)).toBe('1 234,5');
    expect(percent('fr', 0.40506)).toBe('40,51 %');
    expect(percent('en', null)).toBe('—');
    expect(bar(0, 10)).toBe('..........');
    expect(bar(0.001, 10)).toBe('#.........');
    expect(bar(0.999, 10)).toBe('#########.');
    expect(bar(1, 10)).toBe('##########');
  });
});

describe('elections list reducer', () => {
  it('keeps the same election selected when the list is read again', () => {
    const items = [{ id: 'B', name: 'b', date: '2026-02-01', stations: 1 }, { id: 'A', name: 'a', date: '2026-01-01', stations: 1 }];
    let s = electionsReducer(initialElections, { type: 'loaded', request: 1, items });
    s = electionsReducer(s, { type: 'down' });
    expect(chosenElection(s)?.id).toBe('A');
    s = electionsReducer(s, { type: 'refresh' });
    s = electionsReducer(s, { type: 'loaded', request: 2, items: [{ id: 'C', name: 'c', date: '2026-03-01', stations: 1 }, ...items] });
    expect(chosenElection(s)?.id).toBe('A');
    expect(electionsReducer(s, { type: 'down' }).selected).toBe(2);
  });
});

describe('broker test reducer', () => {
  const type = (s: BrokerTestState, text: string) => [...text].reduce((x, ch) => brokerTestReducer(x, { type: 'text', input: ch, key: {} }), s);
  const clear = (s: BrokerTestState) => Array.from({ length: 12 }).reduce<BrokerTestState>((x) => brokerTestReducer(x, { type: 'text', input: '', key: { backspace: true } }), s);

  it('starts with the defaults; a bad value names its field and takes the focus there', () => {
    expect(brokerParams(initialBrokerTest.fields)).toEqual({ params: { count: 200, payloadBytes: 1024, qos: 1, timeoutMs: 10_000 } });
    let s = brokerTestReducer(initialBrokerTest, { type: 'field', by: 1 });
    s = type(clear(s), '4');
    s = brokerTestReducer(s, { type: 'field', by: -1 });
    expect(s.focus).toBe(0);
    s = brokerTestReducer(s, { type: 'start' });
    expect(s).toMatchObject({ run: null, focus: 1, error: { en: 'Size: a whole number of bytes from 8 to 16,777,216.' } });
    expect(brokerParams({ count: '0', size: '8', qos: '0', timeout: '1' })).toMatchObject({ field: 'count' });
    expect(brokerParams({ count: '1', size: '8', qos: '0', timeout: '3601' })).toMatchObject({ field: 'timeout' });
  });

  it('runs one test at a time; progress and answers of another run are ignored; Esc cancels; a cancellation is no error', () => {
    let s = brokerTestReducer(initialBrokerTest, { type: 'start' });
    expect(s.run).toMatchObject({ id: 1, params: { count: 200 } });
    expect(brokerMode(s)).toBe('normal');
    expect(brokerTestReducer(s, { type: 'start' })).toBe(s);
    expect(type(s, '9')).toBe(s); // the form is locked while it runs
    s = brokerTestReducer(s, { type: 'progress', id: 1, phase: 'latency', done: 150 });
    expect(progressLines('fr', s)).toEqual([
      '  [fait]     1. Connexion',
      '  [en cours] 2. Latence : 150 / 200 allers-retours',
      '  [à venir]  3. Débit : 0 / 200 messages de la rafale reçus',
    ]);
    s = brokerTestReducer(s, { type: 'progress', id: 1, phase: 'burst', done: 250 });
    expect(progressLines('en', s)[2]).toBe('  [running] 3. Throughput: 50 / 200 burst messages received');
    expect(brokerTestReducer(s, { type: 'progress', id: 7, phase: 'burst', done: 399 })).toBe(s);
    s = brokerTestReducer(s, { type: 'cancel' });
    expect(s.cancelling).toBe(true);
    s = brokerTestReducer(s, { type: 'failed', id: 1, error: { fr: 'annulé', en: 'cancelled' }, cancelled: true });
    expect(s).toMatchObject({ run: null, error: null, notice: { en: 'cancelled' }, cancelling: false });
    expect(brokerMode(s)).toBe('typing');
    s = brokerTestReducer(s, { type: 'start' });
    expect(s).toMatchObject({ run: { id: 2 }, notice: null });
    expect(brokerTestReducer(s, { type: 'finished', id: 1, result: {} as BrokerTestResult })).toBe(s);
    s = brokerTestReducer(s, { type: 'failed', id: 2, error: { fr: 'injoignable', en: 'unreachable' }, cancelled: false });
    expect(s.error?.en).toBe('unreachable');
  });

  it('phases and figures in words', () => {
    expect(phaseProgress(120, 200, 'latency')).toBe(120);
    expect(phaseProgress(260, 200, 'burst')).toBe(60);
    const r = {
      url: 'mqtt://x', protocol: '3.1.1', protocolVersion: 4, clientId: 'c', topic: 't', qos: 1, grantedQos: 0, count: 200, payloadBytes: 1024, noDelay: true, connectMs: 1.234,
      latency: { sent: 200, received: 200, lost: 0, minMs: 0.1234, p50Ms: 0.5, p95Ms: 12.34, maxMs: 250.4, meanMs: 1 },
      throughput: { sent: 200, received: 150, lost: 50, seconds: 0.1, messagesPerSecond: 1500, bytesPerSecond: 1_536_000 },
      sent: 400, received: 350, lost: 50,
    } satisfies BrokerTestResult;
    expect(resultLines('fr', r)).toEqual([
      'Résultat (MQTT 3.1.1, QoS 1) : — QoS accordée : 0',
      '  Connexion : 1,2 ms',
      '  Latence aller-retour (200 messages de 1 024 octets, un à la fois) :',
      '    min 0,123 ms · médiane 0,500 ms · p95 12,3 ms · max 250 ms',
      '  Débit (rafale de 200) : 1 500 messages/s · 1 536,0 ko/s',
      '  PERDUS : 50 sur 400 (latence 0, rafale 50).',
      '  Le courtier a jeté des messages en file (Mosquitto : max_queued_messages, 1000).',
    ]);
  });
});

describe('keys of these screens', () => {
  it('the footers fit 80 columns and the keys do what they say', () => {
    expect(footerLine(footerItems('fr', 'elections', 'normal'), 80)).toBe('? aide  : aller  ↑↓ choix  Entrée ouvrir  r actualiser  Esc retour  q quitter');
    expect(footerLine(footerItems('en', 'brokerTest', 'typing'), 80)).toBe('Tab ↑↓ field  Enter start  Esc back  Ctrl+C quit');
    expect(footerLine(footerItems('fr', 'brokerTest', 'normal'), 80)).toBe('Esc annuler le test');
    expect(footerLine(footerItems('fr', 'electionResults', 'typing'), 80)).toBe('Entrée filtrer  Esc annuler  Ctrl+C quitter');
    expect(matchAction('electionResults', 'normal', '', { tab: true }, ['resultsShown'])).toBe('panel');
    expect(matchAction('electionResults', 'normal', '', { tab: true }, [])).toBeUndefined();
    expect(matchAction('electionResults', 'normal', '', { rightArrow: true }, ['resultsShown'])).toBe('levelNext');
    expect(matchAction('electionResults', 'normal', 'p', {}, ['resultsPaused'])).toBe('pause');
    expect(matchAction('electionResults', 'typing', 'q', {})).toBeUndefined();
    expect(matchAction('brokerTest', 'normal', '', { escape: true })).toBe('cancelTest');
    expect(matchAction('brokerTest', 'typing', '', { escape: true })).toBe('back');
    expect(matchAction('brokerTest', 'typing', '', { return: true })).toBe('startTest');
    expect(matchAction('brokerTest', 'normal', 'q', {})).toBeUndefined(); // a running test is left with Esc
  });
});
