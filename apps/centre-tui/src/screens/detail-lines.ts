import { STAGE_LABELS, STATUS_LABELS, type AuditRow, type DocumentView, type FieldDef, type FormDef, type Lang } from '@docstream/core';
import { AUDIT_ACTIONS, t, type StringKey } from '../i18n.js';
import { column, wrapText } from '@docstream/console-kit';

export interface DetailData {
  doc: DocumentView;
  /** Undefined when the form version is not installed here: raw field names are shown. */
  form: FormDef | undefined;
  history: AuditRow[];
}

/** Local date and time, minutes precision, the way a register is read. */
export function formatDateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A field value as text: person names, enum labels, tallies, dates and numbers. */
export function formatValue(lang: Lang, field: FieldDef | undefined, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) {
    return value.map((line) => (typeof line === 'object' && line !== null ? `${String((line as { candidat?: unknown }).candidat)}: ${String((line as { voix?: unknown }).voix)}` : String(line))).join(', ');
  }
  if (typeof value === 'object') {
    const v = value as { nom?: unknown; prenoms?: unknown };
    if ('nom' in v || 'prenoms' in v) return `${String(v.nom ?? '')} ${String(v.prenoms ?? '')}`.trim() || '—';
    return JSON.stringify(value);
  }
  if (field?.type === 'enum') {
    const option = field.options?.find((o) => o.value === value);
    if (option) return option.label[lang];
  }
  return String(value);
}

/** `label : value`, the value wrapped under itself. */
function labelled(label: string, labelWidth: number, value: string, width: number, indent = ''): string[] {
  const head = `${indent}${column(label, labelWidth)} : `;
  const wrapped = wrapText(value, width - 1 - [...head].length);
  return wrapped.map((l, i) => (i === 0 ? head : ' '.repeat([...head].length)) + l);
}

/** `date  who  what — details`, the text wrapped under itself. */
function historyLines(lang: Lang, row: AuditRow, width: number): string[] {
  const action = AUDIT_ACTIONS[row.action]?.[lang] ?? row.action;
  const extra: string[] = [];
  for (const key of ['niu', 'remark', 'reason'] as const) {
    const v = row.details[key];
    if (typeof v === 'string' && v !== '') extra.push(v);
  }
  if (typeof row.details.copy === 'number') extra.push(t(lang, 'historyCopyNo', { n: row.details.copy }));
  const head = `  ${formatDateTime(row.at)}  ${column(row.actorLogin ?? '—', 10)} `;
  const text = extra.length ? `${action} — ${extra.join(' — ')}` : action;
  return wrapText(text, width - 1 - [...head].length).map((l, i) => (i === 0 ? head : ' '.repeat([...head].length)) + l);
}

/** Everything the read-only detail shows, one string per terminal line. */
export function detailLines(lang: Lang, data: DetailData, width: number): string[] {
  const { doc, form, history } = data;
  const heads: [StringKey, string | null][] = [
    ['detailKind', form ? `${form.title[lang]} (v${doc.formVersion})` : `${doc.formId} (v${doc.formVersion})`],
    ['detailStage', STAGE_LABELS[doc.stage][lang]],
    ['detailStatus', STATUS_LABELS[doc.status]?.[lang] ?? String(doc.status)],
    ['detailNiu', doc.niu ?? '—'],
    ['detailCreated', formatDateTime(doc.createdAt)],
    ['detailRemark', doc.remark],
    ['detailCancelReason', doc.cancelReason],
  ];
  const headWidth = Math.max(...heads.map(([k]) => [...t(lang, k)].length));
  const lines: string[] = [];
  for (const [key, value] of heads) {
    if (value === null) continue;
    lines.push(...labelled(t(lang, key), headWidth, value, width));
  }

  lines.push('', t(lang, 'detailFields'));
  const fields: { label: string; def: FieldDef | undefined; name: string }[] = form
    ? form.fields.map((f) => ({ label: f.label[lang], def: f, name: f.name }))
    : Object.keys(doc.data).map((name) => ({ label: name, def: undefined, name }));
  const fieldWidth = Math.min(28, Math.max(0, ...fields.map((f) => [...f.label].length)));
  for (const f of fields) lines.push(...labelled(f.label, fieldWidth, formatValue(lang, f.def, doc.data[f.name]), width, '  '));

  lines.push('', t(lang, 'detailHistory'));
  if (history.length === 0) lines.push(`  ${t(lang, 'noHistory')}`);
  for (const row of history) lines.push(...historyLines(lang, row, width));
  return lines;
}
