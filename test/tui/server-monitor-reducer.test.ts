import { describe, expect, it } from 'vitest';
import type { MonitorSnapshot } from '@docstream/core';
import { initialMonitor, monitorDelay, monitorEvery, monitorMode, monitorQuery, monitorReducer, type MonitorState } from '../../apps/server-tui/src/screens/monitor/monitor-reducer.js';
import { bytes, completeBuckets, perSecond, sparkline, when } from '../../apps/server-tui/src/screens/monitor/monitor-lines.js';

/** A snapshot with `total` centres, `rows` of them on the page. */
function snap(total: number, rows: number, offset = 0): MonitorSnapshot {
  const centre = (i: number) => ({
    matricule: String(offset + i + 1).padStart(5, '0'), name: `Centre ${i}`, status: 3, lastSeen: null, active: false,
    containers: 0, documents: 0, duplicates: 0, conflicts: 0, acknowledged: 0, errors: 0, bytesIn: 0, bytesOut: 0, queued: 0, held: 0,
  });
  return {
    at: new Date(0),
    service: { running: false, since: null, lastHeartbeat: null, instances: [] },
    rates: { bucketSeconds: 5, buckets: [], total: { containers: 0, documents: 0, errors: 0, bytesIn: 0, bytesOut: 0 } },
    queues: { outboxUnsent: 0, noticesWaiting: 0, quarantineHeld: 0, conflictsOpen: 0, serviceQueued: 0 },
    centres: {
      registered: total, suspended: 0, active: 0, neverSeen: total, activeSeconds: 300,
      totals: { containers: 0, documents: 0, acknowledged: 0, errors: 0, bytesIn: 0, bytesOut: 0 },
      page: { rows: Array.from({ length: rows }, (_, i) => centre(i)), total, offset, limit: 10, sort: 'matricule', direction: 'asc', filter: '' },
    },
    errors: [],
    conflicts: [],
  };
}

function loaded(s: MonitorState, snapshot: MonitorSnapshot): MonitorState {
  return monitorReducer(s, { type: 'loaded', request: s.request, snapshot, tookMs: 10 });
}

describe('monitor reducer', () => {
  it('never reads twice at once: a tick during a read is dropped; paused, ticks do nothing', () => {
    let s = initialMonitor(10);
    expect(s.loading).toBe(true);
    expect(monitorReducer(s, { type: 'tick' })).toBe(s);
    s = loaded(s, snap(30, 10));
    const next = monitorReducer(s, { type: 'tick' });
    expect(next).toMatchObject({ loading: true, request: s.request + 1 });
    s = monitorReducer(s, { type: 'pause' });
    expect(monitorReducer(s, { type: 'tick' })).toBe(s);
  });

  it('a change during a read is read right after it, and the older answer is not shown', () => {
    let s = initialMonitor(10);
    s = monitorReducer(s, { type: 'sort', by: 1 });
    expect(s).toMatchObject({ sort: 'name', stale: true, request: 1 });
    s = loaded(s, snap(30, 10));
    expect(s).toMatchObject({ snapshot: null, loading: true, request: 2, stale: false });
  });

  it('pages through the centres with the arrows and the page keys, within the total', () => {
    let s = loaded(initialMonitor(10), snap(25, 10));
    for (let i = 0; i < 9; i++) s = monitorReducer(s, { type: 'down' });
    expect(s.selected).toBe(9);
    s = monitorReducer(s, { type: 'down' });
    expect(s).toMatchObject({ offset: 10, selected: 0, loading: true });
    s = loaded(s, snap(25, 10, 10));
    s = monitorReducer(s, { type: 'page', by: 1 });
    expect(s.offset).toBe(20);
    s = loaded(s, snap(25, 5, 20));
    expect(monitorReducer(s, { type: 'page', by: 1 })).toBe(s);
    s = monitorReducer(s, { type: 'up' });
    expect(s).toMatchObject({ offset: 10, selected: 9 });
  });

  it('sorting goes through every column with its default direction; i reverses; both start again at the top', () => {
    let s = loaded(initialMonitor(10), snap(25, 10, 10));
    s = monitorReducer(s, { type: 'sort', by: -1 });
    expect(s).toMatchObject({ sort: 'bytesOut', direction: 'desc', offset: 0 });
    s = loaded(s, snap(25, 10));
    s = monitorReducer(s, { type: 'invert' });
    expect(s.direction).toBe('asc');
  });

  it('the filter line types, applies on Enter, closes on Esc; the stop question has its own mode', () => {
    let s = loaded(initialMonitor(10), snap(25, 10));
    s = monitorReducer(s, { type: 'openFilter' });
    expect(monitorMode(s)).toBe('typing');
    for (const ch of 'ségou') s = monitorReducer(s, { type: 'text', input: ch, key: {} });
    s = monitorReducer(s, { type: 'submitFilter' });
    expect(s).toMatchObject({ filter: 'ségou', editing: null, loading: true });
    expect(monitorQuery(s, 60)).toMatchObject({ filter: 'ségou', offset: 0, limit: 10, rateBuckets: 60 });
    s = monitorReducer(s, { type: 'askStop' });
    expect(monitorMode(s)).toBe('confirm');
    expect(monitorMode(monitorReducer(s, { type: 'cancelStop' }))).toBe('normal');
  });

  it('asks for more refusals only when their view is shown', () => {
    let s = loaded(initialMonitor(10), snap(25, 10));
    expect(monitorQuery(s, 60).recent).toBe(1);
    s = monitorReducer(s, { type: 'panel' });
    expect(s).toMatchObject({ panel: 'rejections', loading: true });
    expect(monitorQuery(s, 60).recent).toBe(11);
  });

  it('reads 1 s apart, slower when reads are slow', () => {
    expect(monitorDelay(10)).toBe(990);
    expect(monitorDelay(800)).toBe(1600);
    expect(monitorEvery(10)).toBe(1);
    expect(monitorEvery(800)).toBe(2);
  });
});

describe('monitor lines', () => {
  it('sparkline: a dot for nothing, the lowest bar for any traffic, the highest for the peak', () => {
    expect(sparkline([0, 1, 4, 8])).toBe('·▁▄█');
    expect(sparkline([0, 0])).toBe('··');
  });

  it('rates from the complete columns, in each language’s decimals; bytes in units', () => {
    const b = (containers: number) => ({ at: new Date(0), containers, documents: 0, errors: 0, bytesIn: 0, bytesOut: 0 });
    expect(completeBuckets([b(1), b(2), b(3)]).map((x) => x.containers)).toEqual([1, 2]);
    expect(perSecond('fr', 12, 5)).toBe('2,4');
    expect(perSecond('en', 12, 5)).toBe('2.4');
    expect(perSecond('en', 1000, 5)).toBe('200');
    expect(bytes('fr', 999)).toBe('999 o');
    expect(bytes('fr', 1234)).toBe('1,2 ko');
    expect(bytes('en', 5_600_000)).toBe('5.6 MB');
  });

  it('last seen: the time today, the day before, a dash for never', () => {
    const now = new Date(2026, 11, 2, 15, 0, 0);
    expect(when(new Date(2026, 11, 2, 9, 5, 7), now)).toBe('09:05:07');
    expect(when(new Date(2026, 10, 30, 9, 5, 7), now)).toBe('30/11');
    expect(when(null, now)).toBe('-');
  });
});
