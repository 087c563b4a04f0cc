import { DocstreamError } from '../errors.js';

interface PgLikeError {
  code?: string;
  constraint?: string;
  message?: string;
  detail?: string;
  column?: string;
}

function pgFields(e: unknown): PgLikeError | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  return e as PgLikeError;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'ENOENT']);

/**
 * Translates a PostgreSQL (SQLSTATE) or socket error into a DocstreamError that says
 * what to do next. Unknown errors keep the original as `cause` for the logs.
 */
export function translateDbError(e: unknown): DocstreamError {
  if (e instanceof DocstreamError) return e;
  const f = pgFields(e);
  const code = f?.code ?? '';
  const constraint = f?.constraint ?? '';
  const raw = f?.message ?? String(e);

  if (code === 'DS001') {
    return new DocstreamError(
      'immutable',
      `Modification refusée : ${raw}. Un document validé ne change plus ; annulez-le et établissez-en un nouveau si nécessaire.`,
      `Change refused: ${raw}. A validated document never changes; cancel it and draw up a new one if needed.`,
      { cause: e },
    );
  }
  if (code === 'DS002') {
    return new DocstreamError(
      'immutable',
      `Suppression refusée : rien n'est jamais supprimé (${raw}).`,
      `Deletion refused: nothing is ever deleted (${raw}).`,
      { cause: e },
    );
  }
  if (code === 'DS003') {
    return new DocstreamError(
      'invalid_state',
      `Décision déjà prise : ${raw}. Une décision enregistrée ne se reprend pas ; consultez-la dans l’historique.`,
      `Already decided: ${raw}. A recorded decision is never taken back; see it in the history.`,
      { cause: e },
    );
  }
  if (code === '23505') {
    return new DocstreamError(
      'conflict',
      `Cette valeur existe déjà (${constraint || 'contrainte d’unicité'}). Choisissez-en une autre.`,
      `This value already exists (${constraint || 'unique constraint'}). Choose another one.`,
      { cause: e },
    );
  }
  if (code === '23514' || code === '23502' || code === '22P02' || code === '22007' || code === '22008' || code === '22001') {
    return new DocstreamError(
      'validation',
      `Donnée refusée par la base (${constraint || raw}). Corrigez la saisie puis réessayez.`,
      `Data refused by the database (${constraint || raw}). Correct the entry and try again.`,
      { cause: e },
    );
  }
  if (code === '23503') {
    return new DocstreamError(
      'validation',
      `Référence inconnue (${constraint}). Vérifiez l'élément lié.`,
      `Unknown reference (${constraint}). Check the linked item.`,
      { cause: e },
    );
  }
  if (code === '53100' || code === '53000' || code === '53200') {
    return new DocstreamError(
      'db_disk_full',
      'Disque plein ou mémoire épuisée sur le serveur de base de données : rien n’a été enregistré. Libérez de l’espace puis réessayez.',
      'Disk full or out of memory on the database server: nothing was saved. Free some space, then try again.',
      { cause: e },
    );
  }
  if (code === '40001' || code === '40P01') {
    return new DocstreamError(
      'conflict',
      'Opération concurrente : rien n’a été enregistré. Réessayez.',
      'Concurrent operation: nothing was saved. Try again.',
      { cause: e },
    );
  }
  if (code === '28P01' || code === '28000') {
    return new DocstreamError(
      'db_unavailable',
      'La base de données a refusé l’identification. Vérifiez l’utilisateur et le mot de passe de DATABASE_URL.',
      'The database refused the login. Check the user and password in DATABASE_URL.',
      { cause: e },
    );
  }
  if (code === '3D000') {
    return new DocstreamError(
      'db_unavailable',
      'La base de données indiquée n’existe pas. Créez-la (createdb) ou corrigez DATABASE_URL.',
      'The database named does not exist. Create it (createdb) or correct DATABASE_URL.',
      { cause: e },
    );
  }
  if (code.startsWith('08') || code === '57P01' || code === '57P03' || CONNECTION_CODES.has(code) || /Connection terminated/i.test(raw)) {
    return new DocstreamError(
      'db_unavailable',
      'Base de données injoignable : rien n’a été enregistré. Vérifiez que PostgreSQL tourne et que DATABASE_URL est juste, puis réessayez.',
      'Database unreachable: nothing was saved. Check that PostgreSQL is running and DATABASE_URL is right, then try again.',
      { cause: e },
    );
  }
  return new DocstreamError(
    'db_error',
    `Erreur de la base de données (${code || 'inconnue'}) : ${raw}. Rien n’a été enregistré ; signalez-la à l’administrateur.`,
    `Database error (${code || 'unknown'}): ${raw}. Nothing was saved; report it to the administrator.`,
    { cause: e },
  );
}
