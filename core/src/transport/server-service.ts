import type { Server } from '../server/create-server.js';
import { isDocstreamError } from '../errors.js';
import { openLink, type Link, type LinkOptions } from './mqtt-link.js';
import { bulletinTopic, downTopic, matriculeOfUpTopic, UP_WILDCARD } from './topics.js';
import { silentLog, type LogFn } from './log.js';
import { INGEST_BATCH } from '../server/ingest.js';
import { redactBrokerUrl } from './broker-test.js';

export interface ServerServiceOptions {
  link: Omit<LinkOptions, 'clientId'> & { clientId?: string };
  /** Lanes committing at once (each on its own database connection). */
  concurrency?: number;
  /** Several server instances share the load through a shared subscription. */
  shareGroup?: string;
  /** How often queued notices are sealed, bulletins refreshed and lost answers re-sent. */
  sweepMs?: number;
  /** How often the service writes its heartbeat row (xm_system.service_state) for the monitor. */
  heartbeatMs?: number;
  log?: LogFn;
}

export interface ServerStats {
  received: number;
  accepted: number;
  rejected: number;
  documents: number;
  queued: number;
}

/**
 * The server's headless service: takes every centre's containers from the broker,
 * hands each to the ingest (which commits before anything is answered), and publishes
 * the answers. Answers committed but not published (a crash in between) go out later.
 */
