import type { Label, Stage } from '@docstream/core';
import { DESTINATIONS, type Destination } from '../navigation.js';

export interface StageCounts {
  /** Drafts, waiting for a Secretary's check. */
  drafts: number;
  /** Checked, waiting for the Officer's validation. */
  verified: number;
  validated: number;
  cancelled: number;
  total: number;
}

/** Folds `centre.documents.counts` rows: a cancelled document (Status 0) counts only as cancelled. */
export function summariseCounts(rows: readonly { stage: Stage; status: number; n: number }[]): StageCounts {
  const c: StageCounts = { drafts: 0, verified: 0, validated: 0, cancelled: 0, total: 0 };
  for (const r of rows) {
    c.total += r.n;
    if (r.status === 0) c.cancelled += r.n;
    else if (r.stage === 'draft') c.drafts += r.n;
    else if (r.stage === 'verified') c.verified += r.n;
    else c.validated += r.n;
  }
  return c;
}

/** The Home menu: every destination but Home itself. */
export const HOME_MENU: readonly { id: Destination; label: Label }[] = DESTINATIONS.filter((d) => d.id !== 'home');

export interface HomeState {
  counts: StageCounts | null;
  error: Label | null;
  selected: number;
  /** Id of the counts query to run; `loaded` answers with the same id. */
  request: number;
  loading: boolean;
}

export type HomeAction =
  | { type: 'refresh' }
  | { type: 'loaded'; request: number; counts: StageCounts }
  | { type: 'failed'; request: number; error: Label }
  | { type: 'up' }
  | { type: 'down' };

export const initialHome: HomeState = { counts: null, error: null, selected: 0, request: 1, loading: true };

export function homeReducer(s: HomeState, a: HomeAction): HomeState {
  switch (a.type) {
    case 'refresh':
      return { ...s, request: s.request + 1, loading: true };
    case 'loaded':
      return a.request === s.request ? { ...s, counts: a.counts, error: null, loading: false } : s;
    case 'failed':
      return a.request === s.request ? { ...s, error: a.error, loading: false } : s;
    case 'up':
      return { ...s, selected: Math.max(0, s.selected - 1) };
    case 'down':
      return { ...s, selected: Math.min(HOME_MENU.length - 1, s.selected + 1) };
  }
}
