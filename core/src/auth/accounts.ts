import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../clock.js';
import type { Label } from '../forms/types.js';
import { DocstreamError, notFound } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { checkPasswordPolicy, dummyPasswordHash, generateTemporaryPassword, hashPassword, needsRehash, verifyPassword } from '../crypto/passwords.js';
import type { AccountRow } from './account-queries.js';
import type { Session, SessionRegistry } from './session.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export interface UserView {
  id: number;
  login: string;
  fullName: string;
  privilege: number;
  role: { fr: string; en: string };
  mustChangePassword: boolean;
  locked: boolean;
  lastLoginAt: Date | null;
}

const LOGIN_RE = /^[a-z0-9][a-z0-9._-]{1,31}$/;

function view(u: AccountRow, now: Date, roles: Record<number, Label>): UserView {
  return {
    id: u.id,
    login: u.login,
    fullName: u.full_name,
    privilege: u.privilege,
    role: roles[u.privilege]!,
    mustChangePassword: u.must_change_password,
    locked: u.locked_until !== null && u.locked_until > now,
    lastLoginAt: u.last_login_at,
  };
}

function badCredentials(): DocstreamError {
  return new DocstreamError(
    'auth_failed',
    `Identifiant ou mot de passe incorrect. Après ${MAX_FAILED_LOGINS} échecs le compte est bloqué ${LOCKOUT_MINUTES} minutes.`,
    `Wrong user name or password. After ${MAX_FAILED_LOGINS} failures the account is locked for ${LOCKOUT_MINUTES} minutes.`,
  );
}

function lockedError(until: Date, admin: Label): DocstreamError {
  const hhmm = until.toISOString().slice(11, 16);
  return new DocstreamError(
    'account_locked',
    `Compte bloqué après trop d’échecs, jusqu’à ${hhmm} UTC. Réessayez ensuite, ou demandez à ${admin.fr} de réinitialiser le mot de passe.`,
    `Account locked after too many failures, until ${hhmm} UTC. Try again then, or ask ${admin.en} to reset the password.`,
  );
}

function checkLogin(login: string): string {
  const l = login.trim().toLowerCase();
  if (!LOGIN_RE.test(l)) {
    throw new DocstreamError(
      'validation',
      'Identifiant invalide : 2 à 32 caractères, lettres minuscules, chiffres, point, tiret ou souligné.',
      'Invalid user name: 2 to 32 characters, lower-case letters, digits, dot, hyphen or underscore.',
      { problems: [{ field: 'login', fr: 'identifiant invalide', en: 'invalid user name' }] },
    );
  }
  return l;
}

function checkFullName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 200 || /[\u0000-\u001f\u007f]/.test(n)) {
    throw new DocstreamError('validation', 'Nom complet obligatoire (200 caractères au plus, sans caractère de contrôle).', 'Full name required (200 characters at most, no control characters).', {
      problems: [{ field: 'fullName', fr: 'nom complet obligatoire', en: 'full name required' }],
    });
  }
  return n;
}

/** What differs between the centre's users and the server's operators. */
export interface AccountConfig {
  side: 'centre' | 'server';
  /** Audit entity: cfg.entity or 'operator'. */
  entity: string;
  /** The action named when a lesser role tries to manage accounts. */
  manage: Label;
  /** "0 suspendu, 1 Agent, …", for an invalid role. */
  roleList: Label;
  /** The role that manages accounts, named when the last one would be demoted. */
  adminRole: Label;
  /** Who may list the accounts, and the action named when refused (default: who manages them). */
  read?: { min: number; action: Label };
}

/**
 * Logins, lockout, passwords and account management (DESIGN §3 privileges), for either
 * side: privilege 3 manages accounts, and there is always at least one active.
 */
