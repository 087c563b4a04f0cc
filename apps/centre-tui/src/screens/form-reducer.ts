import type { DocumentData, FieldDef, FieldProblem, FormDef, Label, PersonName, TallyLine } from '@docstream/core';
import { editText, type TextKeyState } from '@docstream/console-kit';
import type { Condition, Mode } from '../keys/bindings.js';
import { fl } from './form-strings.js';

/**
 * The new-document screen, generated from the form definition: first the kinds to pick
 * from, then one input per field (a person name is two: nom, prénoms). Every value is
 * typed as text and handed to the core, which alone decides what is valid; its problems
 * come back under the fields they name.
 *
 * A tally (votes per candidate) is one text input, "KONE=120, DIARRA=80", parsed into
 * lines `{ candidat, voix }` — simple to type and to correct on one line.
 */

/** One focus stop: a field, or one part of a person name. */
export interface FormSlot {
  field: FieldDef;
  part?: 'nom' | 'prenoms';
  /** Key in `values`. */
  key: string;
}

export type FormPhase = 'pick' | 'edit' | 'confirm';

export interface FormState {
  phase: FormPhase;
  /** The kinds to pick from (null while loading). */
  kinds: FormDef[] | null;
  selected: number;
  form: FormDef | null;
  /** The text of every slot, by slot key. */
  values: Record<string, string>;
  focus: number;
  /** The core's problems, by field name, without the "Champ « … » :" prefix. */
  errors: Record<string, Label>;
  /** Changes not saved yet. */
  dirty: boolean;
  /** The draft once saved (later saves edit it). */
  numero: number | null;
  /** Kinds to read (container). */
  loading: { id: number } | null;
  /** A draft to save (container): `numero` null drafts a new one, else edits it. */
  saving: { id: number; formId: string; numero: number | null; input: Record<string, unknown> } | null;
  lastId: number;
  error: Label | null;
  notice: Label | null;
}

export type FormAction =
  | { type: 'kindsLoaded'; id: number; kinds: FormDef[] }
  | { type: 'failed'; id: number; error: Label }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'pick' }
  /** An existing draft opened for editing. */
  | { type: 'opened'; form: FormDef; numero: number; data: DocumentData }
  | { type: 'openFailed'; error: Label }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'nextField' }
  | { type: 'prevField' }
  | { type: 'cycle'; by: 1 | -1 }
  | { type: 'submit' }
  | { type: 'save' }
  | { type: 'saved'; id: number; numero: number }
  | { type: 'saveFailed'; id: number; error: Label; problems?: readonly FieldProblem[] }
  | { type: 'leave' }
  | { type: 'yes' }
  | { type: 'no' };

export function initialForm(): FormState {
  return {
    phase: 'pick', kinds: null, selected: 0, form: null, values: {}, focus: 0, errors: {}, dirty: false, numero: null,
    loading: { id: 1 }, saving: null, lastId: 1, error: null, notice: null,
  };
}

/** For an existing draft: nothing to pick, the container opens it. */
export function initialFormFor(): FormState {
  return { ...initialForm(), phase: 'edit', loading: null };
}

export function formSlots(form: FormDef): FormSlot[] {
  return form.fields.flatMap((field): FormSlot[] =>
    field.type === 'person_name'
      ? [
          { field, part: 'nom', key: `${field.name}.nom` },
          { field, part: 'prenoms', key: `${field.name}.prenoms` },
        ]
      : [{ field, key: field.name }],
  );
}

export function focusedSlot(s: FormState): FormSlot | undefined {
  return s.form ? formSlots(s.form)[s.focus] : undefined;
}

const INTEGER = /^-?\d{1,15}$/;

/** "KONE=120, DIARRA=80" as tally lines; what is not a number stays text, for the core to report. */
export function parseTally(text: string): { candidat: string; voix: number | string }[] {
  return text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const at = p.lastIndexOf('=');
      if (at < 0) return { candidat: p, voix: '' };
      const voix = p.slice(at + 1).trim();
      return { candidat: p.slice(0, at).trim(), voix: INTEGER.test(voix) ? Number(voix) : voix };
    });
}

