import type { Label } from '@docstream/core';
import { fill, translator } from '../i18n.js';

/** The strings of the new-document (form) screen, kept beside it; French first. */
export const FORM_STRINGS = {
  newTitle: { fr: 'Nouveau document', en: 'New document' },
  pickIntro: { fr: 'Choisissez le type de document à établir :', en: 'Choose the kind of document to draft:' },
  pickNone: { fr: 'Aucun type de document installé.', en: 'No document kind installed.' },
  draftTitle: { fr: 'Brouillon n° {numero} — {title}', en: 'Draft no. {numero} — {title}' },
  newKindTitle: { fr: 'Nouveau document — {title}', en: 'New document — {title}' },
  requiredLegend: { fr: '* obligatoire (un brouillon peut rester incomplet)', en: '* required (a draft may stay incomplete)' },
  position: { fr: 'lignes {from}–{to} sur {total}', en: 'lines {from}–{to} of {total}' },
  partNom: { fr: '{label}, nom', en: '{label}, family name' },
  partPrenoms: { fr: '{label}, prénoms', en: '{label}, given names' },
  hintNom: { fr: 'Nom de famille (lettres, espaces, apostrophes, tirets)', en: 'Family name (letters, spaces, apostrophes, hyphens)' },
  hintPrenoms: { fr: 'Prénoms, séparés par des espaces', en: 'Given names, separated by spaces' },
  hintDate: { fr: 'Date au format AAAA-MM-JJ, ex. 2026-03-01', en: 'Date as YYYY-MM-DD, e.g. 2026-03-01' },
  hintInteger: { fr: 'Nombre entier', en: 'Whole number' },
  hintIntegerRange: { fr: 'Nombre entier de {min} à {max}', en: 'Whole number from {min} to {max}' },
  hintEnum: { fr: '←→ pour choisir (ou tapez la valeur) : {options}', en: '←→ to choose (or type the value): {options}' },
  hintTally: {
    fr: 'candidat=voix, séparés par des virgules ; ex. KONE=120, DIARRA=80',
    en: 'candidate=votes, separated by commas; e.g. KONE=120, DIARRA=80',
  },
  hintMaxLength: { fr: '{n} caractères au plus', en: '{n} characters at most' },
  saving: { fr: 'Enregistrement…', en: 'Saving…' },
  saved: { fr: 'Brouillon n° {numero} enregistré', en: 'Draft no. {numero} saved' },
  savedIncomplete: {
    fr: 'Brouillon n° {numero} enregistré (incomplet : {n} champ(s) obligatoire(s) vide(s))',
    en: 'Draft no. {numero} saved (incomplete: {n} required field(s) empty)',
  },
  problems: {
    fr: '{n} champ(s) à corriger, marqués « ! » ; rien n’est enregistré.',
    en: '{n} field(s) to correct, marked “!”; nothing is saved.',
  },
  askDiscard: { fr: 'Abandonner les modifications ? (o/n)', en: 'Discard the changes? (y/n)' },
  notDraft: {
    fr: 'Le document n° {numero} n’est plus un brouillon : il ne se modifie pas.',
    en: 'Document no. {numero} is no longer a draft: it cannot be edited.',
  },
} satisfies Record<string, Label>;

export type FormStringKey = keyof typeof FORM_STRINGS;

export const ft = translator(FORM_STRINGS);

/** Both sides of a form string, filled (for a state that keeps a Label). */
export function fl(key: FormStringKey, vars: Record<string, string | number> = {}): Label {
  return { fr: fill(FORM_STRINGS[key].fr, vars), en: fill(FORM_STRINGS[key].en, vars) };
}
