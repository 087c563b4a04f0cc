import type { Queryable } from '../../db/database.js';

export interface CopyRow {
  id: number;
  document_numero: number;
  niu: string;
  copy_no: number;
  issued_by: number;
  issued_at: Date;
  signatory: string;
  seal: string;
  reported_at: Date | null;
}

/** The next copy number of a document, under the document's row lock (taken by the caller). */
export async function nextCopyNumber(q: Queryable, niu: string): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT coalesce(max(copy_no), 0) + 1 AS n FROM docstream.copies WHERE niu = $1', [niu]);
  return r!.n;
}

export async function insertCopy(q: Queryable, c: Omit<CopyRow, 'id' | 'reported_at'>): Promise<CopyRow> {
  const [r] = await q.query<CopyRow>(
    `INSERT INTO docstream.copies (document_numero, niu, copy_no, issued_by, issued_at, signatory, seal)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, document_numero, niu, copy_no, issued_by, issued_at, signatory, seal, reported_at`,
    [c.document_numero, c.niu, c.copy_no, c.issued_by, c.issued_at, c.signatory, c.seal],
  );
  return r!;
}

export async function listCopies(q: Queryable, niu: string | undefined, limit: number): Promise<(CopyRow & { issued_by_login: string })[]> {
  return q.query(
    `SELECT c.id, c.document_numero, c.niu, c.copy_no, c.issued_by, u.login AS issued_by_login, c.issued_at, c.signatory, c.seal, c.reported_at
       FROM docstream.copies c JOIN docstream.users u ON u.id = c.issued_by
      WHERE $1::text IS NULL OR c.niu = $1 ORDER BY c.id DESC LIMIT $2`,
    [niu ?? null, limit],
  );
}

export async function installedTemplate(q: Queryable, formId: string): Promise<unknown> {
  const [r] = await q.query<{ template: unknown }>('SELECT template FROM docstream.print_templates WHERE form_id = $1', [formId]);
  return r?.template;
}

export async function saveTemplate(q: Queryable, formId: string, template: unknown, by: number, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO docstream.print_templates (form_id, template, updated_by, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (form_id) DO UPDATE SET template = EXCLUDED.template, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [formId, JSON.stringify(template), by, at],
  );
}

export async function removeTemplate(q: Queryable, formId: string): Promise<boolean> {
  return (await q.query('DELETE FROM docstream.print_templates WHERE form_id = $1 RETURNING 1', [formId])).length === 1;
}
