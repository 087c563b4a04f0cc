import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { certificateInfo, certificatePublicKey, checkIssuedBy, createCsr, generateKeyPair, importPkcs12 } from '../crypto/pki.js';
import { readKeyFile, writeKeyFile } from '../crypto/keystore.js';
import { enrolmentKey, enrolmentMac, macMatches } from '../crypto/enrolment.js';
import { ContainerRejected, decrypt, rejected, seal, verifySignature } from '../crypto/sdc.js';
import { decodePayload, encodePayload } from '../transport/codec.js';
import { packGroups } from '../transport/packing.js';
import { isSealed, plausibleTimestamp } from '../transport/checks.js';
import { SERVER_ID, type Bodies, type Message, type WireCancel, type WireDocument } from '../transport/protocol.js';
import { centreInfo } from './queries/centre-info.js';
import * as t from './queries/transmission.js';
import { Privilege } from './privileges.js';
import type { Session, SessionRegistry } from './session.js';
import type { KeyAccess } from '../crypto/key-access.js';
import { applyServerMessage, packRequests, type Applied } from './server-link.js';
import { applyAttestation, loadSealKey, packSealWork } from './seal-key.js';
import { compressedPoint } from '../crypto/cose.js';
import { clearRefusedSealRequest, markCopiesReported } from './queries/seal.js';
import { saveAccount } from './queries/server-link.js';
import { applyBulletin, bulletinRejected, openBulletin, trustStatus, type BulletinOutcome } from './bulletins.js';

export const CENTRE_KEY_FILE = 'centre.key.pem';

/** How the sender packs: bytes per container (tuned to the link) and documents per container (1 = one-document mode). */
export interface PackOptions {
  maxBytes: number;
  maxDocs: number;
}
export const DEFAULT_PACK: PackOptions = { maxBytes: 48 * 1024, maxDocs: 5000 };

interface CentreIdentity {
  matricule: string;
  certPem: string;
  caPem: string;
  serverPem: string;
  key: KeyObject;
}

export type CentreReceive =
  | { kind: 'ack'; seqs: number[]; acknowledged: number; statusChanged: number }
  | { kind: 'enrolled'; fingerprint: string }
  | { kind: 'error'; code: string; en: string }
  | { kind: 'applied'; applied: Applied | { kind: 'attest' } }
  | { kind: 'replay'; seq: number }
  | { kind: 'rejected'; step: string; detail: string };

function sameKey(certPem: string, key: KeyObject): boolean {
  return certificatePublicKey(certPem).export({ type: 'spki', format: 'der' }).equals(createPublicKey(key).export({ type: 'spki', format: 'der' }));
}

function pkiRefused(fr: string, en: string): DocstreamError {
  return new DocstreamError('pki', `Certificat refusé : ${fr}`, `Certificate refused: ${en}`);
}

export function notEnrolled(): DocstreamError {
  return new DocstreamError(
    'pki',
    'Ce centre n’a pas encore de certificat : demandez un code d’inscription au serveur central puis lancez docstream-centre enroll --code CODE.',
    'This centre has no certificate yet: ask the central server for an enrolment code, then run docstream-centre enroll --code CODE.',
  );
}

function noKeyAccess(): DocstreamError {
  return new DocstreamError(
    'key_locked',
    'Clé privée du centre inaccessible : donnez la phrase secrète (DOCSTREAM_KEY_PASSPHRASE ou --passphrase-file).',
    'The centre’s private key is unavailable: give the passphrase (DOCSTREAM_KEY_PASSPHRASE or --passphrase-file).',
  );
}

/** A service silent this long is taken for dead: another may start (it beats every 5 s). */
export const SERVICE_STALE_SECONDS = 20;

/**
 * The enrolment request proven by the one-time code, with the centre's key pair made (or
 * reused) and encrypted at rest. The caller has checked the Officer's privilege, or is the
 * in-process demo pairing its own server.
 */
