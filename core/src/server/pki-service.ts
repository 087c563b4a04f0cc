import { join } from 'node:path';
import type { Database, Queryable } from '../db/database.js';
import type { Actor } from './clients.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import type { Session } from '../auth/session.js';
import { OperatorPrivilege as P, type Guard } from './guard.js';
import { revokeSealKeys } from './queries/seals.js';
import type { SealAuthority } from './seal-authority.js';
import { certificateInfo, checkIssuedBy, createCaCertificate, generateKeyPair, issueCertificate, readCsr } from '../crypto/pki.js';
import { writeKeyFile } from '../crypto/keystore.js';
import { enrolmentKey, enrolmentMac, macMatches, newEnrolmentCode } from '../crypto/enrolment.js';
import { CA_KEY_FILE, SERVER_KEY_FILE, noKeys, type KeyAccess, type ServerIdentity } from './identity.js';
import * as pki from './queries/pki.js';
import * as clients from './queries/clients.js';
import type { Bodies } from '../transport/protocol.js';
import { createPkiReads } from './pki-reads.js';

/** How long a one-time enrolment code stays usable. */
export const ENROLMENT_DAYS = 30;

/** A one-time enrolment code for a client, in the caller's transaction (privilege checked by the caller). */
export async function issueEnrolmentCode(q: Queryable, now: Date, actor: Actor, matricule: string): Promise<{ code: string; expiresAt: Date }> {
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_DAYS * 86_400_000);
  if (!(await clients.clientByMatricule(q, matricule, true))) throw notFound(`Centre ${matricule}`, `Centre ${matricule}`);
  await clients.setEnrolKey(q, matricule, enrolmentKey(code, matricule), expiresAt, now);
  await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'enrolment_code_issued', entity: 'client', entityId: matricule, details: { expiresAt: expiresAt.toISOString() } });
  return { code, expiresAt };
}

