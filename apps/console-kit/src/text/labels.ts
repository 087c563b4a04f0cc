import type { Label, Lang } from '@docstream/core';

export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The reader of one table of labels: a string in the chosen language, `{name}` filled in. */
export function translator<T extends Record<string, Label>>(table: T) {
  return (lang: Lang, key: keyof T, vars: Record<string, string | number> = {}): string => fill((table[key] as Label)[lang], vars);
}

/** The strings the kit's own components show, French first. */
export const KIT_STRINGS = {
  errorPrefix: { fr: 'Erreur : ', en: 'Error: ' },
  unexpected: { fr: 'Erreur inattendue : {message}', en: 'Unexpected error: {message}' },
  linesPosition: { fr: 'Lignes {from}–{to} sur {total}', en: 'Lines {from}–{to} of {total}' },
  helpTitle: { fr: 'Aide — {screen}', en: 'Help — {screen}' },
  helpKeysOfScreen: { fr: 'Touches de cet écran :', en: 'Keys on this screen:' },
  helpTyping: { fr: '(pendant la saisie)', en: '(while typing)' },
  helpAsking: { fr: '(à la question o/n)', en: '(at a y/n question)' },
  helpReadOnly: { fr: '(DÉSACTIVÉ : console en lecture seule)', en: '(OFF: read-only console)' },
  helpTypingNote: {
    fr: 'En saisie, les lettres sont du texte ; Ctrl+C quitte toujours.',
    en: 'While typing, letters are text; Ctrl+C always quits.',
  },
} as const satisfies Record<string, Label>;

export const kitText = translator(KIT_STRINGS);

/**
 * What a user is shown for a failure: a DocstreamError carries its own French and English
 * sentence; anything else is reported as unexpected, with its message.
 */
export function errorLabel(e: unknown): Label {
  if (typeof e === 'object' && e !== null && typeof (e as Label).fr === 'string' && typeof (e as Label).en === 'string') {
    return { fr: (e as Label).fr, en: (e as Label).en };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { fr: fill(KIT_STRINGS.unexpected.fr, { message }), en: fill(KIT_STRINGS.unexpected.en, { message }) };
}

/** The stable code of a DocstreamError, if the failure is one. */
export function errorCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string') return (e as { code: string }).code;
  return undefined;
}
