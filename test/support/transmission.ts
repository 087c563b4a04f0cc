import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { seal } from '../../core/src/crypto/sdc.js';
import { readKeyFile } from '../../core/src/crypto/keystore.js';
import {
  createServer, encodePayload, type Message, displayNames, eventDateOf, formatNiu, insertValidatedDocuments, searchableNames, shippedForms,
  type BulkValidatedDocument, type Clock, type KeyAccess, type Server, type Session,
} from '@docstream/core';
import { testDatabase, type TestDatabase } from './test-db.js';
import { centreWithStaff, type Staff } from './centre-fixture.js';

export const PASSPHRASE = 'phrase secrète de test 2026';
export const SUPERVISOR = { login: 'superviseur', fullName: 'Superviseur de Test', password: 'Registre-Central-Test-2026' } as const;

/** The server's first supervisor, logged in. */
export async function supervisorOf(server: Server): Promise<Session> {
  if ((await server.operators.count()) === 0) await server.operators.firstSupervisor(SUPERVISOR);
  return server.operators.login(SUPERVISOR.login, SUPERVISOR.password);
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

export async function tempDir(prefix = 'ds-'): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export interface Pair {
  server: Server;
  /** The server's supervisor. */
  admin: Session;
  serverDb: TestDatabase;
  centreDb: TestDatabase;
  staff: Staff;
  serverKeys: KeyAccess;
  centreKeys: KeyAccess;
  /** A data directory whose keys/ folder holds the server's keys (for the binary). */
  serverDataDir: string;
  centreDataDir: string;
  /** The one-time code, when the pair was made without enrolling. */
  code?: string;
  /** Hands a centre's container to the server and the answers back, as a link would. */
  deliver(bytes: Buffer): Promise<Awaited<ReturnType<Server['ingest']['receive']>>>;
  /** Packs what the centre has waiting and delivers every container due. */
  exchange(): Promise<Awaited<ReturnType<Server['ingest']['receive']>>[]>;
  /** Seals what administrative actions queued for the centre and hands it over; returns how many. */
  notify(): Promise<number>;
}

/**
 * A server with its CA, and a centre registered, enrolled with a one-time code, staffed.
 * With `server`, the centre joins that pair's server instead of a new one.
 */
export async function enrolledPair(opts: { matricule?: string; clock?: Clock; status?: number; enrol?: boolean; server?: Pair } = {}): Promise<Pair> {
  const matricule = opts.matricule ?? '00042';
  const root = await tempDir();
  const serverDataDir = opts.server?.serverDataDir ?? join(root, 'server-data');
  const serverKeys = { dir: join(serverDataDir, 'keys'), passphrase: PASSPHRASE };
  const centreDataDir = join(root, 'centre-data');
  const centreKeys = { dir: join(centreDataDir, 'keys'), passphrase: PASSPHRASE };
  const [serverDb, centreDb] = await Promise.all([opts.server?.serverDb ?? testDatabase(), testDatabase()]);
  const server = opts.server?.server ?? createServer({ db: serverDb.open(8), keys: serverKeys, ...(opts.clock ? { clock: opts.clock } : {}) });
  if (!opts.server) {
    await server.installShippedForms();
    await server.pki.init();
  }
  const admin = await supervisorOf(server);
  await server.clients.add(admin, { matricule, name: 'Mairie de Test', region: 'Koulikoro', status: opts.status ?? 3 });
  const { code } = await server.pki.newEnrolmentCode(admin, matricule);
  const staff = await centreWithStaff(centreDb.open(4), opts.clock, matricule, centreKeys);
  if (opts.enrol === false) return { ...pairOf(), code };
  const request = await staff.centre.transmission.enrollRequest(staff.officer, code);
  const answer = await server.ingest.receive(request, matricule);
  const enrolled = await staff.centre.transmission.receive(answer.replies[0]!.bytes);
  if (enrolled.kind !== 'enrolled') throw new Error(`enrolment failed: ${JSON.stringify(enrolled)}`);
  return pairOf();
  function pairOf(): Pair {
  return {
    server, admin, serverDb, centreDb, staff, serverKeys, centreKeys, serverDataDir, centreDataDir,
    async deliver(bytes) {
      const r = await server.ingest.receive(bytes, matricule);
      for (const reply of r.replies) await staff.centre.transmission.receive(reply.bytes);
      return r;
    },
    async exchange() {
      await staff.centre.transmission.pack();
      const out = [];
      for (const c of await staff.centre.transmission.due(0)) out.push(await this.deliver(c.sdc));
      return out;
    },
    async notify() {
      let n = 0;
      for (let sealed = await server.sealNotices(); sealed.length > 0; sealed = await server.sealNotices()) {
        for (const r of sealed) if (r.dst === matricule) await staff.centre.transmission.receive(r.bytes);
        n += sealed.length;
      }
      return n;
    },
  };
  }
}

let craftedSeq = 900_000;

/**
 * A container sealed with the centre's real key and the server's real certificate, with
 * the body given: what a centre whose data were restored from an old backup could send
 * (the same NIU with other content). Seqs are far above the centre's own.
 */
export async function sealAsCentre(pair: Pair, typ: Message['header']['typ'], body: unknown): Promise<Buffer> {
  const [row] = await pair.staff.centre.db.query<{ matricule: string; centre_pem: string; server_pem: string }>(
    'SELECT (SELECT matricule FROM docstream.centre) AS matricule, centre_pem, server_pem FROM docstream.pki');
  const key = await readKeyFile(join(pair.centreKeys.dir, 'centre.key.pem'), pair.centreKeys.passphrase);
  const msg = { header: { v: 1, typ, src: row!.matricule, dst: 'server', seq: ++craftedSeq, ts: new Date().toISOString() }, body } as Message;
  return seal({ content: encodePayload(msg), signer: { certPem: row!.centre_pem, privateKey: key }, recipientCertPem: row!.server_pem });
}

const SURNAMES = ['KONÉ', 'TRAORÉ', 'DIALLO', 'COULIBALY', 'KEITA', 'CISSÉ', 'SANGARÉ', 'DIARRA', 'TOURÉ', 'MAÏGA'];
const GIVEN = ['Awa', 'Moussa', 'Fatoumata', 'Ibrahim', 'Mariam', 'Seydou', 'Aminata', 'Oumar', 'Kadiatou', 'Adama'];

/** `n` birth certificates as the workflow would have validated them, queued (Status 3). */
export function birthCertificates(matricule: string, n: number, userId: number, start = 1, at = new Date('2026-03-20T09:00:00Z')): BulkValidatedDocument[] {
  const form = shippedForms().find((f) => f.id === 'acte_naissance')!;
  const out: BulkValidatedDocument[] = [];
  for (let i = 0; i < n; i++) {
    const k = start + i;
    const data = {
      enfant: { nom: SURNAMES[k % 10]!, prenoms: `${GIVEN[(k * 7) % 10]} ${GIVEN[(k * 3) % 10]}` },
      sexe: k % 2 ? 'F' : 'M',
      date_naissance: `2026-0${1 + (k % 2)}-${String(1 + (k % 28)).padStart(2, '0')}`,
      lieu_naissance: ['Bamako', 'Kati', 'Koulikoro', 'Ségou'][k % 4]!,
      mere: { nom: SURNAMES[(k + 3) % 10]!, prenoms: GIVEN[(k + 1) % 10]! },
      pere: { nom: SURNAMES[k % 10]!, prenoms: GIVEN[(k + 5) % 10]! },
      date_declaration: '2026-03-15',
    };
    out.push({
      formId: form.id, formVersion: form.version, status: 3, niu: formatNiu(matricule, 2026, k), data,
      namesNorm: searchableNames(form, data), namesDisplay: displayNames(form, data), eventDate: eventDateOf(form, data),
      createdBy: userId, createdAt: at, verifiedBy: userId, verifiedAt: at, validatedBy: userId, validatedAt: new Date(at.getTime() + k),
    });
  }
  return out;
}

export async function queueBirths(pair: Pair, n: number, start = 1): Promise<void> {
  const matricule = (await pair.staff.centre.transmission.matricule())!;
  await insertValidatedDocuments(pair.staff.centre.db, birthCertificates(matricule, n, pair.staff.officer.userId, start));
}
