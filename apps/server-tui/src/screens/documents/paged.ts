import type { Label } from '@docstream/core';

/** One page as the core returns it: items and, when more follow, the cursor of the next. */
export interface Page<I, C> {
  items: I[];
  nextCursor?: C;
}

/** A read to run: `id` ties its answer to it; `params` and `cursors` become current with the answer. */
export interface PagedRequest<P, C> {
  id: number;
  params: P;
  cursors: (C | undefined)[];
}

/**
 * A list paged by cursor (the core's keyset pages): the cursor of each page from the
 * first to the one shown, so ← goes back without the core keeping anything.
 */
export interface PagedState<P, I, C> {
  /** The criteria of the page shown. */
  params: P;
  cursors: (C | undefined)[];
  page: Page<I, C> | null;
  selected: number;
  request: PagedRequest<P, C> | null;
  lastId: number;
  error: Label | null;
}

export type PagedAction<P, I, C> =
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'nextPage' }
  | { type: 'prevPage' }
  | { type: 'reload' }
  /** New criteria: from the first page. */
  | { type: 'search'; params: P }
  | { type: 'loaded'; id: number; page: Page<I, C> }
  | { type: 'failed'; id: number; error: Label };

function ask<P, I, C>(s: PagedState<P, I, C>, params: P, cursors: (C | undefined)[]): PagedState<P, I, C> {
  const id = s.lastId + 1;
  return { ...s, lastId: id, request: { id, params, cursors } };
}

/** The first page of `params`, asked at once. */
export function initialPaged<P, I, C>(params: P): PagedState<P, I, C> {
  return ask<P, I, C>({ params, cursors: [undefined], page: null, selected: 0, request: null, lastId: 0, error: null }, params, [undefined]);
}

/** The cursor the request asks from (undefined: the first page). */
export function cursorOf<P, C>(r: PagedRequest<P, C>): C | undefined {
  return r.cursors[r.cursors.length - 1];
}

export function pagedReducer<P, I, C>(s: PagedState<P, I, C>, a: PagedAction<P, I, C>): PagedState<P, I, C> {
  switch (a.type) {
    case 'up':
      return { ...s, selected: Math.max(0, s.selected - 1) };
    case 'down':
      return { ...s, selected: Math.max(0, Math.min((s.page?.items.length ?? 0) - 1, s.selected + 1)) };
    case 'nextPage':
      // One read at a time: a key pressed twice on a slow link does not skip a page.
      if (s.request || s.page?.nextCursor === undefined) return s;
      return ask(s, s.params, [...s.cursors, s.page.nextCursor]);
    case 'prevPage':
      if (s.request || s.cursors.length <= 1) return s;
      return ask(s, s.params, s.cursors.slice(0, -1));
    case 'reload':
      return ask(s, s.params, s.cursors);
    case 'search':
      return ask({ ...s, error: null }, a.params, [undefined]);
    case 'loaded': {
      const r = s.request;
      if (!r || r.id !== a.id) return s;
      const samePage = r.params === s.params && r.cursors.length === s.cursors.length;
      const selected = samePage ? Math.min(s.selected, Math.max(0, a.page.items.length - 1)) : 0;
      return { ...s, request: null, page: a.page, params: r.params, cursors: r.cursors, selected, error: null };
    }
    case 'failed': {
      const r = s.request;
      if (!r || r.id !== a.id) return s;
      // The page shown stays, with the core's words.
      return { ...s, request: null, error: a.error };
    }
  }
}

export function selectedItem<P, I, C>(s: PagedState<P, I, C>): I | undefined {
  return s.page?.items[s.selected];
}

/** Whether ←→ lead anywhere: a page before or after this one. */
export function hasPages<P, I, C>(s: PagedState<P, I, C>): boolean {
  return s.cursors.length > 1 || s.page?.nextCursor !== undefined;
}

/** "Page 2 · more: →" under a list. */
export function pageNumber<P, I, C>(s: PagedState<P, I, C>): number {
  return s.cursors.length;
}
