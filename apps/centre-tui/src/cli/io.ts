import { createInterface } from 'node:readline';
import { DocstreamError, isDocstreamError, type Lang } from '@docstream/core';

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

let stdinLines: string[] | undefined;

async function pipedLines(): Promise<string[]> {
  if (stdinLines) return stdinLines;
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  stdinLines = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  return stdinLines;
}

async function promptHidden(label: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
  let prompted = false;
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (!prompted) {
      write.call(rl, s);
      prompted = true;
    }
  };
  try {
    return await new Promise<string>((resolve, reject) => {
      let answered = false;
      // Ctrl+C at the prompt must end the command, not leave it waiting (holding the database)
      rl.on('SIGINT', () => {
        process.stderr.write('\n');
        process.exit(130);
      });
      rl.on('close', () => {
        if (!answered) reject(new DocstreamError('auth_failed', 'Saisie interrompue.', 'Input interrupted.'));
      });
      rl.question(label, (answer) => {
        answered = true;
        resolve(answer);
      });
    });
  } finally {
    process.stderr.write('\n');
    rl.close();
  }
}

/**
 * A secret for scripts and people alike: from the environment variable if set, else the
 * next line of piped standard input, else a prompt that does not echo.
 */
export async function readSecret(label: string, envName: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) {
    const lines = await pipedLines();
    const line = lines.shift();
    if (line === undefined || (line === '' && lines.length === 0)) {
      throw new DocstreamError('validation', `${label} manquant : fournissez-le dans ${envName} ou sur l'entrée standard.`, `${label} missing: give it in ${envName} or on standard input.`);
    }
    return line;
  }
  return promptHidden(`${label}: `);
}

export async function readNewSecret(out: Output, envName: string): Promise<string> {
  const first = await readSecret(tr(out, 'Nouveau mot de passe', 'New password'), envName);
  if (process.env[envName] !== undefined || !process.stdin.isTTY) return first;
  const again = await promptHidden(tr(out, 'Confirmez le mot de passe', 'Confirm the password'));
  if (again !== first) {
    throw new DocstreamError('validation', 'Les deux saisies diffèrent ; recommencez.', 'The two entries differ; start again.');
  }
  return first;
}

export async function readStdinText(): Promise<string> {
  return (await pipedLines()).join('\n');
}