export async function startServerService(server: Server, opts: ServerServiceOptions) {
  const log = opts.log ?? silentLog;
  await server.identity();
  // Each centre always goes to the same lane: its containers are committed in order, and
  // two lanes never wait on each other's locks. A lane commits up to INGEST_BATCH at once.
  const concurrency = Math.max(1, opts.concurrency ?? (server.db.embedded ? 1 : 4));
  const maxQueue = concurrency * INGEST_BATCH * 4;
  const lanes = Array.from({ length: concurrency }, () => ({ queue: [] as { topic: string; payload: Buffer }[], busy: false }));
  const waiting: (() => void)[] = [];
  const stats: ServerStats = { received: 0, accepted: 0, rejected: 0, documents: 0, queued: 0 };
  let queued = 0;
  const publishing = new Set<Promise<unknown>>();
  let stopped = false;

  // Visible to the monitor of any process from now on; the heartbeat carries the counters.
  const beacon = await server.transport.announceService({
    broker: redactBrokerUrl(opts.link.url), concurrency, ...(opts.shareGroup ? { shareGroup: opts.shareGroup } : {}), ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
  });

  const clientId = opts.link.clientId ?? 'ds-server';
  const link: Link = openLink({ ...opts.link, clientId });
  // Answers leave on a connection of their own: while the receiving one holds the broker
  // back (queue full), the PUBACKs of the answers must still come in, or nothing moves.
  const out: Link = openLink({ ...opts.link, clientId: `${clientId}-out` });

  async function publishReplies(replies: { dst: string; seq: number; bytes: Buffer }[]): Promise<void> {
    const sent: { dst: string; seq: number }[] = [];
    await Promise.all(replies.map(async (r) => {
      try {
        await out.publish(downTopic(r.dst), r.bytes);
        if (r.seq > 0) sent.push({ dst: r.dst, seq: r.seq });
      } catch (e) {
        log('send_failed', { dst: r.dst, seq: r.seq, error: (e as Error).message });
      }
    }));
    await server.transport.markSent(sent);
  }

  function laneOf(topic: string) {
    const m = matriculeOfUpTopic(topic) ?? topic;
    let h = 0;
    for (let i = 0; i < m.length; i++) h = (h * 31 + m.charCodeAt(i)) >>> 0;
    return lanes[h % lanes.length]!;
  }

  async function drain(lane: (typeof lanes)[number]): Promise<void> {
    if (lane.busy) return;
    lane.busy = true;
    try {
      while (lane.queue.length > 0 && !stopped) {
        const batch = lane.queue.splice(0, INGEST_BATCH);
        const started = Date.now();
        try {
          const results = await server.ingest.receiveBatch(batch.map((m) => {
            const src = matriculeOfUpTopic(m.topic);
            return src ? { bytes: m.payload, src } : { bytes: m.payload };
          }));
          const ms = Date.now() - started;
          results.forEach((r, i) => {
            const o = r.outcome;
            if (o.kind === 'accepted' || o.kind === 'quarantined') {
              stats.accepted++;
              stats.documents += o.documents;
            }
            if (o.kind === 'rejected') stats.rejected++;
            log('container', { ...o, bytes: batch[i]!.payload.length, batch: batch.length, ms });
          });
          // The next batch need not wait for the broker to take these answers.
          const p = publishReplies(results.flatMap((r) => r.replies)).catch((e: Error) => log('error', { error: e.message }));
          publishing.add(p);
          void p.finally(() => publishing.delete(p));
        } catch (e) {
          log('error', { containers: batch.length, error: isDocstreamError(e) ? e.en : (e as Error).message });
        } finally {
          queued -= batch.length;
          waiting.splice(0).forEach((w) => w());
        }
      }
    } finally {
      lane.busy = false;
    }
  }

  link.onMessage(async (topic, payload) => {
    stats.received++;
    while (queued >= maxQueue && !stopped) await new Promise<void>((r) => waiting.push(r));
    const lane = laneOf(topic);
    lane.queue.push({ topic, payload });
    queued++;
    void drain(lane);
  });
  link.onConnect(() => {
    const topic = opts.shareGroup ? `$share/${opts.shareGroup}/${UP_WILDCARD}` : UP_WILDCARD;
    link.subscribe(topic).then(() => log('connected', { url: opts.link.url, topic }), (e: Error) => log('error', { error: e.message }));
  });
  link.onDisconnect((reason) => {
    log('disconnected', { reason });
    beat();
  });

  const counters = () => ({ ...stats, queued, connected: !stopped && link.connected && out.connected });
  // One heartbeat write at a time; one asked meanwhile (a connection change) follows it.
  let beating = false;
  let again = false;
  function beat(): void {
    if (stopped) return;
    if (beating) {
      again = true;
      return;
    }
    beating = true;
    again = false;
    beacon.beat(counters()).catch((e: Error) => log('error', { error: `heartbeat: ${e.message}` })).finally(() => {
      beating = false;
      if (again) beat();
    });
  }
  const heartbeat = setInterval(beat, beacon.heartbeatMs);
  // The connection state shows at once, not at the next heartbeat.
  link.onConnect(beat);
  out.onConnect(beat);
  out.onDisconnect(beat);

  // Every few seconds: what operators queued for centres (sealed here, where the key is),
  // the bulletins whose content changed (retained on the broadcast topic), and answers
  // committed but never published (the process died between commit and publish).
  let sweeping = false;
  // A broker restarted without persistence has lost the retained bulletins: publish them again.
  let republish = true;
  out.onConnect(() => (republish = true));
  async function sweep(): Promise<void> {
    for (let sealed = await server.sealNotices(); sealed.length > 0; sealed = await server.sealNotices()) await publishReplies(sealed);
    await server.bulletins.refresh();
    const again = republish;
    republish = false;
    for (const b of again ? await server.bulletins.current() : await server.bulletins.unpublished()) {
      await out.publish(bulletinTopic(b.typ), b.bytes, 30_000, true);
      await server.bulletins.markPublished(b.typ, b.version);
      log('bulletin', { typ: b.typ, version: b.version, bytes: b.bytes.length });
    }
    await server.elections.maintain();
    const rows = await server.transport.unsent(new Date(Date.now() - 10_000));
    if (rows.length) await publishReplies(rows.map((r) => ({ dst: r.dst, seq: r.seq, bytes: r.sdc })));
  }
  const sweeper = setInterval(() => {
    if (!out.connected || sweeping) return;
    sweeping = true;
    sweep().catch((e: Error) => log('error', { error: e.message })).finally(() => (sweeping = false));
  }, opts.sweepMs ?? 5000);

  return {
    /** Its row in xm_system.service_state, as the monitor lists it. */
    instance: beacon.instance,
    stats: (): ServerStats => ({ ...stats, queued }),
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(sweeper);
      clearInterval(heartbeat);
      waiting.splice(0).forEach((r) => r());
      while (lanes.some((l) => l.busy)) await new Promise((r) => setTimeout(r, 20));
      await Promise.race([Promise.all(publishing), new Promise((r) => setTimeout(r, 5000))]);
      await link.close();
      await out.close();
      while (beating) await new Promise((r) => setTimeout(r, 20));
      await beacon.stopped(counters()).catch((e: Error) => log('error', { error: `heartbeat: ${e.message}` }));
    },
  };
}

export type RunningServer = Awaited<ReturnType<typeof startServerService>>;
