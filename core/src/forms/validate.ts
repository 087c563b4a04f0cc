import type { FieldProblem } from '../errors.js';
import type { DocumentData, FieldDef, FormDef, Label, PersonName, Rule, TallyLine } from './types.js';
import { normaliseName } from './normalise.js';

export interface ValidationResult {
  data: DocumentData;
  problems: FieldProblem[];
}

function problem(field: FieldDef | string, fr: string, en: string): FieldProblem {
  if (typeof field === 'string') return { field, fr: `Champ ${field} : ${fr}`, en: `Field ${field}: ${en}` };
  return {
    field: field.name,
    fr: `Champ « ${field.label.fr} » (${field.name}) : ${fr}`,
    en: `Field “${field.label.en}” (${field.name}): ${en}`,
  };
}

function isBlank(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as object).every((x) => isBlank(x));
  return false;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Control characters (NUL above all, which PostgreSQL text refuses) are never data. */
export const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

function controlProblem(f: FieldDef): FieldProblem {
  return problem(f, 'caractère de contrôle interdit (retirez-le)', 'control character not allowed (remove it)');
}

export function isCalendarDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function toInteger(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d{1,15}\s*$/.test(v)) return Number(v.trim());
  return undefined;
}

/** Checks and normalises one provided (non-blank) value; returns the value to store. */
function checkValue(f: FieldDef, v: unknown, today: string, out: FieldProblem[]): DocumentData[string] | undefined {
  switch (f.type) {
    case 'text': {
      if (typeof v !== 'string' && typeof v !== 'number') {
        out.push(problem(f, 'texte attendu', 'text expected'));
        return undefined;
      }
      const s = String(v).trim();
      if (CONTROL_CHARS.test(s)) {
        out.push(controlProblem(f));
        return undefined;
      }
      if (f.maxLength !== undefined && [...s].length > f.maxLength) {
        out.push(problem(f, `${f.maxLength} caractères au plus`, `at most ${f.maxLength} characters`));
        return undefined;
      }
      if (f.pattern && !new RegExp(f.pattern, 'u').test(s)) {
        const hint = f.patternHint ?? { fr: 'format invalide', en: 'invalid format' };
        out.push(problem(f, hint.fr, hint.en));
        return undefined;
      }
      return s;
    }
    case 'date': {
      const s = typeof v === 'string' ? v.trim() : '';
      if (!isCalendarDate(s)) {
        out.push(problem(f, 'date invalide, format AAAA-MM-JJ', 'invalid date, use YYYY-MM-DD'));
        return undefined;
      }
      if (f.notFuture && s > today) {
        out.push(problem(f, `date dans le futur (aujourd’hui : ${today})`, `date in the future (today: ${today})`));
        return undefined;
      }
      return s;
    }
    case 'integer': {
      const n = toInteger(v);
      if (n === undefined) {
        out.push(problem(f, 'nombre entier attendu', 'whole number expected'));
        return undefined;
      }
      if (f.min !== undefined && n < f.min) {
        out.push(problem(f, `au moins ${f.min}`, `at least ${f.min}`));
        return undefined;
      }
      if (f.max !== undefined && n > f.max) {
        out.push(problem(f, `au plus ${f.max}`, `at most ${f.max}`));
        return undefined;
      }
      return n;
    }
    case 'enum': {
      const s = typeof v === 'string' ? v.trim() : '';
      const options = f.options ?? [];
      if (!options.some((o) => o.value === s)) {
        const list = options.map((o) => o.value).join(', ');
        out.push(problem(f, `valeur inconnue « ${s} » ; choisissez parmi : ${list}`, `unknown value “${s}”; choose one of: ${list}`));
        return undefined;
      }
      return s;
    }
    case 'person_name': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        out.push(problem(f, 'nom et prénoms attendus', 'family and given names expected'));
        return undefined;
      }
      const o = v as Record<string, unknown>;
      // N’Diaye is typed with a curly apostrophe as often as with a straight one: store one form.
      const clean = (x: unknown) => (typeof x === 'string' ? x.trim().replace(/[\u2019\u02bc]/g, "'") : '');
      const nom = clean(o.nom);
      const prenoms = clean(o.prenoms);
      const extra = Object.keys(o).filter((k) => k !== 'nom' && k !== 'prenoms');
      if (extra.length > 0 || nom === '' || [...nom].length > 100 || [...prenoms].length > 150) {
        out.push(problem(f, 'le nom est obligatoire (100 caractères au plus), prénoms 150 au plus', 'the family name is required (100 characters at most), given names 150 at most'));
        return undefined;
      }
      if (!/^[\p{L}][\p{L}\p{M}' .-]*$/u.test(nom) || (prenoms !== '' && !/^[\p{L}][\p{L}\p{M}' .-]*$/u.test(prenoms))) {
        out.push(problem(f, 'lettres, espaces, apostrophes et tirets seulement', 'letters, spaces, apostrophes and hyphens only'));
        return undefined;
      }
      return { nom, prenoms } satisfies PersonName;
    }
    case 'tally': {
      if (!Array.isArray(v)) {
        out.push(problem(f, 'liste de candidats et de voix attendue', 'list of candidates and votes expected'));
        return undefined;
      }
      const lines: TallyLine[] = [];
      const seen = new Set<string>();
      for (const [i, item] of v.entries()) {
        const o = (item ?? {}) as Record<string, unknown>;
        const candidat = typeof o.candidat === 'string' ? o.candidat.trim() : '';
        if (CONTROL_CHARS.test(candidat)) {
          out.push(controlProblem(f));
          return undefined;
        }
        const voix = toInteger(o.voix);
        if (candidat === '' || voix === undefined || voix < 0) {
          out.push(problem(f, `ligne ${i + 1} : candidat et nombre de voix (≥ 0) attendus`, `line ${i + 1}: candidate and number of votes (≥ 0) expected`));
          return undefined;
        }
        if (seen.has(candidat)) {
          out.push(problem(f, `candidat « ${candidat} » en double`, `candidate “${candidat}” appears twice`));
          return undefined;
        }
        seen.add(candidat);
        lines.push({ candidat, voix });
      }
      return lines;
    }
  }
}

