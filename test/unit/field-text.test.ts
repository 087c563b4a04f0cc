import { describe, expect, it } from 'vitest';
import { compareFields, fieldRows, fieldText, shippedForms } from '@docstream/core';

const birth = shippedForms().find((f) => f.id === 'acte_naissance')!;
const sexe = birth.fields.find((f) => f.name === 'sexe')!;

describe('a stored document’s fields as a console shows them', () => {
  it('person names, enum labels in both languages, tallies, and a dash for what is empty', () => {
    expect(fieldText(undefined, { nom: 'KONÉ', prenoms: 'Awa' })).toEqual({ fr: 'KONÉ Awa', en: 'KONÉ Awa' });
    expect(fieldText(sexe, 'F')).toEqual({ fr: 'Féminin', en: 'Female' });
    expect(fieldText(undefined, [{ candidat: 'A', voix: 12 }, { candidat: 'B', voix: 3 }]).fr).toBe('A: 12, B: 3');
    expect(fieldText(undefined, '')).toEqual({ fr: '—', en: '—' });
  });

  it('lists the form’s fields in order, then keys the form does not name, under their raw name', () => {
    const rows = fieldRows(birth, { lieu_naissance: 'Kati', ancien_champ: 'x' });
    expect(rows.map((r) => r.name)).toEqual([...birth.fields.map((f) => f.name), 'ancien_champ']);
    expect(rows.at(-1)).toMatchObject({ label: { fr: 'ancien_champ', en: 'ancien_champ' }, type: undefined });
  });

  it('compares two versions as the ingest does: key order inside a value does not count, absent and empty do', () => {
    const a = { enfant: { nom: 'KONÉ', prenoms: 'Awa' }, lieu_naissance: 'Kati' };
    const b = { enfant: { prenoms: 'Awa', nom: 'KONÉ' }, lieu_naissance: 'Kati', heure_naissance: '' };
    const diff = compareFields({ form: birth, data: a }, { form: birth, data: b }).filter((f) => f.differs);
    expect(diff.map((f) => [f.name, f.label.en])).toEqual([['heure_naissance', 'Time of birth']]);
  });
});
