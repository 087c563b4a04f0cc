import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { checkFormDefinition, shippedForms } from '../forms/definition.js';
import type { FormDef } from '../forms/types.js';
import type { Queryable } from '../db/database.js';
import { formVersion, insertForm, latestForms } from './queries/forms.js';
import { Privilege } from './privileges.js';
import type { Session, SessionRegistry } from './session.js';

export function createFormService(db: Database, clock: Clock, sessions: SessionRegistry) {
  /** Installs a definition unless that version or a newer one is already there. */
  async function installIn(q: Queryable, raw: unknown, actor: { id: number; login: string } | null): Promise<FormDef> {
    const def = checkFormDefinition(raw);
    const current = await formVersion(q, def.id);
    if (current && current.version >= def.version) {
      throw new DocstreamError(
        'conflict',
        `Le formulaire ${def.id} est déjà installé en version ${current.version}. Augmentez le numéro de version pour le remplacer.`,
        `Form ${def.id} is already installed at version ${current.version}. Raise the version number to replace it.`,
      );
    }
    const now = clock.now();
    await insertForm(q, def, now);
    await appendAudit(q, 'centre', { at: now, actorId: actor?.id ?? null, actorLogin: actor?.login ?? null, action: 'form_installed', entity: 'form', entityId: def.id, details: { version: def.version } });
    return def;
  }

  return {
    async list(): Promise<FormDef[]> {
      return latestForms(db);
    },
    async get(id: string, version?: number): Promise<FormDef | undefined> {
      return formVersion(db, id, version);
    },
    /** A new kind or a newer version, as data. Documents of older versions keep theirs. */
    async install(session: Session, raw: unknown): Promise<FormDef> {
      return db.tx(async (q) => {
        const actor = await sessions.require(q, session, Privilege.Officer, { fr: 'installer un formulaire', en: 'installing a form' });
        return installIn(q, raw, actor);
      });
    },
    /** Used by `init`: the shipped kinds not yet installed. */
    async installShipped(q: Queryable): Promise<string[]> {
      const done: string[] = [];
      for (const def of shippedForms()) {
        if (await formVersion(q, def.id)) continue;
        await installIn(q, def, null);
        done.push(def.id);
      }
      return done;
    },
  };
}

export type FormService = ReturnType<typeof createFormService>;