export async function makeEnrolRequest(db: Database, clock: Clock, keys: KeyAccess | undefined, actor: { id: number | null; login: string }, code: string, opts: { newKey?: boolean } = {}): Promise<Buffer> {
  if (!keys) throw noKeyAccess();
  const centre = await centreInfo(db);
  if (!centre) throw new DocstreamError('not_initialised', 'Centre non initialisé : lancez docstream-centre init.', 'Centre not initialised: run docstream-centre init.');
  const enrolKey = enrolmentKey(code, centre.matricule);
  const keyPath = join(keys.dir, CENTRE_KEY_FILE);
  let key: KeyObject;
  // Renewal with key rotation: the old key is kept aside, never destroyed.
  if (opts.newKey && existsSync(keyPath)) await rename(keyPath, `${keyPath}.${clock.now().toISOString().replace(/[:.]/g, '-')}.old`);
  if (existsSync(keyPath)) key = await readKeyFile(keyPath, keys.passphrase);
  else {
    key = generateKeyPair(2048).privateKey;
    await writeKeyFile(keyPath, key, keys.passphrase);
  }
  const csr = createCsr({ key: { privateKey: key, publicKey: createPublicKey(key) }, commonName: centre.matricule, organization: 'Docstream' });
  const now = clock.now();
  await db.tx(async (q) => {
    await t.savePendingEnrolment(q, csr, enrolKey, now);
    await appendAudit(q, 'centre', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'enrolment_requested', entity: 'pki', entityId: centre.matricule });
  });
  // The seal key for certified copies is attested in the same exchange.
  const seal = compressedPoint((await loadSealKey(keys, true))!).toString('base64');
  const msg: Message = {
    header: { v: 1, typ: 'enroll', src: centre.matricule, dst: SERVER_ID, seq: 0, ts: now.toISOString() },
    body: { csr, seal, mac: enrolmentMac(enrolKey, 'enroll', centre.matricule, csr, seal) },
  };
  return encodePayload(msg);
}

/**
 * The centre's side of DESIGN §4: enrolment, packing validated documents into sealed
 * containers (outbox → containers in one transaction), and applying the server's answers.
 * The link (MQTT or a T2D file) only moves the bytes this service produces and consumes.
 */
