import { useEffect, useReducer, useRef } from 'react';
import { langFrom, type Session, type Settings } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import { initialSettings, settingsConditions, settingsMode, settingsReducer } from './settings-reducer.js';
import { SettingsView } from './SettingsView.js';

export interface SettingsScreenProps {
  width: number;
  session: Session;
  /** The options the console was started with (they override the environment and the file). */
  commandLine?: Partial<Settings> | undefined;
  /** Where the settings are read from; process.env by default. */
  env?: NodeJS.ProcessEnv | undefined;
  /** The database in use now, said beside its setting. */
  currentDatabase: string;
}

/**
 * Container of the Settings screen: reads the settings with their sources
 * (`centre.settings.read`), writes one for the Officer (`centre.settings.save`, which
 * checks the role and audits it), and switches the console's language at once when that
 * is the one changed.
 */
export function SettingsScreen({ width, session, commandLine, env, currentDatabase }: SettingsScreenProps) {
  const { centre, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(settingsReducer, undefined, initialSettings);
  const run = useAsyncRunner();
  // Read when a call starts, so that a new object from the parent never re-runs a read or a write.
  const from = useRef({ commandLine, env });
  from.current = { commandLine, env };

  useEffect(() => {
    const { commandLine, env } = from.current;
    const r = state.request;
    if (!r) return;
    run(
      () => centre.settings.read(session, commandLine, env),
      (read) => dispatch({ type: 'loaded', id: r.id, file: read.file, entries: read.settings }),
      (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e) }),
    );
  }, [state.request, centre, session, run]);

  useEffect(() => {
    const { commandLine, env } = from.current;
    const w = state.saving;
    if (!w) return;
    run(
      async () => {
        await centre.settings.save(session, w.key, w.text, env);
        // Removed from the file: the language that applies now (command line, environment, LANG or French).
        if (w.key === 'lang') return langFrom(w.text) ?? (await centre.settings.read(session, commandLine, env)).settings.find((x) => x.key === 'lang')?.value;
        return undefined;
      },
      (now) => {
        dispatch({ type: 'saved', id: w.id });
        if (w.key === 'lang') controls.setLang(langFrom(now) ?? 'fr');
      },
      (e) => dispatch({ type: 'saveFailed', id: w.id, error: errorLabel(e) }),
    );
  }, [state.saving, centre, session, controls, run]);

  const mode = settingsMode(state);
  useKeys(
    'settings',
    mode,
    mode === 'confirm'
      ? { yes: () => dispatch({ type: 'yes' }), no: () => dispatch({ type: 'no' }) }
      : mode === 'typing'
        ? {
            submit: () => dispatch({ type: 'submit' }),
            back: () => dispatch({ type: 'cancel' }),
            prevChoice: () => dispatch({ type: 'cycle', by: -1 }),
            nextChoice: () => dispatch({ type: 'cycle', by: 1 }),
          }
        : {
            up: () => dispatch({ type: 'up' }),
            down: () => dispatch({ type: 'down' }),
            open: () => dispatch({ type: 'edit', privilege: session.privilege }),
            refresh: () => dispatch({ type: 'refresh' }),
            back: () => controls.back(),
          },
    (input, key) => dispatch({ type: 'text', input, key }),
    settingsConditions(state, session.privilege),
  );

  return <SettingsView lang={lang} width={width} state={state} privilege={session.privilege} currentDatabase={currentDatabase} />;
}
