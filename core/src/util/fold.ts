// One mapping on both sides (migration 006: xm_system.fold_name), so that what a filter
// folds is what the database folds: « segou » finds Ségou, É sorts with E.
const FOLD_FROM = 'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝŸýÿƐɛƆɔƝɲŊŋ';
const FOLD_TO = 'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYYyyEeOoNnNn';
const FOLD = new Map([...FOLD_FROM].map((c, i) => [c, FOLD_TO[i]!]));

/** Text as the database's xm_system.fold_name folds it: accents off, lower case. */
export function foldName(text: string): string {
  return [...text].map((c) => FOLD.get(c) ?? c).join('').toLowerCase();
}

/** A LIKE pattern's own characters taken literally. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
