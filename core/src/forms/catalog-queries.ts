import type { Queryable } from '../db/database.js';
import type { FormDef } from './types.js';

/** Whose catalog: the centre's or the server's. Table names are constants, never input. */
export type Catalog = 'centre' | 'server';

const SQL = {
  centre: { forms: 'docstream.forms', refresh: 'docstream.refresh_form_view' },
  server: { forms: 'xm_data.forms', refresh: 'xm_data.refresh_form_view' },
} as const;

export async function latestForms(q: Queryable, side: Catalog): Promise<FormDef[]> {
  const rows = await q.query<{ definition: FormDef }>(`SELECT DISTINCT ON (id) definition FROM ${SQL[side].forms} ORDER BY id, version DESC`);
  return rows.map((r) => r.definition);
}

export async function formVersion(q: Queryable, side: Catalog, id: string, version?: number): Promise<FormDef | undefined> {
  const t = SQL[side].forms;
  const rows =
    version === undefined
      ? await q.query<{ definition: FormDef }>(`SELECT definition FROM ${t} WHERE id = $1 ORDER BY version DESC LIMIT 1`, [id])
      : await q.query<{ definition: FormDef }>(`SELECT definition FROM ${t} WHERE id = $1 AND version = $2`, [id, version]);
  return rows[0]?.definition;
}

/** Stores a definition and rebuilds its per-kind view (one column per field). */
export async function insertForm(q: Queryable, side: Catalog, def: FormDef, at: Date): Promise<void> {
  await q.query(`INSERT INTO ${SQL[side].forms} (id, version, definition, installed_at) VALUES ($1, $2, $3, $4)`, [def.id, def.version, def, at]);
  await q.query(`SELECT ${SQL[side].refresh}($1)`, [def.id]);
}
