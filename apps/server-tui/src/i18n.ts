import type { Label, Lang } from '@docstream/core';

/** UI strings of the server console, French/English pairs (French by default). */
export const STRINGS = {
  appTitle: { fr: 'Docstream · Serveur central', en: 'Docstream · Central server' },
  statusTitle: { fr: 'État du serveur', en: 'Server status' },
  databaseLine: { fr: 'Base de données : {description}', en: 'Database: {description}' },
  embedded: { fr: 'embarquée', en: 'embedded' },
  documentsLine: { fr: 'Documents centralisés : {n}', en: 'Centralised documents: {n}' },
  updatedLine: { fr: 'Mis à jour : {at} (relu toutes les {n} s)', en: 'Updated: {at} (read every {n} s)' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
  errorPrefix: { fr: 'Erreur : ', en: 'Error: ' },
  unexpected: { fr: 'Erreur inattendue : {message}', en: 'Unexpected error: {message}' },
  helpTitle: { fr: 'Aide — État du serveur', en: 'Help — Server status' },
  helpKeys: { fr: 'Touches de cet écran :', en: 'Keys on this screen:' },
} as const satisfies Record<string, Label>;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A DocstreamError's own sentences; anything else, worded as unexpected. */
export function errorLabel(e: unknown): Label {
  if (typeof e === 'object' && e !== null && typeof (e as Label).fr === 'string' && typeof (e as Label).en === 'string') {
    return { fr: (e as Label).fr, en: (e as Label).en };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { fr: t('fr', 'unexpected', { message }), en: t('en', 'unexpected', { message }) };
}
