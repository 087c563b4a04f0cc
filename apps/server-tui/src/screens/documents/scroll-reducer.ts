import type { Label } from '@docstream/core';

/**
 * A text read from the core and scrolled (a document, a conflict): one read at a time,
 * `request` ties an answer to its read, so a late answer never replaces a newer one.
 */
export interface ScrollState<D> {
  data: D | null;
  error: Label | null;
  request: number;
  loading: boolean;
  /** First line shown. */
  scroll: number;
}

export type ScrollAction<D> =
  | { type: 'refresh' }
  | { type: 'loaded'; request: number; data: D }
  | { type: 'failed'; request: number; error: Label }
  /** `total` lines, `height` of the window: the scroll stays inside. */
  | { type: 'scroll'; by: number; total: number; height: number }
  | { type: 'page'; direction: 1 | -1; total: number; height: number };

export function initialScroll<D>(): ScrollState<D> {
  return { data: null, error: null, request: 1, loading: true, scroll: 0 };
}

function clamp(scroll: number, total: number, height: number): number {
  return Math.max(0, Math.min(scroll, total - height));
}

export function scrollReducer<D>(s: ScrollState<D>, a: ScrollAction<D>): ScrollState<D> {
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
