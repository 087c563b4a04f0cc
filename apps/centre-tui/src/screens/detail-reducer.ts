import type { Label } from '@docstream/core';
import type { DetailData } from './detail-lines.js';

export interface DetailState {
  data: DetailData | null;
  error: Label | null;
  /** Id of the load to run; the answer carries it back. */
  request: number;
  loading: boolean;
  /** First line shown. */
  scroll: number;
}

export type DetailAction =
  | { type: 'refresh' }
  | { type: 'loaded'; request: number; data: DetailData }
  | { type: 'failed'; request: number; error: Label }
  /** `total` lines, `height` of the window: the scroll stays inside. */
  | { type: 'scroll'; by: number; total: number; height: number }
  | { type: 'page'; direction: 1 | -1; total: number; height: number };

export const initialDetail: DetailState = { data: null, error: null, request: 1, loading: true, scroll: 0 };

function clamp(scroll: number, total: number, height: number): number {
  return Math.max(0, Math.min(scroll, total - height));
}

export function detailReducer(s: DetailState, a: DetailAction): DetailState {
  switch (a.type) {
    case 'refresh':
      return { ...s, request: s.request + 1, loading: true };
    case 'loaded':
      return a.request === s.request ? { ...s, data: a.data, error: null, loading: false } : s;
    case 'failed':
      return a.request === s.request ? { ...s, error: a.error, loading: false } : s;
    case 'scroll':
      return { ...s, scroll: clamp(s.scroll + a.by, a.total, a.height) };
    case 'page':
      return { ...s, scroll: clamp(s.scroll + a.direction * Math.max(1, a.height - 1), a.total, a.height) };
  }
}
