/**
 * NIU: centre matricule (5 digits) - year - local sequence (6 digits) - 2 check digits,
 * e.g. 00042-2026-000123-47. The check digits are ISO 7064 MOD 97-10 over the 15 digits
 * (as in IBAN), which catches every single-digit error and every adjacent transposition,
 * so a mistyped NIU is refused before any lookup.
 */
const NIU_RE = /^(\d{5})-(\d{4})-(\d{6})-(\d{2})$/;

function mod97(digits: string): number {
  let r = 0;
  for (const ch of digits) r = (r * 10 + (ch.charCodeAt(0) - 48)) % 97;
  return r;
}

export function niuCheckDigits(body: string): string {
  const check = 98 - mod97(body + '00');
  return String(check).padStart(2, '0');
}

export function formatNiu(matricule: string, year: number, sequence: number): string {
  if (!/^\d{5}$/.test(matricule)) throw new RangeError(`matricule must be 5 digits: ${matricule}`);
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`bad year ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new RangeError(`bad sequence ${sequence}`);
  const y = String(year);
  const s = String(sequence).padStart(6, '0');
  return `${matricule}-${y}-${s}-${niuCheckDigits(matricule + y + s)}`;
}

export interface ParsedNiu {
  matricule: string;
  year: number;
  sequence: number;
}

/** Returns the parts of a well-formed NIU whose check digits match, else undefined. */
export function parseNiu(text: string): ParsedNiu | undefined {
  const m = NIU_RE.exec(text.trim());
  if (!m) return undefined;
  const [, matricule, year, seq, check] = m as unknown as [string, string, string, string, string];
  // Compare with the one canonical pair: 98 ≡ 01 (mod 97) must not give two spellings.
  if (niuCheckDigits(matricule + year + seq) !== check) return undefined;
  if (Number(year) < 1900 || Number(seq) < 1) return undefined;
  return { matricule, year: Number(year), sequence: Number(seq) };
}

export function isValidNiu(text: string): boolean {
  return parseNiu(text) !== undefined;
}
