import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { readKeyFile, writeKeyFile } from '../crypto/keystore.js';
import { certificatePublicKey } from '../crypto/pki.js';
import { compressedPoint, generateSealKeyPair } from '../crypto/cose.js';
import { readAttestation } from '../crypto/qr-seal.js';
import { rejected } from '../crypto/sdc.js';
import type { KeyAccess } from '../crypto/key-access.js';
import type { Bodies, MessageType } from '../transport/protocol.js';
import { insertContainer, nextContainerSeq } from './queries/transmission.js';
import * as s from './queries/seal.js';

export const SEAL_KEY_FILE = 'seal.key.pem';

/** The centre's seal key (P-256, encrypted at rest beside the transmission key), made on first need. */
export async function loadSealKey(keys: KeyAccess, create: boolean): Promise<KeyObject | undefined> {
  const path = join(keys.dir, SEAL_KEY_FILE);
  if (existsSync(path)) return readKeyFile(path, keys.passphrase);
  if (!create) return undefined;
  const key = generateSealKeyPair().privateKey;
  await writeKeyFile(path, key, keys.passphrase);
  return key;
}

/**
 * In the packing transaction: asks the server once to attest the seal key, and reports
 * the copies issued since the last report (one container for up to 500).
 */
export async function packSealWork(q: Queryable, keys: KeyAccess, sealAs: (typ: MessageType, seq: number, body: unknown) => Buffer, at: Date): Promise<number> {
  let made = 0;
  const state = await s.sealState(q, true);
  if (state && !state.seal_attestation && state.seal_requested_seq === null) {
    const key = (await loadSealKey(keys, true))!;
    const seq = await nextContainerSeq(q);
    await insertContainer(q, { seq, msgType: 'seal', sdc: sealAs('seal', seq, { point: compressedPoint(key).toString('base64') } satisfies Bodies['seal']), itemCount: 0, at }, []);
    await s.setSealRequested(q, seq);
    made++;
  }
  for (let copies = await s.lockUnreportedCopies(q, 500); copies.length > 0; copies = await s.lockUnreportedCopies(q, 500)) {
    const seq = await nextContainerSeq(q);
    const body: Bodies['copies'] = { copies: copies.map((c) => ({ n: c.niu, c: c.copy_no, at: c.issued_at.toISOString() })) };
    await insertContainer(q, { seq, msgType: 'copies', sdc: sealAs('copies', seq, body), itemCount: copies.length, at }, []);
    await s.setCopiesContainer(q, copies.map((c) => c.id), seq);
    made++;
  }
  return made;
}

/**
 * The server's attestation of our seal key: the root must carry the national CA's
 * signature, the attestation the root's, and name this centre and this key.
 */
export async function applyAttestation(q: Queryable, b: Bodies['attest'], ctx: { caPem: string; matricule: string; keys: KeyAccess | undefined; at: Date }): Promise<void> {
  const root = Buffer.from(String(b.root), 'base64');
  const rootSig = Buffer.from(String(b.rootSig), 'base64');
  if (!verify('sha256', root, certificatePublicKey(ctx.caPem), rootSig)) throw rejected('signature', 'seal root not signed by the national CA');
  const attestation = Buffer.from(String(b.att), 'base64');
  let att;
  try {
    att = readAttestation(attestation, createPublicKey({ key: root, format: 'der', type: 'spki' }));
  } catch (e) {
    throw rejected('signature', `attestation: ${(e as Error).message}`);
  }
  const key = ctx.keys ? await loadSealKey(ctx.keys, false) : undefined;
  if (att.matricule !== ctx.matricule || !key || !compressedPoint(key).equals(att.point)) throw rejected('certificate', 'attestation for another key or centre');
  await s.saveSealAttestation(q, { attestation, root, point: att.point }, ctx.at);
}
