import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DocstreamError } from '../errors.js';
import type { FieldDef, FormDef, Rule } from './types.js';

const ID_RE = /^[a-z][a-z0-9_]{1,40}$/;
const FIELD_RE = /^[a-z][a-z0-9_]{0,40}$/;
const TYPES = new Set(['text', 'date', 'integer', 'enum', 'person_name', 'tally']);

function isLabel(v: unknown): boolean {
  const o = v as { fr?: unknown; en?: unknown } | null;
  return typeof o === 'object' && o !== null && typeof o.fr === 'string' && typeof o.en === 'string' && o.fr !== '' && o.en !== '';
}

/**
 * New document kinds arrive as data (a file, or pushed by the server), so a definition is
 * checked whole before it is installed: a broken one would break every screen using it.
 */
export function checkFormDefinition(raw: unknown): FormDef {
  const errs: string[] = [];
  const d = raw as Partial<FormDef> | null;
  if (typeof d !== 'object' || d === null) errs.push('not an object');
  else {
    if (typeof d.id !== 'string' || !ID_RE.test(d.id)) errs.push('id: lowercase letters, digits, _ (2–41)');
    if (!Number.isInteger(d.version) || (d.version as number) < 1) errs.push('version: integer ≥ 1');
    if (!isLabel(d.title)) errs.push('title: {fr, en}');
    if (!['civil', 'diploma', 'election', 'other'].includes(d.category as string)) errs.push('category: civil|diploma|election|other');
    const fields: FieldDef[] = Array.isArray(d.fields) ? d.fields : [];
    if (!Array.isArray(d.fields) || fields.length === 0) errs.push('fields: non-empty list');
    const byName = new Map<string, FieldDef>();
    for (const [i, f] of fields.entries()) {
      const at = `fields[${i}]`;
      if (typeof f?.name !== 'string' || !FIELD_RE.test(f.name)) errs.push(`${at}.name: lowercase letters, digits, _`);
      else if (byName.has(f.name)) errs.push(`${at}.name: duplicate ${f.name}`);
      else byName.set(f.name, f);
      if (!isLabel(f?.label)) errs.push(`${at}.label: {fr, en}`);
      if (!TYPES.has(f?.type)) errs.push(`${at}.type: one of ${[...TYPES].join(', ')}`);
      if (f?.type === 'enum' && (!Array.isArray(f.options) || f.options.length === 0 || !f.options.every((o) => typeof o?.value === 'string' && isLabel(o?.label)))) {
        errs.push(`${at}.options: list of {value, label}`);
      }
      if (f?.pattern !== undefined) {
        try {
          new RegExp(f.pattern, 'u');
        } catch {
          errs.push(`${at}.pattern: invalid regular expression`);
        }
      }
    }
    const isType = (name: string, ...types: string[]) => types.includes(byName.get(name)?.type ?? '');
    if (d.seal !== undefined && (!Array.isArray(d.seal) || !d.seal.every((n) => typeof n === 'string' && byName.has(n) && byName.get(n)!.type !== 'tally'))) {
      errs.push('seal: list of field names (not tally)');
    }
    if (d.eventDate !== undefined && !isType(d.eventDate, 'date')) errs.push('eventDate: must name a date field');
    const rules: Rule[] = Array.isArray(d.rules) ? d.rules : [];
    if (!Array.isArray(d.rules)) errs.push('rules: list (may be empty)');
    for (const [i, r] of rules.entries()) {
      const at = `rules[${i}]`;
      if (!isLabel(r?.message)) errs.push(`${at}.message: {fr, en}`);
      if (r?.unless !== undefined && !isType(r.unless, 'text')) errs.push(`${at}.unless: must name a text field`);
      const numeric = (n: string) => isType(n, 'integer', 'tally');
      switch (r?.type) {
        case 'sum_equals':
          if (!Array.isArray(r.terms) || !r.terms.every(numeric) || !numeric(r.equals)) errs.push(`${at}: terms and equals must name integer or tally fields`);
          break;
        case 'lte':
          if (!numeric(r.left) || !numeric(r.right)) errs.push(`${at}: left and right must name integer or tally fields`);
          break;
        case 'date_order':
          if (!isType(r.first, 'date') || !isType(r.second, 'date')) errs.push(`${at}: first and second must name date fields`);
          break;
        case 'min_age':
          if (!isType(r.birth, 'date') || !isType(r.at, 'date') || !Number.isInteger(r.years)) errs.push(`${at}: birth, at (date fields) and years`);
          break;
        default:
          errs.push(`${at}.type: sum_equals|lte|date_order|min_age`);
      }
    }
  }
  if (errs.length > 0) {
    const list = errs.join('; ');
    throw new DocstreamError(
      'validation',
      `Définition de formulaire invalide : ${list}. Corrigez le fichier puis réinstallez-le.`,
      `Invalid form definition: ${list}. Correct the file, then install it again.`,
      { problems: errs.map((e) => ({ field: e.split(':')[0] ?? '', fr: e, en: e })) },
    );
  }
  return raw as FormDef;
}

const SHIPPED_DIR = fileURLToPath(new URL('../../forms/', import.meta.url));

/** The five kinds that ship with Docstream, read from `core/forms/*.json`. */
export function shippedForms(dir = SHIPPED_DIR): FormDef[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => checkFormDefinition(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
}
