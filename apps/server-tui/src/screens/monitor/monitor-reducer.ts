import { MONITOR_COLUMNS, type Label, type MonitorInput, type MonitorSnapshot, type MonitorSort, type SortDirection } from '@docstream/core';
import { editText, type TextKeyState } from '@docstream/console-kit';

/** The monitor reads again at most this often, and never while a read is running. */
export const MONITOR_REFRESH_MS = 1000;

/** Waits, once a read has ended, so that reads start 1 s apart, or wait twice as long as the last one took. */
export function monitorDelay(tookMs: number): number {
  return Math.max(MONITOR_REFRESH_MS - tookMs, 2 * tookMs);
}

/** The refresh period the screen states, in whole seconds. */
export function monitorEvery(tookMs: number): number {
  return Math.max(1, Math.round(Math.max(MONITOR_REFRESH_MS, 3 * tookMs) / 1000));
}

/** What fills the lower part of the screen (Tab). */
export type MonitorPanel = 'centres' | 'rejections' | 'services';
export const MONITOR_PANELS: readonly MonitorPanel[] = ['centres', 'rejections', 'services'];

export interface MonitorState {
  snapshot: MonitorSnapshot | null;
  error: Label | null;
  /** Id of the read to run or running; its answer carries it back. */
  request: number;
  loading: boolean;
  /** What to read changed during a read: read again as soon as it ends. */
  stale: boolean;
  tookMs: number;
  /** Refreshes itself (`p` pauses). */
  live: boolean;
  panel: MonitorPanel;
  sort: MonitorSort;
  direction: SortDirection;
  filter: string;
  /** The `/` line while it is open. */
  editing: string | null;
  offset: number;
  /** The selected row of the centres page. */
  selected: number;
  /** Rows of the centres table that fit. */
  room: number;
  /** Waiting for o/n before stopping the service. */
  confirmStop: boolean;
}

export type MonitorAction =
  | { type: 'tick' }
  | { type: 'refresh' }
  | { type: 'loaded'; request: number; snapshot: MonitorSnapshot; tookMs: number }
  | { type: 'failed'; request: number; error: Label }
  | { type: 'pause' }
  | { type: 'panel' }
  | { type: 'sort'; by: -1 | 1 }
  | { type: 'invert' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'page'; by: -1 | 1 }
  | { type: 'openFilter' }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'submitFilter' }
  | { type: 'cancelFilter' }
  | { type: 'clearFilter' }
  | { type: 'askStop' }
  | { type: 'cancelStop' }
  | { type: 'room'; room: number };

export function initialMonitor(room: number): MonitorState {
  return {
    snapshot: null, error: null, request: 1, loading: true, stale: false, tookMs: 0, live: true, panel: 'centres',
    sort: 'matricule', direction: 'asc', filter: '', editing: null, offset: 0, selected: 0, room: Math.max(1, room), confirmStop: false,
  };
}

/** What the next read asks the core: the page of centres that fits, and enough refusals for the panel. */
export function monitorQuery(s: MonitorState, sparkWidth: number): MonitorInput {
  return {
    sort: s.sort, direction: s.direction, ...(s.filter ? { filter: s.filter } : {}),
    offset: s.offset, limit: s.room,
    recent: s.panel === 'rejections' ? Math.min(50, s.room + 1) : 1,
    rateBuckets: Math.max(10, Math.min(60, sparkWidth)), rateBucketSeconds: 5,
  };
}

function reread(s: MonitorState): MonitorState {
  return s.loading ? { ...s, stale: true } : { ...s, request: s.request + 1, loading: true, stale: false };
}

const rowsShown = (s: MonitorState) => s.snapshot?.centres.page.rows.length ?? 0;
const totalCentres = (s: MonitorState) => s.snapshot?.centres.page.total ?? 0;

/**
 * The live monitor: read on opening, then after each read (1 s apart, slower when the
 * database is slow; never two at once), not while paused. Sorting, filtering and paging
 * of the per-centre table are done by the core in SQL: they read again.
 */
