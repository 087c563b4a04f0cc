import type { Queryable } from '../db/database.js';
import { DocstreamError } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { checkFormDefinition, shippedForms } from './definition.js';
import { formVersion, insertForm, type Catalog } from './catalog-queries.js';
import type { FormDef } from './types.js';

/**
 * Installs a form definition in one side's catalog, audited on that side, unless that
 * version or a newer one is there. Documents of older versions keep theirs.
 */
export async function installForm(q: Queryable, side: Catalog, raw: unknown, actor: { id: number; login: string } | null, at: Date): Promise<FormDef> {
  const def = checkFormDefinition(raw);
  const current = await formVersion(q, side, def.id);
  if (current && current.version >= def.version) {
    throw new DocstreamError(
      'conflict',
      `Le formulaire ${def.id} est déjà installé en version ${current.version}. Augmentez le numéro de version pour le remplacer.`,
      `Form ${def.id} is already installed at version ${current.version}. Raise the version number to replace it.`,
    );
  }
  await insertForm(q, side, def, at);
  await appendAudit(q, side, { at, actorId: actor?.id ?? null, actorLogin: actor?.login ?? null, action: 'form_installed', entity: 'form', entityId: def.id, details: { version: def.version } });
  return def;
}

/** The shipped kinds not yet in the catalog, or shipped in a newer version; returns their ids. */
export async function installShippedForms(q: Queryable, side: Catalog, at: Date): Promise<string[]> {
  const done: string[] = [];
  for (const def of shippedForms()) {
    const have = await formVersion(q, side, def.id);
    if (have && have.version >= def.version) continue;
    await installForm(q, side, def, null, at);
    done.push(def.id);
  }
  return done;
}
