import { useEffect, useReducer } from 'react';
import type { Session, Settings } from '@docstream/core';
import { errorLabel, useAsyncRunner } from '@docstream/console-kit';
import { useConsole } from '../../hooks/console-context.js';
import { useKeys } from '../../keys/kit.js';
import { initialSettings, settingsConditions, settingsMode, settingsReducer } from './settings-reducer.js';
import { SettingsView } from './SettingsView.js';

/**
 * Container of the Settings screen: what the server runs with and where each value comes
 * from; a supervisor writes a new value to the settings file (the core checks and audits
 * it), which takes effect at the next start. `commandLine`: the console's own options.
 */
export function SettingsScreen({ width, session, commandLine }: { width: number; session: Session; commandLine: Partial<Settings> }) {
  const { server, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(settingsReducer, undefined, initialSettings);
  const run = useAsyncRunner();

  useEffect(() => {
    const id = state.request;
    if (id === null) return;
    run(
      () => server.settings.report(session, commandLine),
      (report) => dispatch({ type: 'loaded', id, report }),
      (e) => dispatch({ type: 'failed', id, error: errorLabel(e) }),
    );
  }, [state.request, server, session, commandLine, run]);

  const p = state.prompt;
  const running = p.step === 'running' ? p : null;
  useEffect(() => {
    if (!running) return;
    run(
      () => server.settings.save(session, running.op.key, running.op.text),
      () => dispatch({ type: 'done', id: running.id }),
      (e) => dispatch({ type: 'opFailed', id: running.id, error: errorLabel(e) }),
    );
  }, [running, server, session, run]);

  const mode = settingsMode(state);
  useKeys(
    'settings',
    mode,
    mode === 'confirm'
      ? { yes: () => dispatch({ type: 'yes' }), no: () => dispatch({ type: 'no' }) }
      : mode === 'typing'
        ? { submit: () => dispatch({ type: 'submit' }), back: () => dispatch({ type: 'cancel' }) }
        : {
            up: () => dispatch({ type: 'up' }),
            down: () => dispatch({ type: 'down' }),
            editSetting: () => dispatch({ type: 'edit' }),
            refresh: () => dispatch({ type: 'refresh' }),
            back: () => controls.back(),
          },
    (input, key) => dispatch({ type: 'text', input, key }),
    settingsConditions(state),
  );
  return <SettingsView lang={lang} width={width} state={state} database={server.db.description} />;
}
