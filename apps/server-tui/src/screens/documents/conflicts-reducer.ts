import type { ConflictListInput, ConflictState, ConflictSummary } from '@docstream/core';
import { editText, type TextKeyState } from '@docstream/console-kit';
import { initialPaged, pagedReducer, type PagedAction, type PagedState } from './paged.js';
import { normaliseNiu } from './search-reducer.js';

export interface ConflictParams {
  state: ConflictState;
  /** The filter as typed: a centre's matricule or a NIU (empty: every conflict). */
  filter: string;
}

const STATES: readonly ConflictState[] = ['open', 'resolved', 'all'];

export function nextState(s: ConflictState): ConflictState {
  return STATES[(STATES.indexOf(s) + 1) % STATES.length]!;
}

/** A NIU has dashes or more than a matricule's 5 digits; anything else is taken as a centre (the core checks it). */
export function filterIsNiu(filter: string): boolean {
  const t = filter.trim();
  return t.includes('-') || t.replace(/\s/g, '').length > 5;
}

/** What the conflicts list asks the core, without the page. */
export function conflictsInput(p: ConflictParams): Omit<ConflictListInput, 'before' | 'limit'> {
  const f = p.filter.trim();
  if (f === '') return { state: p.state };
  return filterIsNiu(f) ? { state: p.state, niu: normaliseNiu(f) } : { state: p.state, centre: f };
}

export interface ConflictsState {
  list: PagedState<ConflictParams, ConflictSummary, number>;
  /** The filter line while it is open (typing mode), else null. */
  editing: string | null;
  /** Matches in all, for the state and filter of the page shown. */
  total: number | null;
}

export type ConflictsAction =
  | PagedAction<ConflictParams, ConflictSummary, number>
  | { type: 'counted'; id: number; total: number }
  | { type: 'toggleState' }
  | { type: 'openFilter' }
  | { type: 'filterText'; input: string; key: TextKeyState }
  | { type: 'cancelFilter' }
  | { type: 'applyFilter' }
  | { type: 'clearFilter' };

/** Open conflicts by default; from a document, all of its conflicts. */
export function initialConflicts(niu?: string): ConflictsState {
  return { list: initialPaged(niu ? { state: 'all', filter: niu } : { state: 'open', filter: '' }), editing: null, total: null };
}

export function conflictsReducer(s: ConflictsState, a: ConflictsAction): ConflictsState {
  switch (a.type) {
    case 'counted':
      // The total comes with its page: only the read that is current sets it.
      return s.list.request?.id === a.id ? { ...s, total: a.total } : s;
    case 'toggleState': {
      // From the state asked last, so a key pressed twice before the answer goes two steps.
      const current = s.list.request?.params ?? s.list.params;
      return { ...s, list: pagedReducer(s.list, { type: 'search', params: { ...current, state: nextState(current.state) } }) };
    }
    case 'openFilter':
      return { ...s, editing: s.list.params.filter };
    case 'filterText':
      return s.editing === null ? s : { ...s, editing: editText(s.editing, a.input, a.key) };
    case 'cancelFilter':
      return { ...s, editing: null };
    case 'applyFilter':
      if (s.editing === null) return s;
      return { ...s, editing: null, list: pagedReducer(s.list, { type: 'search', params: { ...s.list.params, filter: s.editing.trim() } }) };
    case 'clearFilter':
      return s.list.params.filter === '' ? s : { ...s, list: pagedReducer(s.list, { type: 'search', params: { ...s.list.params, filter: '' } }) };
    case 'failed': {
      const r = s.list.request;
      if (!r || r.id !== a.id) return s;
      const list = pagedReducer(s.list, a);
      // A refused filter comes back to its line, to be corrected.
      return r.params.filter !== s.list.params.filter ? { ...s, list, editing: r.params.filter } : { ...s, list };
    }
    default:
      return { ...s, list: pagedReducer(s.list, a) };
  }
}
