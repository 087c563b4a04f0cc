import type { Label } from '../forms/types.js';
import type { Server } from '../server/create-server.js';
import type { Session } from '../auth/session.js';
import { OperatorPrivilege } from '../server/guard.js';
import { DocstreamError, isDocstreamError } from '../errors.js';
import { startServerService, type RunningServer } from './server-service.js';
import { EMBEDDED_BROKER_PORT, startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker.js';
import type { LogFn } from './log.js';
import { redactBrokerUrl } from './broker-test.js';
import type { HostPhase } from './centre-service-host.js';

/** What a console shows of the server service it hosts. */
export interface ServerHostState {
  phase: HostPhase;
  since: Date;
  /** Started at least once by this console: the next start is a resumption. */
  resumed: boolean;
  /** Why the last start or stop failed or was refused. */
  error?: Label;
  /** The broker, without any password. */
  url?: string;
  /** This console hosts the embedded broker too (no MQTT_URL). */
  embeddedBroker?: boolean;
  /** Its row in xm_system.service_state, as the monitor lists it. */
  instance?: string;
}

export interface ServerHostOptions {
  /** MQTT_URL; none: the console hosts the embedded broker, as `docstream-server run` does. */
  url?: string | undefined;
  concurrency?: number | undefined;
  shareGroup?: string | undefined;
  /** Port of the embedded broker (tests give a free one). */
  embeddedPort?: number;
  heartbeatMs?: number;
  log?: LogFn;
}

export interface ServerServiceHost {
  state(): ServerHostState;
  /** Starts (or resumes) the service for an operator; a refusal or failure goes into the state. */
  start(session: Session): Promise<void>;
  stop(session: Session): Promise<void>;
  /** Stops what runs without asking anyone: the console is closing. */
  close(): Promise<void>;
  onChange(listener: (s: ServerHostState) => void): () => void;
}

const START: Label = { fr: 'démarrer ou arrêter le service de réception', en: 'starting or stopping the receiving service' };

function labelOf(e: unknown, port = EMBEDDED_BROKER_PORT): Label {
  if (isDocstreamError(e)) return { fr: e.fr, en: e.en };
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') {
    return {
      fr: `Le port ${port} du courtier embarqué est déjà pris : un autre service tourne sans doute sur cette machine. Arrêtez-le, ou indiquez un courtier (MQTT_URL).`,
      en: `The embedded broker’s port ${port} is taken: another service probably runs on this machine. Stop it, or name a broker (MQTT_URL).`,
    };
  }
  const m = (e as Error)?.message ?? String(e);
  return { fr: `Échec du démarrage : ${m}. Voir le journal de la console.`, en: `Start failed: ${m}. See the console’s log.` };
}

/**
 * The server's receiving service hosted by a console (DESIGN §2: "the consoles can also
 * host it in-process"). Starting and stopping it is an Operator's act, checked here. A
 * second service on the same broker would take over the first one's MQTT session, so a
 * start is refused while another process runs one, unless a shared subscription splits
 * the load. `options` is read at each start: a broker changed in Settings applies then.
 */
export function hostServerService(server: Server, options: () => Promise<ServerHostOptions> | ServerHostOptions, now: () => Date = () => new Date()): ServerServiceHost {
  let state: ServerHostState = { phase: 'stopped', since: now(), resumed: false };
  let running: RunningServer | undefined;
  let broker: EmbeddedBroker | undefined;
  /** A start under way: close() waits for it, so nothing it opens outlives the console. */
  let starting: Promise<void> | undefined;
  const listeners = new Set<(s: ServerHostState) => void>();

  function set(next: Partial<ServerHostState>): void {
    state = { ...state, ...next };
    for (const l of listeners) l(state);
  }

  async function halt(): Promise<void> {
    const r = running;
    const b = broker;
    running = undefined;
    broker = undefined;
    try {
      await r?.stop();
    } finally {
      await b?.close().catch(() => undefined);
    }
  }

  /** The core's check that this operator may start or stop it: a refusal is shown, not thrown. */
  async function mayRun(session: Session): Promise<boolean> {
    try {
      await server.operators.guard(server.db, session, OperatorPrivilege.Operator, START);
      return true;
    } catch (e) {
      set({ error: labelOf(e) });
      return false;
    }
  }

  async function launch(session: Session): Promise<void> {
    const resumed = state.resumed;
    if (!(await mayRun(session))) return;
    set({ phase: 'starting', since: now(), error: undefined });
    let port: number | undefined;
    try {
      const o = await options();
      port = o.embeddedPort;
      if (!o.shareGroup) {
        const snap = await server.monitor.snapshot(session, { limit: 1, recent: 0, rateBuckets: 1 });
        const other = snap.service.instances.find((i) => i.state === 'running');
        if (other) {
          throw new DocstreamError(
            'conflict',
            `Un service tourne déjà (${other.host}, processus ${other.pid}) : un second lui prendrait sa session MQTT. Arrêtez-le d’abord, ou réglez un abonnement partagé.`,
            `A service already runs (${other.host}, process ${other.pid}): a second one would take over its MQTT session. Stop it first, or set a shared subscription.`,
          );
        }
      }
      if (!o.url) broker = await startEmbeddedBroker(o.embeddedPort ?? EMBEDDED_BROKER_PORT);
      const url = o.url ?? broker!.url;
      running = await startServerService(server, {
        link: { url, clientId: o.shareGroup ? `ds-server-console-${process.pid}` : 'ds-server' },
        ...(o.concurrency ? { concurrency: o.concurrency } : {}),
        ...(o.shareGroup ? { shareGroup: o.shareGroup } : {}),
        ...(o.heartbeatMs ? { heartbeatMs: o.heartbeatMs } : {}),
        ...(o.log ? { log: o.log } : {}),
      });
      const shown = redactBrokerUrl(url);
      o.log?.('started', { side: 'server', host: 'console', url: shown, embeddedBroker: Boolean(broker), instance: running.instance });
      set({ phase: 'running', since: now(), resumed: true, url: shown, embeddedBroker: Boolean(broker), instance: running.instance });
    } catch (e) {
      await halt().catch(() => undefined);
      set({ phase: 'failed', since: now(), resumed, error: labelOf(e, port) });
    }
  }

  return {
    state: () => state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async start(session) {
      if (state.phase !== 'stopped' && state.phase !== 'failed') return;
      if (starting) return starting;
      let done!: () => void;
      starting = new Promise<void>((r) => (done = r));
      try {
        await launch(session);
      } finally {
        starting = undefined;
        done();
      }
    },

    async stop(session) {
      if (state.phase !== 'running') return;
      if (!(await mayRun(session))) return;
      set({ phase: 'stopping', since: now(), error: undefined });
      try {
        await halt();
      } finally {
        set({ phase: 'stopped', since: now() });
      }
    },

    async close() {
      await starting;
      if (!running && !broker) return;
      set({ phase: 'stopping', since: now() });
      try {
        await halt();
      } finally {
        set({ phase: 'stopped', since: now() });
      }
    },
  };
}
