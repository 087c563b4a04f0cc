import { useCallback, useMemo, useReducer, useRef } from 'react';
import { Box, useApp, useInput, type Key } from 'ink';
import type { Lang, Server, ServerServiceHost, Session, Settings } from '@docstream/core';
import { KeyRegistryContext, KeyTargetId, ReadOnlyContext, splitChunk, useTerminalSize, type KeyRegistry } from '@docstream/console-kit';
import { t } from './i18n.js';
import { appReducer, initialAppState, topOf, type Route } from './navigation.js';
import { ConsoleContext, type ConsoleContextValue, type ConsoleControls } from './hooks/console-context.js';
import { ChangePasswordScreen, dispatchKey, HelpScreen, LoginScreen, PaletteScreen } from './keys/kit.js';
import { Header } from './components/Header.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { AccountScreen, ClientNewScreen, ClientScreen, ClientsScreen, MessagesScreen } from './screens/clients/index.js';
import { OperatorsScreen } from './screens/admin/OperatorsScreen.js';
import { SignatoriesScreen } from './screens/admin/SignatoriesScreen.js';
import { TariffsScreen } from './screens/admin/TariffsScreen.js';
import { SecurityScreen } from './screens/admin/SecurityScreen.js';
import { SettingsScreen } from './screens/admin/SettingsScreen.js';
import { documentsScreen } from './screens/documents/screens.js';
import { ElectionsScreen } from './screens/ElectionsScreen.js';
import { ElectionResultsScreen } from './screens/ElectionResultsScreen.js';
import { BrokerTestScreen } from './screens/BrokerTestScreen.js';
import { MonitorScreen } from './screens/monitor/MonitorScreen.js';

export interface AppProps {
  server: Server;
  lang: Lang;
  /** `--readonly`: every changing action is off and shown so. */
  readOnly?: boolean;
  /** The configured broker (MQTT_URL), for the broker test; else the embedded one. */
  mqttUrl?: string | undefined;
  /** Called once when the user quits (before Ink unmounts). */
  onExit?: () => void;
  /** The settings the console's command line gave (the Settings screen says where each comes from). */
  commandLine?: Partial<Settings>;
  /** The receiving service the Monitor starts and stops (hostServerService). */
  service?: ServerServiceHost | undefined;
}

const NO_OPTIONS: Partial<Settings> = {};

/**
 * The server console: a stack of screens over Home (those below the top stay mounted,
 * hidden, so Esc finds them as they were), the help and palette overlays, one header line.
 */
export function App({ server, lang, readOnly = false, mqttUrl, onExit, commandLine = NO_OPTIONS, service }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [state, dispatch] = useReducer(appReducer, undefined, initialAppState);

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
        if (to === 'logout' && s) server.operators.logout(s).catch(() => undefined);
        dispatch({ type: 'go', to });
      },
      loggedIn: (session) => dispatch({ type: 'loggedIn', session }),
      passwordChanged: (session) => dispatch({ type: 'passwordChanged', session }),
    }),
    [server],
  );
  const context = useMemo<ConsoleContextValue>(() => ({ server, lang, controls, readOnly, service }), [server, lang, controls, readOnly, service]);

  // One listener for the whole console, subscribed once: keys go to the target on top.
  const registry = useRef<KeyRegistry>(new Map()).current;
  const keyTarget = useRef<string>('');
  keyTarget.current = state.overlay ?? String(topOf(state).id);
  const onKey = useCallback(
    (input: string, key: Key) => {
      for (const [i, k] of splitChunk(input, key)) dispatchKey(registry.get(keyTarget.current), controls, i, k, readOnly);
    },
    [registry, controls, readOnly],
  );
  useInput(onKey);

  const width = Math.max(40, columns);
  const top = topOf(state);
  const databaseLine = t(lang, 'databaseLine', { description: server.db.description }) + (server.db.embedded ? ` (${t(lang, 'embedded')})` : '');

  function screenFor(route: Route, visible: boolean, session: Session | null) {
    if (route.screen === 'login') {
      return <LoginScreen lang={lang} width={width} databaseLine={databaseLine} login={server.operators.login} onLoggedIn={controls.loggedIn} />;
    }
    if (!session) return null;
    switch (route.screen) {
      case 'changePassword':
        return <ChangePasswordScreen lang={lang} width={width} session={session} forced={route.forced} change={server.operators.changePassword} onChanged={controls.passwordChanged} />;
      case 'home':
        return <HomeScreen active={visible} width={width} databaseLine={databaseLine} />;
      case 'monitor':
        return <MonitorScreen active={visible} width={width} rows={rows} session={session} />;
      case 'clients':
        return <ClientsScreen active={visible} width={width} rows={rows} session={session} />;
      case 'clientNew':
        return <ClientNewScreen width={width} session={session} />;
      case 'client':
        return <ClientScreen active={visible} width={width} session={session} matricule={route.matricule} />;
      case 'clientAccount':
        return <AccountScreen width={width} rows={rows} session={session} matricule={route.matricule} />;
      case 'clientMessages':
        return <MessagesScreen width={width} rows={rows} session={session} matricule={route.matricule} />;
      case 'operators':
        return <OperatorsScreen width={width} rows={rows} session={session} />;
      case 'signatories':
        return <SignatoriesScreen width={width} rows={rows} session={session} />;
      case 'tariffs':
        return <TariffsScreen width={width} session={session} />;
      case 'security':
        return <SecurityScreen width={width} rows={rows} session={session} />;
      case 'settings':
        return <SettingsScreen width={width} session={session} commandLine={commandLine} />;
      case 'docSearch': case 'docDetail': case 'conflicts': case 'conflict': case 'quarantine': case 'quarantineCentre':
        return documentsScreen(route, { active: visible, width, rows, session });
      case 'elections':
        return <ElectionsScreen width={width} session={session} />;
      case 'electionResults':
        return <ElectionResultsScreen active={visible} width={width} session={session} election={route.election} />;
      case 'brokerTest':
        return <BrokerTestScreen width={width} mqttUrl={mqttUrl} />;
    }
  }

  return (
    <ConsoleContext.Provider value={context}>
      <ReadOnlyContext.Provider value={readOnly}>
        <KeyRegistryContext.Provider value={registry}>
          <Box flexDirection="column" width={width}>
            <Header lang={lang} session={state.session} readOnly={readOnly} width={width} />
            {state.stack.map((route) => {
              const visible = route === top && state.overlay === null;
              return (
                <KeyTargetId.Provider key={route.id} value={String(route.id)}>
                  <Box display={visible ? 'flex' : 'none'} flexDirection="column">
                    {screenFor(route, visible, state.session)}
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
      </ReadOnlyContext.Provider>
    </ConsoleContext.Provider>
  );
}
