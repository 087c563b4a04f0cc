import type { ClientInput, Label, Lang } from '@docstream/core';
import { translator } from '@docstream/console-kit';
import type { Mode } from '@docstream/console-kit';
import type { Condition } from '../../keys/bindings.js';
import { CLIENT_WORDS, statusChoices, statusWords } from './client-words.js';
import { formReducer, newForm, onChoice, onLastField, value, withProblems, type Form, type FormAction } from './form.js';

export const NEW_STRINGS = {
  title: { fr: 'Nouveau centre', en: 'New centre' },
  intro: { fr: 'Tab ou Entrée : champ suivant ; statut : ←→ ou 0 à 3 ; Entrée dessus : enregistrer.', en: 'Tab or Enter: next field; status: ←→ or 0 to 3; Enter on it: save.' },
  name: { fr: 'Nom', en: 'Name' },
  matricule: { fr: 'Matricule', en: 'Matricule' },
  matriculeHint: { fr: '(facultatif : le suivant libre)', en: '(optional: the next free one)' },
  city: { fr: 'Ville', en: 'City' },
  region: { fr: 'Région', en: 'Region' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  status: { fr: 'Statut', en: 'Status' },
  nameRequired: { fr: 'Saisissez le nom du centre.', en: 'Type the centre’s name.' },
  ask: { fr: 'Enregistrer le centre « {name} » ({matricule}), statut {status} ? (o/n)', en: 'Register the centre “{name}” ({matricule}), status {status}? (y/n)' },
  nextFree: { fr: 'matricule suivant', en: 'next matricule' },
  registering: { fr: 'Enregistrement…', en: 'Registering…' },
  created: { fr: 'Centre {matricule} « {name} » enregistré, son compte ouvert.', en: 'Centre {matricule} “{name}” registered, its account opened.' },
  leave: { fr: 'Esc : retour à la liste (le code ne sera plus affiché).', en: 'Esc: back to the list (the code will not be shown again).' },
} as const satisfies Record<string, Label>;

export const ns = translator(NEW_STRINGS);

/** The centre just registered and its one-time code: held only while this screen lives. */
export interface Created {
  matricule: string;
  name: string;
  code: string;
  expiresAt: Date;
}

export interface NewClientState {
  form: Form;
  view: 'form' | 'confirm' | 'done';
  pending: { id: number; input: ClientInput } | null;
  lastId: number;
  error: Label | null;
  created: Created | null;
}

export type NewClientAction =
  | FormAction
  | { type: 'submit' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'done'; id: number; created: Created }
  | { type: 'failed'; id: number; error: Label; problems: Record<string, Label>; code?: string | undefined };

export function initialNewClient(): NewClientState {
  const S = NEW_STRINGS;
  const form = newForm([
    { id: 'name', label: S.name, value: '', max: 200 },
    { id: 'matricule', label: S.matricule, value: '', max: 5, hint: S.matriculeHint },
    { id: 'city', label: S.city, value: '', max: 100, hint: CLIENT_WORDS.optional },
    { id: 'region', label: S.region, value: '', max: 100, hint: CLIENT_WORDS.optional },
    { id: 'phone', label: S.phone, value: '', max: 40, hint: CLIENT_WORDS.optional },
    { id: 'status', label: S.status, value: '3', max: 1, choices: statusChoices },
  ]);
  return { form, view: 'form', pending: null, lastId: 0, error: null, created: null };
}

/** What the core is asked to register. */
export function clientInput(f: Form): ClientInput {
  const matricule = value(f, 'matricule').trim();
  return {
    name: value(f, 'name').trim(),
    ...(matricule !== '' ? { matricule } : {}),
    city: value(f, 'city').trim(),
    region: value(f, 'region').trim(),
    phone: value(f, 'phone').trim(),
    status: Number(value(f, 'status')),
  };
}

export function newClientReducer(s: NewClientState, a: NewClientAction): NewClientState {
  switch (a.type) {
    case 'text':
    case 'nextField':
    case 'prevField':
    case 'prevChoice':
    case 'nextChoice': {
      if (s.view !== 'form') return s;
      const form = formReducer(s.form, a);
      return form === s.form ? s : { ...s, form };
    }
    case 'submit': {
      if (s.view !== 'form') return s;
      if (!onLastField(s.form)) return { ...s, form: { ...s.form, focus: s.form.focus + 1 } };
      // Only the obvious here; the core checks every field and its words land beside them.
      if (value(s.form, 'name').trim() === '') return { ...s, form: withProblems(s.form, { name: NEW_STRINGS.nameRequired }), error: null };
      return { ...s, view: 'confirm', error: null };
    }
    case 'no':
      return s.view === 'confirm' && !s.pending ? { ...s, view: 'form' } : s;
    case 'yes': {
      if (s.view !== 'confirm' || s.pending) return s;
      const id = s.lastId + 1;
      return { ...s, lastId: id, pending: { id, input: clientInput(s.form) } };
    }
    case 'done':
      if (s.pending?.id !== a.id) return s;
      return { ...s, pending: null, view: 'done', created: a.created, error: null };
    case 'failed': {
      if (s.pending?.id !== a.id) return s;
      // A matricule already taken is the matricule field's problem.
      const problems = a.code === 'conflict' && Object.keys(a.problems).length === 0 ? { matricule: a.error } : a.problems;
      return { ...s, pending: null, view: 'form', form: withProblems(s.form, problems), error: a.error };
    }
  }
}

export function newClientMode(s: NewClientState): Mode {
  return s.view === 'form' ? 'typing' : s.view === 'confirm' ? 'confirm' : 'normal';
}

export function newClientConditions(s: NewClientState): Condition[] {
  return s.view === 'form' && onChoice(s.form) ? ['clientChoice'] : [];
}

export function askLine(lang: Lang, s: NewClientState): string {
  const input = clientInput(s.form);
  return ns(lang, 'ask', { name: input.name, matricule: input.matricule ?? ns(lang, 'nextFree'), status: statusWords(lang, input.status ?? 3) });
}

