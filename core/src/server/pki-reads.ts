import { createHash, verify } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import type { Session } from '../auth/session.js';
import { DocstreamError } from '../errors.js';
import { certificateInfo, certificatePublicKey } from '../crypto/pki.js';
import { OperatorPrivilege as P, type Guard } from './guard.js';
import * as pki from './queries/pki.js';
import { sealRootOf } from './queries/seals.js';

/** A certificate closer than this to its end is flagged: time to renew it. */
export const EXPIRY_WARNING_DAYS = 60;

/** The largest page of certificates one read returns. */
export const CERTIFICATE_PAGE_MAX = 200;

const DAY_MS = 86_400_000;

/** One of the server's own certificates, as an operator checks it. */
export interface CertificateSummary {
  subject: string;
  subjectCN: string;
  issuerCN: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, lowercase hex (what `openssl x509 -fingerprint -sha256` shows, without colons). */
  fingerprint: string;
  /** Whole days until `notAfter` (negative once expired). */
  daysLeft: number;
  /** Expired, or ending within EXPIRY_WARNING_DAYS. */
  expiresSoon: boolean;
}

export interface PkiOverview {
  ca: CertificateSummary;
  server: CertificateSummary;
  /**
   * The national seal root (P-256) that attests the centres' seal keys: the SHA-256 of its
   * public key (SPKI DER) and whether the CA's signature over it holds. Null until the
   * first seal key is attested.
   */
  sealRoot: { fingerprint: string; attested: boolean } | null;
  createdAt: Date;
}

/** A certificate's state on a given day. */
export type CertificateStatus = 'valid' | 'expired' | 'revoked' | 'notYetValid';

export type ListedCertificate = pki.CertificateListRow & { status: CertificateStatus; daysLeft: number };

export function certificateStatus(c: { revoked_at: Date | null; not_before: Date; not_after: Date }, now: Date): CertificateStatus {
  if (c.revoked_at) return 'revoked';
  if (c.not_after.getTime() < now.getTime()) return 'expired';
  if (c.not_before.getTime() > now.getTime()) return 'notYetValid';
  return 'valid';
}

const daysLeft = (notAfter: Date, now: Date) => Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);

function summary(pem: string, now: Date): CertificateSummary {
  const i = certificateInfo(pem);
  const left = daysLeft(i.notAfter, now);
  return {
    subject: i.subject, subjectCN: i.subjectCN, issuerCN: i.issuerCN, serial: i.serialHex,
    notBefore: i.notBefore, notAfter: i.notAfter, fingerprint: i.fingerprint256, daysLeft: left, expiresSoon: left < EXPIRY_WARNING_DAYS,
  };
}

/** What the Security screen reads: the server's own certificates, the seal root, the centres' certificates. */
export function createPkiReads(db: Database, clock: Clock, guard: Guard) {
  const viewing = { fr: 'consulter la sécurité (certificats)', en: 'viewing security (certificates)' };
  return {
    /** The national CA, the server's certificate and the seal root; undefined before `init`. */
    async overview(session: Session): Promise<PkiOverview | undefined> {
      await guard(db, session, P.Viewer, viewing);
      const row = await pki.pkiRow(db);
      if (!row) return undefined;
      const now = clock.now();
      const seal = await sealRootOf(db);
      let sealRoot: PkiOverview['sealRoot'] = null;
      if (seal?.seal_root) {
        const sig = seal.seal_root_sig;
        // Checked with node:crypto, as every signature here (DESIGN §4).
        const attested = sig !== null && verify('sha256', seal.seal_root, certificatePublicKey(row.ca_pem), sig);
        sealRoot = { fingerprint: createHash('sha256').update(seal.seal_root).digest('hex'), attested };
      }
      return { ca: summary(row.ca_pem, now), server: summary(row.server_pem, now), sealRoot, createdAt: row.created_at };
    },

    /** One page of the centres' certificates with their state today; `matricule`: those starting with it. */
    async certificatePage(session: Session, f: { matricule?: string; offset?: number; limit?: number } = {}): Promise<{ rows: ListedCertificate[]; total: number; offset: number }> {
      const offset = f.offset ?? 0;
      const limit = f.limit ?? 50;
      if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(limit) || limit < 1 || limit > CERTIFICATE_PAGE_MAX) {
        throw new DocstreamError('validation', `Page de certificats invalide (1 à ${CERTIFICATE_PAGE_MAX} lignes).`, `Invalid page of certificates (1 to ${CERTIFICATE_PAGE_MAX} lines).`);
      }
      await guard(db, session, P.Viewer, viewing);
      const page = await pki.certificatePage(db, { ...(f.matricule ? { matricule: f.matricule.trim() } : {}), offset, limit });
      const now = clock.now();
      return { rows: page.rows.map((r) => ({ ...r, status: certificateStatus(r, now), daysLeft: daysLeft(r.not_after, now) })), total: page.total, offset };
    },
  };
}
