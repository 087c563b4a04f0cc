import type { Database } from '../db/database.js';
import { systemClock, type Clock } from '../clock.js';
import { DocstreamError } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { verifyAuditLog } from '../audit/verify.js';
import type { ChainReport } from '../audit/chain.js';
import { centreSessions } from './session.js';
import { createUserService } from './users.js';
import { createDocumentService } from './documents.js';
import { createFormService } from './forms.js';
import { centreInfo, insertCentre, type CentreRow } from './queries/centre-info.js';
import { countUsers } from './queries/users.js';
import { Privilege } from './privileges.js';
import { createTransmission } from './transmission.js';
import { createServerLink } from './server-link.js';
import { createCopies } from './copies.js';
import { createSettingsService } from './settings-service.js';
import type { KeyAccess } from '../crypto/key-access.js';

export interface CentreDeps {
  db: Database;
  clock?: Clock;
  /** Where the encrypted private key is and its passphrase; needed to transmit. */
  keys?: KeyAccess;
}

export interface InitInput {
  matricule: string;
  name: string;
  officer: { login: string; fullName: string; password: string };
}

/** The trial accounts of `demo`; each must change its password at first login. */
export const DEMO_ACCOUNTS = [
  { login: 'agent', fullName: 'Agent de démonstration', privilege: Privilege.Agent },
  { login: 'secretaire', fullName: 'Secrétaire de démonstration', privilege: Privilege.Secretary },
  { login: 'officier', fullName: 'Officier de démonstration', privilege: Privilege.Officer },
] as const;
export const DEMO_PASSWORD = 'demo';
/** The identity `initDemo` gives the centre by default. */
export const DEMO_CENTRE = { matricule: '00001', name: 'Centre de démonstration' } as const;

function alreadyInitialised(c: CentreRow): DocstreamError {
  return new DocstreamError(
    'already_initialised',
    `Ce centre est déjà initialisé (matricule ${c.matricule}, ${c.name}). Rien n’a été changé.`,
    `This centre is already initialised (matricule ${c.matricule}, ${c.name}). Nothing was changed.`,
  );
}

/** The one factory for the centre's services: console, headless service, scripts and tests. */
export function createCentre(deps: CentreDeps) {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  const sessions = centreSessions();
  const users = createUserService(db, clock, sessions);
  const forms = createFormService(db, clock, sessions);
  const documents = createDocumentService(db, clock, sessions);
  const transmission = createTransmission(db, clock, sessions, deps.keys);
  const serverLink = createServerLink(db, clock, sessions);
  const copies = createCopies(db, clock, sessions, deps.keys);
  const settings = createSettingsService(db, clock, sessions);

  async function initWith(matricule: string, name: string, addUsers: (q: Parameters<Parameters<Database['tx']>[0]>[0]) => Promise<void>): Promise<void> {
    if (!/^\d{5}$/.test(matricule)) {
      throw new DocstreamError('validation', 'Matricule du centre : 5 chiffres (ex. 00042).', 'Centre matricule: 5 digits (e.g. 00042).', {
        problems: [{ field: 'matricule', fr: '5 chiffres', en: '5 digits' }],
      });
    }
    if (name.trim() === '') throw new DocstreamError('validation', 'Nom du centre obligatoire.', 'Centre name required.', { problems: [{ field: 'name', fr: 'obligatoire', en: 'required' }] });
    await db.tx(async (q) => {
      const existing = await centreInfo(q);
      if (existing) throw alreadyInitialised(existing);
      if ((await countUsers(q)) > 0) throw new DocstreamError('already_initialised', 'Des utilisateurs existent déjà.', 'Users already exist.');
      const now = clock.now();
      await insertCentre(q, matricule, name.trim(), now);
      await appendAudit(q, 'centre', { at: now, actorId: null, actorLogin: null, action: 'centre_initialised', entity: 'centre', entityId: matricule, details: { name: name.trim() } });
      await forms.installShipped(q);
      await addUsers(q);
    });
  }

  return {
    db,
    clock,
    users,
    forms,
    documents,
    transmission,
    /** Account, profile, messages and queries: what the centre exchanges with the server besides documents. */
    server: serverLink,
    /** Certified copies, their templates, and the verification of a seal. */
    copies,
    /** The settings file: read by everyone, changed by the Officer (audited). */
    settings,

    async info(): Promise<CentreRow | undefined> {
      return centreInfo(db);
    },

    /** First start: the centre's identity, the shipped forms and the first Officer. */
    async init(input: InitInput): Promise<void> {
      await initWith(input.matricule, input.name, async (q) => {
        await users.createFirstOfficer(q, { ...input.officer, mustChange: false });
      });
    },

    /** A demo centre with trial accounts (password `demo`, to change at first login). */
    async initDemo(matricule: string = DEMO_CENTRE.matricule, name: string = DEMO_CENTRE.name): Promise<void> {
      await initWith(matricule, name, async (q) => {
        for (const a of DEMO_ACCOUNTS) await users.createTrialUser(q, { ...a, password: DEMO_PASSWORD });
      });
    },

    verifyAudit(): Promise<ChainReport> {
      return verifyAuditLog(db, 'centre');
    },

    close(): Promise<void> {
      return db.close();
    },
  };
}

export type Centre = ReturnType<typeof createCentre>;
