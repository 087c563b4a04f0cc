import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { createAccountService } from '../auth/accounts.js';
import type { SessionRegistry } from './session.js';

export { MAX_FAILED_LOGINS, LOCKOUT_MINUTES, type UserView } from '../auth/accounts.js';

/** The centre's users: Agents, Secretaries, Officers (the Officer manages them). */
export function createUserService(db: Database, clock: Clock, sessions: SessionRegistry) {
  const svc = createAccountService(db, clock, sessions, {
    side: 'centre',
    entity: 'user',
    manage: { fr: 'gérer les utilisateurs', en: 'managing users' },
    roleList: { fr: '1 Agent, 2 Secrétaire, 3 Officier', en: '1 Agent, 2 Secretary, 3 Officer' },
    adminRole: { fr: 'Officier', en: 'Officer' },
  });
  return { ...svc, createFirstOfficer: svc.createFirstAdmin, createTrialUser: svc.createTrialAccount };
}

export type UserService = ReturnType<typeof createUserService>;
