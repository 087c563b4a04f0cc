import type { Transmission, PackOptions } from '../centre/transmission.js';
import { DEFAULT_PACK, notEnrolled } from '../centre/transmission.js';
import { isDocstreamError } from '../errors.js';
import { openLink, type Link, type LinkOptions } from './mqtt-link.js';
import { BROADCAST_TOPIC, BULLETIN_WILDCARD, downTopic, upTopic } from './topics.js';
import { silentLog, type LogFn } from './log.js';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DocstreamError } from '../errors.js';

const HEARTBEAT_MS = 5000;

function alreadyRunning(holder: { owner: string; heartbeat_at: Date }): DocstreamError {
  const seen = holder.heartbeat_at.toISOString().slice(11, 19);
  return new DocstreamError(
    'invalid_state',
    `La transmission tourne déjà (${holder.owner}, vue à ${seen} UTC). Arrêtez ce service d’abord ; s’il a disparu sans s’arrêter, réessayez dans 20 secondes.`,
    `Transmission is already running (${holder.owner}, seen at ${seen} UTC). Stop that service first; if it died without stopping, try again in 20 seconds.`,
  );
}

export interface CentreServiceOptions {
  link: Omit<LinkOptions, 'clientId'> & { clientId?: string };
  /** continuous: stay connected; intermittent: connect every `intervalMinutes`, flush, receive, disconnect. */
  mode?: 'continuous' | 'intermittent';
  intervalMinutes?: number;
  /** Re-send a container left unanswered this long (a satellite link needs minutes). */
  retryAfterMs?: number;
  /** Containers handed to MQTT and not yet answered, at most (count and bytes). */
  window?: number;
  windowBytes?: number;
  pack?: PackOptions;
  pollMs?: number;
  log?: LogFn;
  /** Who runs it, as other processes will see it (`run`, `console`). */
  ownerLabel?: string;
}

export interface RunningService {
  stop(): Promise<void>;
  /** Resolves when nothing waits to be sent or answered (tests, intermittent cycles). */
  idle(timeoutMs: number): Promise<boolean>;
}

/**
 * The centre's headless service: packs the outbox, publishes containers on its up
 * topic, applies the answers from its down topic, and re-sends what stays unanswered.
 */
