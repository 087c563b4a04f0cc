import type { Label, Lang, SignatoryRow } from '@docstream/core';
import { column, fit, type Mode, type TextKeyState } from '@docstream/console-kit';
import type { Condition } from '../../keys/bindings.js';
import { moved, typed, wordsOf } from './prompt.js';

export const SIGNATORIES_STRINGS = {
  title: { fr: 'Signataires', en: 'Signatories' },
  summary: { fr: '{n} signataire(s), imprimés sur les copies certifiées', en: '{n} signator(ies), printed on certified copies' },
  summaryFiltered: { fr: '{n} signataire(s) du centre {matricule} et nationaux', en: '{n} signator(ies) of centre {matricule} and national ones' },
  none: { fr: 'Aucun signataire.', en: 'No signatory.' },
  colId: { fr: 'N°', en: 'No.' },
  colCentre: { fr: 'Centre', en: 'Centre' },
  colName: { fr: 'Nom', en: 'Name' },
  colTitle: { fr: 'Titre', en: 'Title' },
  colState: { fr: 'État', en: 'State' },
  national: { fr: 'national', en: 'national' },
  active: { fr: 'actif', en: 'active' },
  inactive: { fr: 'inactif', en: 'inactive' },
  newTitle: { fr: 'Nouveau signataire', en: 'New signatory' },
  editTitle: { fr: 'Modifier le signataire n° {id}', en: 'Edit signatory no. {id}' },
  formIntro: {
    fr: 'Tab ou Entrée : champ suivant ; Entrée sur le dernier : enregistrer.',
    en: 'Tab or Enter: next field; Enter on the last one: save.',
  },
  fieldName: { fr: 'Nom complet', en: 'Full name' },
  fieldTitle: { fr: 'Titre', en: 'Title' },
  fieldCentre: { fr: 'Centre (vide : national)', en: 'Centre (empty: national)' },
  nameRequired: { fr: 'Saisissez le nom complet.', en: 'Type the full name.' },
  titleRequired: { fr: 'Saisissez le titre (ex. Officier de l’état civil).', en: 'Type the title (e.g. Civil registrar).' },
  askAdd: { fr: 'Ajouter {name} ({title}), {scope} ? (o/n)', en: 'Add {name} ({title}), {scope}? (y/n)' },
  scopeNational: { fr: 'signataire national', en: 'national signatory' },
  scopeCentre: { fr: 'centre {matricule}', en: 'centre {matricule}' },
  askEdit: { fr: 'Enregistrer les changements du signataire n° {id} ? (o/n)', en: 'Save the changes to signatory no. {id}? (y/n)' },
  askDeactivate: { fr: 'Désactiver {name} (n° {id}) ? Il ne sera plus proposé sur les copies. (o/n)', en: 'Deactivate {name} (no. {id})? No longer offered on copies. (y/n)' },
  askActivate: { fr: 'Réactiver {name} (n° {id}) ? (o/n)', en: 'Reactivate {name} (no. {id})? (y/n)' },
  added: { fr: 'Signataire n° {id} ajouté ; les centres concernés reçoivent leur profil.', en: 'Signatory no. {id} added; the centres concerned receive their profile.' },
  edited: { fr: 'Signataire n° {id} modifié ; les centres concernés reçoivent leur profil.', en: 'Signatory no. {id} edited; the centres concerned receive their profile.' },
  deactivated: { fr: 'Signataire n° {id} désactivé.', en: 'Signatory no. {id} deactivated.' },
  activated: { fr: 'Signataire n° {id} réactivé.', en: 'Signatory no. {id} reactivated.' },
  filterPrompt: { fr: 'Centre (matricule, vide : tous) : ', en: 'Centre (matricule, empty: all): ' },
  working: { fr: 'Patientez…', en: 'Please wait…' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
} as const satisfies Record<string, Label>;

export const signatoryWords = wordsOf(SIGNATORIES_STRINGS);
const { text, label } = signatoryWords;

export interface SignatoryForm {
  kind: 'add' | 'edit';
  /** The signatory edited. */
  id?: number;
  fullName: string;
  title: string;
  matricule: string;
  /** 0 name, 1 title, 2 centre (adding only: a signatory keeps its centre). */
  field: number;
}

export type SignatoryOp =
  | { kind: 'add'; fullName: string; title: string; matricule?: string }
  | { kind: 'edit'; id: number; fullName: string; title: string }
  | { kind: 'toggle'; id: number; fullName: string; active: boolean };

export interface SignatoriesState {
  rows: SignatoryRow[] | null;
  selected: number;
  view: 'list' | 'form' | 'confirm';
  form: SignatoryForm | null;
  asking: SignatoryOp | null;
  pending: { id: number; op: SignatoryOp } | null;
  /** The centre whose signatories are listed (with the national ones); '' all. */
  filter: string;
  filtering: string | null;
  request: number | null;
  lastId: number;
  error: Label | null;
  notice: Label | null;
}

export type SignatoriesAction =
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; rows: SignatoryRow[] }
  | { type: 'failed'; id: number; error: Label }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'new' }
  | { type: 'edit' }
  | { type: 'toggle' }
  | { type: 'filter' }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'nextField' }
  | { type: 'prevField' }
  | { type: 'submit' }
  | { type: 'cancel' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'done'; id: number; row: SignatoryRow }
  | { type: 'opFailed'; id: number; error: Label };

