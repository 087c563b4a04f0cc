import type { Label, Lang, Server } from '@docstream/core';
import { fill, translator, type Mode } from '@docstream/console-kit';
import type { Condition } from '../../keys/bindings.js';
import { both, OPERATOR, statusWords, SUPERVISOR } from './client-words.js';
import { formReducer, newForm, onLastField, value, withProblems, type Form, type FormAction } from './form.js';

/** Everything the detail shows about a centre, as the core gives it. */
export type ClientDetails = Awaited<ReturnType<Server['clients']['details']>>;

export const CLIENT_STRINGS = {
  title: { fr: 'Centre {matricule} — {name}', en: 'Centre {matricule} — {name}' },
  titleLoading: { fr: 'Centre {matricule}', en: 'Centre {matricule}' },
  editTitle: { fr: 'Modifier le centre {matricule}', en: 'Edit centre {matricule}' },
  editIntro: { fr: 'Tab ou Entrée : champ suivant ; Entrée sur le dernier : enregistrer.', en: 'Tab or Enter: next field; Enter on the last one: save.' },
  name: { fr: 'Nom', en: 'Name' },
  city: { fr: 'Ville', en: 'City' },
  region: { fr: 'Région', en: 'Region' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  nameRequired: { fr: 'Saisissez le nom du centre.', en: 'Type the centre’s name.' },
  statusTitle: { fr: 'Statut du centre {matricule}', en: 'Status of centre {matricule}' },
  statusNow: { fr: 'Statut actuel : {status}', en: 'Current status: {status}' },
  statusNew: { fr: 'Nouveau statut : ', en: 'New status: ' },
  statusSame: { fr: 'C’est déjà son statut : choisissez-en un autre (←→ ou 0 à 3), ou Esc.', en: 'That is already its status: choose another (←→ or 0 to 3), or Esc.' },
  statusMeaning0: { fr: '0 suspendu : ses conteneurs sont gardés en quarantaine, ni perdus ni intégrés', en: '0 suspended: containers kept in quarantine, neither lost nor integrated' },
  statusMeaning1: { fr: '1 services limités', en: '1 limited services' },
  statusMeaning2: { fr: '2 tout sauf les requêtes à la base centrale', en: '2 everything but queries to the central database' },
  statusMeaning3: { fr: '3 tous services', en: '3 all services' },
  statusRelease: { fr: 'Quitter 0 intègre ce qui attend en quarantaine : {n} conteneur(s).', en: 'Leaving 0 integrates what waits in quarantine: {n} container(s).' },
  askEdit: { fr: 'Enregistrer les changements du centre {matricule} et lui envoyer son profil ? (o/n)', en: 'Save the changes to centre {matricule} and send it its profile? (y/n)' },
  askStatus: { fr: 'Passer le centre {matricule} de « {from} » à « {to} » ? (o/n)', en: 'Change centre {matricule} from “{from}” to “{to}”? (y/n)' },
  askStatusRelease: { fr: 'Passer le centre {matricule} à « {to} » et intégrer ses {n} conteneur(s) en quarantaine ? (o/n)', en: 'Change centre {matricule} to “{to}” and integrate its {n} container(s) in quarantine? (y/n)' },
  askCode: { fr: 'Donner un nouveau code d’inscription au centre {matricule} ? Le code précédent ne vaudra plus. (o/n)', en: 'Give centre {matricule} a new enrolment code? The previous code will stop working. (y/n)' },
  askProfile: { fr: 'Envoyer de nouveau son profil au centre {matricule} ? (o/n)', en: 'Send centre {matricule} its profile again? (y/n)' },
  edited: { fr: 'Centre {matricule} modifié ; son profil lui sera envoyé.', en: 'Centre {matricule} edited; its profile will be sent to it.' },
  statusDone: { fr: 'Statut du centre {matricule} : {status}.', en: 'Status of centre {matricule}: {status}.' },
  released: { fr: 'Statut : {status}. Quarantaine levée : {containers} conteneur(s), {documents} document(s) intégré(s).', en: 'Status: {status}. Quarantine released: {containers} container(s), {documents} document(s) integrated.' },
  codeDone: { fr: 'Nouveau code donné ; le précédent ne vaut plus.', en: 'New code issued; the previous one no longer works.' },
  profileDone: { fr: 'Profil du centre {matricule} envoyé (à l’échange suivant).', en: 'Profile of centre {matricule} sent (at the next exchange).' },
} as const satisfies Record<string, Label>;

export type ClientString = keyof typeof CLIENT_STRINGS;

export const cl = translator(CLIENT_STRINGS);

/** What runs after the o/n question. */
export type ClientOp =
  | { kind: 'edit'; changes: { name: string; city: string; region: string; phone: string } }
  | { kind: 'status'; from: number; to: number }
  | { kind: 'code' }
  | { kind: 'profile' };

export type ClientResult =
  | { kind: 'edit' }
  | { kind: 'status'; status: number; released: { containers: number; documents: number } }
  | { kind: 'code'; code: string; expiresAt: Date }
  | { kind: 'profile' };

export interface ClientState {
  matricule: string;
  details: ClientDetails | null;
  request: { id: number } | null;
  lastId: number;
  view: 'show' | 'edit' | 'status' | 'confirm';
  form: Form | null;
  /** The status being chosen (view 'status'). */
  status: number;
  asking: ClientOp | null;
  pending: { id: number; op: ClientOp } | null;
  /** A new enrolment code: shown until the next action or leaving the screen, never again. */
  code: { code: string; expiresAt: Date } | null;
  error: Label | null;
  notice: Label | null;
}

export type ClientAction =
  | FormAction
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; details: ClientDetails }
  | { type: 'failed'; id: number; error: Label }
  | { type: 'edit' }
  | { type: 'chooseStatus' }
  | { type: 'newCode' }
  | { type: 'sendProfile' }
  | { type: 'submit' }
  | { type: 'cancel' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'done'; id: number; result: ClientResult }
  | { type: 'opFailed'; id: number; error: Label; problems: Record<string, Label> };

