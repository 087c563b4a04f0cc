import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { checkPasswordPolicy } from '../crypto/passwords.js';
import type { Session } from '../auth/session.js';
import { OperatorPrivilege, type Guard } from './guard.js';
import { createReportingRole, roleExists } from './queries/statistics.js';

/** PostgreSQL role names for reporting logins: lower case, so they never need quoting in a tool. */
export const REPORTING_LOGIN_PATTERN = /^[a-z][a-z0-9_]{2,40}$/;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, as
 * PostgreSQL writes it). Sending the verifier instead of the password keeps the password
 * out of the server's statement log. Printable ASCII only: for it SASLprep changes
 * nothing, so the verifier matches what PostgreSQL computes at login.
 */
export function scramSha256Verifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

function invalid(field: string, fr: string, en: string): DocstreamError {
  return new DocstreamError('validation', fr, en, { problems: [{ field, fr, en }] });
}

function checkLogin(name: string, password: string): void {
  if (!REPORTING_LOGIN_PATTERN.test(name)) {
    throw invalid('name', `Nom de connexion « ${name} » refusé : 3 à 41 caractères, minuscules, chiffres ou _, en commençant par une lettre.`,
      `Login name “${name}” refused: 3 to 41 characters, lower-case letters, digits or _, starting with a letter.`);
  }
  if (name.startsWith('pg_') || name.startsWith('docstream')) {
    throw invalid('name', 'Les noms commençant par pg_ ou docstream sont réservés : choisissez-en un autre.',
      'Names starting with pg_ or docstream are reserved: choose another one.');
  }
  if (!/^[\x20-\x7e]*$/.test(password)) {
    throw invalid('password', 'Mot de passe refusé : lettres sans accents, chiffres, espaces et signes ASCII seulement (les outils de rapport les acceptent tous).',
      'Password refused: unaccented letters, digits, spaces and ASCII signs only (every reporting tool accepts them).');
  }
  checkPasswordPolicy(password, name);
}

function pgCode(e: unknown): string | undefined {
  const cause = e instanceof DocstreamError ? e.cause : e;
  return typeof cause === 'object' && cause !== null ? (cause as { code?: string }).code : undefined;
}

export function createReporting(db: Database, guard: Guard, clock: Clock) {
  return {
    /**
     * A PostgreSQL login for spreadsheets and BI tools, member of docstream_reporting: it
     * reads xm_data (documents, forms, the per-kind views) and nothing of xm_system.
     * Supervisors only: it opens the database to a program outside Docstream.
     */
    async createReportingLogin(session: Session, name: string, password: string): Promise<{ name: string; database: string }> {
      checkLogin(name, password);
      const verifier = scramSha256Verifier(password);
      try {
        return await db.tx(async (q) => {
          const actor = await guard(q, session, OperatorPrivilege.Supervisor, { fr: 'créer un accès de consultation', en: 'creating a reporting login' });
          if (await roleExists(q, name)) {
            throw new DocstreamError('conflict', `Le rôle PostgreSQL « ${name} » existe déjà : choisissez un autre nom.`,
              `The PostgreSQL role “${name}” already exists: choose another name.`);
          }
          const database = await createReportingRole(q, name, verifier);
          await appendAudit(q, 'server', { at: clock.now(), actorId: actor.id, actorLogin: actor.login, action: 'reporting_login_created', entity: 'reporting_login', entityId: name, details: { database } });
          return { name, database };
        });
      } catch (e) {
        if (pgCode(e) === '42501') {
          throw new DocstreamError('forbidden',
            'Le compte PostgreSQL du serveur ne peut pas créer de rôles. Demandez à l’administrateur de la base : ALTER ROLE <compte du serveur> CREATEROLE;',
            'The server’s PostgreSQL account cannot create roles. Ask the database administrator: ALTER ROLE <server account> CREATEROLE;', { cause: e });
        }
        if (pgCode(e) === '42710') {
          throw new DocstreamError('conflict', `Le rôle PostgreSQL « ${name} » existe déjà : choisissez un autre nom.`,
            `The PostgreSQL role “${name}” already exists: choose another name.`, { cause: e });
        }
        throw e;
      }
    },
  };
}