function load(s: SignatoriesState): SignatoriesState {
  return { ...s, lastId: s.lastId + 1, request: s.lastId + 1 };
}

export function initialSignatories(): SignatoriesState {
  return load({ rows: null, selected: 0, view: 'list', form: null, asking: null, pending: null, filter: '', filtering: null, request: null, lastId: 0, error: null, notice: null });
}

export const chosenSignatory = (s: SignatoriesState): SignatoryRow | undefined => s.rows?.[s.selected];
const listReady = (s: SignatoriesState) => s.view === 'list' && s.rows !== null && s.pending === null && s.filtering === null;
const lastField = (f: SignatoryForm) => (f.kind === 'add' ? 2 : 1);
const FIELD_KEYS = ['fullName', 'title', 'matricule'] as const;

function formOp(f: SignatoryForm): SignatoryOp {
  const fullName = f.fullName.trim();
  const title = f.title.trim();
  if (f.kind === 'edit') return { kind: 'edit', id: f.id!, fullName, title };
  const matricule = f.matricule.trim();
  return { kind: 'add', fullName, title, ...(matricule ? { matricule } : {}) };
}

export function signatoriesReducer(s: SignatoriesState, a: SignatoriesAction): SignatoriesState {
  const f = s.form;
  switch (a.type) {
    case 'refresh':
      return s.view === 'list' && !s.pending && s.filtering === null ? load({ ...s, error: null, notice: null }) : s;
    case 'loaded': {
      if (a.id !== s.request) return s;
      const was = chosenSignatory(s)?.id;
      const at = was === undefined ? -1 : a.rows.findIndex((r) => r.id === was);
      return { ...s, request: null, rows: a.rows, selected: at >= 0 ? at : Math.min(s.selected, Math.max(0, a.rows.length - 1)) };
    }
    case 'failed':
      return a.id === s.request ? { ...s, request: null, error: a.error } : s;
    case 'up':
    case 'down':
      if (!listReady(s) || !s.rows?.length) return s;
      return { ...s, selected: moved(s.selected, s.rows.length, a.type === 'up' ? -1 : 1) };
    case 'new':
      if (!listReady(s)) return s;
      return { ...s, view: 'form', form: { kind: 'add', fullName: '', title: '', matricule: s.filter, field: 0 }, error: null, notice: null };
    case 'edit': {
      const r = chosenSignatory(s);
      if (!listReady(s) || !r) return s;
      return { ...s, view: 'form', form: { kind: 'edit', id: r.id, fullName: r.full_name, title: r.title, matricule: r.matricule ?? '', field: 0 }, error: null, notice: null };
    }
    case 'toggle': {
      const r = chosenSignatory(s);
      if (!listReady(s) || !r) return s;
      return { ...s, view: 'confirm', asking: { kind: 'toggle', id: r.id, fullName: r.full_name, active: !r.active }, error: null, notice: null };
    }
    case 'filter':
      return listReady(s) ? { ...s, filtering: s.filter, error: null, notice: null } : s;
    case 'text': {
      if (s.filtering !== null) {
        const t = typed(s.filtering, a.input, a.key, 16);
        return t === s.filtering ? s : { ...s, filtering: t };
      }
      if (s.view !== 'form' || !f) return s;
      const key = FIELD_KEYS[f.field]!;
      const value = typed(f[key], a.input, a.key, key === 'matricule' ? 16 : 200);
      return value === f[key] ? s : { ...s, form: { ...f, [key]: value }, error: null };
    }
    case 'nextField':
    case 'prevField': {
      if (s.view !== 'form' || !f) return s;
      const field = Math.max(0, Math.min(lastField(f), f.field + (a.type === 'nextField' ? 1 : -1)));
      return field === f.field ? s : { ...s, form: { ...f, field } };
    }
    case 'submit': {
      if (s.filtering !== null) return load({ ...s, filter: s.filtering.trim(), filtering: null, selected: 0 });
      if (s.view !== 'form' || !f) return s;
      if (f.field < lastField(f)) return { ...s, form: { ...f, field: f.field + 1 } };
      // The obvious only; the core checks the rest (lengths, the centre exists).
      if (f.fullName.trim() === '') return { ...s, form: { ...f, field: 0 }, error: SIGNATORIES_STRINGS.nameRequired };
      if (f.title.trim() === '') return { ...s, form: { ...f, field: 1 }, error: SIGNATORIES_STRINGS.titleRequired };
      return { ...s, view: 'confirm', asking: formOp(f), error: null };
    }
    case 'cancel':
      if (s.filtering !== null) return { ...s, filtering: null };
      return s.view === 'form' ? { ...s, view: 'list', form: null, error: null } : s;
    case 'no':
      if (s.view !== 'confirm' || s.pending) return s;
      return { ...s, view: s.form ? 'form' : 'list', asking: null };
    case 'yes': {
      if (s.view !== 'confirm' || !s.asking || s.pending) return s;
      return { ...s, lastId: s.lastId + 1, pending: { id: s.lastId + 1, op: s.asking } };
    }
    case 'done': {
      if (s.pending?.id !== a.id) return s;
      const op = s.pending.op;
      const key = op.kind === 'add' ? 'added' : op.kind === 'edit' ? 'edited' : op.active ? 'activated' : 'deactivated';
      const rows = s.rows ?? [];
      const at = rows.findIndex((r) => r.id === a.row.id);
      const next = at >= 0 ? rows.map((r, i) => (i === at ? a.row : r)) : [...rows, a.row];
      return load({ ...s, rows: next, selected: at >= 0 ? at : next.length - 1, view: 'list', form: null, asking: null, pending: null, error: null, notice: label(key, { id: a.row.id }) });
    }
    case 'opFailed':
      if (s.pending?.id !== a.id) return s;
      return { ...s, pending: null, asking: null, view: s.form ? 'form' : 'list', error: a.error };
  }
}

