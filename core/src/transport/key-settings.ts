import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../settings.js';
import type { KeyAccess } from '../crypto/key-access.js';
import { DocstreamError } from '../errors.js';
import { EMBEDDED_BROKER_PORT } from './embedded-broker.js';

/**
 * The passphrase of the encrypted keys comes from a file (systemd credentials, a
 * secrets mount) or DOCSTREAM_KEY_PASSPHRASE; never from the settings file, which
 * would sit beside the keys it protects. Keys live in `<dataDir>/keys`.
 */
export function keyAccessFrom(settings: Settings, passphraseFile?: string, env: NodeJS.ProcessEnv = process.env): KeyAccess | undefined {
  let passphrase = env.DOCSTREAM_KEY_PASSPHRASE;
  const file = passphraseFile ?? env.DOCSTREAM_KEY_PASSPHRASE_FILE;
  if (file) {
    try {
      passphrase = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new DocstreamError('key_locked', `Fichier de phrase secrète illisible : ${file}.`, `Passphrase file unreadable: ${file}.`, { cause: e });
    }
  }
  if (!passphrase) return undefined;
  return { dir: join(settings.dataDir, 'keys'), passphrase };
}

/** The broker a process uses: the configured one, else the embedded one on loopback. */
export function embeddedBrokerUrl(settings: Settings): string {
  return settings.mqttUrl ?? `mqtt://127.0.0.1:${EMBEDDED_BROKER_PORT}`;
}