export function createAccountService(db: Database, clock: Clock, sessions: SessionRegistry, cfg: AccountConfig) {
  const users = sessions.policy.queries;
  const roles = sessions.policy.roles;
  const admin = sessions.policy.admin;
  const MANAGE_USERS = cfg.manage;
  const locked = (until: Date) => lockedError(until, admin);
  const invalidRole = (withSuspended: boolean) =>
    new DocstreamError('validation', `Rôle invalide : ${withSuspended ? '0 suspendu, ' : ''}${cfg.roleList.fr}.`, `Invalid role: ${withSuspended ? '0 suspended, ' : ''}${cfg.roleList.en}.`);

  async function mustFind(q: Queryable, login: string): Promise<AccountRow> {
    const u = await users.byLogin(q, login.trim().toLowerCase(), true);
    if (!u) throw notFound(`Compte « ${login} »`, `Account “${login}”`);
    return u;
  }

  /**
   * Checks a password, then runs `succeed` in the transaction that records the login.
   * Each attempt is first reserved under the user's row lock, so however many arrive at
   * once, at most MAX_FAILED_LOGINS passwords are ever checked before the lockout; success
   * re-checks the lock and that the password was not reset meanwhile.
   */
  async function authenticate<T>(login: string, password: string, succeed: (q: Queryable, u: AccountRow, now: Date) => Promise<T>): Promise<T> {
    const l = login.trim().toLowerCase();
    const now = clock.now();
    const u = LOGIN_RE.test(l) ? await users.byLogin(db, l) : undefined;
    if (!u) {
      await verifyPassword(password, await dummyPasswordHash());
      // never store verbatim what may be a password typed in the wrong field
      const typed = LOGIN_RE.test(l) ? l : '(invalide)';
      await db.tx((q) => appendAudit(q, cfg.side, { at: now, actorId: null, actorLogin: typed, action: 'login_failed', entity: cfg.entity, entityId: null, details: { reason: 'unknown_user' } }));
      throw badCredentials();
    }
    const reserved = await db.tx(async (q): Promise<{ locked: Date } | { attempt: number; hash: string }> => {
      const cur = (await users.byId(q, u.id, true))!;
      if (cur.locked_until && cur.locked_until > now) return { locked: cur.locked_until };
      const base = cur.locked_until ? 0 : cur.failed_attempts; // a lockout that ran out starts a new count
      if (base >= MAX_FAILED_LOGINS) {
        // the limit is taken by attempts still being checked (or left by a crash): lock
        const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
        await users.setLoginFailures(q, u.id, base, until);
        return { locked: until };
      }
      await users.setLoginFailures(q, u.id, base + 1, null);
      return { attempt: base + 1, hash: cur.password_hash };
    });
    if ('locked' in reserved) throw locked(reserved.locked);
    if (!(await verifyPassword(password, reserved.hash))) {
      const until = reserved.attempt >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
      await db.tx(async (q) => {
        if (until) await users.setLoginFailures(q, u.id, reserved.attempt, until);
        await appendAudit(q, cfg.side, { at: now, actorId: u.id, actorLogin: u.login, action: until ? 'login_locked' : 'login_failed', entity: cfg.entity, entityId: u.id, details: { failures: reserved.attempt } });
      });
      throw until ? locked(until) : badCredentials();
    }
    // hashed outside the transaction: the row stays locked only for the writes
    const upgraded = needsRehash(reserved.hash) ? await hashPassword(password) : undefined;
    const done = await db.tx(async (q) => {
      const cur = (await users.byId(q, u.id, true))!;
      if (cur.locked_until && cur.locked_until > now) throw locked(cur.locked_until);
      if (cur.password_hash !== reserved.hash) {
        throw new DocstreamError(
          'auth_failed',
          'Le mot de passe vient d’être changé ou réinitialisé : connectez-vous avec le nouveau.',
          'The password was just changed or reset: log in with the new one.',
        );
      }
      // The right password on a suspended account is not a failure: its count must not
      // lock the account that a supervisor may restore later.
      if (cur.privilege === 0) {
        await users.setLoginFailures(q, cur.id, 0, null);
        return { suspended: true as const };
      }
      await users.recordLoginSuccess(q, cur.id, now);
      if (upgraded) await users.rehash(q, cur.id, upgraded);
      return { value: await succeed(q, cur, now) };
    });
    if ('suspended' in done) throw sessions.suspendedError();
    return done.value;
  }

  async function edit(session: Session, login: string, changes: { fullName?: string; privilege?: number }): Promise<UserView> {
    const now = clock.now();
    const fullName = changes.fullName === undefined ? undefined : checkFullName(changes.fullName);
    if (changes.privilege !== undefined && ![0, 1, 2, 3].includes(changes.privilege)) throw invalidRole(true);
    const row = await db.tx(async (q) => {
      const actor = await sessions.require(q, session, 3, MANAGE_USERS);
      const u = await mustFind(q, login);
      const privilege = changes.privilege ?? u.privilege;
      // Never left without someone able to manage the accounts.
      if (u.privilege === 3 && privilege !== 3 && (await users.countActiveAdmins(q)) <= 1) {
        throw new DocstreamError(
          'invalid_state',
          `Impossible : c’est le dernier ${cfg.adminRole.fr} actif. Nommez-en d’abord un autre.`,
          `Not possible: this is the last active ${cfg.adminRole.en}. Appoint another one first.`,
        );
      }
      await users.updateProfile(q, u.id, fullName ?? u.full_name, privilege, now);
      const action = privilege === 0 && u.privilege !== 0 ? `${cfg.entity}_suspended` : `${cfg.entity}_edited`;
      await appendAudit(q, cfg.side, {
        at: now, actorId: actor.id, actorLogin: actor.login, action, entity: cfg.entity, entityId: u.id,
        details: { before: { fullName: u.full_name, privilege: u.privilege }, after: { fullName: fullName ?? u.full_name, privilege } },
      });
      return (await users.byId(q, u.id))!;
    });
    return view(row, now, roles);
  }

  return {
    /** Logs in. A session whose password must change can only call `changePassword`. */
    async login(login: string, password: string): Promise<Session> {
      const u = await authenticate(login, password, async (q, cur, now) => {
        await appendAudit(q, cfg.side, { at: now, actorId: cur.id, actorLogin: cur.login, action: 'login', entity: cfg.entity, entityId: cur.id });
        return cur;
      });
      return sessions.issue(u);
    },

    /** Ends a session: it is refused from now on; the logout is audited. */
    async logout(session: Session): Promise<void> {
      if (!sessions.revoke(session)) return;
      const now = clock.now();
      await db.tx((q) => appendAudit(q, cfg.side, { at: now, actorId: session.userId, actorLogin: session.login, action: 'logout', entity: cfg.entity, entityId: session.userId }));
    },

    async changePassword(login: string, currentPassword: string, newPassword: string): Promise<Session> {
      checkPasswordPolicy(newPassword, login.trim().toLowerCase());
      if (newPassword === currentPassword) {
        throw new DocstreamError('weak_password', 'Le nouveau mot de passe doit différer de l’actuel.', 'The new password must differ from the current one.');
      }
      const hash = await hashPassword(newPassword);
      const updated = await authenticate(login, currentPassword, async (q, cur, now) => {
        await users.setPassword(q, cur.id, hash, false, now);
        await appendAudit(q, cfg.side, { at: now, actorId: cur.id, actorLogin: cur.login, action: 'password_changed', entity: cfg.entity, entityId: cur.id });
        return (await users.byId(q, cur.id))!;
      });
      return sessions.issue(updated);
    },

    async list(session: Session): Promise<UserView[]> {
      await sessions.require(db, session, cfg.read?.min ?? 3, cfg.read?.action ?? MANAGE_USERS);
      const now = clock.now();
      return (await users.list(db)).map((u) => view(u, now, roles));
    },

    /** Creates a user with a temporary password they must change at first login. */
    async create(session: Session, input: { login: string; fullName: string; privilege: number }): Promise<{ user: UserView; temporaryPassword: string }> {
      const login = checkLogin(input.login);
      const fullName = checkFullName(input.fullName);
      if (![1, 2, 3].includes(input.privilege)) throw invalidRole(false);
      const temporaryPassword = generateTemporaryPassword();
      const hash = await hashPassword(temporaryPassword);
      const now = clock.now();
      const row = await db.tx(async (q) => {
        const actor = await sessions.require(q, session, 3, MANAGE_USERS);
        if (await users.byLogin(q, login)) {
          throw new DocstreamError('conflict', `L’identifiant « ${login} » existe déjà. Choisissez-en un autre.`, `User name “${login}” already exists. Choose another one.`);
        }
        const u = await users.insert(q, { login, fullName, privilege: input.privilege, passwordHash: hash, mustChange: true, at: now });
        await appendAudit(q, cfg.side, { at: now, actorId: actor.id, actorLogin: actor.login, action: `${cfg.entity}_created`, entity: cfg.entity, entityId: u.id, details: { login, fullName, privilege: input.privilege } });
        return u;
      });
      return { user: view(row, now, roles), temporaryPassword };
    },

    edit,

    suspend(session: Session, login: string): Promise<UserView> {
      return edit(session, login, { privilege: 0 });
    },

    /** New temporary password, lockout cleared; the user must change it at next login. */
    async resetPassword(session: Session, login: string): Promise<{ user: UserView; temporaryPassword: string }> {
      const temporaryPassword = generateTemporaryPassword();
      const hash = await hashPassword(temporaryPassword);
      const now = clock.now();
      const row = await db.tx(async (q) => {
        const actor = await sessions.require(q, session, 3, MANAGE_USERS);
        const u = await mustFind(q, login);
        await users.setPassword(q, u.id, hash, true, now);
        await appendAudit(q, cfg.side, { at: now, actorId: actor.id, actorLogin: actor.login, action: 'password_reset', entity: cfg.entity, entityId: u.id });
        return (await users.byId(q, u.id))!;
      });
      return { user: view(row, now, roles), temporaryPassword };
    },

    /** Creates the first administrator (privilege 3); the caller refuses it once any account exists. Used by `init`. */
    async createFirstAdmin(q: Queryable, input: { login: string; fullName: string; password: string; mustChange: boolean }): Promise<UserView> {
      const login = checkLogin(input.login);
      const fullName = checkFullName(input.fullName);
      if (!input.mustChange) checkPasswordPolicy(input.password, login);
      const now = clock.now();
      const u = await users.insert(q, { login, fullName, privilege: 3, passwordHash: await hashPassword(input.password), mustChange: input.mustChange, at: now });
      await appendAudit(q, cfg.side, { at: now, actorId: null, actorLogin: null, action: `${cfg.entity}_created`, entity: cfg.entity, entityId: u.id, details: { login, fullName, privilege: 3, first: true } });
      return view(u, now, roles);
    },

    /** Trial accounts of the demo: a known password that must change at first login. */
    async createTrialAccount(q: Queryable, input: { login: string; fullName: string; privilege: number; password: string }): Promise<void> {
      const now = clock.now();
      const u = await users.insert(q, { login: input.login, fullName: input.fullName, privilege: input.privilege, passwordHash: await hashPassword(input.password), mustChange: true, at: now });
      await appendAudit(q, cfg.side, { at: now, actorId: null, actorLogin: null, action: `${cfg.entity}_created`, entity: cfg.entity, entityId: u.id, details: { login: u.login, privilege: input.privilege, trial: true } });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
