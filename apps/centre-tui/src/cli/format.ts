import { STAGE_LABELS, STATUS_LABELS, type DocumentView, type FormDef, type SearchHit, type UserView } from '@docstream/core';
import type { Output } from './io.js';

function fieldText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map((l: { candidat: string; voix: number }) => `${l.candidat}: ${l.voix}`).join(', ');
  if (typeof v === 'object') {
    const p = v as { nom?: string; prenoms?: string };
    return `${p.nom ?? ''} ${p.prenoms ?? ''}`.trim();
  }
  return String(v);
}

export function documentText(out: Output, d: DocumentView, form: FormDef | undefined): string {
  const l = out.lang;
  const lines = [
    `${l === 'en' ? 'Document no.' : 'Document n°'} ${d.numero} — ${form?.title[l] ?? d.formId} (v${d.formVersion})`,
    `  NIU: ${d.niu ?? '—'}`,
    `  ${l === 'en' ? 'Stage' : 'Étape'}: ${STAGE_LABELS[d.stage][l]}   Status: ${d.status} ${STATUS_LABELS[d.status]?.[l] ?? ''}`,
  ];
  if (d.remark) lines.push(`  ${l === 'en' ? 'Remark' : 'Remarque'}: ${d.remark}`);
  if (d.cancelReason) lines.push(`  ${l === 'en' ? 'Cancelled' : 'Annulé'}: ${d.cancelReason}`);
  for (const f of form?.fields ?? []) {
    const v = d.data[f.name];
    if (v === undefined) continue;
    lines.push(`  ${f.label[l]}: ${fieldText(v)}`);
  }
  return lines.join('\n');
}

export function hitsText(out: Output, items: SearchHit[], nextCursor?: number): string {
  if (items.length === 0) return out.lang === 'en' ? 'No document found.' : 'Aucun document trouvé.';
  const rows = items.map((h) =>
    [String(h.numero).padStart(7), h.form_id.padEnd(16), STAGE_LABELS[h.stage][out.lang].padEnd(10), String(h.status), (h.niu ?? '—').padEnd(20), h.names_display].join('  '),
  );
  if (nextCursor !== undefined) rows.push(out.lang === 'en' ? `… more: --before ${nextCursor}` : `… suite : --before ${nextCursor}`);
  return rows.join('\n');
}

export function userText(out: Output, u: UserView): string {
  const flags = [u.mustChangePassword ? (out.lang === 'en' ? 'must change password' : 'doit changer son mot de passe') : '', u.locked ? (out.lang === 'en' ? 'locked' : 'bloqué') : '']
    .filter(Boolean)
    .join(', ');
  return `${u.login.padEnd(16)} ${u.role[out.lang].padEnd(11)} ${u.fullName}${flags ? `  [${flags}]` : ''}`;
}
