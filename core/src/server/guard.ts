import type { Queryable } from '../db/database.js';
import type { Label } from '../forms/types.js';
import type { Session } from '../auth/session.js';

/** Server privileges (operators): 0 suspended, 1 viewer, 2 operator, 3 supervisor. */
export const OperatorPrivilege = { Suspended: 0, Viewer: 1, Operator: 2, Supervisor: 3 } as const;
export type OperatorPrivilege = (typeof OperatorPrivilege)[keyof typeof OperatorPrivilege];

export const OPERATOR_PRIVILEGE_LABELS: Record<OperatorPrivilege, Label> = {
  0: { fr: 'suspendu', en: 'suspended' },
  1: { fr: 'Lecteur', en: 'Viewer' },
  2: { fr: 'Opérateur', en: 'Operator' },
  3: { fr: 'Superviseur', en: 'Supervisor' },
};

/**
 * Checks, inside the caller's transaction, that the session's operator is active and
 * holds at least `min`; throws a DocstreamError (forbidden, suspended…) otherwise.
 * Every server service that acts for an operator takes one of these.
 */
export type Guard = (q: Queryable, session: Session, min: OperatorPrivilege, action: Label) => Promise<{ id: number; login: string; fullName: string }>;
