import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError } from '../errors.js';
import { accountQueries } from '../auth/account-queries.js';
import { createAccountService } from '../auth/accounts.js';
import { SessionRegistry } from '../auth/session.js';
import { OPERATOR_PRIVILEGE_LABELS, type Guard } from './guard.js';

export const operatorQueries = accountQueries('xm_system.operators');

/** The demo's supervisor: a known password that must change at first login. */
export const DEMO_SUPERVISOR = { login: 'admin', fullName: 'Superviseur de démonstration', password: 'demo' } as const;

export function operatorSessions(): SessionRegistry {
  return new SessionRegistry({
    queries: operatorQueries,
    roles: OPERATOR_PRIVILEGE_LABELS,
    admin: { fr: 'un superviseur du serveur central', en: 'a supervisor of the central server' },
    passwd: 'docstream-server passwd',
  });
}

/** Accepts 0–3 or a role name in French or English. */
export function parseOperatorPrivilege(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^[0-3]$/.test(t)) return Number(t);
  const byName: Record<string, number> = {
    suspendu: 0, suspended: 0, lecteur: 1, viewer: 1, 'opérateur': 2, operateur: 2, operator: 2, superviseur: 3, supervisor: 3,
  };
  return byName[t];
}

/**
 * The server's operators (DESIGN §3): 1 viewer reads, 2 operator runs the daily work
 * (clients, recharges, messages), 3 supervisor manages operators, tariffs, statuses.
 */
export function createOperatorService(db: Database, clock: Clock, sessions: SessionRegistry) {
  const svc = createAccountService(db, clock, sessions, {
    side: 'server',
    entity: 'operator',
    manage: { fr: 'gérer les opérateurs', en: 'managing operators' },
    roleList: { fr: '1 Lecteur, 2 Opérateur, 3 Superviseur', en: '1 Viewer, 2 Operator, 3 Supervisor' },
    adminRole: { fr: 'Superviseur', en: 'Supervisor' },
    // A viewer reads everything (DESIGN §3), the list of operators included; only a supervisor changes it.
    read: { min: 1, action: { fr: 'consulter les opérateurs', en: 'viewing operators' } },
  });

  async function initWith(add: (q: Queryable) => Promise<void>): Promise<void> {
    await db.tx(async (q) => {
      if ((await operatorQueries.count(q)) > 0) {
        throw new DocstreamError('already_initialised', 'Des opérateurs existent déjà : connectez-vous avec l’un d’eux.', 'Operators already exist: log in as one of them.');
      }
      await add(q);
    });
  }

  const guard: Guard = async (q, session, min, action) => {
    const u = await sessions.require(q, session, min, action);
    return { id: u.id, login: u.login, fullName: u.full_name };
  };

  return {
    ...svc,
    guard,
    /** The first supervisor, with the password given (it must meet the policy). */
    firstSupervisor(input: { login: string; fullName: string; password: string }): Promise<void> {
      return initWith(async (q) => {
        await svc.createFirstAdmin(q, { ...input, mustChange: false });
      });
    },
    /** The demo's supervisor: its known password must change at first login. */
    demoSupervisor(): Promise<void> {
      return initWith((q) => svc.createTrialAccount(q, { ...DEMO_SUPERVISOR, privilege: 3 }));
    },
    count: () => operatorQueries.count(db),
  };
}

export type OperatorService = ReturnType<typeof createOperatorService>;
