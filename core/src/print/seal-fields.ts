import type { DocumentData, FieldDef, FormDef } from '../forms/types.js';
import { formatValue } from './format.js';

/** Longest value kept in the seal: the QR must stay small enough to scan from paper. */
const MAX_VALUE = 40;

/**
 * The key fields a seal carries, for a reader to compare with the paper: the form's
 * `seal` list when it has one; else its required names (two at most), the event date and
 * the place of the event; else its first required fields.
 */
export function sealFieldDefs(form: FormDef): FieldDef[] {
  const byName = new Map(form.fields.map((f) => [f.name, f]));
  if (Array.isArray(form.seal) && form.seal.length > 0) return form.seal.map((n) => byName.get(n)).filter((f): f is FieldDef => f !== undefined);
  const required = form.fields.filter((f) => f.required);
  const picked = [
    ...required.filter((f) => f.type === 'person_name').slice(0, 2),
    ...(form.eventDate && byName.get(form.eventDate) ? [byName.get(form.eventDate)!] : []),
    ...required.filter((f) => f.type === 'text' && f.name.startsWith('lieu')).slice(0, 1),
  ];
  for (const f of required) {
    if (picked.length >= 3) break;
    if (!picked.includes(f) && f.type !== 'tally') picked.push(f);
  }
  return picked;
}

/** The key fields as printed on the copy. */
export function sealFields(form: FormDef, data: DocumentData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of sealFieldDefs(form)) {
    const v = formatValue(f, data[f.name]);
    if (v !== undefined) out[f.name] = v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE - 1)}…` : v;
  }
  return out;
}
