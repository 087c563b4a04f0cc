import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, useApp, useInput, type Key } from 'ink';
import type { Centre, CentreServiceHost, Lang, Session, Settings } from '@docstream/core';
import { t } from './i18n.js';
import { appReducer, initialAppState, topOf, type Route } from './navigation.js';
import { ConsoleContext, type ConsoleContextValue, type ConsoleControls } from './hooks/console-context.js';
import { KeyRegistryContext, KeyTargetId, splitChunk, type KeyRegistry } from '@docstream/console-kit';
import { ChangePasswordScreen, dispatchKey, HelpScreen, LoginScreen, PaletteScreen } from './keys/kit.js';
import { useTerminalSize } from '@docstream/console-kit';
import { Header, type CentreIdentity } from './components/Header.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { DocumentsScreen } from './screens/DocumentsScreen.js';
import { DetailScreen } from './screens/DetailScreen.js';
import { VerifyScreen } from './screens/VerifyScreen.js';
import { MessagesScreen } from './screens/MessagesScreen.js';
import { AccountScreen } from './screens/AccountScreen.js';
import { TransmissionScreen } from './screens/TransmissionScreen.js';
import { FormScreen } from './screens/FormScreen.js';
import { UsersScreen } from './screens/UsersScreen.js';
import { SettingsScreen } from './screens/SettingsScreen.js';

export interface AppProps {
  centre: Centre;
  /** The language to start in; the Settings screen may change it while the console runs. */
  lang: Lang;
  /** The settings given on the command line (the Settings screen says what they override). */
  commandLine?: Partial<Settings>;
  /** The environment the settings are read from (and the settings file's folder, DOCSTREAM_CONFIG_DIR); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to what the centre's database says about itself. */
  embedded?: boolean;
  dbDescription?: string;
  /** The data directory in use: certified copies are written to its `copies/` (unless DOCSTREAM_COPIES_DIR). */
  dataDir?: string;
  /** Called once when the user quits (before Ink unmounts). */
  onExit?: () => void;
  /** The MQTT cycle the console hosts (started and stopped from Transmissions). */
  cycle?: CentreServiceHost;
}

/**
 * The centre console: a stack of screens (the ones below the top stay mounted, hidden,
 * so Esc finds them as they were), the help and palette overlays, one header line.
 */
