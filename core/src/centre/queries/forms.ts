import type { Queryable } from '../../db/database.js';
import type { FormDef } from '../../forms/types.js';

export async function latestForms(q: Queryable): Promise<FormDef[]> {
  const rows = await q.query<{ definition: FormDef }>(
    'SELECT DISTINCT ON (id) definition FROM docstream.forms ORDER BY id, version DESC',
  );
  return rows.map((r) => r.definition);
}

export async function formVersion(q: Queryable, id: string, version?: number): Promise<FormDef | undefined> {
  const rows =
    version === undefined
      ? await q.query<{ definition: FormDef }>('SELECT definition FROM docstream.forms WHERE id = $1 ORDER BY version DESC LIMIT 1', [id])
      : await q.query<{ definition: FormDef }>('SELECT definition FROM docstream.forms WHERE id = $1 AND version = $2', [id, version]);
  return rows[0]?.definition;
}

export async function insertForm(q: Queryable, def: FormDef, at: Date): Promise<void> {
  await q.query('INSERT INTO docstream.forms (id, version, definition, installed_at) VALUES ($1, $2, $3, $4)', [def.id, def.version, def, at]);
  await q.query('SELECT docstream.refresh_form_view($1)', [def.id]);
}
