/**
 * Private keys at rest: encrypted PKCS#8 (PBES2, PBKDF2-HMAC-SHA-256, AES-256-CBC, as
 * OpenSSL writes it), in files only their owner can read.
 */
import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DocstreamError } from '../errors.js';

const PASSPHRASE_ENV = 'DOCSTREAM_KEY_PASSPHRASE';

function emptyPassphrase(): DocstreamError {
  return new DocstreamError(
    'validation',
    `Phrase secrète vide : une clé privée n’est jamais enregistrée en clair. Définissez ${PASSPHRASE_ENV}.`,
    `Empty passphrase: a private key is never stored in clear. Set ${PASSPHRASE_ENV}.`,
  );
}

export function encryptPrivateKey(key: KeyObject, passphrase: string): string {
  if (passphrase === '') throw emptyPassphrase();
  if (key.type !== 'private') {
    throw new DocstreamError('validation', 'Seule une clé privée se chiffre ici.', 'Only a private key can be encrypted here.');
  }
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string;
}

/** `label` names the key in messages (its file, usually). */
export function decryptPrivateKey(keyPem: string, passphrase: string, label = 'privée'): KeyObject {
  if (!keyPem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    // A clear key where an encrypted one belongs was put there by hand or by an attacker.
    throw new DocstreamError(
      'pki',
      `La clé ${label} n’est pas une clé PKCS#8 chiffrée. Chiffrez-la (openssl pkcs8 -topk8 -v2 aes-256-cbc) ou restaurez la sauvegarde.`,
      `The key ${label} is not an encrypted PKCS#8 key. Encrypt it (openssl pkcs8 -topk8 -v2 aes-256-cbc) or restore the backup.`,
    );
  }
  try {
    return createPrivateKey({ key: keyPem, format: 'pem', passphrase });
  } catch (e) {
    throw new DocstreamError(
      'key_locked',
      `Phrase secrète incorrecte pour la clé ${label} : vérifiez ${PASSPHRASE_ENV} puis recommencez.`,
      `Wrong passphrase for the key ${label}: check ${PASSPHRASE_ENV} and try again.`,
      { cause: e },
    );
  }
}

/**
 * Writes a new key file, 0600 in a 0700 folder. Never replaces an existing one: a key
 * lost is an identity lost (every certificate and container made for it).
 */
export async function writeKeyFile(path: string, key: KeyObject, passphrase: string): Promise<void> {
  const pemText = encryptPrivateKey(key, passphrase);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(pemText);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await publishWithoutReplacing(temp, path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncFolder(dirname(path));
}

function keyExists(path: string): DocstreamError {
  return new DocstreamError(
    'pki',
    `Un fichier de clé existe déjà : ${path}. Il n’est jamais remplacé ; déplacez-le vous-même si vous voulez vraiment une nouvelle clé.`,
    `A key file already exists: ${path}. It is never replaced; move it yourself if you really want a new key.`,
  );
}

/** link() fails if the target exists, atomically; rename() would silently replace it. */
async function publishWithoutReplacing(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw keyExists(path);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
    // No hard links on this file system (FAT, some network shares): check, then rename.
    if (await stat(path).then(() => true, () => false)) throw keyExists(path);
    await rename(temp, path);
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the new name durable; not possible on every platform, and not fatal if not.
  const handle = await open(folder, 'r').catch(() => undefined);
  if (handle === undefined) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

export async function readKeyFile(path: string, passphrase: string): Promise<KeyObject> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    throw new DocstreamError(
      'pki',
      `Fichier de clé introuvable : ${path}. Lancez « docstream-server init » (serveur) ou « docstream-centre init » (centre), ou restaurez la sauvegarde de la clé.`,
      `Key file not found: ${path}. Run "docstream-server init" (server) or "docstream-centre init" (centre), or restore the key backup.`,
    );
  }
  // Like ssh: a key others can read is refused, so the mistake is noticed and fixed.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new DocstreamError(
      'pki',
      `Fichier de clé lisible par d’autres utilisateurs : ${path}. Protégez-le avec « chmod 600 ${path} » puis recommencez.`,
      `Key file readable by other users: ${path}. Protect it with "chmod 600 ${path}" and try again.`,
    );
  }
  return decryptPrivateKey(await readFile(path, 'utf8'), passphrase, path);
}
