import { DocstreamError, forbidden } from '../errors.js';
import type { Queryable } from '../db/database.js';
import { userById, type UserRow } from './queries/users.js';
import { PRIVILEGE_LABELS, type Privilege } from './privileges.js';

/** What `login` hands back. Only sessions this centre issued are accepted by its services. */
export interface Session {
  readonly userId: number;
  readonly login: string;
  readonly fullName: string;
  readonly privilege: Privilege;
  readonly mustChangePassword: boolean;
}

export class SessionRegistry {
  private readonly issued = new WeakSet<Session>();

  /** After logout the session object is refused everywhere. */
  revoke(s: Session): boolean {
    return this.issued.delete(s);
  }

  issue(u: UserRow): Session {
    const s: Session = Object.freeze({
      userId: u.id,
      login: u.login,
      fullName: u.full_name,
      privilege: u.privilege as Privilege,
      mustChangePassword: u.must_change_password,
    });
    this.issued.add(s);
    return s;
  }

  /**
   * Re-reads the user on every operation: a suspension or a demotion takes effect at
   * once, not at the next login.
   */
  async require(q: Queryable, session: Session, min: Privilege, action: { fr: string; en: string }): Promise<UserRow> {
    if (!this.issued.has(session)) {
      throw new DocstreamError('auth_failed', 'Session inconnue : connectez-vous.', 'Unknown session: log in.');
    }
    const u = await userById(q, session.userId);
    if (!u || u.privilege === 0) {
      throw new DocstreamError(
        'account_suspended',
        'Ce compte est suspendu. Adressez-vous à l’Officier du centre.',
        'This account is suspended. Ask the centre’s Officer.',
      );
    }
    if (u.must_change_password) {
      throw new DocstreamError(
        'password_change_required',
        'Vous devez d’abord changer votre mot de passe (docstream-centre passwd).',
        'You must change your password first (docstream-centre passwd).',
      );
    }
    if (u.privilege < min) {
      const role = PRIVILEGE_LABELS[min];
      throw forbidden(action.fr, action.en, role.fr, role.en);
    }
    return u;
  }
}
