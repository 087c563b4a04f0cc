import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { readKeyFile, writeKeyFile } from '../crypto/keystore.js';
import { generateSealKeyPair, publicKeyFromPoint, sealKeyId } from '../crypto/cose.js';
import { attestSealKey } from '../crypto/qr-seal.js';
import type { KeyAccess } from '../crypto/key-access.js';
import type { Bodies } from '../transport/protocol.js';
import type { ServerIdentity } from './identity.js';
import { noKeys } from './identity.js';
import * as s from './queries/seals.js';

export const SEAL_ROOT_KEY_FILE = 'seal-root.key.pem';
/** How long a centre's seal key may seal copies; a copy stays verifiable after, by its issue date. */
export const SEAL_KEY_YEARS = 3;

/**
 * The national seal root (DESIGN §6): a P-256 key, kept encrypted beside the CA's, whose
 * public key the CA signs; it attests the centres' seal keys so that a printed copy
 * carries its whole proof in the QR. Created with the PKI, or on first use by a server
 * initialised before copies existed. Works inside the caller's transaction.
 */
export function createSealAuthority(keys: KeyAccess | undefined, identity: () => Promise<ServerIdentity>) {
  let cached: { key: KeyObject; root: Buffer; sig: Buffer } | undefined;

  async function root(q: Queryable): Promise<{ key: KeyObject; root: Buffer; sig: Buffer }> {
    if (cached) return cached;
    if (!keys) throw noKeys();
    const path = join(keys.dir, SEAL_ROOT_KEY_FILE);
    const row = await s.sealRootRow(q);
    let key: KeyObject;
    if (existsSync(path)) key = await readKeyFile(path, keys.passphrase);
    else {
      key = generateSealKeyPair().privateKey;
      await writeKeyFile(path, key, keys.passphrase);
    }
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    if (row?.seal_root && row.seal_root_sig && row.seal_root.equals(spki)) return (cached = { key, root: row.seal_root, sig: row.seal_root_sig });
    const id = await identity();
    const sig = sign('sha256', spki, id.caKey);
    await s.saveSealRoot(q, spki, sig);
    return (cached = { key, root: spki, sig });
  }

  return {
    root,

    /** Answers a centre's `seal` request: attests its key (again, if it was attested before and not revoked). */
    async attest(q: Queryable, matricule: string, body: Bodies['seal'], now: Date): Promise<{ ok: true; body: Bodies['attest'] } | { ok: false; reason: string }> {
      let point: Buffer;
      try {
        point = Buffer.from(String(body?.point), 'base64');
        publicKeyFromPoint(point);
      } catch {
        return { ok: false, reason: 'not a compressed P-256 public key' };
      }
      const r = await root(q);
      const keyId = sealKeyId(point).toString('hex');
      const held = await s.sealKey(q, keyId);
      if (held && (held.matricule !== matricule || held.revoked_at)) return { ok: false, reason: held.revoked_at ? 'seal key revoked: make a new one' : 'seal key of another centre' };
      let attestation = held?.attestation;
      if (!attestation) {
        const notAfter = new Date(now);
        notAfter.setUTCFullYear(notAfter.getUTCFullYear() + SEAL_KEY_YEARS);
        attestation = attestSealKey({ matricule, publicKey: publicKeyFromPoint(point), notBefore: now, notAfter }, r.key);
        await s.insertSealKey(q, { keyId, matricule, point, attestation, notBefore: now, notAfter, at: now });
      }
      return { ok: true, body: { att: attestation.toString('base64'), root: r.root.toString('base64'), rootSig: r.sig.toString('base64') } };
    },
  };
}

export type SealAuthority = ReturnType<typeof createSealAuthority>;
