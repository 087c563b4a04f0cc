import { createHash } from 'node:crypto';

export interface AuditEntry {
  seq: number;
  at: Date;
  actorId: number | null;
  actorLogin: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so a value hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function auditHash(entry: AuditEntry, prevHash: string): string {
  const material = canonicalJson([
    entry.seq,
    entry.at.toISOString(),
    entry.actorId,
    entry.actorLogin,
    entry.action,
    entry.entity,
    entry.entityId,
    entry.details,
    prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

export interface AuditRow extends AuditEntry {
  prevHash: string;
  hash: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** First sequence number where the chain breaks, with the reason. */
  brokenAt?: number;
  reason?: { fr: string; en: string };
}

/** Walks rows in sequence order; feed it batches, then compare with the head. */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  checked = 0;
  failure: ChainReport | undefined;

  feed(rows: AuditRow[]): boolean {
    for (const row of rows) {
      if (this.failure) return false;
      if (row.seq < this.expectedSeq) {
        return this.fail(row.seq, `ligne ${row.seq} en double ou hors d’ordre`, `row ${row.seq} duplicated or out of order`);
      }
      if (row.seq !== this.expectedSeq) {
        return this.fail(this.expectedSeq, `ligne(s) ${this.expectedSeq}…${row.seq - 1} manquante(s)`, `row(s) ${this.expectedSeq}…${row.seq - 1} missing`);
      }
      if (row.prevHash !== this.prevHash) return this.fail(row.seq, 'chaînage rompu (empreinte précédente)', 'chain broken (previous hash)');
      if (auditHash(row, row.prevHash) !== row.hash) return this.fail(row.seq, 'contenu modifié', 'content altered');
      this.prevHash = row.hash;
      this.expectedSeq++;
      this.checked++;
    }
    return true;
  }

  finish(head: { lastSeq: number; lastHash: string }): ChainReport {
    if (this.failure) return this.failure;
    if (head.lastSeq !== this.expectedSeq - 1 || head.lastHash !== this.prevHash) {
      this.fail(this.expectedSeq, `fin du journal tronquée (tête : ${head.lastSeq})`, `end of the log truncated (head: ${head.lastSeq})`);
      return this.failure as unknown as ChainReport;
    }
    return { ok: true, checked: this.checked };
  }

  private fail(seq: number, fr: string, en: string): false {
    this.failure = { ok: false, checked: this.checked, brokenAt: seq, reason: { fr, en } };
    return false;
  }
}
