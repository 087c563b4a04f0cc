import type { Queryable } from '../../db/database.js';

export async function centralDocumentCount(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM xm_data.documents');
  return r?.n ?? 0;
}