export function createPkiService(db: Database, clock: Clock, keys: KeyAccess | undefined, identity: () => Promise<ServerIdentity>, guard: Guard, seals: SealAuthority) {
  return {
    ...createPkiReads(db, clock, guard),

    /** The national CA and the server's own certificate; keys encrypted in the key folder. */
    async init(opts: { organization?: string; country?: string } = {}): Promise<{ caFingerprint: string; serverFingerprint: string }> {
      if (!keys) throw noKeys();
      if (await pki.pkiRow(db)) {
        throw new DocstreamError('already_initialised', 'L’autorité de certification existe déjà ; rien n’a été changé.', 'The certificate authority already exists; nothing was changed.');
      }
      const now = clock.now();
      const ca = generateKeyPair(3072);
      const caPem = createCaCertificate({ key: ca, commonName: 'Docstream National CA', organization: opts.organization ?? 'Docstream', country: opts.country ?? 'ML', now });
      const srv = generateKeyPair(2048);
      const serverPem = issueCertificate({ publicKey: srv.publicKey, commonName: 'docstream-server', organization: 'Docstream', ca: { certPem: caPem, privateKey: ca.privateKey }, usage: 'server', now });
      // Keys first: a database row without its keys would be an unusable identity.
      await writeKeyFile(join(keys.dir, CA_KEY_FILE), ca.privateKey, keys.passphrase);
      await writeKeyFile(join(keys.dir, SERVER_KEY_FILE), srv.privateKey, keys.passphrase);
      await db.tx(async (q) => {
        await pki.insertPki(q, caPem, serverPem, now);
        await appendAudit(q, 'server', { at: now, actorId: null, actorLogin: null, action: 'pki_initialised', entity: 'pki', entityId: null, details: { ca: certificateInfo(caPem).fingerprint256, server: certificateInfo(serverPem).fingerprint256 } });
      });
      return { caFingerprint: certificateInfo(caPem).fingerprint256, serverFingerprint: certificateInfo(serverPem).fingerprint256 };
    },

    async certificates(): Promise<{ caPem: string; serverPem: string } | undefined> {
      const row = await pki.pkiRow(db);
      return row && { caPem: row.ca_pem, serverPem: row.server_pem };
    },

    /** A new one-time code for a client (any earlier code stops working). Shown once. */
    async newEnrolmentCode(session: Session, matricule: string): Promise<{ code: string; expiresAt: Date }> {
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Operator, { fr: 'donner un code d’inscription', en: 'issuing an enrolment code' });
        return issueEnrolmentCode(q, clock.now(), { id: actor.id, login: actor.login }, matricule);
      });
    },

    /**
     * Answers an `enroll` request: the MAC proves the code, the CSR's signature proves
     * the key. The code is spent whatever the outcome of a valid-MAC request.
     */
    async enrol(matricule: string, body: Bodies['enroll']): Promise<Bodies['enrolled']> {
      const id = await identity();
      const now = clock.now();
      return db.tx(async (q) => {
        const c = await clients.clientByMatricule(q, matricule, true);
        const refuse = (detail: string) =>
          new DocstreamError('pki', `Inscription du centre ${matricule} refusée : demandez un nouveau code au serveur central.`, `Enrolment of centre ${matricule} refused: ask the central server for a new code.`, { cause: detail });
        if (!c || !c.enrol_key || !c.enrol_expires_at) throw refuse('no pending enrolment');
        if (c.enrol_expires_at.getTime() < now.getTime()) throw refuse('code expired');
        const seal = typeof body.seal === 'string' ? [body.seal] : [];
        if (typeof body.csr !== 'string' || !macMatches(enrolmentMac(c.enrol_key, 'enroll', matricule, body.csr, ...seal), String(body.mac))) throw refuse('bad MAC');
        const csr = readCsr(body.csr);
        if (csr.commonName !== matricule) throw refuse(`CSR names ${csr.commonName}`);
        const certPem = issueCertificate({ publicKey: csr.publicKey, commonName: matricule, organization: 'Docstream', ca: { certPem: id.caPem, privateKey: id.caKey }, usage: 'centre', now });
        const info = certificateInfo(certPem);
        await pki.insertCertificate(q, { serial: info.serialHex, matricule, pem: certPem, fingerprint: info.fingerprint256, ski: info.skiHex, not_before: info.notBefore, not_after: info.notAfter, issued_at: now, source: 'enrolment' });
        const key = c.enrol_key;
        await clients.setEnrolKey(q, matricule, null, null, now);
        await appendAudit(q, 'server', { at: now, actorId: null, actorLogin: null, action: 'centre_enrolled', entity: 'client', entityId: matricule, details: { serial: info.serialHex, fingerprint: info.fingerprint256 } });
        // The seal key is attested in the same exchange: a fresh centre can print at once.
        const attested = seal.length > 0 ? await seals.attest(q, matricule, { point: seal[0]! }, now) : undefined;
        const extra = attested?.ok ? [attested.body.att, attested.body.root, attested.body.rootSig] : [];
        return {
          cert: certPem, ca: id.caPem, server: id.serverPem,
          mac: enrolmentMac(key, 'enrolled', matricule, certPem, id.caPem, id.serverPem, ...extra),
          ...(attested?.ok ? { seal: attested.body } : {}),
        };
      });
    },

    /** The manual path: a certificate obtained otherwise, which must chain to the national CA. */
    async importCertificate(session: Session, matricule: string, certPem: string): Promise<{ serial: string; fingerprint: string }> {
      const id = await identity();
      const now = clock.now();
      const info = certificateInfo(certPem);
      if (info.subjectCN !== matricule) {
        throw new DocstreamError('pki', `Ce certificat est celui de « ${info.subjectCN} », pas du centre ${matricule}.`, `This certificate belongs to “${info.subjectCN}”, not to centre ${matricule}.`);
      }
      if (!checkIssuedBy(certPem, id.caPem, now)) {
        throw new DocstreamError('pki', 'Certificat refusé : il n’est pas émis par l’autorité nationale ou n’est pas valide à ce jour.', 'Certificate refused: not issued by the national authority, or not valid today.');
      }
      await db.tx(async (q) => {
        const actor = await guard(q, session, P.Supervisor, { fr: 'enregistrer un certificat', en: 'registering a certificate' });
        if (!(await clients.clientByMatricule(q, matricule, true))) throw notFound(`Centre ${matricule}`, `Centre ${matricule}`);
        await pki.insertCertificate(q, { serial: info.serialHex, matricule, pem: certPem, fingerprint: info.fingerprint256, ski: info.skiHex, not_before: info.notBefore, not_after: info.notAfter, issued_at: now, source: 'import' });
        await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'certificate_imported', entity: 'client', entityId: matricule, details: { serial: info.serialHex } });
      });
      return { serial: info.serialHex, fingerprint: info.fingerprint256 };
    },

    /** Issues a certificate for a CSR file (renewal or key rotation, also the manual path). */
    async issueForCsr(session: Session, matricule: string, csrPem: string): Promise<string> {
      const id = await identity();
      const now = clock.now();
      const csr = readCsr(csrPem);
      if (csr.commonName !== matricule) throw new DocstreamError('pki', `La demande est au nom de « ${csr.commonName} », pas du centre ${matricule}.`, `The request is for “${csr.commonName}”, not centre ${matricule}.`);
      const certPem = issueCertificate({ publicKey: csr.publicKey, commonName: matricule, organization: 'Docstream', ca: { certPem: id.caPem, privateKey: id.caKey }, usage: 'centre', now });
      const info = certificateInfo(certPem);
      await db.tx(async (q) => {
        const actor = await guard(q, session, P.Supervisor, { fr: 'émettre un certificat', en: 'issuing a certificate' });
        if (!(await clients.clientByMatricule(q, matricule, true))) throw notFound(`Centre ${matricule}`, `Centre ${matricule}`);
        await pki.insertCertificate(q, { serial: info.serialHex, matricule, pem: certPem, fingerprint: info.fingerprint256, ski: info.skiHex, not_before: info.notBefore, not_after: info.notAfter, issued_at: now, source: 'renewal' });
        await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'certificate_issued', entity: 'client', entityId: matricule, details: { serial: info.serialHex } });
      });
      return certPem;
    },

    async revoke(session: Session, matricule: string, reason: string, serial?: string): Promise<string[]> {
      if (reason.trim() === '') throw new DocstreamError('validation', 'Indiquez le motif de la révocation.', 'Give the reason for the revocation.');
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Supervisor, { fr: 'révoquer un certificat', en: 'revoking a certificate' });
        const done = await pki.revokeCertificates(q, matricule, reason.trim(), now, serial);
        if (done.length === 0) throw notFound(`Certificat valide du centre ${matricule}`, `Valid certificate of centre ${matricule}`);
        // Revoking the centre (not one certificate of a renewal) revokes its seal keys too:
        // the trust list then marks the copies it sealed.
        if (serial === undefined) await revokeSealKeys(q, matricule, now);
        await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'certificate_revoked', entity: 'client', entityId: matricule, details: { serials: done, reason: reason.trim() } });
        return done;
      });
    },

    async certificatesOf(session: Session, matricule: string) {
      await guard(db, session, P.Viewer, { fr: 'consulter les certificats', en: 'viewing certificates' });
      return pki.certificatesOf(db, matricule);
    },
  };
}