function load(s: ClientState): ClientState {
  const id = s.lastId + 1;
  return { ...s, lastId: id, request: { id } };
}

export function initialClient(matricule: string): ClientState {
  return load({
    matricule, details: null, request: null, lastId: 0, view: 'show', form: null, status: 3, asking: null, pending: null, code: null, error: null, notice: null,
  });
}

const ready = (s: ClientState): boolean => s.view === 'show' && s.details !== null && s.pending === null;

/** Starting an action forgets the last outcome, and a code shown: it is never shown again. */
const fresh = { error: null, notice: null, code: null } as const;

function editForm(d: ClientDetails): Form {
  const S = CLIENT_STRINGS;
  return newForm([
    { id: 'name', label: S.name, value: d.client.name, max: 200 },
    { id: 'city', label: S.city, value: d.client.city, max: 100 },
    { id: 'region', label: S.region, value: d.client.region, max: 100 },
    { id: 'phone', label: S.phone, value: d.client.phone, max: 40 },
  ]);
}

export function clientReducer(s: ClientState, a: ClientAction): ClientState {
  switch (a.type) {
    case 'text':
      if (s.view === 'status') {
        const n = /^[0-3]$/.test(a.input) ? Number(a.input) : s.status;
        return n === s.status ? s : { ...s, status: n, error: null };
      }
      if (s.view !== 'edit' || !s.form) return s;
      return { ...s, form: formReducer(s.form, a) };
    case 'nextField':
    case 'prevField':
      return s.view === 'edit' && s.form ? { ...s, form: formReducer(s.form, a) } : s;
    case 'prevChoice':
    case 'nextChoice':
      if (s.view !== 'status') return s;
      return { ...s, status: (s.status + (a.type === 'nextChoice' ? 1 : 3)) % 4, error: null };
    case 'refresh':
      if (s.view !== 'show' || s.pending) return s;
      return load({ ...s, ...fresh });
    case 'loaded':
      if (s.request?.id !== a.id) return s;
      return { ...s, request: null, details: a.details };
    case 'failed':
      if (s.request?.id !== a.id) return s;
      return { ...s, request: null, error: a.error };
    case 'edit':
      if (!ready(s)) return s;
      return { ...s, ...fresh, view: 'edit', form: editForm(s.details!) };
    case 'chooseStatus':
      if (!ready(s)) return s;
      return { ...s, ...fresh, view: 'status', status: s.details!.client.status };
    case 'newCode':
    case 'sendProfile':
      if (!ready(s)) return s;
      return { ...s, ...fresh, view: 'confirm', asking: { kind: a.type === 'newCode' ? 'code' : 'profile' } };
    case 'submit': {
      if (s.view === 'status') {
        const from = s.details!.client.status;
        if (s.status === from) return { ...s, error: CLIENT_STRINGS.statusSame };
        return { ...s, view: 'confirm', asking: { kind: 'status', from, to: s.status }, error: null };
      }
      const f = s.form;
      if (s.view !== 'edit' || !f) return s;
      if (!onLastField(f)) return { ...s, form: { ...f, focus: f.focus + 1 } };
      if (value(f, 'name').trim() === '') return { ...s, form: withProblems(f, { name: CLIENT_STRINGS.nameRequired }) };
      const changes = { name: value(f, 'name').trim(), city: value(f, 'city').trim(), region: value(f, 'region').trim(), phone: value(f, 'phone').trim() };
      return { ...s, view: 'confirm', asking: { kind: 'edit', changes }, error: null };
    }
    case 'cancel':
      return s.view === 'edit' || s.view === 'status' ? { ...s, view: 'show', form: null, error: null } : s;
    case 'no': {
      if (s.view !== 'confirm' || s.pending) return s;
      // Back where the question came from: the form, the status chosen, or the detail.
      const back = s.asking?.kind === 'edit' ? 'edit' : s.asking?.kind === 'status' ? 'status' : 'show';
      return { ...s, view: back, asking: null };
    }
    case 'yes': {
      if (s.view !== 'confirm' || !s.asking || s.pending) return s;
      const id = s.lastId + 1;
      return { ...s, lastId: id, pending: { id, op: s.asking } };
    }
    case 'done': {
      if (s.pending?.id !== a.id) return s;
      const m = { matricule: s.matricule };
      const r = a.result;
      const after = { ...s, view: 'show' as const, form: null, asking: null, pending: null, error: null };
      switch (r.kind) {
        case 'edit':
          return load({ ...after, notice: both(CLIENT_STRINGS.edited, m) });
        case 'status': {
          const words = { fr: statusWords('fr', r.status), en: statusWords('en', r.status) };
          const notice: Label = r.released.containers > 0
            ? { fr: fill(CLIENT_STRINGS.released.fr, { status: words.fr, ...r.released }), en: fill(CLIENT_STRINGS.released.en, { status: words.en, ...r.released }) }
            : { fr: fill(CLIENT_STRINGS.statusDone.fr, { ...m, status: words.fr }), en: fill(CLIENT_STRINGS.statusDone.en, { ...m, status: words.en }) };
          return load({ ...after, notice });
        }
        case 'code':
          return load({ ...after, notice: CLIENT_STRINGS.codeDone, code: { code: r.code, expiresAt: r.expiresAt } });
        case 'profile':
          return { ...after, notice: both(CLIENT_STRINGS.profileDone, m) };
      }
    }
    case 'opFailed': {
      if (s.pending?.id !== a.id) return s;
      const op = s.pending.op;
      // An edit the core refuses goes back to its fields with the core's words beside them.
      if (op.kind === 'edit' && s.form && Object.keys(a.problems).length > 0) {
        return { ...s, pending: null, asking: null, view: 'edit', form: withProblems(s.form, a.problems), error: a.error };
      }
      return { ...s, pending: null, asking: null, view: 'show', form: null, error: a.error };
    }
  }
}

