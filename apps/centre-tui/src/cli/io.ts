import { DocstreamError, isDocstreamError, readNewPassword, type Lang } from '@docstream/core';

export { readSecret, readStdinText } from '@docstream/core';

export interface Output {
  lang: Lang;
  json: boolean;
}

/** Prints the data as JSON with --json, else the human text. */
export function emit(out: Output, data: unknown, text: string | (() => string)): void {
  if (out.json) process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  else process.stdout.write(`${typeof text === 'function' ? text() : text}\n`);
}

export function tr(out: Output, fr: string, en: string): string {
  return out.lang === 'en' ? en : fr;
}

/** Both languages, the chosen one first: the reader may not be the one who chose. */
export function reportError(out: Output, e: unknown): number {
  const err = isDocstreamError(e)
    ? e
    : new DocstreamError('db_error', `Erreur inattendue : ${(e as Error)?.message ?? String(e)}`, `Unexpected error: ${(e as Error)?.message ?? String(e)}`);
  if (out.json) {
    process.stderr.write(`${JSON.stringify({ error: err.toJSON() })}\n`);
  } else {
    const [first, second] = out.lang === 'en' ? [err.en, err.fr] : [err.fr, err.en];
    process.stderr.write(`${tr(out, 'Erreur', 'Error')} : ${first}\n  (${second})\n`);
    for (const p of err.problems) if (!first.includes(out.lang === 'en' ? p.en : p.fr)) process.stderr.write(`  - ${out.lang === 'en' ? p.en : p.fr}\n`);
  }
  return 1;
}

export function readNewSecret(out: Output, envName: string): Promise<string> {
  return readNewPassword(out.lang, envName);
}
