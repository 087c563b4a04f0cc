import { readFile, rename, writeFile, unlink } from 'node:fs/promises';
import { DocstreamError } from '../errors.js';

/**
 * A T2D bundle: the same containers as on MQTT, carried in a file on a USB stick. The
 * bundle also carries the certificates (chain) once, since containers leave them out.
 */
export interface Bundle {
  format: 'docstream-t2d';
  version: 1;
  from: string;
  to: string;
  createdAt: string;
  certificates: string[];
  containers: Buffer[];
  /** Server → centre only: the current broadcast bulletins (trust list, pushed forms). */
  bulletins?: Buffer[];
}

export function bundleError(path: string, fr: string, en: string, cause?: unknown): DocstreamError {
  return new DocstreamError('t2d', `Fichier T2D ${path} : ${fr}`, `T2D file ${path}: ${en}`, { cause });
}

export async function writeBundle(path: string, b: Omit<Bundle, 'format' | 'version'>): Promise<number> {
  const text = JSON.stringify({
    format: 'docstream-t2d', version: 1, ...b,
    containers: b.containers.map((c) => c.toString('base64')),
    ...(b.bulletins ? { bulletins: b.bulletins.map((c) => c.toString('base64')) } : {}),
  });
  const tmp = `${path}.part`;
  try {
    // Written aside then renamed: a full stick or a pulled stick never leaves half a bundle under the real name.
    await writeFile(tmp, text, { mode: 0o600 });
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    const full = (e as NodeJS.ErrnoException).code === 'ENOSPC';
    throw bundleError(
      path,
      full ? 'support plein. Libérez de la place ou changez de clé USB, puis recommencez ; rien n’est perdu.' : `écriture impossible (${(e as Error).message}). Vérifiez le support et recommencez ; rien n’est perdu.`,
      full ? 'the device is full. Free some space or use another USB stick, then try again; nothing is lost.' : `cannot write (${(e as Error).message}). Check the device and try again; nothing is lost.`,
      e,
    );
  }
  return Buffer.byteLength(text);
}

export async function readBundle(path: string): Promise<Bundle> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw bundleError(path, 'illisible ou incomplet. Refaites l’export et recopiez le fichier.', 'unreadable or incomplete. Export it again and copy the file again.', e);
  }
  const r = raw as Partial<Record<keyof Bundle, unknown>>;
  if (r.format !== 'docstream-t2d' || r.version !== 1 || typeof r.from !== 'string' || typeof r.to !== 'string' || !Array.isArray(r.containers)) {
    throw bundleError(path, 'ce n’est pas un lot Docstream T2D (version 1).', 'this is not a Docstream T2D bundle (version 1).');
  }
  return {
    format: 'docstream-t2d',
    version: 1,
    from: r.from,
    to: r.to,
    createdAt: String(r.createdAt ?? ''),
    certificates: Array.isArray(r.certificates) ? r.certificates.map(String) : [],
    containers: r.containers.map((c) => Buffer.from(String(c), 'base64')),
    ...(Array.isArray(r.bulletins) ? { bulletins: r.bulletins.map((c) => Buffer.from(String(c), 'base64')) } : {}),
  };
}
