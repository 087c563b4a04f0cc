import type { ClientListRow, ClientPage, Label, Lang } from '@docstream/core';
import { column, columnRight, editText, translator, fit, type TextKeyState } from '@docstream/console-kit';
import type { Mode } from '@docstream/console-kit';
import type { Condition } from '../../keys/bindings.js';
import { amount, cw, day, OPERATOR, statusShort } from './client-words.js';

export const CLIENTS_STRINGS = {
  title: { fr: 'Centres', en: 'Centres' },
  all: { fr: 'Tous les centres', en: 'All centres' },
  filtered: { fr: 'Filtre « {text} »', en: 'Filter “{text}”' },
  count: { fr: '{n} centre(s)', en: '{n} centre(s)' },
  pageLine: { fr: 'Page {page}/{pages} · centres {from}–{to} sur {total}', en: 'Page {page}/{pages} · centres {from}–{to} of {total}' },
  prompt: { fr: 'Filtre (matricule, nom, ville, région) : ', en: 'Filter (matricule, name, city, region): ' },
  none: { fr: 'Aucun centre enregistré : n pour en créer un.', en: 'No centre registered: n to create one.' },
  noneViewer: { fr: 'Aucun centre enregistré.', en: 'No centre registered.' },
  noMatch: { fr: 'Aucun centre ne correspond au filtre (Esc : tous).', en: 'No centre matches the filter (Esc: all).' },
  colMatricule: { fr: 'Matr.', en: 'Matr.' },
  colName: { fr: 'Nom', en: 'Name' },
  colPlace: { fr: 'Ville / région', en: 'City / region' },
  colStatus: { fr: 'Statut', en: 'Status' },
  colContact: { fr: 'Contact', en: 'Contact' },
  colBalance: { fr: 'Solde', en: 'Balance' },
} as const satisfies Record<string, Label>;

export const cs = translator(CLIENTS_STRINGS);

export interface ClientsRequest {
  id: number;
  filter: string;
  offset: number;
}

export interface ClientsState {
  /** The filter of the page shown. */
  filter: string;
  /** The filter line while it is open (typing mode), else null. */
  editing: string | null;
  page: ClientPage | null;
  selected: number;
  pageSize: number;
  request: ClientsRequest | null;
  lastId: number;
  error: Label | null;
}

export type ClientsAction =
  | { type: 'openFilter' }
  | { type: 'filterText'; input: string; key: TextKeyState }
  | { type: 'cancelFilter' }
  | { type: 'applyFilter' }
  | { type: 'clearFilter' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'nextPage' }
  | { type: 'prevPage' }
  /** Read the page shown again (`r`, or coming back to the list). */
  | { type: 'reload' }
  | { type: 'loaded'; id: number; page: ClientPage }
  | { type: 'failed'; id: number; error: Label };

function ask(s: ClientsState, filter: string, offset: number): ClientsState {
  const id = s.lastId + 1;
  return { ...s, lastId: id, request: { id, filter, offset } };
}

export function initialClients(pageSize: number): ClientsState {
  return ask({ filter: '', editing: null, page: null, selected: 0, pageSize, request: null, lastId: 0, error: null }, '', 0);
}