export function tallyText(lines: readonly TallyLine[]): string {
  return lines.map((l) => `${l.candidat}=${l.voix}`).join(', ');
}

/**
 * What the core is given: every field of the form, a blank one as blank (a draft may be
 * incomplete; when editing, a blank value clears the field).
 */
export function formInput(form: FormDef, values: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const f of form.fields) {
    const v = (k: string) => values[k] ?? '';
    switch (f.type) {
      case 'person_name':
        input[f.name] = { nom: v(`${f.name}.nom`), prenoms: v(`${f.name}.prenoms`) };
        break;
      case 'integer': {
        const s = v(f.name).trim();
        input[f.name] = INTEGER.test(s) ? Number(s) : s;
        break;
      }
      case 'tally':
        input[f.name] = parseTally(v(f.name));
        break;
      default:
        input[f.name] = v(f.name);
    }
  }
  return input;
}

/** A stored document's data as the slots' text. */
export function valuesOf(form: FormDef, data: DocumentData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of form.fields) {
    const d = data[f.name];
    if (d === undefined) continue;
    if (f.type === 'person_name' && typeof d === 'object' && !Array.isArray(d)) {
      values[`${f.name}.nom`] = (d as PersonName).nom;
      values[`${f.name}.prenoms`] = (d as PersonName).prenoms;
    } else if (f.type === 'tally' && Array.isArray(d)) {
      values[f.name] = tallyText(d);
    } else {
      values[f.name] = String(d);
    }
  }
  return values;
}

/** Required fields left blank (a draft may be saved so; the check will refuse it). */
export function missingRequired(form: FormDef, values: Record<string, string>): FieldDef[] {
  return form.fields.filter((f) => {
    if (!f.required) return false;
    const key = f.type === 'person_name' ? `${f.name}.nom` : f.name;
    return (values[key] ?? '').trim() === '';
  });
}

/** The core's problem without its "Champ « Label » (name) :" prefix, since it is shown under the field. */
export function problemText(p: Label): Label {
  return {
    fr: p.fr.replace(/^Champ (?:« [^»]* » \([^)]*\)|\S+) : /, ''),
    en: p.en.replace(/^Field (?:“[^”]*” \([^)]*\)|\S+): /, ''),
  };
}

function openForm(s: FormState, form: FormDef, values: Record<string, string> = {}, numero: number | null = null): FormState {
  return { ...s, phase: 'edit', form, values, focus: 0, errors: {}, dirty: false, numero, error: null, notice: null };
}