export function App({ centre, lang: startLang, commandLine, env, embedded, dbDescription, dataDir, onExit, cycle }: AppProps) {
  const { exit } = useApp();
  // Held here so that a change from the Settings screen redraws the whole console at once.
  const [lang, setLang] = useState<Lang>(startLang);
  const { columns, rows } = useTerminalSize();
  const [state, dispatch] = useReducer(appReducer, undefined, initialAppState);
  const [identity, setIdentity] = useState<CentreIdentity | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    centre.info().then(
      (info) => {
        if (live) setIdentity(info ? { matricule: info.matricule, name: info.name } : null);
      },
      () => undefined, // the header then shows the application name only
    );
    return () => {
      live = false;
    };
  }, [centre]);

  const sessionRef = useRef<Session | null>(null);
  sessionRef.current = state.session;
  const exitRef = useRef({ exit, onExit, done: false });
  exitRef.current = { ...exitRef.current, exit, onExit };

  const controls = useMemo<ConsoleControls>(
    () => ({
      quit: () => {
        const x = exitRef.current;
        if (x.done) return;
        x.done = true;
        x.onExit?.();
        x.exit();
      },
      back: () => dispatch({ type: 'back' }),
      help: () => dispatch({ type: 'overlay', overlay: 'help' }),
      palette: () => dispatch({ type: 'overlay', overlay: 'palette' }),
      open: (route) => dispatch({ type: 'open', route }),
      go: (to) => {
        const s = sessionRef.current;
        // the core refuses the session from now on, whatever the screens still hold
        if (to === 'logout' && s) centre.users.logout(s).catch(() => undefined);
        dispatch({ type: 'go', to });
      },
      loggedIn: (session) => dispatch({ type: 'loggedIn', session }),
      passwordChanged: (session) => dispatch({ type: 'passwordChanged', session }),
      setLang,
    }),
    [],
  );
  const context = useMemo<ConsoleContextValue>(() => ({ centre, lang, controls, ...(cycle ? { cycle } : {}) }), [centre, lang, controls, cycle]);

  // One listener for the whole console, subscribed once: keys go to the target on top.
  const registry = useRef<KeyRegistry>(new Map()).current;
  const keyTarget = useRef<string>('');
  keyTarget.current = state.overlay ?? String(topOf(state).id);
  const onKey = useCallback(
    (input: string, key: Key) => {
      for (const [i, k] of splitChunk(input, key)) dispatchKey(registry.get(keyTarget.current), controls, i, k);
    },
    [registry, controls],
  );
  useInput(onKey);

  const description = dbDescription ?? centre.db.description;
  const isEmbedded = embedded ?? centre.db.embedded;
  const databaseLine = t(lang, 'databaseLine', { description }) + (isEmbedded ? ` (${t(lang, 'embedded')})` : '');
  const width = Math.max(40, columns);
  const top = topOf(state);

  /** `visible`: on top with no overlay; `onTop`: on top of the stack (an overlay may cover it). */
  function screenFor(route: Route, visible: boolean, onTop: boolean, session: Session | null) {
    if (route.screen === 'login') return <LoginScreen lang={lang} width={width} databaseLine={databaseLine} login={centre.users.login} onLoggedIn={controls.loggedIn} />;
    if (!session) return null;
    switch (route.screen) {
      case 'changePassword':
        return <ChangePasswordScreen lang={lang} width={width} session={session} forced={route.forced} change={centre.users.changePassword} onChanged={controls.passwordChanged} />;
      case 'home':
        return <HomeScreen active={visible} width={width} session={session} databaseLine={databaseLine} />;
      case 'documents':
        return <DocumentsScreen active={onTop} width={width} session={session} pageSize={Math.max(3, rows - 8)} criteria={route.criteria} />;
      case 'detail':
        return <DetailScreen active={onTop} width={width} height={Math.max(3, rows - 6)} session={session} numero={route.numero} dataDir={dataDir} />;
      case 'verify':
        return <VerifyScreen width={width} rows={rows} />;
      case 'messages':
        return <MessagesScreen width={width} rows={rows} session={session} />;
      case 'account':
        return <AccountScreen width={width} rows={rows} session={session} />;
      case 'transmission':
        return <TransmissionScreen active={visible} width={width} rows={rows} />;
      case 'form':
        return <FormScreen width={width} rows={rows} session={session} numero={route.numero} />;
      case 'users':
        return <UsersScreen width={width} rows={rows} session={session} />;
      case 'settings':
        return <SettingsScreen width={width} session={session} commandLine={commandLine} env={env} currentDatabase={description + (isEmbedded ? ` (${t(lang, 'embedded')})` : '')} />;
    }
  }

  return (
    <ConsoleContext.Provider value={context}>
      <KeyRegistryContext.Provider value={registry}>
        <Box flexDirection="column" width={width}>
          <Header lang={lang} centre={identity} session={state.session} width={width} />
          {state.stack.map((route) => {
            const visible = route === top && state.overlay === null;
            return (
              <KeyTargetId.Provider key={route.id} value={String(route.id)}>
                <Box display={visible ? 'flex' : 'none'} flexDirection="column">
                  {screenFor(route, visible, route === top, state.session)}
                </Box>
              </KeyTargetId.Provider>
            );
          })}
          {state.overlay === 'help' ? (
            <KeyTargetId.Provider value="help">
              <HelpScreen lang={lang} width={width} about={top.screen} />
            </KeyTargetId.Provider>
          ) : null}
          {state.overlay === 'palette' ? (
            <KeyTargetId.Provider value="palette">
              <PaletteScreen lang={lang} width={width} go={controls.go} />
            </KeyTargetId.Provider>
          ) : null}
        </Box>
      </KeyRegistryContext.Provider>
    </ConsoleContext.Provider>
  );
}