export async function startCentreService(tx: Transmission, opts: CentreServiceOptions): Promise<RunningService> {
  const log = opts.log ?? silentLog;
  const matricule = await tx.matricule();
  if (!matricule || !(await tx.enrolled())) throw notEnrolled();
  // One service per centre: two would take the broker session from each other in turn.
  const owner = `${opts.ownerLabel ?? 'run'} ${hostname()} pid ${process.pid} ${randomBytes(3).toString('hex')}`;
  const claim = await tx.service.claim(owner);
  if (!claim.claimed) throw alreadyRunning(claim.holder);
  const retryAfterMs = opts.retryAfterMs ?? 60_000;
  const window = opts.window ?? 64;
  const windowBytes = opts.windowBytes ?? 1024 * 1024;
  const pollMs = opts.pollMs ?? 1000;
  const mode = opts.mode ?? 'continuous';
  // Handed to MQTT and not yet answered. The re-send clock starts when the broker has the
  // container (PUBACK), not when it was handed over: on a 22 kbit/s link a container may
  // wait minutes in the socket behind others, and sending it again would only queue a copy.
  const inFlight = new Map<number, { bytes: number; pubackAt?: number }>();
  let link: Link | undefined;
  let ready = false;
  let busy = false;
  let again = false;
  let stopped = false;

  async function pump(): Promise<void> {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const made = await tx.pack(opts.pack ?? DEFAULT_PACK);
        if (made > 0) log('packed', { containers: made });
        if (!link?.connected || !ready) return;
        const now = Date.now();
        for (const [seq, f] of inFlight) if (f.pubackAt !== undefined && now - f.pubackAt > retryAfterMs) inFlight.delete(seq);
        let bytesInFlight = [...inFlight.values()].reduce((a, f) => a + f.bytes, 0);
        if (inFlight.size >= window) return;
        const batch: { seq: number; sdc: Buffer; attempts: number }[] = [];
        // Only what is not already on its way: on a slow link most unanswered containers are.
        for (const c of await tx.due(0, window - inFlight.size, [...inFlight.keys()])) {
          if (inFlight.size + batch.length >= window || (batch.length + inFlight.size > 0 && bytesInFlight + c.sdc.length > windowBytes)) break;
          batch.push(c);
          bytesInFlight += c.sdc.length;
        }
        if (batch.length === 0) return;
        const current = link;
        for (const c of batch) inFlight.set(c.seq, { bytes: c.sdc.length });
        await tx.markSent(batch.map((c) => c.seq), batch.reduce((a, c) => a + c.sdc.length, 0));
        log('sent', { containers: batch.length, bytes: batch.reduce((a, c) => a + c.sdc.length, 0), resend: batch.some((c) => c.attempts > 0) });
        for (const c of batch) {
          current.publish(upTopic(matricule!), c.sdc, 24 * 3600_000).then(
            () => {
              const f = inFlight.get(c.seq);
              if (f) f.pubackAt = Date.now();
            },
            // Lost with the connection: the reconnection sends everything unanswered again.
            (e: Error) => log('send_failed', { seq: c.seq, error: e.message }),
          );
        }
      } while (again && !stopped);
    } catch (e) {
      log('error', { error: isDocstreamError(e) ? e.en : (e as Error).message });
    } finally {
      busy = false;
    }
  }

  async function onMessage(topic: string, payload: Buffer): Promise<void> {
    try {
      if (topic.startsWith(`${BROADCAST_TOPIC}/`)) {
        log('bulletin', await tx.receiveBulletin(payload));
        return;
      }
      const r = await tx.receive(payload);
      if (r.kind === 'ack') for (const seq of r.seqs) inFlight.delete(seq);
      log('received', r);
      if (r.kind === 'ack') void pump();
    } catch (e) {
      log('error', { error: isDocstreamError(e) ? e.en : (e as Error).message });
    }
  }

  function connect(): Link {
    const l = openLink({ ...opts.link, clientId: opts.link.clientId ?? `ds-centre-${matricule}` });
    l.onMessage(onMessage);
    l.onConnect(() => {
      // Nothing goes out before the subscription and the hello; then everything unanswered goes again.
      ready = false;
      inFlight.clear();
      void (async () => {
        try {
          await l.subscribe(downTopic(matricule!));
          await l.subscribe(BULLETIN_WILDCARD);
          await l.publish(upTopic(matricule!), await tx.hello());
          await tx.linkEvent({ connected: true, connectAt: new Date() });
          ready = true;
          log('connected', { url: opts.link.url });
          await pump();
        } catch (e) {
          log('error', { error: (e as Error).message });
        }
      })();
    });
    l.onDisconnect((reason) => {
      ready = false;
      log('disconnected', { reason });
      void tx.linkEvent({ connected: false, error: { at: new Date(), text: `disconnected: ${reason}` } }).catch(() => {});
    });
    return l;
  }

  async function idle(timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end && !stopped) {
      const c = await tx.counts();
      if (c.waiting === 0 && c.in_flight === 0) return true;
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  }

  const heartbeat = setInterval(() => {
    tx.service.heartbeat(owner).then(
      (alive) => {
        if (!alive) log('error', { error: 'service taken over by another process after a stale heartbeat' });
      },
      (e: Error) => log('error', { error: e.message }),
    );
  }, HEARTBEAT_MS);
  heartbeat.unref();

  let timer: NodeJS.Timeout | undefined;
  if (mode === 'continuous') {
    link = connect();
    timer = setInterval(() => void pump(), pollMs);
  } else {
    const cycle = async () => {
      if (stopped) return;
      link = connect();
      log('cycle_start', {});
      await idle(Math.max(30_000, retryAfterMs));
      await link.close();
      link = undefined;
      await tx.linkEvent({ connected: false }).catch(() => {});
      log('cycle_end', {});
    };
    void cycle();
    timer = setInterval(() => void cycle(), (opts.intervalMinutes ?? 15) * 60_000);
  }

  return {
    idle,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(heartbeat);
      while (busy) await new Promise((r) => setTimeout(r, 20));
      await link?.close();
      await tx.linkEvent({ connected: false }).catch(() => {});
      await tx.service.release(owner).catch(() => {});
    },
  };
}