export function clientsReducer(s: ClientsState, a: ClientsAction): ClientsState {
  switch (a.type) {
    case 'openFilter':
      return s.editing === null ? { ...s, editing: s.filter } : s;
    case 'filterText': {
      if (s.editing === null) return s;
      const editing = editText(s.editing, a.input, a.key, 100);
      return editing === s.editing ? s : { ...s, editing };
    }
    case 'cancelFilter':
      return { ...s, editing: null };
    case 'applyFilter':
      if (s.editing === null) return s;
      return ask({ ...s, editing: null, error: null }, s.editing.trim(), 0);
    case 'clearFilter':
      return ask({ ...s, error: null }, '', 0);
    case 'up':
    case 'down': {
      const n = s.page?.rows.length ?? 0;
      const selected = Math.max(0, Math.min(n - 1, s.selected + (a.type === 'up' ? -1 : 1)));
      return selected === s.selected ? s : { ...s, selected };
    }
    case 'nextPage': {
      const p = s.page;
      if (s.request || !p || p.offset + p.limit >= p.total) return s;
      return ask(s, s.filter, p.offset + p.limit);
    }
    case 'prevPage': {
      const p = s.page;
      if (s.request || !p || p.offset === 0) return s;
      return ask(s, s.filter, Math.max(0, p.offset - p.limit));
    }
    case 'reload':
      // A read already running answers for this one.
      return s.request ? s : ask(s, s.filter, s.page?.offset ?? 0);
    case 'loaded': {
      const r = s.request;
      if (!r || r.id !== a.id) return s;
      // Past the end (centres gone from the filter since): the last page instead.
      if (a.page.rows.length === 0 && a.page.offset > 0 && a.page.total > 0) {
        return ask(s, r.filter, Math.floor((a.page.total - 1) / s.pageSize) * s.pageSize);
      }
      const same = s.page !== null && r.filter === s.filter && r.offset === s.page.offset;
      const selected = same ? Math.min(s.selected, Math.max(0, a.page.rows.length - 1)) : 0;
      return { ...s, request: null, page: a.page, filter: r.filter, selected, error: null };
    }
    case 'failed': {
      const r = s.request;
      if (!r || r.id !== a.id) return s;
      // The page shown stays; a refused filter comes back to the filter line to be corrected.
      return { ...s, request: null, error: a.error, editing: r.filter !== s.filter ? r.filter : s.editing };
    }
  }
}

export function selectedClient(s: ClientsState): ClientListRow | undefined {
  return s.page?.rows[s.selected];
}

export function clientsMode(s: ClientsState): Mode {
  return s.editing === null ? 'normal' : 'typing';
}

export function clientsConditions(s: ClientsState, privilege: number): Condition[] {
  if (s.editing !== null || s.page === null) return [];
  return privilege >= OPERATOR ? ['clientsList', 'clientsNew'] : ['clientsList'];
}

/** "Page 2/5 · centres 16–30 of 70" (page 1/1 when empty). */
export function pageLine(lang: Lang, p: ClientPage): string {
  const pages = Math.max(1, Math.ceil(p.total / p.limit));
  const page = Math.floor(p.offset / p.limit) + 1;
  if (p.total === 0) return cs(lang, 'count', { n: 0 });
  return cs(lang, 'pageLine', { page, pages, from: p.offset + 1, to: p.offset + p.rows.length, total: p.total });
}

const W = { matricule: 5, place: 18, status: 12, contact: 10, balance: 9 };

function nameWidth(width: number): number {
  return Math.max(8, width - 1 - 2 - (W.matricule + 1 + 1 + W.place + 1 + W.status + 1 + W.contact + 1 + W.balance));
}

/** One line of the list (without the selection marker), fitted to `width`. */
export function clientRow(lang: Lang, c: ClientListRow, width: number): string {
  const place = c.city && c.region && c.city !== c.region ? `${c.city} / ${c.region}` : c.city || c.region;
  return [
    column(c.matricule, W.matricule),
    column(c.name, nameWidth(width)),
    column(place, W.place),
    column(statusShort(lang, c.status), W.status),
    column(c.last_contact ? day(lang, c.last_contact) : cw(lang, 'never'), W.contact),
    columnRight(amount(lang, c.balance), W.balance),
  ].join(' ');
}

export function clientHeader(lang: Lang, width: number): string {
  return [
    column(cs(lang, 'colMatricule'), W.matricule),
    column(cs(lang, 'colName'), nameWidth(width)),
    column(cs(lang, 'colPlace'), W.place),
    column(cs(lang, 'colStatus'), W.status),
    column(cs(lang, 'colContact'), W.contact),
    columnRight(cs(lang, 'colBalance'), W.balance),
  ].join(' ');
}

/** What the line above the list says: the filter and how many centres it keeps. */
export function filterSummary(lang: Lang, s: ClientsState): string {
  const n = s.page ? ` — ${cs(lang, 'count', { n: s.page.total })}` : '';
  return fit((s.filter === '' ? cs(lang, 'all') : cs(lang, 'filtered', { text: s.filter })) + n, 200);
}
