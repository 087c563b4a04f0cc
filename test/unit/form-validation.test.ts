import { describe, expect, it } from 'vitest';
import { searchableNames, shippedForms, validateDocument, type FormDef } from '@docstream/core';

const TODAY = '2026-03-15';
const FORMS = new Map(shippedForms().map((f) => [f.id, f]));
const form = (id: string): FormDef => FORMS.get(id) ?? expect.fail(`form ${id} not shipped`);

/** One realistic, complete document per shipped kind. */
const EXAMPLES: Record<string, Record<string, unknown>> = {
  acte_naissance: {
    enfant: { nom: 'KONÉ', prenoms: 'Aminata Fatou' },
    sexe: 'F',
    date_naissance: '2026-03-01',
    heure_naissance: '06:45',
    lieu_naissance: 'Bamako',
    pere: { nom: 'KONÉ', prenoms: 'Ibrahim' },
    pere_profession: 'Enseignant',
    mere: { nom: 'TRAORÉ', prenoms: 'Mariam' },
    date_declaration: '2026-03-10',
  },
  acte_mariage: {
    epoux: { nom: 'DIALLO', prenoms: 'Moussa' },
    epoux_date_naissance: '1995-07-02',
    epouse: { nom: "N'DIAYE", prenoms: 'Fatoumata' },
    epouse_date_naissance: '1998-11-20',
    date_mariage: '2026-02-14',
    lieu_mariage: 'Mairie de Ségou',
    regime: 'communaute',
    temoin1: { nom: 'COULIBALY', prenoms: 'Seydou' },
  },
  acte_deces: {
    defunt: { nom: 'SANGARÉ', prenoms: 'Oumar' },
    sexe: 'M',
    date_naissance: '1941-05-09',
    date_deces: '2026-03-12',
    lieu_deces: 'Hôpital Gabriel Touré',
    declarant: { nom: 'SANGARÉ', prenoms: 'Adama' },
    date_declaration: '2026-03-13',
  },
  diplome: {
    titulaire: { nom: 'TOURÉ', prenoms: 'Aïssata' },
    date_naissance: '2004-09-30',
    niveau: 'licence',
    intitule: 'Licence en droit privé',
    mention: 'assez_bien',
    etablissement: 'Université de Bamako',
    date_obtention: '2025-07-15',
  },
  pv_election: {
    election: 'PRES-2026',
    bureau: 'BV-0421',
    date_scrutin: '2026-03-08',
    inscrits: 500,
    votants: 320,
    bulletins_nuls: 20,
    suffrages_exprimes: 300,
    resultats: [
      { candidat: 'Candidat A', voix: 180 },
      { candidat: 'Candidat B', voix: 120 },
    ],
  },
};

const check = (id: string, input: Record<string, unknown>, complete = true) => validateDocument(form(id), input, { complete, today: TODAY });
const example = (id: string, changes: Record<string, unknown> = {}) => ({ ...EXAMPLES[id], ...changes });

function expectOneProblem(id: string, input: Record<string, unknown>, field: string, en: RegExp) {
  const { problems } = check(id, input);
  expect(problems, JSON.stringify(problems)).toHaveLength(1);
  const [p] = problems;
  expect(p!.field).toBe(field);
  expect(p!.en).toMatch(en);
  expect(p!.fr).not.toBe('');
  expect(p!.fr).not.toBe(p!.en);
  return p!;
}

describe('shipped forms', () => {
  it('ship the five kinds of the design', () => {
    expect([...FORMS.keys()].sort()).toEqual(['acte_deces', 'acte_mariage', 'acte_naissance', 'diplome', 'pv_election']);
  });

  it.each(Object.keys(EXAMPLES))('%s accepts a realistic complete example', (id) => {
    const { problems, data } = check(id, example(id));
    expect(problems).toEqual([]);
    expect(Object.keys(data).sort()).toEqual(Object.keys(EXAMPLES[id]!).sort());
  });

  it.each(Object.keys(EXAMPLES))('%s refuses each missing required field only when complete', (id) => {
    const required = form(id).fields.filter((f) => f.required);
    expect(required.length).toBeGreaterThan(0);
    for (const f of required) {
      const input = example(id);
      delete input[f.name];
      expect(check(id, input, false).problems, `draft without ${f.name}`).toEqual([]);
      const { problems } = check(id, input, true);
      expect(problems.map((p) => p.field), `complete without ${f.name}`).toEqual([f.name]);
      expect(problems[0]!.en).toContain('required');
      expect(problems[0]!.fr).toContain('obligatoire');
    }
  });

  it('treats blank text and an empty name as missing', () => {
    const input = example('acte_naissance', { lieu_naissance: '   ', enfant: { nom: '', prenoms: '' } });
    expect(check('acte_naissance', input).problems.map((p) => p.field).sort()).toEqual(['enfant', 'lieu_naissance']);
    expect(check('acte_naissance', input, false).problems).toEqual([]);
  });
});

