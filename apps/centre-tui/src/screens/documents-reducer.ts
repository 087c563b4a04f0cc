import type { Label, SearchInput, SearchPage } from '@docstream/core';
import { editText, type TextKeyState } from '@docstream/console-kit';
import type { Condition } from '../keys/bindings.js';
import { canEditDocument } from './detail-actions.js';
import type { DocumentsCriteria } from '../navigation.js';

/** Digits, dashes and spaces only: the filter is a NIU (the core then checks its check digits). */
export function looksLikeNiu(text: string): boolean {
  const t = text.trim();
  return /^[\d\s-]+$/.test(t) && /\d/.test(t);
}

/** A NIU typed with spaces or without dashes, put back in its printed shape when it has the 17 digits. */
export function normaliseNiuInput(text: string): string {
  const digits = text.replace(/[\s-]/g, '');
  if (/^\d{17}$/.test(digits)) return `${digits.slice(0, 5)}-${digits.slice(5, 9)}-${digits.slice(9, 15)}-${digits.slice(15)}`;
  return text.trim();
}

/** What the documents list asks the core for: by NIU when the filter looks like one, else by name. */
export function searchInputFor(filter: string, before: number | undefined, limit: number, criteria?: DocumentsCriteria | null): SearchInput {
  const input: SearchInput = { limit };
  if (criteria?.stage !== undefined) input.stage = criteria.stage;
  if (criteria?.status !== undefined) input.status = criteria.status;
  if (criteria?.mine) input.mine = true;
  const f = filter.trim();
  if (f !== '') {
    if (looksLikeNiu(f)) input.niu = normaliseNiuInput(f);
    else input.name = f;
  }
  if (before !== undefined) input.before = before;
  return input;
}

export interface DocumentsRequest {
  id: number;
  input: SearchInput;
  /** The filter and page cursors that become current when the answer arrives. */
  filter: string;
  cursors: (number | undefined)[];
}

export interface DocumentsState {
  /** The filter of the page shown. */
  filter: string;
  /** The filter line while it is open (typing mode), else null. */
  editing: string | null;
  /** `before` cursor of each page from the first to the one shown. */
  cursors: (number | undefined)[];
  page: SearchPage | null;
  selected: number;
  request: DocumentsRequest | null;
  lastId: number;
  error: Label | null;
  pageSize: number;
  /** Titles of the document kinds, by form id. */
  kinds: Record<string, Label>;
  /** The work queue the list is limited to (from Home), kept under every filter and page. */
  criteria: DocumentsCriteria | null;
}

export type DocumentsAction =
  | { type: 'kinds'; kinds: Record<string, Label> }
  | { type: 'openFilter' }
  | { type: 'filterText'; input: string; key: TextKeyState }
  | { type: 'cancelFilter' }
  | { type: 'applyFilter' }
  | { type: 'clearFilter' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'nextPage' }
  | { type: 'prevPage' }
  | { type: 'reload' }
  | { type: 'loaded'; id: number; page: SearchPage }
  | { type: 'failed'; id: number; error: Label };

function ask(s: DocumentsState, filter: string, cursors: (number | undefined)[]): DocumentsState {
  const id = s.lastId + 1;
  const before = cursors[cursors.length - 1];
  return { ...s, lastId: id, request: { id, input: searchInputFor(filter, before, s.pageSize, s.criteria), filter, cursors } };
}

export function initialDocuments(pageSize: number, criteria?: DocumentsCriteria): DocumentsState {
  const base: DocumentsState = { filter: '', editing: null, cursors: [undefined], page: null, selected: 0, request: null, lastId: 0, error: null, pageSize, kinds: {}, criteria: criteria ?? null };
  return ask(base, '', [undefined]);
}

export function documentsReducer(s: DocumentsState, a: DocumentsAction): DocumentsState {
  switch (a.type) {
    case 'kinds':
      return { ...s, kinds: a.kinds };
    case 'openFilter':
      return { ...s, editing: s.filter };
    case 'filterText':
      return s.editing === null ? s : { ...s, editing: editText(s.editing, a.input, a.key) };
    case 'cancelFilter':
      return { ...s, editing: null };
    case 'applyFilter': {
      if (s.editing === null) return s;
      const filter = s.editing.trim();
      return ask({ ...s, editing: null, error: null }, filter, [undefined]);
    }
    case 'clearFilter':
      return ask({ ...s, error: null }, '', [undefined]);
    case 'up':
      return { ...s, selected: Math.max(0, s.selected - 1) };
    case 'down':
      return { ...s, selected: Math.max(0, Math.min((s.page?.items.length ?? 0) - 1, s.selected + 1)) };
    case 'nextPage':
      if (s.request || s.page?.nextCursor === undefined) return s;
      return ask(s, s.filter, [...s.cursors, s.page.nextCursor]);
    case 'prevPage':
      if (s.request || s.cursors.length <= 1) return s;
      return ask(s, s.filter, s.cursors.slice(0, -1));
    case 'reload':
      return ask(s, s.filter, s.cursors);
    case 'loaded': {
      const r = s.request;
      if (!r || r.id !== a.id) return s;
      const selected = r.filter === s.filter && r.cursors.length === s.cursors.length ? Math.min(s.selected, Math.max(0, a.page.items.length - 1)) : 0;
      return { ...s, request: null, page: a.page, filter: r.filter, cursors: r.cursors, selected, error: null };
    }
    case 'failed': {
      const r = s.request;
      if (!r || r.id !== a.id) return s;
      // The page shown stays; a refused filter comes back to the filter line to be corrected.
      return { ...s, request: null, error: a.error, editing: r.filter !== s.filter ? r.filter : s.editing };
    }
  }
}

/** The hit the cursor is on, if any. */
export function selectedHit(s: DocumentsState) {
  return s.page?.items[s.selected];
}

/** The conditions the key table is given: `docEdit` when the selected row is a draft this user may edit. */
export function documentsConditions(s: DocumentsState, privilege: number): Condition[] {
  return s.editing === null && canEditDocument(selectedHit(s), privilege) ? ['docEdit'] : [];
}
