import type { Label } from '../forms/types.js';
import type { Transmission } from '../centre/transmission.js';
import { isDocstreamError } from '../errors.js';
import { startCentreService, type CentreServiceOptions, type RunningService } from './centre-service.js';

export type HostPhase = 'stopped' | 'starting' | 'running' | 'stopping' | 'failed';

/** What a console shows of the transmission cycle it hosts. */
export interface HostState {
  phase: HostPhase;
  /** When the phase began. */
  since: Date;
  /** Started at least once: the next start is a resumption. */
  resumed: boolean;
  /** Why the last start failed (phase `failed`), or what the service last complained of. */
  error?: Label;
  url?: string;
  mode?: 'continuous' | 'intermittent';
  intervalMinutes?: number;
  /** The service's last log event, for a status line. */
  lastEvent?: { at: Date; event: string };
}

export interface CentreServiceHost {
  state(): HostState;
  /** Starts (or resumes) the cycle; a failure goes into the state, never thrown. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Called on every change of state; returns the unsubscribe function. */
  onChange(listener: (s: HostState) => void): () => void;
}

function labelOf(e: unknown): Label {
  if (isDocstreamError(e)) return { fr: e.fr, en: e.en };
  const m = (e as Error)?.message ?? String(e);
  return { fr: `Échec du démarrage : ${m}`, en: `Start failed: ${m}` };
}

/**
 * The transmission cycle hosted by a console (DESIGN §2: "the consoles can also host it
 * in-process"). `options` is read at each start, so a changed setting (broker, cycle)
 * applies at the next start, and the demo can wait there for its in-process server.
 */
export function hostCentreService(tx: Transmission, options: () => Promise<CentreServiceOptions>, now: () => Date = () => new Date()): CentreServiceHost {
  let state: HostState = { phase: 'stopped', since: now(), resumed: false };
  let running: RunningService | undefined;
  const listeners = new Set<(s: HostState) => void>();

  function set(next: Partial<HostState>): void {
    state = { ...state, ...next };
    for (const l of listeners) l(state);
  }

  return {
    state: () => state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async start() {
      if (state.phase === 'starting' || state.phase === 'running' || state.phase === 'stopping') return;
      const resumed = state.resumed;
      set({ phase: 'starting', since: now(), error: undefined });
      try {
        const o = await options();
        running = await startCentreService(tx, {
          ...o,
          ownerLabel: 'console',
          log: (event, fields) => {
            o.log?.(event, fields);
            if (event === 'error') set({ lastEvent: { at: now(), event }, error: { fr: String(fields?.error ?? ''), en: String(fields?.error ?? '') } });
            else set({ lastEvent: { at: now(), event } });
          },
        });
        set({
          phase: 'running', since: now(), resumed: true, url: o.link.url, mode: o.mode ?? 'continuous',
          ...(o.intervalMinutes !== undefined ? { intervalMinutes: o.intervalMinutes } : {}),
        });
      } catch (e) {
        set({ phase: 'failed', since: now(), resumed, error: labelOf(e) });
      }
    },

    async stop() {
      if (!running || state.phase !== 'running') return;
      set({ phase: 'stopping', since: now() });
      const r = running;
      running = undefined;
      try {
        await r.stop();
      } finally {
        set({ phase: 'stopped', since: now() });
      }
    },
  };
}
