import { SessionRegistry, type Session } from '../auth/session.js';
import { userQueries } from './queries/users.js';
import { PRIVILEGE_LABELS } from './privileges.js';

export { SessionRegistry, type Session };

export function centreSessions(): SessionRegistry {
  return new SessionRegistry({
    queries: userQueries,
    roles: PRIVILEGE_LABELS,
    admin: { fr: 'l’Officier du centre', en: 'the centre’s Officer' },
    passwd: 'docstream-centre passwd',
  });
}
