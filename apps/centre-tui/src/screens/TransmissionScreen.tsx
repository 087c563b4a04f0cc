import { useEffect, useReducer, useState, useSyncExternalStore } from 'react';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { exchangeBundle, importAnswer } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import {
  defaultExportPath, initialTransmission, linkView, PROBLEMS_SHOWN, REFRESH_MS, summariseImport, transmissionConditions,
  transmissionMode, transmissionReducer, type TxSnapshot,
} from './transmission-reducer.js';
import { TransmissionView } from './TransmissionView.js';
import { cycleConditions } from './cycle-lines.js';

const noSubscription = () => () => undefined;
const noState = () => undefined;

/** A typed path as the file system takes it: `~/` is the home folder, a relative path starts where the console was launched. */
export function absolutePath(typed: string): string {
  const p = typed === '~' ? homedir() : typed.startsWith('~/') ? `${homedir()}${typed.slice(1)}` : typed;
  return resolve(p);
}

/**
 * Container of the Transmissions screen: the link, the outbox counts, the certificate, the
 * trust list and the last problems, read again on `r` and every 2 s while live and on top;
 * `e` / `i` carry containers and answers by T2D file; `s` starts, stops and resumes the MQTT
 * cycle the console hosts (when another process holds it, the start says so).
 */
export function TransmissionScreen({ active, width, rows }: { active: boolean; width: number; rows: number }) {
  const { centre, lang, controls, cycle } = useConsole();
  const host = useSyncExternalStore(cycle ? (fn: () => void) => cycle.onChange(fn) : noSubscription, cycle ? () => cycle.state() : noState);
  const [state, dispatch] = useReducer(transmissionReducer, initialTransmission);
  const [matricule, setMatricule] = useState<string | undefined>(undefined);
  const [now, setNow] = useState(() => new Date());
  const run = useAsyncRunner();
  const tx = centre.transmission;

  useEffect(() => {
    run(() => tx.matricule(), setMatricule, () => undefined);
  }, [tx, run]);

  useEffect(() => {
    const request = state.request;
    run(
      async (): Promise<TxSnapshot> => {
        const [counts, link, enrolled, trust, problems, service] = await Promise.all([
          tx.counts(), tx.link(), tx.enrolled(), tx.trust(), tx.problems(PROBLEMS_SHOWN), tx.service.current(),
        ]);
        return { counts, link: linkView(link), enrolled, trust: { version: trust.version, receivedAt: trust.receivedAt }, problems, service, at: new Date() };
      },
      (snapshot) => {
        setNow(snapshot.at);
        dispatch({ type: 'loaded', request, snapshot });
      },
      (e) => dispatch({ type: 'failed', request, error: errorLabel(e) }),
    );
  }, [state.request, tx, run]);

  // The live refresh: a bounded rate, only while the screen is on top and not paused.
  useEffect(() => {
    if (!active || !state.live) return;
    const timer = setInterval(() => dispatch({ type: 'tick' }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, state.live]);

  useEffect(() => {
    const job = state.job;
    if (!job) return;
    const path = absolutePath(job.path);
    if (job.kind === 'export') {
      run(
        () => exchangeBundle(tx, path),
        (r) => dispatch({ type: 'exported', id: job.id, containers: r.containers, bytes: r.bytes, path }),
        (e) => dispatch({ type: 'jobFailed', id: job.id, error: errorLabel(e) }),
      );
    } else {
      run(
        () => importAnswer(tx, path),
        (outcomes) => dispatch({ type: 'imported', id: job.id, summary: summariseImport(outcomes), path }),
        (e) => dispatch({ type: 'jobFailed', id: job.id, error: errorLabel(e) }),
      );
    }
  }, [state.job, tx, run]);

  const mode = transmissionMode(state);
  const on = [...transmissionConditions(state), ...cycleConditions(host)];
  useKeys(
    'transmission',
    mode,
    mode === 'typing'
      ? { submit: () => dispatch({ type: 'submit' }), back: () => dispatch({ type: 'cancel' }) }
      : {
          refresh: () => dispatch({ type: 'refresh' }),
          pause: () => dispatch({ type: 'pause' }),
          exportT2d: () => dispatch({ type: 'ask', kind: 'export', path: defaultExportPath(matricule ?? state.snapshot?.enrolled?.matricule, new Date()) }),
          importT2d: () => dispatch({ type: 'ask', kind: 'import', path: '' }),
          cycleStart: () => void cycle?.start().then(() => dispatch({ type: 'refresh' })),
          cycleStop: () => void cycle?.stop().then(() => dispatch({ type: 'refresh' })),
          back: () => controls.back(),
        },
    (input, key) => dispatch({ type: 'text', input, key }),
    on,
  );

  return <TransmissionView lang={lang} width={width} rows={rows} state={state} now={now} on={on} cycle={host} />;
}
