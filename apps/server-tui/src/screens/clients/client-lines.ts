import type { Label, Lang } from '@docstream/core';
import { translator, fit } from '@docstream/console-kit';
import { amount, bytes, cw, day, dayTime, statusWords } from './client-words.js';
import type { ClientDetails } from './client-reducer.js';

export const LINES_STRINGS = {
  place: { fr: 'Ville : {city} · Région : {region} · Tél. : {phone}', en: 'City: {city} · Region: {region} · Phone: {phone}' },
  status: { fr: 'Statut : {status}', en: 'Status: {status}' },
  enrolPending: { fr: 'Inscription : code donné, en attente (valable jusqu’au {until})', en: 'Enrolment: code given, pending (valid until {until})' },
  enrolled: { fr: 'Inscription : faite (certificat valide)', en: 'Enrolment: done (valid certificate)' },
  notEnrolled: { fr: 'Inscription : aucun certificat valide ni code en cours', en: 'Enrolment: no valid certificate nor pending code' },
  certificates: { fr: 'Certificats : {n}', en: 'Certificates: {n}' },
  noCertificate: { fr: 'Certificats : aucun', en: 'Certificates: none' },
  certificate: { fr: '  N° {serial} du {from} au {to} : {state}', en: '  No. {serial} from {from} to {to}: {state}' },
  fingerprint: { fr: '    empreinte SHA-256 {fp}', en: '    SHA-256 fingerprint {fp}' },
  valid: { fr: 'valide', en: 'valid' },
  expired: { fr: 'expiré', en: 'expired' },
  revoked: { fr: 'révoqué le {at} ({reason})', en: 'revoked on {at} ({reason})' },
  more: { fr: '  … et {n} plus ancien(s)', en: '  … and {n} older' },
  contact: { fr: 'Dernier contact : {at}', en: 'Last contact: {at}' },
  received: { fr: 'Reçus : {containers} conteneur(s), {documents} document(s), {duplicates} doublon(s)', en: 'Received: {containers} containers, {documents} documents, {duplicates} duplicates' },
  problems: { fr: 'Conflits : {conflicts} · erreurs : {errors} · en attente d’envoi : {queued}', en: 'Conflicts: {conflicts} · errors: {errors} · waiting to be sent: {queued}' },
  traffic: { fr: 'Octets : {in} reçus, {out} envoyés', en: 'Bytes: {in} received, {out} sent' },
  quarantine: { fr: 'Quarantaine : {n} conteneur(s) retenu(s)', en: 'Quarantine: {n} container(s) held' },
  account: { fr: 'Compte : solde {balance} · quota {quota} requête(s)', en: 'Account: balance {balance} · quota {quota} queries' },
  signatories: { fr: 'Signataires : {list}', en: 'Signatories: {list}' },
  none: { fr: 'aucun', en: 'none' },
} as const satisfies Record<string, Label>;

const ls = translator(LINES_STRINGS);

/** Certificates listed in the detail (newest first); older ones are counted. */
export const CERTIFICATES_SHOWN = 2;

/** Profile, status and enrolment: the lines shown above an enrolment code as well. */
export function headLines(lang: Lang, d: ClientDetails, width: number): string[] {
  const c = d.client;
  const valid = d.certificates.some((x) => x.revoked_at === null && x.not_after.getTime() > Date.now());
  const enrol = c.enrolmentPending && c.enrol_expires_at
    ? ls(lang, 'enrolPending', { until: day(lang, c.enrol_expires_at) })
    : ls(lang, valid ? 'enrolled' : 'notEnrolled');
  return [
    ls(lang, 'place', { city: c.city || '—', region: c.region || '—', phone: c.phone || '—' }),
    ls(lang, 'status', { status: statusWords(lang, c.status) }),
    enrol,
  ].map((l) => fit(l, width - 1));
}

/** Everything else the operator checks: certificates, last contact, traffic, quarantine, account, signatories. */
export function bodyLines(lang: Lang, d: ClientDetails, width: number, now = new Date()): string[] {
  const out: string[] = [];
  if (d.certificates.length === 0) out.push(ls(lang, 'noCertificate'));
  else out.push(ls(lang, 'certificates', { n: d.certificates.length }));
  for (const cert of d.certificates.slice(0, CERTIFICATES_SHOWN)) {
    const state = cert.revoked_at
      ? ls(lang, 'revoked', { at: day(lang, cert.revoked_at), reason: cert.revoke_reason ?? '' })
      : ls(lang, cert.not_after.getTime() < now.getTime() ? 'expired' : 'valid');
    out.push(ls(lang, 'certificate', { serial: cert.serial, from: day(lang, cert.not_before), to: day(lang, cert.not_after), state }));
    out.push(ls(lang, 'fingerprint', { fp: cert.fingerprint }));
  }
  if (d.certificates.length > CERTIFICATES_SHOWN) out.push(ls(lang, 'more', { n: d.certificates.length - CERTIFICATES_SHOWN }));
  out.push(ls(lang, 'contact', { at: d.lastContact ? dayTime(lang, d.lastContact) : cw(lang, 'never') }));
  const t = d.traffic;
  if (t) {
    out.push(ls(lang, 'received', { containers: t.containers_in, documents: t.documents_in, duplicates: t.duplicates }));
    out.push(ls(lang, 'problems', { conflicts: t.conflicts, errors: t.errors, queued: t.queued }));
    out.push(ls(lang, 'traffic', { in: bytes(lang, t.bytes_in), out: bytes(lang, t.bytes_out) }));
  }
  out.push(ls(lang, 'quarantine', { n: d.quarantined }));
  out.push(ls(lang, 'account', { balance: amount(lang, d.account?.balance ?? 0), quota: d.account?.query_quota ?? 0 }));
  const sig = d.profile.sig.map((x) => `${x.name} (${x.title})`).join(', ');
  out.push(ls(lang, 'signatories', { list: sig || ls(lang, 'none') }));
  return out.map((l) => fit(l, width - 1));
}
