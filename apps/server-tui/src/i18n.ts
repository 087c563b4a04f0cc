import type { Label } from '@docstream/core';
import { translator } from '@docstream/console-kit';

export { errorLabel, errorCode, fill } from '@docstream/console-kit';

/** UI strings of the server console shared by several screens, French/English (French by default). */
export const STRINGS = {
  appTitle: { fr: 'Docstream · Serveur central', en: 'Docstream · Central server' },
  readOnly: { fr: 'LECTURE SEULE', en: 'READ-ONLY' },
  databaseLine: { fr: 'Base de données : {description}', en: 'Database: {description}' },
  embedded: { fr: 'embarquée', en: 'embedded' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
} as const satisfies Record<string, Label>;

export type StringKey = keyof typeof STRINGS;

export const t = translator(STRINGS);