export function monitorReducer(s: MonitorState, a: MonitorAction): MonitorState {
  switch (a.type) {
    case 'tick':
      return !s.live || s.loading ? s : { ...s, request: s.request + 1, loading: true };
    case 'refresh':
      return reread(s);
    case 'loaded': {
      if (a.request !== s.request) return s;
      if (s.stale) return { ...s, request: s.request + 1, loading: true, stale: false };
      const n = a.snapshot.centres.page.rows.length;
      return { ...s, snapshot: a.snapshot, tookMs: a.tookMs, loading: false, error: s.editing !== null ? s.error : null, selected: Math.max(0, Math.min(s.selected, n - 1)) };
    }
    case 'failed':
      if (a.request !== s.request) return s;
      if (s.stale) return { ...s, request: s.request + 1, loading: true, stale: false };
      return { ...s, loading: false, error: a.error };
    case 'pause':
      return { ...s, live: !s.live };
    case 'panel': {
      const panel = MONITOR_PANELS[(MONITOR_PANELS.indexOf(s.panel) + 1) % MONITOR_PANELS.length]!;
      // the refusals panel lists more of them than the others ask for
      return panel === 'rejections' || s.panel === 'rejections' ? reread({ ...s, panel }) : { ...s, panel };
    }
    case 'sort': {
      const i = MONITOR_COLUMNS.findIndex((c) => c.sort === s.sort);
      const next = MONITOR_COLUMNS[(i + a.by + MONITOR_COLUMNS.length) % MONITOR_COLUMNS.length]!;
      return reread({ ...s, sort: next.sort, direction: next.defaultDirection, offset: 0, selected: 0 });
    }
    case 'invert':
      return reread({ ...s, direction: s.direction === 'asc' ? 'desc' : 'asc', offset: 0, selected: 0 });
    case 'up':
      if (s.selected > 0) return { ...s, selected: s.selected - 1 };
      return s.offset > 0 ? reread({ ...s, offset: Math.max(0, s.offset - s.room), selected: s.room - 1 }) : s;
    case 'down':
      if (s.selected < rowsShown(s) - 1) return { ...s, selected: s.selected + 1 };
      return s.offset + s.room < totalCentres(s) ? reread({ ...s, offset: s.offset + s.room, selected: 0 }) : s;
    case 'page': {
      const offset = a.by < 0 ? Math.max(0, s.offset - s.room) : s.offset + s.room < totalCentres(s) ? s.offset + s.room : s.offset;
      return offset === s.offset ? s : reread({ ...s, offset, selected: 0 });
    }
    case 'openFilter':
      return { ...s, editing: s.filter, error: null };
    case 'text': {
      if (s.editing === null) return s;
      const editing = editText(s.editing, a.input, a.key, 100);
      return editing === s.editing ? s : { ...s, editing };
    }
    case 'submitFilter': {
      if (s.editing === null) return s;
      const filter = s.editing.trim();
      const next = { ...s, editing: null, error: null };
      return filter === s.filter ? next : reread({ ...next, filter, offset: 0, selected: 0 });
    }
    case 'cancelFilter':
      return { ...s, editing: null };
    case 'clearFilter':
      return s.filter === '' ? s : reread({ ...s, filter: '', offset: 0, selected: 0 });
    case 'askStop':
      return { ...s, confirmStop: true };
    case 'cancelStop':
      return { ...s, confirmStop: false };
    case 'room': {
      const room = Math.max(1, a.room);
      return room === s.room ? s : reread({ ...s, room, offset: Math.floor(s.offset / room) * room, selected: 0 });
    }
  }
}

export type MonitorMode = 'normal' | 'typing' | 'confirm';

export function monitorMode(s: MonitorState): MonitorMode {
  return s.editing !== null ? 'typing' : s.confirmStop ? 'confirm' : 'normal';
}

export function selectedCentre(s: MonitorState) {
  return s.panel === 'centres' ? s.snapshot?.centres.page.rows[s.selected] : undefined;
}
