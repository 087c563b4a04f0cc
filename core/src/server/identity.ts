import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { DocstreamError } from '../errors.js';
import { readKeyFile } from '../crypto/keystore.js';
import { pkiRow } from './queries/pki.js';

import type { KeyAccess } from '../crypto/key-access.js';
export type { KeyAccess };

export interface ServerIdentity {
  caPem: string;
  serverPem: string;
  caKey: KeyObject;
  serverKey: KeyObject;
}

export const CA_KEY_FILE = 'ca.key.pem';
export const SERVER_KEY_FILE = 'server.key.pem';

export function noKeys(): DocstreamError {
  return new DocstreamError(
    'key_locked',
    'Clés privées inaccessibles : donnez la phrase secrète (DOCSTREAM_KEY_PASSPHRASE ou --passphrase-file).',
    'Private keys unavailable: give the passphrase (DOCSTREAM_KEY_PASSPHRASE or --passphrase-file).',
  );
}

/** Loads the server's keys once; every later call reuses them. */
export function serverIdentityLoader(q: Queryable, keys: KeyAccess | undefined): () => Promise<ServerIdentity> {
  let loaded: Promise<ServerIdentity> | undefined;
  return () => {
    loaded ??= (async () => {
      if (!keys) throw noKeys();
      const row = await pkiRow(q);
      if (!row) {
        throw new DocstreamError('pki', 'Le serveur n’a pas encore d’autorité de certification : lancez docstream-server init.', 'The server has no certificate authority yet: run docstream-server init.');
      }
      const [caKey, serverKey] = await Promise.all([readKeyFile(join(keys.dir, CA_KEY_FILE), keys.passphrase), readKeyFile(join(keys.dir, SERVER_KEY_FILE), keys.passphrase)]);
      return { caPem: row.ca_pem, serverPem: row.server_pem, caKey, serverKey };
    })();
    loaded.catch(() => (loaded = undefined));
    return loaded;
  };
}
