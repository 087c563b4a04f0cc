import type { Queryable } from '../../db/database.js';

export interface SealState {
  seal_attestation: Buffer | null;
  seal_root: Buffer | null;
  seal_point: Buffer | null;
  seal_requested_seq: number | null;
}

export async function sealState(q: Queryable, lock = false): Promise<SealState | undefined> {
  const [r] = await q.query<SealState>(`SELECT seal_attestation, seal_root, seal_point, seal_requested_seq FROM docstream.pki${lock ? ' FOR UPDATE' : ''}`);
  return r;
}

export async function setSealRequested(q: Queryable, seq: number | null): Promise<void> {
  await q.query('UPDATE docstream.pki SET seal_requested_seq = $1', [seq]);
}

export async function saveSealAttestation(q: Queryable, a: { attestation: Buffer; root: Buffer; point: Buffer }, at: Date): Promise<void> {
  await q.query('UPDATE docstream.pki SET seal_attestation = $1, seal_root = $2, seal_point = $3, seal_requested_seq = NULL, updated_at = $4', [a.attestation, a.root, a.point, at]);
}

/** A refused request is asked again at the next packing. */
export async function clearRefusedSealRequest(q: Queryable, seq: number): Promise<void> {
  await q.query('UPDATE docstream.pki SET seal_requested_seq = NULL WHERE seal_requested_seq = $1', [seq]);
}

export async function lockUnreportedCopies(q: Queryable, limit: number): Promise<{ id: number; niu: string; copy_no: number; issued_at: Date }[]> {
  return q.query('SELECT id, niu, copy_no, issued_at FROM docstream.copies WHERE container_seq IS NULL ORDER BY id LIMIT $1 FOR UPDATE', [limit]);
}

export async function setCopiesContainer(q: Queryable, ids: number[], seq: number): Promise<void> {
  await q.query('UPDATE docstream.copies SET container_seq = $2 WHERE id = ANY($1::bigint[])', [ids, seq]);
}

export async function markCopiesReported(q: Queryable, seq: number, at: Date): Promise<void> {
  await q.query('UPDATE docstream.copies SET reported_at = $2 WHERE container_seq = $1 AND reported_at IS NULL', [seq, at]);
}

export async function revokedSealKeys(q: Queryable): Promise<string[]> {
  return (await q.query<{ key_id: string }>('SELECT key_id FROM docstream.trust_revoked_seals')).map((r) => r.key_id);
}

export async function replaceRevokedSeals(q: Queryable, keyIds: string[]): Promise<void> {
  await q.query('DELETE FROM docstream.trust_revoked_seals');
  await q.query('INSERT INTO docstream.trust_revoked_seals (key_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [keyIds]);
}

export async function cancelledNius(q: Queryable): Promise<string[]> {
  return (await q.query<{ niu: string }>('SELECT niu FROM docstream.trust_cancelled')).map((r) => r.niu);
}
