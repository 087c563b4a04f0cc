import { describe, expect, it } from 'vitest';
import { shippedForms, type FormDef } from '@docstream/core';
import {
  focusedSlot, formConditions, formInput, formMode, formReducer, formSlots, initialForm, parseTally, problemText, valuesOf,
  type FormAction, type FormState,
} from '../../apps/centre-tui/src/screens/form-reducer.js';
import { formLines, formWindow, slotHint } from '../../apps/centre-tui/src/screens/form-lines.js';

const FORMS = shippedForms();
const birth = FORMS.find((f) => f.id === 'acte_naissance')!;
const pv = FORMS.find((f) => f.id === 'pv_election')!;

const run = (s: FormState, ...actions: FormAction[]) => actions.reduce(formReducer, s);
const type = (text: string): FormAction => ({ type: 'text', input: text, key: {} });

/** The kinds loaded, `form` picked. */
function opened(form: FormDef = birth): FormState {
  const s = run(initialForm(), { type: 'kindsLoaded', id: 1, kinds: FORMS });
  return run(s, ...Array.from({ length: FORMS.indexOf(form) }, () => ({ type: 'down' }) as FormAction), { type: 'pick' });
}

describe('form reducer', () => {
  it('loads the kinds, moves within them, opens the chosen form in typing mode', () => {
    let s = initialForm();
    expect(s.loading).toEqual({ id: 1 });
    expect(formMode(s)).toBe('normal');
    s = run(s, { type: 'kindsLoaded', id: 1, kinds: FORMS }, { type: 'up' });
    expect(s.selected).toBe(0);
    s = opened(birth);
    expect(s.form?.id).toBe('acte_naissance');
    expect(formMode(s)).toBe('typing');
    expect(focusedSlot(s)?.key).toBe('enfant.nom');
  });

  it('has one slot per input: a person name is two (nom, prénoms)', () => {
    const keys = formSlots(birth).map((x) => x.key);
    expect(keys.slice(0, 3)).toEqual(['enfant.nom', 'enfant.prenoms', 'sexe']);
    expect(keys).toHaveLength(birth.fields.length + birth.fields.filter((f) => f.type === 'person_name').length);
  });

  it('types into the focused slot, Tab/↑↓ move (wrapping), Enter moves then saves on the last', () => {
    let s = run(opened(), type('KONÉ'), { type: 'nextField' }, type('Awa'));
    expect(s.values).toEqual({ 'enfant.nom': 'KONÉ', 'enfant.prenoms': 'Awa' });
    expect(s.dirty).toBe(true);
    s = run(s, { type: 'prevField' }, { type: 'prevField' });
    expect(s.focus).toBe(formSlots(birth).length - 1);
    s = run(s, { type: 'submit' });
    expect(s.saving?.formId).toBe('acte_naissance');
    expect(s.saving?.numero).toBeNull();
    s = run(opened(), { type: 'submit' });
    expect(s.focus).toBe(1);
    expect(s.saving).toBeNull();
  });

  it('cycles a list field with ←→; the condition holds only there', () => {
    let s = run(opened(), { type: 'nextField' }, { type: 'nextField' });
    expect(formConditions(s)).toEqual(['formEnum']);
    s = run(s, { type: 'cycle', by: 1 });
    expect(s.values.sexe).toBe('M');
    s = run(s, { type: 'cycle', by: 1 }, { type: 'cycle', by: 1 });
    expect(s.values.sexe).toBe('M');
    s = run(s, { type: 'cycle', by: -1 });
    expect(s.values.sexe).toBe('F');
    expect(formConditions(run(s, { type: 'nextField' }))).toEqual([]);
    // ←→ on a text field change nothing
    expect(run(opened(), { type: 'cycle', by: 1 }).values).toEqual({});
  });

  it('builds the core input: person names, integers as numbers, tally lines, blanks blank', () => {
    const input = formInput(pv, { election: 'PRES', inscrits: '500', votants: 'abc', resultats: 'KONE=120, DIARRA = 80', 'president_bureau.nom': 'SY' });
    expect(input.inscrits).toBe(500);
    expect(input.votants).toBe('abc'); // the core reports it
    expect(input.resultats).toEqual([
      { candidat: 'KONE', voix: 120 },
      { candidat: 'DIARRA', voix: 80 },
    ]);
    expect(input.president_bureau).toEqual({ nom: 'SY', prenoms: '' });
    expect(input.anomalie).toBe('');
    expect(parseTally('A; B=x')).toEqual([
      { candidat: 'A', voix: '' },
      { candidat: 'B', voix: 'x' },
    ]);
    expect(valuesOf(pv, { resultats: [{ candidat: 'A', voix: 3 }], inscrits: 7, president_bureau: { nom: 'SY', prenoms: 'Ali' } })).toEqual({
      resultats: 'A=3', inscrits: '7', 'president_bureau.nom': 'SY', 'president_bureau.prenoms': 'Ali',
    });
  });

  it('saved: the numero, a notice (incomplete when required fields are empty), later saves edit', () => {
    let s = run(opened(), type('KONÉ'), { type: 'save' });
    expect(run(s, { type: 'save' }).saving).toBe(s.saving); // one at a time
    expect(run(s, type('x')).values['enfant.nom']).toBe('KONÉ'); // no typing while saving
    s = run(s, { type: 'saved', id: s.saving!.id, numero: 12 });
    expect(s.numero).toBe(12);
    expect(s.dirty).toBe(false);
    expect(s.notice?.fr).toMatch(/^Brouillon n° 12 enregistré \(incomplet/);
    s = run(s, { type: 'save' });
    expect(s.saving?.numero).toBe(12);
  });

  it('puts the core’s problems under their fields, focus on the first; the message line says how many', () => {
    let s = run(opened(), type('KONÉ'), { type: 'save' });
    const problems = [
      { field: 'date_naissance', fr: 'Champ « Date de naissance » (date_naissance) : date invalide, format AAAA-MM-JJ', en: 'Field “Date of birth” (date_naissance): invalid date, use YYYY-MM-DD' },
      { field: 'enfant', fr: 'Champ « Enfant » (enfant) : lettres seulement', en: 'Field “Child” (enfant): letters only' },
    ];
    s = run(s, { type: 'nextField' }, { type: 'saveFailed', id: s.saving!.id, error: { fr: 'long', en: 'long' }, problems });
    expect(s.saving).toBeNull();
    expect(s.errors.date_naissance).toEqual({ fr: 'date invalide, format AAAA-MM-JJ', en: 'invalid date, use YYYY-MM-DD' });
    expect(s.focus).toBe(0);
    expect(s.error?.fr).toContain('2 champ(s) à corriger');
    const lines = formLines('fr', s, 80);
    const err = lines.findIndex((l) => l.kind === 'error' && l.head.includes('lettres seulement'));
    expect(lines[err - 1]!.head).toContain('Enfant, prénoms'); // under the field's last input
    // Editing a field clears its error only.
    s = run(s, type('x'));
    expect(Object.keys(s.errors)).toEqual(['date_naissance']);
    // A failure that names no field stays on the message line.
    let t = run(opened(), { type: 'save' });
    t = run(t, { type: 'saveFailed', id: t.saving!.id, error: { fr: 'Session expirée', en: 'Session expired' } });
    expect(t.error?.fr).toBe('Session expirée');
    expect(problemText({ fr: 'Champ x : obligatoire', en: 'Field x: required' })).toEqual({ fr: 'obligatoire', en: 'required' });
  });

  it('Esc: clean → back to the kinds; dirty → asks; n keeps the text, o drops it', () => {
    expect(run(opened(), { type: 'leave' }).phase).toBe('pick');
    let s = run(opened(), type('A'), { type: 'leave' });
    expect(s.phase).toBe('confirm');
    expect(formMode(s)).toBe('confirm');
    expect(run(s, type('z')).values['enfant.nom']).toBe('A');
    s = run(s, { type: 'no' });
    expect(s.phase).toBe('edit');
    expect(s.values['enfant.nom']).toBe('A');
    s = run(s, { type: 'leave' }, { type: 'yes' });
    expect(s.phase).toBe('pick');
    expect(s.form).toBeNull();
    expect(s.values).toEqual({});
  });

  it('keeps the focused input (and its error) in the window; hints say what a field takes', () => {
    let s = opened(birth);
    s = run(s, ...Array.from({ length: 14 }, () => ({ type: 'nextField' }) as FormAction));
    const lines = formLines('fr', s, 80);
    const start = formWindow(lines, s.focus, 6);
    const shown = lines.slice(start, start + 6);
    expect(shown.some((l) => l.focused)).toBe(true);
    expect(formWindow(lines, 0, 6)).toBe(0);
    expect(formWindow(lines, 0, 100)).toBe(0);
    const slots = formSlots(pv);
    expect(slotHint('fr', slots.find((x) => x.key === 'resultats')!)).toContain('KONE=120');
    expect(slotHint('fr', formSlots(birth).find((x) => x.key === 'sexe')!)).toContain('M (Masculin), F (Féminin)');
    expect(slotHint('en', formSlots(birth).find((x) => x.key === 'date_naissance')!)).toContain('YYYY-MM-DD');
    for (const l of formLines('fr', opened(pv), 80)) expect([...(l.head + l.value)].length).toBeLessThan(80);
  });
});
