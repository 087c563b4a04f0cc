import type { FieldDef, FieldValue, PersonName, TallyLine } from '../forms/types.js';

/** What an empty field prints as: a dash, so a blank cannot be filled in by hand afterwards. */
export const EMPTY = '—';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/**
 * "12 mars 2026", "1er mai 2026". Takes a stored ISO date ("2026-03-12") or a Date; a Date
 * is read in the machine's local time, like `localDate`, since the officer signs "today" there.
 */
export function frenchDate(value: string | Date): string {
  let y: number, m: number, d: number;
  if (value instanceof Date) {
    [y, m, d] = [value.getFullYear(), value.getMonth() + 1, value.getDate()];
  } else {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return value;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const month = MONTHS[m - 1];
  if (month === undefined) return String(value);
  return `${d === 1 ? '1er' : d} ${month} ${y}`;
}

/** "KONÉ Aminata": the family name in capitals, as civil registers write it. */
export function personName(v: PersonName): string {
  return [v.nom.trim().toLocaleUpperCase('fr'), v.prenoms.trim()].filter((s) => s !== '').join(' ');
}

/** 12 345 with a no-break space, which WinAnsi has (the narrow one French typography prefers is not). */
export function frenchInteger(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

function isBlank(v: FieldValue | undefined): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return personName(v) === '';
  return false;
}

/** One line per candidate: "Candidat", "1 234 voix". Kept apart so the renderer can align the counts. */
export function tallyLines(v: TallyLine[]): { candidat: string; voix: string }[] {
  return v.map((l) => ({ candidat: l.candidat, voix: `${frenchInteger(l.voix)} voix` }));
}

/**
 * A field's value as printed on the copy, in French whatever the console's language: an
 * official document does not change with the clerk's settings. Undefined when empty.
 */
export function formatValue(field: FieldDef, v: FieldValue | undefined): string | undefined {
  if (isBlank(v)) return undefined;
  switch (field.type) {
    case 'person_name':
      return personName(v as PersonName);
    case 'date':
      return frenchDate(String(v));
    case 'integer':
      return typeof v === 'number' ? frenchInteger(v) : String(v);
    case 'enum':
      return field.options?.find((o) => o.value === v)?.label.fr ?? String(v);
    case 'tally':
      return tallyLines(v as TallyLine[])
        .map((l) => `${l.candidat} : ${l.voix}`)
        .join('\n');
    default:
      return String(v).trim();
  }
}

// Beyond Latin-1, WinAnsi (the encoding of the 14 standard PDF fonts) has only these.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

// Letters of Malian national-language orthographies that WinAnsi lacks, spelt as French would.
const FOLD: Record<string, string> = {
  ɛ: 'e', Ɛ: 'E', ɔ: 'o', Ɔ: 'O', ɲ: 'ny', Ɲ: 'NY', ŋ: 'ng', Ŋ: 'NG', ɓ: 'b', Ɓ: 'B', ɗ: 'd', Ɗ: 'D', ƴ: 'y', Ƴ: 'Y',
  '\u202f': '\u00a0', '\u2009': ' ', '\u2002': ' ', '\u2003': ' ', '‐': '-', '‑': '-', '−': '-', 'ʼ': '’', 'ʻ': '‘',
};

/**
 * Text the standard fonts can draw: pdfkit writes any other character as a broken code, so
 * letters outside WinAnsi are spelt without their diacritic (or as the nearest French
 * spelling), and what remains unknown becomes "?" rather than a wrong glyph.
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x0a) out += ch;
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) out += ' ';
    else if (c <= 0xff || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (FOLD[ch] !== undefined) out += FOLD[ch];
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base !== ch && [...base].every((b) => (b.codePointAt(0) ?? 0) <= 0xff) ? base : '?';
    }
  }
  return out;
}
