import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFormDefinition, DocstreamError, shippedForms } from '@docstream/core';

const FORMS_DIR = fileURLToPath(new URL('../../core/forms/', import.meta.url));
const L = (fr: string, en = `${fr} (en)`) => ({ fr, en });

/** A small valid definition; each test breaks one thing in a copy. */
function base(): Record<string, any> {
  return {
    id: 'permis_peche',
    version: 1,
    title: L('Permis de pêche', 'Fishing licence'),
    category: 'other',
    eventDate: 'date_debut',
    fields: [
      { name: 'titulaire', type: 'person_name', required: true, label: L('Titulaire') },
      { name: 'date_debut', type: 'date', label: L('Début') },
      { name: 'date_fin', type: 'date', label: L('Fin') },
      { name: 'zone', type: 'enum', label: L('Zone'), options: [{ value: 'fleuve', label: L('Fleuve') }] },
      { name: 'prises', type: 'integer', min: 0, label: L('Prises') },
      { name: 'quota', type: 'integer', label: L('Quota') },
      { name: 'code', type: 'text', pattern: '^[A-Z]{3}$', label: L('Code') },
    ],
    rules: [
      { type: 'lte', left: 'prises', right: 'quota', message: L('Trop de prises') },
      { type: 'date_order', first: 'date_debut', second: 'date_fin', message: L('Dates inversées') },
    ],
  };
}

function refusal(def: unknown): DocstreamError {
  try {
    checkFormDefinition(def);
  } catch (e) {
    expect(e).toBeInstanceOf(DocstreamError);
    return e as DocstreamError;
  }
  return expect.fail('definition was accepted');
}

/** Asserts the definition is refused with a validation error whose text and problems name `what`. */
function expectRefused(def: unknown, what: string) {
  const e = refusal(def);
  expect(e.code).toBe('validation');
  expect(e.en).toContain(what);
  expect(e.fr).toContain(what);
  expect(e.problems.map((p) => p.en).join('\n')).toContain(what);
  return e;
}

const withField = (i: number, changes: Record<string, unknown>) => {
  const d = base();
  d.fields[i] = { ...d.fields[i], ...changes };
  return d;
};
const withRule = (rule: Record<string, unknown>) => ({ ...base(), rules: [{ message: L('Règle'), ...rule }] });

describe('checkFormDefinition', () => {
  it('accepts the test definition and returns it unchanged', () => {
    const d = base();
    expect(checkFormDefinition(d)).toBe(d);
  });

  it.each(readdirSync(FORMS_DIR).filter((f) => f.endsWith('.json')))('accepts the shipped %s', (file) => {
    const raw = JSON.parse(readFileSync(FORMS_DIR + file, 'utf8'));
    expect(checkFormDefinition(raw).id).toBe(file.replace(/\.json$/, ''));
  });

  it('shippedForms loads all five, sorted by file name', () => {
    expect(shippedForms().map((f) => f.id)).toEqual(['acte_deces', 'acte_mariage', 'acte_naissance', 'diplome', 'pv_election']);
  });

  it.each(['', 'a', 'Acte', '1acte', 'acte-naissance', 'acte naissance', 'é_acte', 'a'.repeat(42)])('refuses the id %j', (id) => {
    expectRefused({ ...base(), id }, 'id:');
  });

  it('accepts ids of 2 and 41 characters', () => {
    expect(() => checkFormDefinition({ ...base(), id: 'ab' })).not.toThrow();
    expect(() => checkFormDefinition({ ...base(), id: 'a'.repeat(41) })).not.toThrow();
  });

  it('refuses a bad version, title or category', () => {
    expectRefused({ ...base(), version: 0 }, 'version');
    expectRefused({ ...base(), title: { fr: 'Permis' } }, 'title');
    expectRefused({ ...base(), category: 'fiscal' }, 'category');
  });

  it('refuses a duplicate field name', () => {
    expectRefused(withField(2, { name: 'date_debut' }), 'fields[2].name: duplicate date_debut');
  });

  it('refuses an unknown field type', () => {
    expectRefused(withField(4, { type: 'number' }), 'fields[4].type');
  });

  it('refuses an enum without options, with empty options, or with an option lacking a label', () => {
    expectRefused(withField(3, { options: undefined }), 'fields[3].options');
    expectRefused(withField(3, { options: [] }), 'fields[3].options');
    expectRefused(withField(3, { options: [{ value: 'lac' }] }), 'fields[3].options');
  });

  // Known bug: a null option makes the check itself crash with a TypeError instead of
  // refusing the definition (definition.ts, options.every((o) => typeof o.value …)).
  it('refuses an enum option that is null with a validation error', () => {
    expectRefused(withField(3, { options: [null] }), 'fields[3].options');
  });

  it('refuses an invalid regular expression', () => {
    expectRefused(withField(6, { pattern: '^[A-Z{3' }), 'fields[6].pattern');
  });

  it('refuses an empty field list and a missing rule list', () => {
    expectRefused({ ...base(), fields: [], eventDate: undefined, rules: [] }, 'fields');
    expectRefused({ ...base(), rules: undefined }, 'rules');
  });

  it('refuses an eventDate naming a missing or non-date field', () => {
    expectRefused({ ...base(), eventDate: 'zone' }, 'eventDate');
    expectRefused({ ...base(), eventDate: 'date_naissance' }, 'eventDate');
  });

  it.each<[string, Record<string, unknown>]>([
    ['sum_equals over a missing field', { type: 'sum_equals', terms: ['prises', 'absent'], equals: 'quota' }],
    ['sum_equals equal to a text field', { type: 'sum_equals', terms: ['prises'], equals: 'code' }],
    ['lte on a date', { type: 'lte', left: 'date_debut', right: 'quota' }],
    ['date_order on an integer', { type: 'date_order', first: 'date_debut', second: 'prises' }],
    ['min_age at a missing field', { type: 'min_age', birth: 'date_debut', at: 'date_mariage', years: 18 }],
    ['min_age without whole years', { type: 'min_age', birth: 'date_debut', at: 'date_fin', years: 'dix-huit' }],
    ['an unknown rule type', { type: 'max_age', birth: 'date_debut', at: 'date_fin', years: 18 }],
  ])('refuses a rule: %s', (_, rule) => {
    expectRefused(withRule(rule), 'rules[0]');
  });

  it('refuses a rule without a bilingual message', () => {
    expectRefused({ ...base(), rules: [{ type: 'lte', left: 'prises', right: 'quota', message: { fr: 'Trop' } }] }, 'rules[0].message');
  });

  it('lists every problem at once', () => {
    const d = withField(1, { type: 'datetime' });
    d.id = 'Bad';
    const e = refusal(d);
    const fields = e.problems.map((p) => p.field);
    expect(fields).toContain('id');
    expect(fields).toContain('fields[1].type');
    // date_debut is no longer a date, so eventDate and the date_order rule break too.
    expect(fields).toContain('eventDate');
    expect(fields).toContain('rules[1]');
  });

  it('refuses something that is not an object', () => {
    expectRefused(null, 'not an object');
    expectRefused('acte_naissance', 'not an object');
  });
});
