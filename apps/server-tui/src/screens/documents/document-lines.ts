import type { DocumentDetail, Lang } from '@docstream/core';
import { column, wrapText } from '@docstream/console-kit';
import { dateTime, dt, yesNo, type DocsStringKey } from './strings.js';

/** `label : value`, the value wrapped under itself. */
export function labelled(label: string, labelWidth: number, value: string, width: number, indent = ''): string[] {
  const head = `${indent}${column(label, labelWidth)} : `;
  const wrapped = wrapText(value, width - 1 - [...head].length);
  return wrapped.map((l, i) => (i === 0 ? head : ' '.repeat([...head].length)) + l);
}

/** Everything the detail of a central document shows, one string per terminal line. */
export function documentLines(lang: Lang, d: DocumentDetail, width: number): string[] {
  const centre = [d.centre.matricule, d.centre.name ?? '', d.centre.region ? `(${d.centre.region})` : ''].filter((x) => x !== '').join(' ')
    + (d.centre.statusLabel ? ` — ${d.centre.statusLabel[lang]}` : '');
  const conflicts = d.conflicts.open + d.conflicts.resolved === 0 ? dt(lang, 'conflictsNone') : dt(lang, 'conflictsLine', { open: d.conflicts.open, resolved: d.conflicts.resolved });
  const heads: [DocsStringKey, string][] = [
    ['headNiu', d.niu],
    ['headKind', dt(lang, 'kindLine', { title: d.form.title?.[lang] ?? d.form.id, version: d.form.version, numero: d.numero })],
    ['headCentre', centre],
    ['headStatus', d.cancelReason ? dt(lang, 'cancelledBecause', { status: d.statusLabel[lang], reason: d.cancelReason }) : d.statusLabel[lang]],
    ['headValidated', dateTime(d.validatedAt)],
    ['headReceived', dateTime(d.receivedAt)],
    ['headContainer', d.container ? dt(lang, 'containerLine', { src: d.container.src, seq: d.container.seq, evidence: yesNo(lang, d.container.evidenceArchived) }) : dt(lang, 'containerUnknown')],
    ['headConflicts', conflicts],
  ];
  const headWidth = Math.max(...heads.map(([k]) => [...dt(lang, k)].length));
  const lines: string[] = [];
  for (const [key, value] of heads) lines.push(...labelled(dt(lang, key), headWidth, value, width));

  lines.push('', dt(lang, 'fieldsHead'));
  const fieldWidth = Math.min(28, Math.max(0, ...d.fields.map((f) => [...f.label[lang]].length)));
  for (const f of d.fields) lines.push(...labelled(f.label[lang], fieldWidth, f.text[lang], width, '  '));

  lines.push('', dt(lang, 'historyHead'));
  for (const h of d.history) {
    const head = `  ${dateTime(h.at)}  ${column(h.actor ?? '—', 10)} `;
    lines.push(...wrapText(h.text[lang], width - 1 - [...head].length).map((l, i) => (i === 0 ? head : ' '.repeat([...head].length)) + l));
  }
  return lines;
}

/** Where `c` leads: the one conflict of the document, or the list of its conflicts. */
export function conflictsTarget(d: DocumentDetail): { conflictId: number } | { niu: string } | null {
  if (d.conflicts.open + d.conflicts.resolved === 0) return null;
  const ids = [...new Set(d.history.flatMap((h) => (h.conflictId === undefined ? [] : [h.conflictId])))];
  return ids.length === 1 ? { conflictId: ids[0]! } : { niu: d.niu };
}
