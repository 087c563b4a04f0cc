import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSettings, type Label } from '@docstream/core';
import { fill, STRINGS } from './i18n.js';

/**
 * Where the console writes certified copies: DOCSTREAM_COPIES_DIR, else `copies/` in the
 * data directory (the one the console was started with, else the settings' own: the
 * DOCSTREAM_DATA_DIR variable, the settings file, or ~/.local/share/docstream).
 */
export function copiesDir(dataDir?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.DOCSTREAM_COPIES_DIR?.trim();
  if (chosen) return chosen;
  return join(dataDir ?? loadSettings({}, env).dataDir, 'copies');
}

/** `00042-2026-000123-47-copie-3.pdf`: one name per copy, never reused (copies are numbered per NIU). */
export function copyFileName(niu: string, copyNo: number): string {
  return `${niu}-copie-${copyNo}.pdf`;
}

/**
 * Writes a copy's PDF readable by its owner only (0600), beside its name then renamed, so
 * a full disk never leaves half a PDF under the real name. The copy is already recorded
 * when this runs: a failure says so, and what to do.
 */
export async function writeCopyFile(dir: string, niu: string, copyNo: number, pdf: Buffer): Promise<string> {
  const file = join(dir, copyFileName(niu, copyNo));
  const part = `${file}.part`;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await rm(part, { force: true }); // a leftover of a crash: its mode is not ours to trust
    await writeFile(part, pdf, { mode: 0o600, flag: 'wx' });
    await rename(part, file);
  } catch (e) {
    await rm(part, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    const vars = { file, code, n: copyNo };
    const label: Label = { fr: fill(STRINGS.copyWriteFailed.fr, vars), en: fill(STRINGS.copyWriteFailed.en, vars) };
    throw Object.assign(new Error(label.en, { cause: e }), label);
  }
  return file;
}