describe('malformed values', () => {
  it.each<[string, string, unknown, RegExp]>([
    ['acte_naissance', 'date_naissance', '2026-02-30', /invalid date/],
    ['acte_naissance', 'date_naissance', '2026-13-01', /invalid date/],
    ['acte_naissance', 'date_naissance', '01/03/2026', /invalid date/],
    ['acte_naissance', 'date_naissance', '2026-03-16', /future.*2026-03-15/],
    ['acte_naissance', 'heure_naissance', '24:10', /HH:MM/], // the form's patternHint
    ['acte_naissance', 'sexe', 'X', /unknown value.*X.*M, F/],
    ['acte_naissance', 'enfant', { nom: 'K0NÉ', prenoms: 'Aminata' }, /letters/],
    ['acte_naissance', 'mere', { nom: 'TRAORÉ', prenoms: 'Mariam 2' }, /letters/],
    ['acte_naissance', 'lieu_naissance', 'B'.repeat(121), /at most 120 characters/],
    ['acte_mariage', 'regime', 'polygamie', /unknown value/],
    ['pv_election', 'inscrits', '12.5', /whole number/],
    ['pv_election', 'inscrits', 'cinq cents', /whole number/],
    ['pv_election', 'inscrits', 500.5, /whole number/],
    ['pv_election', 'bulletins_nuls', -1, /at least 0/],
    ['pv_election', 'resultats', [{ candidat: 'A', voix: -3 }], /line 1/],
    ['pv_election', 'resultats', [{ candidat: 'A', voix: 150 }, { candidat: 'A', voix: 150 }], /twice/],
  ])('%s.%s = %j is refused, naming the field', (id, field, value, en) => {
    const p = expectOneProblem(id, example(id, { [field]: value }), field, en);
    expect(p.fr).toContain(field);
    expect(p.en).toContain(field);
  });

  it('refuses the same malformed value in a draft too', () => {
    const { problems } = check('acte_naissance', { date_naissance: '2026-02-30' }, false);
    expect(problems.map((p) => p.field)).toEqual(['date_naissance']);
  });

  it('accepts today on a notFuture date and the last day of a leap February', () => {
    expect(check('acte_naissance', example('acte_naissance', { date_naissance: TODAY, date_declaration: TODAY })).problems).toEqual([]);
    expect(check('acte_naissance', example('acte_naissance', { date_naissance: '2024-02-29' })).problems).toEqual([]);
    expectOneProblem('acte_naissance', example('acte_naissance', { date_naissance: '2025-02-29' }), 'date_naissance', /invalid date/);
  });

  it('refuses an unknown field, naming it', () => {
    const p = expectOneProblem('acte_naissance', example('acte_naissance', { couleur_yeux: 'marron' }), 'couleur_yeux', /unknown field.*acte_naissance/);
    expect(p.fr).toMatch(/couleur_yeux.*inconnu/);
  });
});

