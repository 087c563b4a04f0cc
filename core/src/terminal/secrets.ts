import { createInterface } from 'node:readline';
import { DocstreamError } from '../errors.js';

// Shared by both command lines: secrets come from the environment, a pipe or a prompt.

let stdinLines: string[] | undefined;

async function pipedLines(): Promise<string[]> {
  if (stdinLines) return stdinLines;
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  stdinLines = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  return stdinLines;
}

export async function promptHidden(label: string): Promise<string> {
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

export async function readStdinText(): Promise<string> {
  return (await pipedLines()).join('\n');
}

/** A new password, typed twice at a prompt (once from the environment or a pipe). */
export async function readNewPassword(lang: 'fr' | 'en', envName: string): Promise<string> {
  const first = await readSecret(lang === 'en' ? 'New password' : 'Nouveau mot de passe', envName);
  if (process.env[envName] !== undefined || !process.stdin.isTTY) return first;
  const again = await promptHidden(lang === 'en' ? 'Confirm the password' : 'Confirmez le mot de passe');
  if (again !== first) {
    throw new DocstreamError('validation', 'Les deux saisies diffèrent ; recommencez.', 'The two entries differ; start again.');
  }
  return first;
}
