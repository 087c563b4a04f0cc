import { CLIENT_STATUS_LABELS, type Label, type Lang } from '@docstream/core';
import { fill, translator } from '@docstream/console-kit';

/** Server operators' privileges the Clients screens check before offering a key (the core checks again). */
export const OPERATOR = 2;
export const SUPERVISOR = 3;

/** Words the Clients screens share, French first. */
export const CLIENT_WORDS = {
  never: { fr: 'jamais', en: 'never' },
  working: { fr: 'Patientez…', en: 'Please wait…' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
  optional: { fr: '(facultatif)', en: '(optional)' },
} as const satisfies Record<string, Label>;

export const cw = translator(CLIENT_WORDS);

/** Both languages of a template filled with the same values. */
export function both(label: Label, vars: Record<string, string | number> = {}): Label {
  return { fr: fill(label.fr, vars), en: fill(label.en, vars) };
}

/** Short status words for the list's column (the detail says them in full). */
const STATUS_SHORT: Record<number, Label> = {
  0: { fr: 'suspendu', en: 'suspended' },
  1: { fr: 'limité', en: 'limited' },
  2: { fr: 'sans requête', en: 'no queries' },
  3: { fr: 'complet', en: 'full' },
};

export const STATUSES = [0, 1, 2, 3] as const;

/** "3 tous services": the number the original used, and its meaning in words. */
export function statusWords(lang: Lang, status: number): string {
  return `${status} ${CLIENT_STATUS_LABELS[status]?.[lang] ?? '?'}`;
}

/** The list's word for a status (12 characters at most; the detail gives the number and the meaning). */
export function statusShort(lang: Lang, status: number): string {
  return STATUS_SHORT[status]?.[lang] ?? String(status);
}

export const statusChoices: readonly Label[] = STATUSES.map((n) => ({ fr: statusWords('fr', n), en: statusWords('en', n) }));

const pad = (n: number) => String(n).padStart(2, '0');

/** A day in the console's time zone: 20/03/2026, or 2026-03-20. */
export function day(lang: Lang, d: Date): string {
  return lang === 'en' ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** A day and time in the console's time zone: 20/03/2026 09:05, or 2026-03-20 09:05. */
export function dayTime(lang: Lang, d: Date): string {
  return `${day(lang, d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An amount in the smallest currency unit, digits grouped by three: 1 250 000 (fr), 1,250,000 (en). */
export function amount(lang: Lang, n: number, signed = false): string {
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? ' ' : ',');
  return (n < 0 ? '−' : signed && n > 0 ? '+' : '') + digits;
}

/** A byte count in words a person reads: 950 o, 12,4 ko, 3,1 Mo. */
export function bytes(lang: Lang, n: number): string {
  const units = lang === 'fr' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  const text = u === 0 ? String(v) : v.toFixed(1);
  return `${lang === 'fr' ? text.replace('.', ',') : text} ${units[u]}`;
}

/** The field problems a core refusal names (DocstreamError.problems), by field. */
export function problemsOf(e: unknown): Record<string, Label> {
  const list = typeof e === 'object' && e !== null ? (e as { problems?: unknown }).problems : undefined;
  if (!Array.isArray(list)) return {};
  const out: Record<string, Label> = {};
  for (const p of list as { field?: unknown; fr?: unknown; en?: unknown }[]) {
    if (typeof p.field === 'string' && typeof p.fr === 'string' && typeof p.en === 'string' && !(p.field in out)) out[p.field] = { fr: p.fr, en: p.en };
  }
  return out;
}
