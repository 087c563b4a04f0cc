import { useEffect, useReducer, useState } from 'react';
import { performance } from 'node:perf_hooks';
import type { ServerHostState, Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { useKeys } from '../../keys/kit.js';
import type { MonitorCondition } from '../../keys/monitor-bindings.js';
import { initialMonitor, monitorDelay, monitorMode, monitorQuery, monitorReducer, selectedCentre, type MonitorState } from './monitor-reducer.js';
import { sparkWidth } from './monitor-lines.js';
import { ms } from './monitor-strings.js';
import { OPERATOR } from '../clients/client-words.js';
import { MONITOR_CHROME, MonitorView } from './MonitorView.js';

function conditions(s: MonitorState, host: ServerHostState | null, privilege: number): MonitorCondition[] {
  const on: MonitorCondition[] = [s.live ? 'monitorLive' : 'monitorPaused'];
  if (s.panel === 'centres') on.push('monitorCentres');
  if (host && privilege >= OPERATOR) {
    if (host.phase === 'running') on.push('serviceStoppable');
    // another process's service would lose its MQTT session to a second one: no `s` then
    const elsewhere = s.snapshot?.service.instances.some((i) => i.state === 'running' && i.instance !== host.instance) ?? false;
    if ((host.phase === 'stopped' || host.phase === 'failed') && !elsewhere) on.push(host.resumed ? 'serviceResumable' : 'serviceStartable');
  }
  return on;
}

/**
 * Container of the live monitor: one snapshot read at a time from the database (so it
 * shows the service whichever process runs it), again 1 s after the last one ended while
 * on top and not paused; `s` starts, stops or resumes the service this console hosts.
 */
export function MonitorScreen({ active, width, rows, session }: { active: boolean; width: number; rows: number; session: Session }) {
  const { server, lang, controls, service } = useConsole();
  const [state, dispatch] = useReducer(monitorReducer, rows - MONITOR_CHROME, initialMonitor);
  const [host, setHost] = useState<ServerHostState | null>(() => service?.state() ?? null);
  const run = useAsyncRunner();
  const spark = sparkWidth(width);

  useEffect(() => {
    if (!service) return;
    setHost(service.state());
    // a start or stop shows in the figures at once, not at the next tick
    return service.onChange((h) => {
      setHost(h);
      dispatch({ type: 'refresh' });
    });
  }, [service]);

  useEffect(() => dispatch({ type: 'room', room: rows - MONITOR_CHROME }), [rows]);

  useEffect(() => {
    const request = state.request;
    const started = performance.now();
    run(
      () => server.monitor.snapshot(session, monitorQuery(state, spark + 1)),
      (snapshot) => dispatch({ type: 'loaded', request, snapshot, tookMs: performance.now() - started }),
      (e) => dispatch({ type: 'failed', request, error: errorLabel(e) }),
    );
    // Only a new request reads: the query is the state's at that moment.
  }, [state.request, server, session, run]);

  const delay = monitorDelay(state.tookMs);
  useEffect(() => {
    if (!active || !state.live || state.loading) return;
    const timer = setTimeout(() => dispatch({ type: 'tick' }), delay);
    return () => clearTimeout(timer);
  }, [active, state.live, state.loading, state.request, delay]);

  const on = conditions(state, host, session.privilege);
  const mode = monitorMode(state);
  useKeys(
    'monitor',
    mode,
    mode === 'typing'
      ? { submit: () => dispatch({ type: 'submitFilter' }), back: () => dispatch({ type: 'cancelFilter' }) }
      : mode === 'confirm'
        ? {
            yes: () => {
              dispatch({ type: 'cancelStop' });
              void service?.stop(session);
            },
            no: () => dispatch({ type: 'cancelStop' }),
          }
        : {
            up: () => dispatch({ type: 'up' }),
            down: () => dispatch({ type: 'down' }),
            prevPage: () => dispatch({ type: 'page', by: -1 }),
            nextPage: () => dispatch({ type: 'page', by: 1 }),
            open: () => {
              const c = selectedCentre(state);
              if (c) controls.open({ screen: 'client', matricule: c.matricule });
            },
            sortPrev: () => dispatch({ type: 'sort', by: -1 }),
            sortNext: () => dispatch({ type: 'sort', by: 1 }),
            invertSort: () => dispatch({ type: 'invert' }),
            filter: () => dispatch({ type: 'openFilter' }),
            panel: () => dispatch({ type: 'panel' }),
            pause: () => dispatch({ type: 'pause' }),
            refresh: () => dispatch({ type: 'refresh' }),
            serviceStart: () => void service?.start(session),
            serviceStop: () => dispatch({ type: 'askStop' }),
            back: () => (state.filter !== '' ? dispatch({ type: 'clearFilter' }) : controls.back()),
          },
    (input, key) => dispatch({ type: 'text', input, key }),
    on,
  );

  const hostLine = host?.phase === 'starting' ? ms(lang, 'hostStarting') : host?.phase === 'stopping' ? ms(lang, 'hostStopping') : null;
  const error = state.error ?? host?.error ?? null;
  return <MonitorView lang={lang} width={width} state={state} on={on} hostLine={hostLine} hosted={host?.instance} error={error} />;
}
