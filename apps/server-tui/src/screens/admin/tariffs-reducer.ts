import type { Label, Lang } from '@docstream/core';
import { fill, type Mode, type TextKeyState } from '@docstream/console-kit';
import type { Condition } from '../../keys/bindings.js';
import { IDLE, moved, typed, wordsOf, type Prompt } from './prompt.js';

export type TariffService = 'document' | 'query' | 'copy';
export const TARIFF_SERVICES: readonly TariffService[] = ['document', 'query', 'copy'];
export type Prices = Record<TariffService, number>;

export const TARIFFS_STRINGS = {
  title: { fr: 'Tarifs', en: 'Tariffs' },
  intro: {
    fr: 'Prix unitaire de chaque service, débité du compte du centre avec le travail qu’il paie. Un document n’est jamais refusé faute de crédit.',
    en: 'Unit price of each service, debited from the centre’s account with the work it pays for. A document is never refused for lack of credit.',
  },
  colService: { fr: 'Service', en: 'Service' },
  colPrice: { fr: 'Prix', en: 'Price' },
  colUnit: { fr: 'Facturé', en: 'Billed' },
  document: { fr: 'Document centralisé', en: 'Central document' },
  query: { fr: 'Requête', en: 'Query' },
  copy: { fr: 'Copie certifiée', en: 'Certified copy' },
  unitDocument: { fr: 'par document reçu', en: 'per document received' },
  unitQuery: { fr: 'par document renvoyé', en: 'per document returned' },
  unitCopy: { fr: 'par copie délivrée', en: 'per copy issued' },
  prompt: { fr: 'Nouveau prix de « {service} » : ', en: 'New price of “{service}”: ' },
  notNumber: { fr: 'Tapez un nombre entier, zéro ou plus, sans espace.', en: 'Type a whole number, zero or more, without spaces.' },
  ask: { fr: 'Fixer le prix « {service} » à {price} (actuellement {was}) ? (o/n)', en: 'Set the price of “{service}” to {price} (now {was})? (y/n)' },
  done: { fr: 'Prix « {service} » : {price}. Il vaut pour les opérations qui suivent.', en: 'Price of “{service}”: {price}. It applies to the operations that follow.' },
  working: { fr: 'Patientez…', en: 'Please wait…' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
} as const satisfies Record<string, Label>;

export const tariffWords = wordsOf(TARIFFS_STRINGS);

const UNIT = { document: 'unitDocument', query: 'unitQuery', copy: 'unitCopy' } as const;
export const serviceName = (lang: Lang, s: TariffService) => tariffWords.text(lang, s);
export const serviceUnit = (lang: Lang, s: TariffService) => tariffWords.text(lang, UNIT[s]);

export interface TariffOp {
  service: TariffService;
  price: number;
  was: number;
}

export interface TariffsState {
  prices: Prices | null;
  selected: number;
  prompt: Prompt<TariffOp>;
  /** The read to run; its answer carries the id back. */
  request: number | null;
  lastId: number;
  error: Label | null;
  notice: Label | null;
}

export type TariffsAction =
  | { type: 'refresh' }
  | { type: 'loaded'; id: number; prices: Prices }
  | { type: 'failed'; id: number; error: Label }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'edit' }
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'submit' }
  | { type: 'cancel' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'done'; id: number }
  | { type: 'opFailed'; id: number; error: Label };

function load(s: TariffsState): TariffsState {
  return { ...s, lastId: s.lastId + 1, request: s.lastId + 1 };
}

export function initialTariffs(): TariffsState {
  return load({ prices: null, selected: 0, prompt: IDLE, request: null, lastId: 0, error: null, notice: null });
}

/** The notice after a change, each language naming the service in its own words. */
function doneLabel(op: TariffOp): Label {
  const say = (lang: Lang) => fill(TARIFFS_STRINGS.done[lang], { service: serviceName(lang, op.service), price: op.price });
  return { fr: say('fr'), en: say('en') };
}

export const chosenService = (s: TariffsState): TariffService => TARIFF_SERVICES[s.selected]!;

export function tariffsReducer(s: TariffsState, a: TariffsAction): TariffsState {
  const p = s.prompt;
  switch (a.type) {
    case 'refresh':
      return p.step === 'idle' ? load({ ...s, error: null, notice: null }) : s;
    case 'loaded':
      return a.id === s.request ? { ...s, prices: a.prices, request: null } : s;
    case 'failed':
      return a.id === s.request ? { ...s, request: null, error: a.error } : s;
    case 'up':
    case 'down':
      if (p.step !== 'idle' || !s.prices) return s;
      return { ...s, selected: moved(s.selected, TARIFF_SERVICES.length, a.type === 'up' ? -1 : 1) };
    case 'edit':
      if (p.step !== 'idle' || !s.prices) return s;
      return { ...s, prompt: { step: 'typing', text: String(s.prices[chosenService(s)]) }, error: null, notice: null };
    case 'text': {
      if (p.step !== 'typing') return s;
      const text = typed(p.text, a.input, a.key, 15);
      return text === p.text ? s : { ...s, prompt: { ...p, text }, error: null };
    }
    case 'submit': {
      if (p.step !== 'typing' || !s.prices) return s;
      const t = p.text.trim();
      if (!/^\d{1,15}$/.test(t) || !Number.isSafeInteger(Number(t))) return { ...s, error: TARIFFS_STRINGS.notNumber };
      const service = chosenService(s);
      return { ...s, prompt: { step: 'asking', text: p.text, op: { service, price: Number(t), was: s.prices[service] } }, error: null };
    }
    case 'cancel':
      return p.step === 'typing' ? { ...s, prompt: IDLE, error: null } : s;
    case 'no':
      return p.step === 'asking' ? { ...s, prompt: { step: 'typing', text: p.text } } : s;
    case 'yes':
      return p.step === 'asking' ? { ...s, lastId: s.lastId + 1, prompt: { step: 'running', id: s.lastId + 1, op: p.op, text: p.text } } : s;
    case 'done':
      if (p.step !== 'running' || p.id !== a.id) return s;
      return load({ ...s, prompt: IDLE, notice: doneLabel(p.op), error: null });
    case 'opFailed':
      // The core's words; the typed price stays to correct or Esc.
      return p.step === 'running' && p.id === a.id ? { ...s, prompt: { step: 'typing', text: p.text }, error: a.error } : s;
  }
}

export function tariffsMode(s: TariffsState): Mode {
  return s.prompt.step === 'typing' ? 'typing' : s.prompt.step === 'asking' ? 'confirm' : 'normal';
}

export function tariffsConditions(s: TariffsState): Condition[] {
  if (s.prompt.step === 'typing') return ['adminTyping'];
  if (s.prompt.step !== 'idle' || !s.prices) return [];
  return ['adminRows', 'tariffChosen'];
}
