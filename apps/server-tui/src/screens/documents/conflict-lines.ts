import type { ComparedField, ConflictDetail, Lang } from '@docstream/core';
import { column, wrapText } from '@docstream/console-kit';
import { dateTime, dt, yesNo } from './strings.js';

/** The sign of a field whose two versions differ (a sign, never a colour). */
export const DIFFERS = '≠';

/** The line as it is when it fits (its alignment kept), else wrapped. */
function fitOrWrap(text: string, room: number): string[] {
  return [...text].length <= room ? [text] : wrapText(text, room);
}

/** Column widths at this terminal width: sign, field label, then the two versions, equal. */
export function sideWidths(lang: Lang, fields: readonly ComparedField[], width: number): { label: number; cell: number } {
  const usable = width - 1 - 2;
  const label = Math.min(20, Math.max(8, ...fields.map((f) => [...f.label[lang]].length)));
  return { label, cell: Math.max(8, Math.floor((usable - label - 2) / 2)) };
}

/** One field, its two versions side by side; a value longer than its column wraps under itself (never cut: the difference may be at its end). */
export function sideBySide(lang: Lang, f: ComparedField, w: { label: number; cell: number }): string[] {
  const label = wrapText(f.label[lang], w.label);
  const stored = wrapText(f.stored[lang], w.cell);
  const incoming = wrapText(f.incoming[lang], w.cell);
  const n = Math.max(label.length, stored.length, incoming.length);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const sign = i === 0 && f.differs ? `${DIFFERS} ` : '  ';
    out.push(`${sign}${column(label[i] ?? '', w.label)} ${column(stored[i] ?? '', w.cell)} ${incoming[i] ?? ''}`.trimEnd());
  }
  return out;
}

/**
 * The conflict as terminal lines: who sent what and when, the fields that differ named,
 * the decision taken or those open, then every field side by side (stored | received),
 * those that differ first and marked `≠` (all of this on the first screen).
 */
export function conflictLines(lang: Lang, c: ConflictDetail, width: number, readOnly: boolean): string[] {
  const lines: string[] = [];
  const state = dt(lang, c.state === 'open' ? 'rowOpen' : 'rowResolved');
  lines.push(dt(lang, 'conflictCentre', { matricule: c.matricule, name: c.centreName ?? '', state }).replace(/\s+·/, ' ·'));
  const headWidth = Math.max([...dt(lang, 'versionStored')].length, [...dt(lang, 'versionIncoming')].length);
  const version = (head: 'versionStored' | 'versionIncoming', at: Date, seq: number | string, evidence: boolean) =>
    fitOrWrap(dt(lang, 'versionLine', { head: column(dt(lang, head), headWidth), at: dateTime(at), seq, evidence: yesNo(lang, evidence) }), width - 1);
  if (c.stored) lines.push(...version('versionStored', c.stored.receivedAt, c.stored.container?.seq ?? '?', c.stored.container?.evidenceArchived ?? false));
  else lines.push(dt(lang, 'storedMissing'));
  lines.push(...version('versionIncoming', c.incoming.receivedAt, c.container.seq, c.container.evidenceArchived));
  lines.push(...wrapText(dt(lang, 'differsLine', { list: c.differences.map((f) => f.label[lang]).join(', ') || '—' }), width - 1));
  if (c.resolution) {
    const r = c.resolution;
    lines.push(...wrapText(dt(lang, 'resolvedLine', { at: dateTime(r.at), by: r.by.login ?? '?', decision: r.decisionLabel[lang] }), width - 1));
    lines.push(...wrapText(dt(lang, 'remarkLine', { remark: r.remark }), width - 1));
  } else if (c.decisions.length > 0) {
    lines.push(readOnly ? `${dt(lang, 'decisionsHead')} — ${dt(lang, 'readOnlyNote')}` : dt(lang, 'decisionsHead'));
    const keys: Record<string, string> = { keep: 'k', ask_cancel: 'a' };
    for (const d of c.decisions) {
      const head = `  ${readOnly ? '-' : keys[d.value] ?? d.value} : `;
      lines.push(...wrapText(d.label[lang], width - 1 - head.length).map((l, i) => (i === 0 ? head : ' '.repeat(head.length)) + l));
    }
  }
  lines.push('');
  const w = sideWidths(lang, c.fields, width);
  lines.push(`  ${column(dt(lang, 'colField'), w.label)} ${column(dt(lang, 'colStored'), w.cell)} ${dt(lang, 'colIncoming')}`);
  // What differs first, so it is on the first screen whatever the form's length.
  for (const f of [...c.fields.filter((x) => x.differs), ...c.fields.filter((x) => !x.differs)]) lines.push(...sideBySide(lang, f, w));
  return lines;
}
