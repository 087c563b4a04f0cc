import { DocstreamError, forbidden } from '../errors.js';
import type { Queryable } from '../db/database.js';
import type { Label } from '../forms/types.js';
import type { AccountQueries, AccountRow } from './account-queries.js';

/** What `login` hands back. Only sessions this process issued are accepted by its services. */
export interface Session {
  readonly userId: number;
  readonly login: string;
  readonly fullName: string;
  readonly privilege: number;
  readonly mustChangePassword: boolean;
}

/** How one side names its roles and tells a user where to turn. */
export interface SessionPolicy {
  queries: AccountQueries;
  roles: Record<number, Label>;
  /** Who restores a suspended account, e.g. "l’Officier du centre". */
  admin: Label;
  /** The command that changes one's password. */
  passwd: string;
}

export class SessionRegistry {
  /** Each session with the password hash it was opened with: a new password ends the others. */
  private readonly issued = new WeakMap<Session, string>();

  constructor(readonly policy: SessionPolicy) {}

  /** After logout the session object is refused everywhere. */
  revoke(s: Session): boolean {
    return this.issued.delete(s);
  }

  issue(u: AccountRow): Session {
    const s: Session = Object.freeze({
      userId: u.id,
      login: u.login,
      fullName: u.full_name,
      privilege: u.privilege,
      mustChangePassword: u.must_change_password,
    });
    this.issued.set(s, u.password_hash);
    return s;
  }

  suspendedError(): DocstreamError {
    const a = this.policy.admin;
    return new DocstreamError('account_suspended', `Ce compte est suspendu. Adressez-vous à ${a.fr}.`, `This account is suspended. Ask ${a.en}.`);
  }

  /**
   * Re-reads the account on every operation: a suspension or a demotion takes effect at
   * once, not at the next login.
   */
  async require(q: Queryable, session: Session, min: number, action: Label): Promise<AccountRow> {
    if (!this.issued.has(session)) {
      throw new DocstreamError('auth_failed', 'Session inconnue : connectez-vous.', 'Unknown session: log in.');
    }
    const u = await this.policy.queries.byId(q, session.userId);
    if (!u || u.privilege === 0) throw this.suspendedError();
    if (u.password_hash !== this.issued.get(session)) {
      throw new DocstreamError('auth_failed', 'Le mot de passe a changé depuis la connexion : reconnectez-vous.', 'The password changed since this login: log in again.');
    }
    if (u.must_change_password) {
      throw new DocstreamError(
        'password_change_required',
        `Vous devez d’abord changer votre mot de passe (${this.policy.passwd}).`,
        `You must change your password first (${this.policy.passwd}).`,
      );
    }
    if (u.privilege < min) {
      const role = this.policy.roles[min]!;
      throw forbidden(action.fr, action.en, role.fr, role.en);
    }
    return u;
  }
}