describe('cross-field rules', () => {
  const pv = (changes: Record<string, unknown>) => example('pv_election', changes);

  it('pv_election: the votes must add up to the valid ballots', () => {
    const tally = [{ candidat: 'Candidat A', voix: 180 }, { candidat: 'Candidat B', voix: 119 }];
    const p = expectOneProblem('pv_election', pv({ resultats: tally }), 'suffrages_exprimes', /sum of votes.*299.*300/);
    expect(p.fr).toContain('somme des voix');
  });

  it('pv_election: valid + null ballots must equal the voters', () => {
    expectOneProblem('pv_election', pv({ bulletins_nuls: 25 }), 'votants', /Valid \+ null.*325.*320/);
  });

  it('pv_election: voters cannot exceed registered voters, but may equal them', () => {
    expectOneProblem('pv_election', pv({ inscrits: 319 }), 'votants', /cannot exceed.*320.*319/);
    expect(check('pv_election', pv({ inscrits: 320 })).problems).toEqual([]);
  });

  it('pv_election: a draft with some counts missing is not checked against the rules', () => {
    expect(check('pv_election', { inscrits: 10, votants: 5 }, false).problems).toEqual([]);
    expect(check('pv_election', { inscrits: 10, votants: 11 }, false).problems.map((p) => p.field)).toEqual(['votants']);
  });

  it('acte_mariage: each spouse must be 18 on the wedding day', () => {
    const wedding = { date_mariage: '2026-03-14' };
    expect(check('acte_mariage', example('acte_mariage', { ...wedding, epoux_date_naissance: '2008-03-14' })).problems).toEqual([]);
    expectOneProblem('acte_mariage', example('acte_mariage', { ...wedding, epoux_date_naissance: '2008-03-15' }), 'epoux_date_naissance', /husband.*18.*17 < 18/);
    expectOneProblem('acte_mariage', example('acte_mariage', { ...wedding, epouse_date_naissance: '2010-01-01' }), 'epouse_date_naissance', /wife.*16 < 18/);
  });

  it('acte_deces: birth ≤ death ≤ declaration (same day allowed)', () => {
    expect(check('acte_deces', example('acte_deces', { date_naissance: '2026-03-12', date_declaration: '2026-03-12' })).problems).toEqual([]);
    expectOneProblem('acte_deces', example('acte_deces', { date_naissance: '2026-03-13' }), 'date_deces', /death cannot precede the birth/);
    expectOneProblem('acte_deces', example('acte_deces', { date_declaration: '2026-03-11' }), 'date_declaration', /declaration cannot precede the death/);
  });

  it('acte_naissance and diplome: date order rules', () => {
    expectOneProblem('acte_naissance', example('acte_naissance', { date_declaration: '2026-02-28' }), 'date_declaration', /declaration cannot precede/);
    expectOneProblem('diplome', example('diplome', { date_naissance: '2025-08-01' }), 'date_obtention', /diploma cannot precede/);
  });
});

describe('normalised data', () => {
  it('stores integers given as strings as numbers, and trims text', () => {
    const input = example('pv_election', {
      inscrits: '500',
      votants: ' 320 ',
      bulletins_nuls: '20',
      suffrages_exprimes: '300',
      resultats: [{ candidat: ' Candidat A ', voix: '180' }, { candidat: 'Candidat B', voix: '120' }],
      bureau: '  BV-0421 ',
    });
    const { problems, data } = check('pv_election', input);
    expect(problems).toEqual([]);
    expect(data).toMatchObject({ inscrits: 500, votants: 320, bulletins_nuls: 20, suffrages_exprimes: 300, bureau: 'BV-0421' });
    expect(data.resultats).toEqual([{ candidat: 'Candidat A', voix: 180 }, { candidat: 'Candidat B', voix: 120 }]);
  });

  it('searchableNames lists every person name without accents or case, in field order', () => {
    const { data } = check('acte_naissance', example('acte_naissance', { pere: undefined, enfant: { nom: ' KONÉ ', prenoms: 'AÏSSATA  Fatou' } }));
    expect(searchableNames(form('acte_naissance'), data)).toBe('kone aissata fatou | traore mariam');
  });

  it('searchableNames gives the same text for composed and decomposed accents', () => {
    const nfc = check('diplome', example('diplome', { titulaire: { nom: 'Touré', prenoms: 'Aïssata' } })).data;
    const nfd = check('diplome', example('diplome', { titulaire: { nom: 'Touré'.normalize('NFD'), prenoms: 'Aïssata'.normalize('NFD') } })).data;
    expect(searchableNames(form('diplome'), nfd)).toBe(searchableNames(form('diplome'), nfc));
    expect(searchableNames(form('diplome'), nfc)).toBe('toure aissata');
  });
});
