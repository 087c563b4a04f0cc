import type { Queryable } from '../../db/database.js';

export interface PkiRow {
  ca_pem: string;
  server_pem: string;
  created_at: Date;
}

export async function pkiRow(q: Queryable): Promise<PkiRow | undefined> {
  const [r] = await q.query<PkiRow>('SELECT ca_pem, server_pem, created_at FROM xm_system.pki');
  return r;
}

export async function insertPki(q: Queryable, caPem: string, serverPem: string, at: Date): Promise<void> {
  await q.query('INSERT INTO xm_system.pki (ca_pem, server_pem, created_at) VALUES ($1, $2, $3)', [caPem, serverPem, at]);
}

export interface CertificateRow {
  serial: string;
  matricule: string;
  pem: string;
  fingerprint: string;
  /** subjectKeyIdentifier, lowercase hex. */
  ski: string;
  not_before: Date;
  not_after: Date;
  issued_at: Date;
  source: 'enrolment' | 'import' | 'renewal';
  revoked_at: Date | null;
  revoke_reason: string | null;
}

const CERT_COLUMNS = 'serial, matricule, pem, fingerprint, ski, not_before, not_after, issued_at, source, revoked_at, revoke_reason';

export async function certificatesOf(q: Queryable, matricule: string): Promise<CertificateRow[]> {
  return q.query<CertificateRow>(`SELECT ${CERT_COLUMNS} FROM xm_system.certificates WHERE matricule = $1 ORDER BY issued_at DESC`, [matricule]);
}

export async function insertCertificate(q: Queryable, c: Omit<CertificateRow, 'revoked_at' | 'revoke_reason'>): Promise<void> {
  await q.query(
    `INSERT INTO xm_system.certificates (serial, matricule, pem, fingerprint, ski, not_before, not_after, issued_at, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [c.serial, c.matricule, c.pem, c.fingerprint, c.ski, c.not_before, c.not_after, c.issued_at, c.source],
  );
}

export async function revokeCertificates(q: Queryable, matricule: string, reason: string, at: Date, serial?: string): Promise<string[]> {
  const rows = await q.query<{ serial: string }>(
    `UPDATE xm_system.certificates SET revoked_at = $2, revoke_reason = $3
      WHERE matricule = $1 AND revoked_at IS NULL AND ($4::text IS NULL OR serial = $4) RETURNING serial`,
    [matricule, at, reason, serial ?? null],
  );
  return rows.map((r) => r.serial);
}

/** A certificate as the Security screen lists it (without its PEM). */
export type CertificateListRow = Omit<CertificateRow, 'pem'>;

/**
 * One page of every centre's certificates, by centre then newest first; `matricule` keeps
 * the centres whose matricule starts with it.
 */
export async function certificatePage(q: Queryable, f: { matricule?: string; offset: number; limit: number }): Promise<{ rows: CertificateListRow[]; total: number }> {
  const prefix = f.matricule ?? '';
  const rows = await q.query<CertificateListRow>(
    `SELECT serial, matricule, fingerprint, ski, not_before, not_after, issued_at, source, revoked_at, revoke_reason
       FROM xm_system.certificates WHERE starts_with(matricule, $1)
      ORDER BY matricule, issued_at DESC, serial LIMIT $2 OFFSET $3`,
    [prefix, f.limit, f.offset],
  );
  const [n] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM xm_system.certificates WHERE starts_with(matricule, $1)', [prefix]);
  return { rows, total: n!.n };
}
