import type { Queryable } from '../../db/database.js';

export async function sealRootRow(q: Queryable): Promise<{ seal_root: Buffer | null; seal_root_sig: Buffer | null } | undefined> {
  const [r] = await q.query<{ seal_root: Buffer | null; seal_root_sig: Buffer | null }>('SELECT seal_root, seal_root_sig FROM xm_system.pki FOR UPDATE');
  return r;
}

export async function saveSealRoot(q: Queryable, root: Buffer, sig: Buffer): Promise<void> {
  await q.query('UPDATE xm_system.pki SET seal_root = $1, seal_root_sig = $2', [root, sig]);
}

export interface SealKeyRow {
  key_id: string;
  matricule: string;
  attestation: Buffer;
  not_after: Date;
  revoked_at: Date | null;
}

export async function sealKey(q: Queryable, keyId: string): Promise<SealKeyRow | undefined> {
  const [r] = await q.query<SealKeyRow>('SELECT key_id, matricule, attestation, not_after, revoked_at FROM xm_system.seal_keys WHERE key_id = $1', [keyId]);
  return r;
}

export async function insertSealKey(q: Queryable, k: { keyId: string; matricule: string; point: Buffer; attestation: Buffer; notBefore: Date; notAfter: Date; at: Date }): Promise<void> {
  await q.query(
    'INSERT INTO xm_system.seal_keys (key_id, matricule, point, attestation, not_before, not_after, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [k.keyId, k.matricule, k.point, k.attestation, k.notBefore, k.notAfter, k.at],
  );
}

export async function revokeSealKeys(q: Queryable, matricule: string, at: Date): Promise<number> {
  const rows = await q.query('UPDATE xm_system.seal_keys SET revoked_at = $2 WHERE matricule = $1 AND revoked_at IS NULL RETURNING key_id', [matricule, at]);
  return rows.length;
}

/** Records the copies that are new; returns how many, for billing. */
export async function insertCopies(q: Queryable, matricule: string, seq: number, copies: { n: string; c: number; at: string }[], at: Date): Promise<number> {
  if (copies.length === 0) return 0;
  const rows = await q.query(
    `INSERT INTO xm_system.copies (matricule, niu, copy_no, issued_at, src_seq, received_at)
     SELECT $1, x.n, x.c, x.at, $2, $3 FROM jsonb_to_recordset($4::jsonb) AS x(n text, c int, at timestamptz)
     ON CONFLICT DO NOTHING RETURNING niu`,
    [matricule, seq, at, JSON.stringify(copies)],
  );
  return rows.length;
}

/** The seal root and the CA's signature over it, read without a lock (for display). */
export async function sealRootOf(q: Queryable): Promise<{ seal_root: Buffer | null; seal_root_sig: Buffer | null } | undefined> {
  const [r] = await q.query<{ seal_root: Buffer | null; seal_root_sig: Buffer | null }>('SELECT seal_root, seal_root_sig FROM xm_system.pki');
  return r;
}
