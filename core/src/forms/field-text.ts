import { canonicalJson } from '../audit/chain.js';
import type { DocumentData, FieldDef, FieldType, FormDef, Label } from './types.js';

/** What an empty field shows: a dash, never a blank that could be read as "nothing to see". */
const EMPTY = '—';

/** One field of a stored document, ready for a console: its label and its value as text, FR/EN. */
export interface FieldRow {
  name: string;
  label: Label;
  /** Undefined for a key the document holds but its form does not name. */
  type: FieldType | undefined;
  value: unknown;
  text: Label;
}

/** A field seen in two versions of one document (a conflict), side by side. */
export interface ComparedField {
  name: string;
  label: Label;
  stored: Label;
  incoming: Label;
  differs: boolean;
}

const same = (t: string): Label => ({ fr: t, en: t });

/** A value as text: person names, enum labels, tallies; dates stay YYYY-MM-DD. */
export function fieldText(field: FieldDef | undefined, value: unknown): Label {
  if (value === undefined || value === null || value === '') return same(EMPTY);
  if (Array.isArray(value)) {
    return same(value.map((l) => (typeof l === 'object' && l !== null ? `${String((l as { candidat?: unknown }).candidat)}: ${String((l as { voix?: unknown }).voix)}` : String(l))).join(', ') || EMPTY);
  }
  if (typeof value === 'object') {
    const v = value as { nom?: unknown; prenoms?: unknown };
    if ('nom' in v || 'prenoms' in v) return same(`${String(v.nom ?? '').trim()} ${String(v.prenoms ?? '').trim()}`.trim() || EMPTY);
    return same(canonicalJson(value));
  }
  if (field?.type === 'enum') {
    const option = field.options?.find((o) => o.value === value);
    if (option) return option.label;
  }
  return same(String(value));
}

/** The form's fields in its order, then any key of the data the form does not name. */
function fieldNames(forms: (FormDef | undefined)[], data: DocumentData[]): { name: string; def: FieldDef | undefined }[] {
  const out = new Map<string, FieldDef | undefined>();
  for (const f of forms) for (const def of f?.fields ?? []) if (!out.has(def.name)) out.set(def.name, def);
  for (const d of data) for (const k of Object.keys(d)) if (!out.has(k)) out.set(k, undefined);
  return [...out].map(([name, def]) => ({ name, def }));
}

/** Every field of a document with its label from the form (the raw name when the form does not know it). */
export function fieldRows(form: FormDef | undefined, data: DocumentData): FieldRow[] {
  return fieldNames([form], [data]).map(({ name, def }) => ({
    name, label: def?.label ?? same(name), type: def?.type, value: data[name], text: fieldText(def, data[name]),
  }));
}

/**
 * Two versions of one document field by field, over the fields of both forms: a field
 * differs when its values differ as the ingest compared them (key order inside a value does
 * not count; an absent field and an empty one do).
 */
export function compareFields(stored: { form: FormDef | undefined; data: DocumentData }, incoming: { form: FormDef | undefined; data: DocumentData }): ComparedField[] {
  // Exactly the ingest's comparison (canonical JSON of the data): an absent key and an empty value differ.
  const key = (d: DocumentData, name: string) => (Object.hasOwn(d, name) ? canonicalJson(d[name]) : undefined);
  return fieldNames([stored.form, incoming.form], [stored.data, incoming.data]).map(({ name, def }) => {
    const incomingDef = incoming.form?.fields.find((f) => f.name === name) ?? def;
    return {
      name,
      label: def?.label ?? same(name),
      stored: fieldText(def, stored.data[name]),
      incoming: fieldText(incomingDef, incoming.data[name]),
      differs: key(stored.data, name) !== key(incoming.data, name),
    };
  });
}