export function createTransmission(db: Database, clock: Clock, sessions: SessionRegistry, keys: KeyAccess | undefined) {
  let loaded: Promise<CentreIdentity> | undefined;

  function identity(): Promise<CentreIdentity> {
    loaded ??= (async () => {
      if (!keys) throw noKeyAccess();
      const [centre, row] = await Promise.all([centreInfo(db), t.pkiRow(db)]);
      if (!centre) throw new DocstreamError('not_initialised', 'Centre non initialisé : lancez docstream-centre init.', 'Centre not initialised: run docstream-centre init.');
      if (!row?.centre_pem || !row.ca_pem || !row.server_pem) throw notEnrolled();
      const key = await readKeyFile(join(keys.dir, CENTRE_KEY_FILE), keys.passphrase);
      return { matricule: centre.matricule, certPem: row.centre_pem, caPem: row.ca_pem, serverPem: row.server_pem, key };
    })();
    loaded.catch(() => (loaded = undefined));
    return loaded;
  }

  function sealMessage(id: CentreIdentity, typ: Message['header']['typ'], seq: number, body: unknown, at: Date): Buffer {
    const msg = { header: { v: 1, typ, src: id.matricule, dst: SERVER_ID, seq, ts: at.toISOString() }, body } as Message;
    return seal({ content: encodePayload(msg), signer: { certPem: id.certPem, privateKey: id.key }, recipientCertPem: id.serverPem, signingTime: at });
  }

  async function logError(text: string): Promise<void> {
    await t.updateLink(db, { error: { at: clock.now(), text: text.slice(0, 500) } });
  }

  async function completeEnrolment(bytes: Buffer): Promise<CentreReceive> {
    const msg = decodePayload(bytes);
    const centre = await centreInfo(db);
    const row = await t.pkiRow(db);
    if (msg.header.typ !== 'enrolled' || !centre || msg.header.dst !== centre.matricule || !row?.enrol_key || !row.csr_pem) {
      throw rejected('format', `unexpected plain ${msg.header.typ} for ${msg.header.dst}`);
    }
    const b = msg.body as Bodies['enrolled'];
    const sealParts = b.seal ? [String(b.seal.att), String(b.seal.root), String(b.seal.rootSig)] : [];
    if (!macMatches(enrolmentMac(row.enrol_key, 'enrolled', centre.matricule, b.cert, b.ca, b.server, ...sealParts), String(b.mac))) throw rejected('signature', 'enrolment answer MAC does not match our code');
    const now = clock.now();
    if (!checkIssuedBy(b.cert, b.ca, now) || !checkIssuedBy(b.server, b.ca, now)) throw rejected('certificate', 'enrolment certificates do not chain to the CA');
    if (certificateInfo(b.cert).subjectCN !== centre.matricule) throw rejected('certificate', 'certificate for another centre');
    const ours = keys ? await readKeyFile(join(keys.dir, CENTRE_KEY_FILE), keys.passphrase) : undefined;
    if (!ours) throw noKeyAccess();
    if (!sameKey(b.cert, ours)) throw rejected('certificate', 'certificate is not for our key');
    await db.tx(async (q) => {
      await t.saveEnrolment(q, { centrePem: b.cert, caPem: b.ca, serverPem: b.server }, now);
      if (b.seal) await applyAttestation(q, b.seal, { caPem: b.ca, matricule: centre.matricule, keys, at: now });
      await appendAudit(q, 'centre', { at: now, actorId: null, actorLogin: null, action: 'centre_enrolled', entity: 'pki', entityId: centre.matricule, details: { fingerprint: certificateInfo(b.cert).fingerprint256, ca: certificateInfo(b.ca).fingerprint256 } });
    });
    loaded = undefined;
    return { kind: 'enrolled', fingerprint: certificateInfo(b.cert).fingerprint256 };
  }

  async function applyAcks(q: Queryable, body: Bodies['ack'], at: Date): Promise<{ acknowledged: number; statusChanged: number; seqs: number[] }> {
    let acknowledged = 0;
    let statusChanged = 0;
    const seqs: number[] = [];
    for (const e of Array.isArray(body.ack) ? body.ack : []) {
      const items = (Array.isArray(e.items) ? e.items : []).map((i) => ({ n: String(i.n), r: String(i.r), reason: i.reason ?? null }));
      statusChanged += await t.applyAck(q, { seq: Number(e.seq), outcome: String(e.r), reason: e.reason ?? null, items }, at);
      if (e.r === 'rejected') await clearRefusedSealRequest(q, Number(e.seq));
      else await markCopiesReported(q, Number(e.seq), at);
      acknowledged += items.filter((i) => i.r === 'accepted' || i.r === 'duplicate').length;
      seqs.push(Number(e.seq));
    }
    return { acknowledged, statusChanged, seqs };
  }

  return {
    /**
     * First step of enrolment (Officer): makes the centre's key pair (encrypted at rest)
     * and the request proven by the one-time code. The request is sent over MQTT or
     * carried in a T2D file; the answer completes the enrolment in `receive`.
     */
    async enrollRequest(session: Session, code: string, opts: { newKey?: boolean } = {}): Promise<Buffer> {
      await sessions.require(db, session, Privilege.Officer, { fr: 'inscrire le centre', en: 'enrolling the centre' });
      return makeEnrolRequest(db, clock, keys, { id: session.userId, login: session.login }, code, opts);
    },

    /**
     * The manual path: a certificate obtained otherwise (PKCS#12 with its key, or PEM
     * for the key this centre already holds), with the national CA and the server's
     * certificate. Checked like an enrolment answer before anything is stored.
     */
    async importCertificate(session: Session, input: { p12?: Buffer; p12Passphrase?: string; certPem?: string; caPem?: string; serverPem: string }): Promise<{ fingerprint: string }> {
      await sessions.require(db, session, Privilege.Officer, { fr: 'installer le certificat du centre', en: 'installing the centre certificate' });
      if (!keys) throw noKeyAccess();
      const centre = await centreInfo(db);
      if (!centre) throw new DocstreamError('not_initialised', 'Centre non initialisé : lancez docstream-centre init.', 'Centre not initialised: run docstream-centre init.');
      const keyPath = join(keys.dir, CENTRE_KEY_FILE);
      let certPem = input.certPem;
      let key: KeyObject | undefined;
      let caPem = input.caPem;
      if (input.p12) {
        const p = importPkcs12(input.p12, input.p12Passphrase ?? '');
        certPem = p.certPem;
        key = p.privateKey;
        caPem ??= p.chainPems.find((c) => certificateInfo(c).isCA);
      }
      if (!certPem) throw pkiRefused('donnez un fichier PKCS#12 ou un certificat PEM.', 'give a PKCS#12 file or a PEM certificate.');
      if (!caPem) throw pkiRefused('le certificat de l’autorité nationale manque (--ca).', 'the national authority’s certificate is missing (--ca).');
      const now = clock.now();
      const info = certificateInfo(certPem);
      if (info.subjectCN !== centre.matricule) throw pkiRefused(`il est au nom de « ${info.subjectCN} », pas du centre ${centre.matricule}.`, `it names “${info.subjectCN}”, not centre ${centre.matricule}.`);
      if (!checkIssuedBy(certPem, caPem, now)) throw pkiRefused('il n’est pas émis par cette autorité ou n’est pas valide aujourd’hui.', 'it is not issued by this authority or is not valid today.');
      if (!checkIssuedBy(input.serverPem, caPem, now)) throw pkiRefused('le certificat du serveur n’est pas émis par cette autorité.', 'the server certificate is not issued by this authority.');
      if (existsSync(keyPath)) {
        const held = await readKeyFile(keyPath, keys.passphrase);
        if (!sameKey(certPem, held)) {
          if (!key) throw pkiRefused('il ne correspond pas à la clé privée de ce centre.', 'it does not match this centre’s private key.');
          throw pkiRefused(`une autre clé existe déjà (${keyPath}) : mettez-la de côté puis recommencez.`, `another key already exists (${keyPath}): move it aside, then try again.`);
        }
      } else {
        if (!key) throw pkiRefused('ce centre n’a pas de clé privée : importez le fichier PKCS#12 qui la contient.', 'this centre has no private key: import the PKCS#12 file that holds it.');
        if (!sameKey(certPem, key)) throw pkiRefused('la clé du fichier ne correspond pas au certificat.', 'the key in the file does not match the certificate.');
        await writeKeyFile(keyPath, key, keys.passphrase);
      }
      await db.tx(async (q) => {
        await t.saveEnrolment(q, { centrePem: certPem, caPem, serverPem: input.serverPem }, now);
        await appendAudit(q, 'centre', { at: now, actorId: session.userId, actorLogin: session.login, action: 'certificate_imported', entity: 'pki', entityId: centre.matricule, details: { fingerprint: info.fingerprint256 } });
      });
      loaded = undefined;
      return { fingerprint: info.fingerprint256 };
    },

    async enrolled(): Promise<{ matricule: string; fingerprint: string; notAfter: Date } | undefined> {
      const [centre, row] = await Promise.all([centreInfo(db), t.pkiRow(db)]);
      if (!centre || !row?.centre_pem) return undefined;
      const info = certificateInfo(row.centre_pem);
      return { matricule: centre.matricule, fingerprint: info.fingerprint256, notAfter: info.notAfter };
    },

    async matricule(): Promise<string | undefined> {
      return (await centreInfo(db))?.matricule;
    },

    /** Seals what waits in the outbox into containers; returns how many were made. */
    async pack(opts: PackOptions = DEFAULT_PACK): Promise<number> {
      const id = await identity();
      return db.tx(async (q) => {
        const pending = await t.lockUnpacked(q, 20_000);
        let made = 0;
        for (const typ of ['docs', 'cancel'] as const) {
          const items = pending.filter((p) => p.msg_type === typ);
          if (items.length === 0) continue;
          const now = clock.now();
          const wire = (p: t.PendingItem): WireDocument | WireCancel =>
            typ === 'docs'
              ? { n: p.niu, f: p.form_id, fv: p.form_version, va: p.validated_at.toISOString(), d: p.data }
              : { n: p.niu, reason: p.cancel_reason ?? '', at: (p.cancelled_at ?? now).toISOString() };
          const bodyOf = (group: readonly t.PendingItem[]) => (typ === 'docs' ? { docs: group.map(wire) } : { cancels: group.map(wire) });
          // The bound applies to the compressed payload; the container adds a fixed ~0.8 KB.
          const groups = packGroups(items, opts.maxBytes, opts.maxDocs, (g) => encodePayload({ header: { v: 1, typ, src: id.matricule, dst: SERVER_ID, seq: 0, ts: now.toISOString() }, body: bodyOf(g) } as Message));
          for (const g of groups) {
            const seq = await t.nextContainerSeq(q);
            const sdc = sealMessage(id, typ, seq, bodyOf(g.items), now);
            await t.insertContainer(q, { seq, msgType: typ, sdc, itemCount: g.items.length, at: now }, g.items.map((i) => i.id));
            made++;
          }
        }
        const now = clock.now();
        const sealAs = (typ: Message['header']['typ'], seq: number, body: unknown) => sealMessage(id, typ, seq, body, now);
        made += await packRequests(q, sealAs, now);
        if (keys) made += await packSealWork(q, keys, sealAs, now);
        return made;
      });
    },

    /** Containers to (re)send now: never sent, or unanswered for `retryAfterMs`. */
    async due(retryAfterMs: number, limit = 100, exclude: number[] = []): Promise<{ seq: number; sdc: Buffer; attempts: number }[]> {
      return t.dueContainers(db, new Date(clock.now().getTime() - retryAfterMs), limit, exclude);
    },

    /** Every container still unanswered (for a T2D export). */
    unacknowledged: (limit = 100_000) => t.unackedContainers(db, limit),

    async markSent(seqs: number[], bytes: number): Promise<void> {
      if (seqs.length === 0) return;
      const now = clock.now();
      await db.tx(async (q) => {
        await t.markContainersSent(q, seqs, now);
        await t.updateLink(q, { sendAt: now, containersSent: seqs.length, bytesSent: bytes });
      });
    },

    /** After (re)connecting: tells the server what we last processed, so it re-sends the rest. */
    async hello(): Promise<Buffer> {
      const id = await identity();
      const seen = await t.contiguousSeen(db, SERVER_ID);
      return sealMessage(id, 'hello', await t.nextContainerSeq(db), { seen }, clock.now());
    },

    linkEvent: (d: t.LinkDelta) => t.updateLink(db, d),

    /** The one running transmission service (see startCentreService): claim, keep alive, release, read. */
    service: {
      claim: (owner: string) => t.claimService(db, owner, SERVICE_STALE_SECONDS),
      heartbeat: (owner: string) => t.serviceHeartbeat(db, owner),
      release: (owner: string) => t.releaseService(db, owner),
      current: () => t.currentService(db, SERVICE_STALE_SECONDS),
    },

    /** Opens a container from the server with the checks of DESIGN §4, then applies it. */
    async receive(bytes: Buffer): Promise<CentreReceive> {
      const now = clock.now();
      await t.updateLink(db, { receiveAt: now, bytesReceived: bytes.length });
      try {
        if (!isSealed(bytes)) return await completeEnrolment(bytes);
        const id = await identity();
        const opened = decrypt(bytes, { certPem: id.certPem, privateKey: id.key });
        verifySignature(opened, id.serverPem);
        let msg: Message;
        try {
          msg = decodePayload(opened.content);
        } catch (e) {
          throw rejected('format', (e as Error).message);
        }
        const h = msg.header;
        if (!checkIssuedBy(id.serverPem, id.caPem, new Date(h.ts))) throw rejected('certificate', 'server certificate not valid at ts');
        if (h.src !== SERVER_ID) throw rejected('certificate', `signed by the server but claims ${h.src}`);
        if (h.dst !== id.matricule) throw rejected('recipient', `addressed to ${h.dst}`);
        if (!plausibleTimestamp(h.ts, now)) throw rejected('timestamp', `ts ${h.ts}`);
        return await db.tx(async (q): Promise<CentreReceive> => {
          if (!(await t.claimInbox(q, SERVER_ID, h.seq, h.typ, now))) return { kind: 'replay', seq: h.seq };
          if (h.typ === 'ack') {
            const b = msg.body as Bodies['ack'];
            if (b.acct) await saveAccount(q, { balance: Number(b.acct.b), quota: Number(b.acct.q), asOf: new Date(b.acct.at), at: now });
            return { kind: 'ack', ...(await applyAcks(q, b, now)) };
          }
          if (h.typ === 'error') {
            const b = msg.body as Bodies['error'];
            await applyServerMessage(q, msg, now);
            await t.updateLink(q, { error: { at: now, text: `${b.code}: ${b.en}` } });
            return { kind: 'error', code: String(b.code), en: String(b.en) };
          }
          if (h.typ === 'attest') {
            await applyAttestation(q, msg.body as Bodies['attest'], { caPem: id.caPem, matricule: id.matricule, keys, at: now });
            return { kind: 'applied', applied: { kind: 'attest' } };
          }
          const applied = await applyServerMessage(q, msg, now);
          if (!applied) throw rejected('format', `unexpected ${h.typ} from the server`);
          return { kind: 'applied', applied };
        });
      } catch (e) {
        if (e instanceof ContainerRejected) {
          await logError(`rejected (${e.step}): ${e.detail}`);
          return { kind: 'rejected', step: e.step, detail: e.detail };
        }
        throw e;
      }
    },

    /** A bulletin from the broadcast topic (or a T2D answer): trust list or pushed forms. */
    async receiveBulletin(bytes: Buffer): Promise<BulletinOutcome> {
      const now = clock.now();
      try {
        const id = await identity();
        const msg = openBulletin(bytes, id.serverPem, id.caPem);
        return await db.tx((q) => applyBulletin(q, msg, now));
      } catch (e) {
        const r = bulletinRejected(e);
        if (r.kind === 'rejected') await logError(`bulletin rejected (${r.step}): ${r.detail}`);
        return r;
      }
    },

    trust: () => trustStatus(db),

    counts: () => t.transmissionCounts(db),
    link: () => t.linkState(db),
    problems: (limit?: number) => t.itemProblems(db, limit),
  };
}

export type Transmission = ReturnType<typeof createTransmission>;