function termValue(data: DocumentData, name: string): number | undefined {
  const v = data[name];
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.reduce((s, l) => s + l.voix, 0);
  return undefined;
}

function ruleProblem(rule: Rule, field: string, detail: string): FieldProblem {
  const m: Label = rule.message;
  return { field, fr: `${m.fr} (${detail})`, en: `${m.en} (${detail})` };
}

function ageAt(birth: string, at: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = at.split('-').map(Number) as [number, number, number];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

/** Cross-field rules run only when every field they name is present. */
function checkRules(form: FormDef, data: DocumentData, out: FieldProblem[]): void {
  for (const rule of form.rules) {
    if (rule.unless !== undefined && !isBlank(data[rule.unless])) continue;
    switch (rule.type) {
      case 'sum_equals': {
        const terms = rule.terms.map((t) => termValue(data, t));
        const target = termValue(data, rule.equals);
        if (terms.some((t) => t === undefined) || target === undefined) break;
        const sum = (terms as number[]).reduce((a, b) => a + b, 0);
        if (sum !== target) out.push(ruleProblem(rule, rule.equals, `${rule.terms.join(' + ')} = ${sum} ≠ ${rule.equals} = ${target}`));
        break;
      }
      case 'lte': {
        const l = termValue(data, rule.left);
        const r = termValue(data, rule.right);
        if (l === undefined || r === undefined) break;
        if (l > r) out.push(ruleProblem(rule, rule.left, `${rule.left} = ${l} > ${rule.right} = ${r}`));
        break;
      }
      case 'date_order': {
        const a = data[rule.first];
        const b = data[rule.second];
        if (typeof a !== 'string' || typeof b !== 'string') break;
        if (a > b) out.push(ruleProblem(rule, rule.second, `${a} > ${b}`));
        break;
      }
      case 'min_age': {
        const b = data[rule.birth];
        const a = data[rule.at];
        if (typeof a !== 'string' || typeof b !== 'string') break;
        const age = ageAt(b, a);
        if (age < rule.years) out.push(ruleProblem(rule, rule.birth, `${age} < ${rule.years}`));
        break;
      }
    }
  }
}

/**
 * Validates input against a form. With `complete: false` (saving a draft) missing
 * required fields are allowed but every value given must be well-formed; with
 * `complete: true` (check, validate) required fields must be present too.
 */
export function validateDocument(form: FormDef, input: Record<string, unknown>, options: { complete: boolean; today: string }): ValidationResult {
  const problems: FieldProblem[] = [];
  const data: DocumentData = {};
  const known = new Set(form.fields.map((f) => f.name));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) problems.push(problem(key, `champ inconnu du formulaire ${form.id}`, `unknown field for form ${form.id}`));
  }
  for (const f of form.fields) {
    const v = input[f.name];
    if (isBlank(v)) {
      if (f.required && options.complete) problems.push(problem(f, 'obligatoire', 'required'));
      continue;
    }
    const value = checkValue(f, v, options.today, problems);
    if (value !== undefined) data[f.name] = value;
  }
  if (problems.length === 0) checkRules(form, data, problems);
  return { data, problems };
}

/** The text searched by name: every person name of the document, normalised. */
export function searchableNames(form: FormDef, data: DocumentData): string {
  const parts: string[] = [];
  for (const f of form.fields) {
    if (f.type !== 'person_name') continue;
    const v = data[f.name] as PersonName | undefined;
    if (v) parts.push(normaliseName(`${v.nom} ${v.prenoms}`));
  }
  return parts.join(' | ');
}

/** The document's person names as typed, for lists: "KONÉ Aminata / TRAORÉ Mariam". */
export function displayNames(form: FormDef, data: DocumentData): string {
  const parts: string[] = [];
  for (const f of form.fields) {
    if (f.type !== 'person_name') continue;
    const v = data[f.name] as PersonName | undefined;
    if (v) parts.push(`${v.nom} ${v.prenoms}`.trim());
  }
  return parts.join(' / ');
}

export function eventDateOf(form: FormDef, data: DocumentData): string | null {
  if (!form.eventDate) return null;
  const v = data[form.eventDate];
  return typeof v === 'string' ? v : null;
}
