import type { Lang } from '@docstream/core';

/**
 * Figures as text a plain terminal shows: digits grouped by an ordinary space in French
 * (Intl's narrow no-break space is a box on a Linux console) and a comma in English.
 */
export function whole(lang: Lang, n: number): string {
  const digits = String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? ' ' : ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** A decimal with `digits` places: 12,5 (fr), 12.5 (en). */
export function decimal(lang: Lang, n: number, digits: number): string {
  const [int, frac] = Math.abs(n).toFixed(digits).split('.');
  const text = `${whole(lang, Number(int))}${frac ? `${lang === 'fr' ? ',' : '.'}${frac}` : ''}`;
  return n < 0 ? `-${text}` : text;
}

/** A share 0–1 as a percentage: "35,09 %" (fr), "35.09%" (en); "—" when there is none. */
export function percent(lang: Lang, share: number | null, digits = 2): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${decimal(lang, share * 100, digits)}${lang === 'fr' ? ' %' : '%'}`;
}

/**
 * A bar of `width` characters for a share 0–1: `#` filled, `.` the rest. ASCII on purpose:
 * it reads the same without colour, in tmux, over a serial line or a Linux console without
 * a Unicode font; the number beside it says the exact value.
 */
export function bar(share: number | null, width: number): string {
  const w = Math.max(0, Math.floor(width));
  const s = share === null || !Number.isFinite(share) ? 0 : Math.min(1, Math.max(0, share));
  // Anything above zero shows at least one mark, and only a full share fills the bar.
  let filled = Math.round(s * w);
  if (s > 0 && filled === 0) filled = 1;
  if (s < 1 && filled === w && w > 0) filled = w - 1;
  return '#'.repeat(filled) + '.'.repeat(w - filled);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local time a figure was read: 14:05:09. */
export function clockTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A calendar date as each language writes it: 26/07/2026, 2026-07-26. */
export function calendarDate(lang: Lang, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return lang === 'fr' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[1]}-${m[2]}-${m[3]}`;
}