export function clientMode(s: ClientState): Mode {
  return s.view === 'edit' || s.view === 'status' ? 'typing' : s.view === 'confirm' ? 'confirm' : 'normal';
}

/** The keys that apply now: the actions on the centre the operator's privilege allows (the core checks again). */
export function clientConditions(s: ClientState, privilege: number): Condition[] {
  if (s.view === 'edit') return ['clientForm'];
  if (s.view === 'status') return ['clientChoice'];
  if (!ready(s)) return [];
  const on: Condition[] = [];
  if (privilege >= OPERATOR) on.push('clientEdit');
  if (privilege >= SUPERVISOR) on.push('clientStatus');
  if (privilege >= OPERATOR) on.push('clientCode', 'clientProfile');
  on.push('clientLoaded');
  return on;
}

/** The o/n question for an operation. */
export function askLine(lang: Lang, s: ClientState): string {
  const op = s.asking;
  const matricule = s.matricule;
  if (!op) return '';
  switch (op.kind) {
    case 'edit':
      return cl(lang, 'askEdit', { matricule });
    case 'status': {
      const n = s.details?.quarantined ?? 0;
      if (op.from === 0 && n > 0) return cl(lang, 'askStatusRelease', { matricule, to: statusWords(lang, op.to), n });
      return cl(lang, 'askStatus', { matricule, from: statusWords(lang, op.from), to: statusWords(lang, op.to) });
    }
    case 'code':
      return cl(lang, 'askCode', { matricule });
    case 'profile':
      return cl(lang, 'askProfile', { matricule });
  }
}
