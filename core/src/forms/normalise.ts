/**
 * Names are searched without case or accents ("Koné" = "KONE"), so they are stored and
 * queried in one normal form: NFD, marks removed, lower case, single spaces.
 */
export function normaliseName(text: string): string {
  return text
    .replace(/[\u2019\u02bc\u2018`]/g, "'")
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
