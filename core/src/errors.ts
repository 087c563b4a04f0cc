/**
 * Every failure that reaches a user crosses the core boundary as a DocstreamError:
 * a stable code for programs, and a French and an English sentence that say what
 * happened and what to do next.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'auth_failed'
  | 'account_locked'
  | 'account_suspended'
  | 'password_change_required'
  | 'weak_password'
  | 'conflict'
  | 'invalid_state'
  | 'immutable'
  | 'db_unavailable'
  | 'db_disk_full'
  | 'db_error'
  | 'config'
  | 'not_initialised'
  | 'already_initialised'
  | 'audit_broken'
  | 'container_rejected'
  | 'key_locked'
  | 'pki'
  | 'transport'
  | 't2d'
  | 'cancelled';

export interface FieldProblem {
  field: string;
  fr: string;
  en: string;
}

export class DocstreamError extends Error {
  readonly code: ErrorCode;
  readonly fr: string;
  readonly en: string;
  readonly problems: FieldProblem[];

  constructor(code: ErrorCode, fr: string, en: string, options: { cause?: unknown; problems?: FieldProblem[] } = {}) {
    super(en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DocstreamError';
    this.code = code;
    this.fr = fr;
    this.en = en;
    this.problems = options.problems ?? [];
  }

  toJSON(): { code: ErrorCode; fr: string; en: string; problems: FieldProblem[] } {
    return { code: this.code, fr: this.fr, en: this.en, problems: this.problems };
  }
}

export type Lang = 'fr' | 'en';

export function isDocstreamError(e: unknown): e is DocstreamError {
  return e instanceof DocstreamError;
}

export function notFound(whatFr: string, whatEn: string): DocstreamError {
  return new DocstreamError(
    'not_found',
    `${whatFr} introuvable. Vérifiez le numéro ou l'identifiant saisi.`,
    `${whatEn} not found. Check the number or identifier you typed.`,
  );
}

export function forbidden(actionFr: string, actionEn: string, roleFr: string, roleEn: string): DocstreamError {
  return new DocstreamError(
    'forbidden',
    `Action refusée : ${actionFr} demande le rôle ${roleFr}. Demandez à un utilisateur habilité.`,
    `Not allowed: ${actionEn} needs the ${roleEn} role. Ask a user who holds it.`,
  );
}