export function signatoriesMode(s: SignatoriesState): Mode {
  if (s.filtering !== null || s.view === 'form') return 'typing';
  return s.view === 'confirm' ? 'confirm' : 'normal';
}

export function signatoriesConditions(s: SignatoriesState): Condition[] {
  if (s.filtering !== null) return ['adminFilter'];
  if (s.view === 'form') return ['adminTyping', 'adminForm'];
  if (!listReady(s)) return [];
  const r = chosenSignatory(s);
  const on: Condition[] = ['sigList'];
  if (r) on.push('adminRows', r.active ? 'sigActive' : 'sigInactive');
  return on;
}

export function askText(lang: Lang, op: SignatoryOp): string {
  switch (op.kind) {
    case 'add':
      return text(lang, 'askAdd', { name: op.fullName, title: op.title, scope: op.matricule ? text(lang, 'scopeCentre', { matricule: op.matricule }) : text(lang, 'scopeNational') });
    case 'edit':
      return text(lang, 'askEdit', { id: op.id });
    case 'toggle':
      return text(lang, op.active ? 'askActivate' : 'askDeactivate', { name: op.fullName, id: op.id });
  }
}

export const SIG_COLS = { id: 5, centre: 9, name: 24, title: 22 };

export function signatoryHeader(lang: Lang): string {
  return [column(text(lang, 'colId'), SIG_COLS.id), column(text(lang, 'colCentre'), SIG_COLS.centre), column(text(lang, 'colName'), SIG_COLS.name), column(text(lang, 'colTitle'), SIG_COLS.title), text(lang, 'colState')].join(' ');
}

export function signatoryRow(lang: Lang, r: SignatoryRow, width: number): string {
  const room = Math.max(6, width - 3 - (SIG_COLS.id + SIG_COLS.centre + SIG_COLS.name + SIG_COLS.title + 4));
  return [
    column(`#${r.id}`, SIG_COLS.id), column(r.matricule ?? text(lang, 'national'), SIG_COLS.centre), column(r.full_name, SIG_COLS.name), column(r.title, SIG_COLS.title),
    fit(text(lang, r.active ? 'active' : 'inactive'), room),
  ].join(' ');
}
