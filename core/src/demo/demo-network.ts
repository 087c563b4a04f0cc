import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../settings.js';
import type { KeyAccess } from '../crypto/key-access.js';
import { DEMO_CENTRE, type Centre } from '../centre/create-centre.js';
import { makeEnrolRequest } from '../centre/transmission.js';
import { createServer, type Server } from '../server/create-server.js';
import { registerClient } from '../server/clients.js';
import { issueEnrolmentCode } from '../server/pki-service.js';
import { clientByMatricule } from '../server/queries/clients.js';
import { openDatabase } from '../db/open.js';
import { DocstreamError } from '../errors.js';
import { EMBEDDED_BROKER_PORT, startEmbeddedBroker, type EmbeddedBroker } from '../transport/embedded-broker.js';
import { startServerService } from '../transport/server-service.js';
import { silentLog, type LogFn } from '../transport/log.js';

/** Where the demo keeps the passphrase of its keys when none is given (a trial, not production). */
export const DEMO_PASSPHRASE_FILE = 'demo-passphrase';

const DEMO_ACTOR = { id: null, login: 'demo' } as const;

/**
 * The keys of a demo data directory: the passphrase given (DOCSTREAM_KEY_PASSPHRASE…),
 * else one made at the first start and kept in the data directory, 0600. Beside the keys,
 * so a demo directory must never become a production one (docs/DECISIONS.md).
 */
export function demoKeyAccess(settings: Settings, given: KeyAccess | undefined): KeyAccess {
  if (given) return given;
  mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  const file = join(settings.dataDir, DEMO_PASSPHRASE_FILE);
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  return { dir: join(settings.dataDir, 'keys'), passphrase: readFileSync(file, 'utf8').trim() };
}

export interface DemoNetwork {
  server: Server;
  brokerUrl: string;
  /** Stops the server's service and the broker, closes the server's database. */
  stop(): Promise<void>;
}

async function brokerOnFreePort(): Promise<EmbeddedBroker> {
  // DOCSTREAM_DEMO_BROKER_PORT (0: any free port) keeps a second demo or a test off 18830.
  const asked = process.env.DOCSTREAM_DEMO_BROKER_PORT;
  const port = asked !== undefined && /^\d+$/.test(asked) ? Number(asked) : EMBEDDED_BROKER_PORT;
  try {
    return await startEmbeddedBroker(port);
  } catch (e) {
    // A server already runs on this machine: the demo's own broker takes any free port.
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') return startEmbeddedBroker(0);
    throw e;
  }
}

/**
 * The central server of the demo, in the console's process: its database beside the
 * centre's (`server-db` in the data directory), its CA, the demo centre registered and
 * enrolled, the in-process broker and the server's service. Idempotent: a second start
 * finds everything in place and only starts the services.
 */
export async function startDemoNetwork(opts: { settings: Settings; centre: Centre; keys: KeyAccess; log?: LogFn }): Promise<DemoNetwork> {
  const { settings, centre, keys } = opts;
  const info = await centre.info();
  if (!info) throw new DocstreamError('not_initialised', 'Centre de démonstration absent.', 'Demo centre missing.');
  // Never enrol a real centre with a demo authority.
  if (info.matricule !== DEMO_CENTRE.matricule || info.name !== DEMO_CENTRE.name) {
    throw new DocstreamError(
      'invalid_state',
      `Le centre ${info.matricule} (${info.name}) n’est pas le centre de démonstration : pas de serveur de démonstration. Ouvrez la console sans --demo, ou utilisez un autre dossier de données (--data-dir).`,
      `Centre ${info.matricule} (${info.name}) is not the demo centre: no demo server. Open the console without --demo, or use another data directory (--data-dir).`,
    );
  }
  const db = await openDatabase(settings, 'server');
  let broker: EmbeddedBroker | undefined;
  try {
    const server = createServer({ db, keys });
    await server.installShippedForms();
    if (!(await server.pki.certificates())) await server.pki.init({ organization: 'Docstream (démonstration)' });
    if ((await server.operators.count()) === 0) await server.operators.demoSupervisor();
    if (!(await centre.transmission.enrolled())) {
      const { code } = await db.tx(async (q) => {
        const now = server.clock.now();
        if (!(await clientByMatricule(q, info.matricule, true))) await registerClient(q, now, DEMO_ACTOR, { matricule: info.matricule, name: info.name, city: 'Démo', region: 'Démo' });
        return issueEnrolmentCode(q, now, DEMO_ACTOR, info.matricule);
      });
      const request = await makeEnrolRequest(centre.db, centre.clock, keys, DEMO_ACTOR, code);
      const answer = await server.ingest.receive(request);
      const reply = answer.replies[0];
      const done = reply && (await centre.transmission.receive(reply.bytes));
      if (done?.kind !== 'enrolled') throw new DocstreamError('pki', 'Inscription du centre de démonstration refusée.', 'Enrolment of the demo centre refused.');
    }
    broker = await brokerOnFreePort();
    const service = await startServerService(server, { link: { url: broker.url }, log: opts.log ?? silentLog });
    const b = broker;
    return {
      server,
      brokerUrl: b.url,
      async stop() {
        await service.stop();
        await b.close();
        await server.close();
      },
    };
  } catch (e) {
    await broker?.close().catch(() => {});
    await db.close().catch(() => {});
    throw e;
  }
}
