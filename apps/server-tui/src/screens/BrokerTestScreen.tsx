import { useEffect, useReducer, useRef } from 'react';
import { EMBEDDED_BROKER_PORT, redactBrokerUrl, runBrokerTest, type BrokerTestPhase } from '@docstream/core';
import { errorCode, useAsyncRunner } from '@docstream/console-kit';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { brokerMode, brokerTestReducer, initialBrokerTest, phaseProgress } from './broker-test-reducer.js';
import { BrokerTestView } from './BrokerTestView.js';

/**
 * Container of the broker test: runs the core's `runBrokerTest` against the configured
 * broker (MQTT_URL), else the embedded one on 127.0.0.1:18830, with an AbortSignal that Esc
 * (or leaving the console) fires. Progress reaches the screen once per percent of a phase,
 * not once per message.
 */
export function BrokerTestScreen({ width, mqttUrl }: { width: number; mqttUrl?: string | undefined }) {
  const { lang, controls } = useConsole();
  const [state, dispatch] = useReducer(brokerTestReducer, initialBrokerTest);
  const run = useAsyncRunner();
  const abort = useRef<AbortController | null>(null);
  const url = mqttUrl ?? `mqtt://127.0.0.1:${EMBEDDED_BROKER_PORT}`;

  useEffect(() => {
    const job = state.run;
    if (!job) return;
    const controller = new AbortController();
    abort.current = controller;
    const count = job.params.count;
    let last = '';
    const onProgress = (done: number, _total: number, phase: BrokerTestPhase) => {
      const n = phaseProgress(done, count, phase);
      const step = `${phase}:${Math.floor((100 * n) / count)}`;
      if (step === last && n !== count) return;
      last = step;
      dispatch({ type: 'progress', id: job.id, phase, done });
    };
    run(
      () => runBrokerTest({ url, ...job.params, signal: controller.signal, onProgress }),
      (result) => dispatch({ type: 'finished', id: job.id, result }),
      (e) => dispatch({ type: 'failed', id: job.id, error: errorLabel(e), cancelled: errorCode(e) === 'cancelled' }),
    );
    // Leaving the screen (or the console) ends the test with it.
    return () => controller.abort();
  }, [state.run, url, run]);

  useKeys(
    'brokerTest',
    brokerMode(state),
    state.run
      ? {
          cancelTest: () => {
            abort.current?.abort();
            dispatch({ type: 'cancel' });
          },
        }
      : {
          nextField: () => dispatch({ type: 'field', by: 1 }),
          prevField: () => dispatch({ type: 'field', by: -1 }),
          startTest: () => dispatch({ type: 'start' }),
          back: () => controls.back(),
        },
    (input, key) => dispatch({ type: 'text', input, key }),
  );

  return <BrokerTestView lang={lang} width={width} url={redactBrokerUrl(url)} configured={mqttUrl !== undefined} state={state} />;
}
