import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../clock.js';
import type { FormDef } from '../forms/types.js';
import { formVersion, latestForms } from '../forms/catalog-queries.js';
import { installForm, installShippedForms } from '../forms/catalog.js';
import { Privilege } from './privileges.js';
import type { Session, SessionRegistry } from './session.js';

export function createFormService(db: Database, clock: Clock, sessions: SessionRegistry) {
  return {
    list(): Promise<FormDef[]> {
      return latestForms(db, 'centre');
    },
    get(id: string, version?: number): Promise<FormDef | undefined> {
      return formVersion(db, 'centre', id, version);
    },
    /** A new kind or a newer version, as data. Documents of older versions keep theirs. */
    install(session: Session, raw: unknown): Promise<FormDef> {
      return db.tx(async (q) => {
        const actor = await sessions.require(q, session, Privilege.Officer, { fr: 'installer un formulaire', en: 'installing a form' });
        return installForm(q, 'centre', raw, actor, clock.now());
      });
    },
    /** Used by `init`: the shipped kinds not yet installed. */
    installShipped(q: Queryable): Promise<string[]> {
      return installShippedForms(q, 'centre', clock.now());
    },
  };
}

export type FormService = ReturnType<typeof createFormService>;
