import type { CentralHit, CentralSearchInput, Label } from '@docstream/core';
import { editText, type TextKeyState } from '@docstream/console-kit';
import { initialPaged, pagedReducer, type PagedAction, type PagedState } from './paged.js';
import type { DocsStringKey } from './strings.js';

export const CRITERIA_FIELDS = ['niu', 'name', 'kind', 'centre', 'region', 'from', 'to', 'status'] as const;
export type CriteriaField = (typeof CRITERIA_FIELDS)[number];
/** The criteria as typed: the core checks them (and says what is wrong, field by field). */
export type Criteria = Readonly<Record<CriteriaField, string>>;

export const EMPTY_CRITERIA: Criteria = { niu: '', name: '', kind: '', centre: '', region: '', from: '', to: '', status: '' };

export const FIELD_LABELS: Record<CriteriaField, DocsStringKey> = {
  niu: 'fieldNiu', name: 'fieldName', kind: 'fieldKind', centre: 'fieldCentre', region: 'fieldRegion', from: 'fieldFrom', to: 'fieldTo', status: 'fieldStatus',
};

/** The core's name of each criterion (its problems name them so), to put the cursor back on the one refused. */
const CORE_FIELDS: Record<string, CriteriaField> = {
  niu: 'niu', name: 'name', formId: 'kind', matricule: 'centre', region: 'region', from: 'from', to: 'to', status: 'status',
};

export function fieldOfProblem(coreField: string | undefined): CriteriaField | undefined {
  return coreField === undefined ? undefined : CORE_FIELDS[coreField];
}

/** An installed kind: its id and its title. */
export interface KindEntry {
  id: string;
  title: Label;
}

const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** Status words an operator may type instead of the number. */
const STATUS_WORDS: Record<string, number> = { annule: 0, cancelled: 0, canceled: 0, centralise: 4, centralised: 4, centralized: 4 };

/** A NIU typed without its dashes (17 digits) is put back in its printed shape. */
export function normaliseNiu(text: string): string {
  const digits = text.replace(/[\s-]/g, '');
  if (/^\d{17}$/.test(digits)) return `${digits.slice(0, 5)}-${digits.slice(5, 9)}-${digits.slice(9, 15)}-${digits.slice(15)}`;
  return text.trim();
}

/**
 * What the core is asked: the words as typed, except a kind given by its title (its id is
 * taken), a status given as a word, a NIU without dashes. Anything else goes as typed,
 * and the core's refusal is what the operator reads.
 */
export function searchInput(c: Criteria, kinds: readonly KindEntry[]): Omit<CentralSearchInput, 'before' | 'limit'> {
  const input: Omit<CentralSearchInput, 'before' | 'limit'> = {};
  const v = (f: CriteriaField) => c[f].trim();
  if (v('niu')) input.niu = normaliseNiu(v('niu'));
  if (v('name')) input.name = v('name');
  if (v('kind')) {
    const k = fold(v('kind'));
    input.formId = kinds.find((x) => x.id === v('kind') || fold(x.title.fr) === k || fold(x.title.en) === k)?.id ?? v('kind');
  }
  if (v('centre')) input.matricule = v('centre');
  if (v('region')) input.region = v('region');
  if (v('from')) input.from = v('from');
  if (v('to')) input.to = v('to');
  if (v('status')) {
    const s = v('status');
    input.status = /^\d+$/.test(s) ? Number(s) : (STATUS_WORDS[fold(s)] ?? Number.NaN);
  }
  return input;
}

export interface CriteriaForm {
  values: Criteria;
  focus: number;
}

export interface SearchState {
  list: PagedState<Criteria, CentralHit, number>;
  /** The criteria form while it is open (typing mode), else null. */
  editing: CriteriaForm | null;
  kinds: readonly KindEntry[];
}

export type SearchAction =
  | PagedAction<Criteria, CentralHit, number>
  | { type: 'kinds'; kinds: KindEntry[] }
  | { type: 'openCriteria' }
  | { type: 'criteriaText'; input: string; key: TextKeyState }
  | { type: 'nextField' }
  | { type: 'prevField' }
  | { type: 'cancelCriteria' }
  | { type: 'applyCriteria' }
  /** Esc on the list with criteria: every document again. */
  | { type: 'clearCriteria' }
  /** A search refused: `field` the criterion the core named first, if any. */
  | { type: 'refused'; id: number; error: Label; field?: CriteriaField | undefined };

export function initialSearch(): SearchState {
  return { list: initialPaged<Criteria, CentralHit, number>(EMPTY_CRITERIA), editing: null, kinds: [] };
}

export function hasCriteria(c: Criteria): boolean {
  return CRITERIA_FIELDS.some((f) => c[f].trim() !== '');
}

export function searchReducer(s: SearchState, a: SearchAction): SearchState {
  switch (a.type) {
    case 'kinds':
      return { ...s, kinds: a.kinds };
    case 'openCriteria':
      return { ...s, editing: { values: s.list.params, focus: 0 } };
    case 'criteriaText': {
      if (!s.editing) return s;
      const f = CRITERIA_FIELDS[s.editing.focus]!;
      return { ...s, editing: { ...s.editing, values: { ...s.editing.values, [f]: editText(s.editing.values[f], a.input, a.key) } } };
    }
    case 'nextField':
      return s.editing ? { ...s, editing: { ...s.editing, focus: (s.editing.focus + 1) % CRITERIA_FIELDS.length } } : s;
    case 'prevField':
      return s.editing ? { ...s, editing: { ...s.editing, focus: (s.editing.focus + CRITERIA_FIELDS.length - 1) % CRITERIA_FIELDS.length } } : s;
    case 'cancelCriteria':
      return { ...s, editing: null };
    case 'applyCriteria':
      if (!s.editing) return s;
      return { ...s, editing: null, list: pagedReducer(s.list, { type: 'search', params: s.editing.values }) };
    case 'clearCriteria':
      return hasCriteria(s.list.params) ? { ...s, list: pagedReducer(s.list, { type: 'search', params: EMPTY_CRITERIA }) } : s;
    case 'refused': {
      const r = s.list.request;
      if (!r || r.id !== a.id) return s;
      const list = pagedReducer(s.list, { type: 'failed', id: a.id, error: a.error });
      // New criteria refused: back to the form, on the criterion to correct; the page shown stays.
      if (r.params === s.list.params) return { ...s, list };
      const at = a.field ? CRITERIA_FIELDS.indexOf(a.field) : 0;
      return { ...s, list, editing: { values: r.params, focus: Math.max(0, at) } };
    }
    default:
      return { ...s, list: pagedReducer(s.list, a) };
  }
}