export function formReducer(s: FormState, a: FormAction): FormState {
  const busy = s.saving !== null;
  switch (a.type) {
    case 'kindsLoaded':
      if (s.loading?.id !== a.id) return s;
      return { ...s, loading: null, kinds: a.kinds, selected: Math.min(s.selected, Math.max(0, a.kinds.length - 1)) };
    case 'failed':
      if (s.loading?.id !== a.id) return s;
      return { ...s, loading: null, error: a.error };
    case 'up':
    case 'down': {
      if (s.phase !== 'pick' || !s.kinds) return s;
      const selected = Math.max(0, Math.min(s.kinds.length - 1, s.selected + (a.type === 'up' ? -1 : 1)));
      return selected === s.selected ? s : { ...s, selected };
    }
    case 'pick': {
      const form = s.kinds?.[s.selected];
      if (s.phase !== 'pick' || !form) return s;
      return openForm(s, form);
    }
    case 'openFailed':
      return { ...s, error: a.error };
    case 'opened':
      return openForm(s, a.form, valuesOf(a.form, a.data), a.numero);
    case 'text': {
      const slot = focusedSlot(s);
      if (s.phase !== 'edit' || busy || !slot) return s;
      const was = s.values[slot.key] ?? '';
      const max = slot.field.maxLength ?? (slot.field.type === 'tally' ? 2000 : undefined);
      const now = editText(was, a.input, a.key, max);
      if (now === was) return s;
      const { [slot.field.name]: _gone, ...errors } = s.errors;
      return { ...s, values: { ...s.values, [slot.key]: now }, errors, dirty: true, notice: null };
    }
    case 'nextField':
    case 'prevField': {
      if (s.phase !== 'edit' || !s.form) return s;
      const n = formSlots(s.form).length;
      const focus = (s.focus + (a.type === 'nextField' ? 1 : -1) + n) % n;
      return { ...s, focus };
    }
    case 'cycle': {
      const slot = focusedSlot(s);
      if (s.phase !== 'edit' || busy || !slot || slot.field.type !== 'enum') return s;
      const options = slot.field.options ?? [];
      if (options.length === 0) return s;
      const at = options.findIndex((o) => o.value === (s.values[slot.key] ?? '').trim());
      const next = at < 0 ? (a.by > 0 ? 0 : options.length - 1) : (at + a.by + options.length) % options.length;
      const { [slot.field.name]: _gone, ...errors } = s.errors;
      return { ...s, values: { ...s.values, [slot.key]: options[next]!.value }, errors, dirty: true, notice: null };
    }
    case 'submit': {
      if (s.phase !== 'edit' || !s.form) return s;
      if (s.focus < formSlots(s.form).length - 1) return { ...s, focus: s.focus + 1 };
      return formReducer(s, { type: 'save' });
    }
    case 'save': {
      if (s.phase !== 'edit' || busy || !s.form) return s;
      const id = s.lastId + 1;
      return {
        ...s, lastId: id, error: null, notice: null,
        saving: { id, formId: s.form.id, numero: s.numero, input: formInput(s.form, s.values) },
      };
    }
    case 'saved': {
      if (s.saving?.id !== a.id || !s.form) return s;
      const missing = missingRequired(s.form, s.values).length;
      const notice = missing > 0 ? fl('savedIncomplete', { numero: a.numero, n: missing }) : fl('saved', { numero: a.numero });
      return { ...s, saving: null, numero: a.numero, dirty: false, errors: {}, error: null, notice };
    }
    case 'saveFailed': {
      if (s.saving?.id !== a.id || !s.form) return s;
      const names = new Set(s.form.fields.map((f) => f.name));
      const errors: Record<string, Label> = {};
      for (const p of a.problems ?? []) {
        if (names.has(p.field) && !errors[p.field]) errors[p.field] = problemText(p);
      }
      const count = Object.keys(errors).length;
      // Problems the fields cannot show (or none at all): the core's sentence on the message line.
      if (count === 0 || (a.problems ?? []).some((p) => !names.has(p.field))) return { ...s, saving: null, errors, error: a.error };
      const slots = formSlots(s.form);
      const first = slots.findIndex((slot) => errors[slot.field.name] !== undefined);
      return { ...s, saving: null, errors, error: fl('problems', { n: count }), focus: first >= 0 ? first : s.focus };
    }
    case 'leave':
      // From the form: back to the kinds, asking first if changes would be lost.
      if (s.phase !== 'edit' || busy) return s;
      if (s.dirty) return { ...s, phase: 'confirm' };
      return { ...s, phase: 'pick', form: null, values: {}, focus: 0, errors: {}, numero: null, error: null, notice: null };
    case 'yes':
      if (s.phase !== 'confirm') return s;
      return { ...s, phase: 'pick', form: null, values: {}, focus: 0, errors: {}, dirty: false, numero: null, error: null, notice: null };
    case 'no':
      return s.phase === 'confirm' ? { ...s, phase: 'edit' } : s;
  }
}

export function formMode(s: FormState): Mode {
  return s.phase === 'pick' ? 'normal' : s.phase === 'confirm' ? 'confirm' : 'typing';
}

export function formConditions(s: FormState): Condition[] {
  return s.phase === 'edit' && focusedSlot(s)?.field.type === 'enum' ? ['formEnum'] : [];
}
