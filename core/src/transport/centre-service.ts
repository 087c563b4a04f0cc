import type { Transmission, PackOptions } from '../centre/transmission.js';
import { DEFAULT_PACK, notEnrolled } from '../centre/transmission.js';
import { isDocstreamError } from '../errors.js';
import { openLink, type Link, type LinkOptions } from './mqtt-link.js';
import { downTopic, upTopic } from './topics.js';
import { silentLog, type LogFn } from './log.js';

export interface CentreServiceOptions {
  link: Omit<LinkOptions, 'clientId'> & { clientId?: string };
  /** continuous: stay connected; intermittent: connect every `intervalMinutes`, flush, receive, disconnect. */
  mode?: 'continuous' | 'intermittent';
  intervalMinutes?: number;
  /** Re-send a container left unanswered this long (a satellite link needs minutes). */
  retryAfterMs?: number;
  /** Containers sent and not yet answered at most. */
  window?: number;
  pack?: PackOptions;
  pollMs?: number;
  log?: LogFn;
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
  const retryAfterMs = opts.retryAfterMs ?? 60_000;
  const window = opts.window ?? 64;
  const pollMs = opts.pollMs ?? 1000;
  const mode = opts.mode ?? 'continuous';
  const inFlight = new Map<number, number>();
  let link: Link | undefined;
  let busy = false;
  let again = false;
  let stopped = false;
  let resendAll = false;

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
        if (!link?.connected) return;
        const now = Date.now();
        for (const [seq, at] of inFlight) if (now - at > retryAfterMs) inFlight.delete(seq);
        const room = window - inFlight.size;
        if (room <= 0) return;
        const due = await tx.due(resendAll ? 0 : retryAfterMs, room + inFlight.size);
        resendAll = false;
        const batch = due.filter((c) => !inFlight.has(c.seq)).slice(0, room);
        if (batch.length === 0) return;
        for (const c of batch) inFlight.set(c.seq, now);
        const sent: number[] = [];
        let bytes = 0;
        await Promise.all(batch.map(async (c) => {
          try {
            await link!.publish(upTopic(matricule!), c.sdc);
            sent.push(c.seq);
            bytes += c.sdc.length;
          } catch (e) {
            inFlight.delete(c.seq);
            log('send_failed', { seq: c.seq, error: (e as Error).message });
          }
        }));
        await tx.markSent(sent, bytes);
        if (sent.length) log('sent', { containers: sent.length, bytes, resend: batch.some((c) => c.attempts > 0) });
      } while (again && !stopped);
    } catch (e) {
      log('error', { error: isDocstreamError(e) ? e.en : (e as Error).message });
    } finally {
      busy = false;
    }
  }

  async function onMessage(_topic: string, payload: Buffer): Promise<void> {
    try {
      const r = await tx.receive(payload);
      if (r.kind === 'ack') inFlight.delete(r.seq);
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
      void (async () => {
        try {
          await l.subscribe(downTopic(matricule!));
          await l.publish(upTopic(matricule!), await tx.hello());
          await tx.linkEvent({ connected: true, connectAt: new Date() });
          inFlight.clear();
          resendAll = true;
          log('connected', { url: opts.link.url });
          await pump();
        } catch (e) {
          log('error', { error: (e as Error).message });
        }
      })();
    });
    l.onDisconnect((reason) => {
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
      while (busy) await new Promise((r) => setTimeout(r, 20));
      await link?.close();
      await tx.linkEvent({ connected: false }).catch(() => {});
    },
  };
}
