import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useApp, useInput, type Key } from 'ink';
import type { Lang, Server } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { matchAction } from '../keys/bindings.js';
import { initialStatus, statusReducer } from './status-reducer.js';
import { StatusView } from './StatusView.js';

export interface StatusScreenProps {
  server: Server;
  lang: Lang;
  /** How often the figures are read again (seconds). */
  refreshSeconds?: number;
  onExit?: () => void;
}

/** Container of the server status: reads the figures now and every few seconds. */
export function StatusScreen({ server, lang, refreshSeconds = 10, onExit }: StatusScreenProps) {
  const { exit } = useApp();
  const [state, dispatch] = useReducer(statusReducer, initialStatus);

  useEffect(() => {
    let live = true;
    const request = state.request;
    server.documentCount().then(
      (documents) => live && dispatch({ type: 'loaded', request, documents, at: new Date() }),
      (e: unknown) => live && dispatch({ type: 'failed', request, error: errorLabel(e) }),
    );
    return () => {
      live = false;
    };
  }, [state.request, server]);

  useEffect(() => {
    const timer = setInterval(() => dispatch({ type: 'refresh' }), refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [refreshSeconds]);

  const latest = useRef({ showHelp: state.showHelp, exit, onExit, done: false });
  latest.current = { ...latest.current, showHelp: state.showHelp, exit, onExit };
  const onKey = useCallback((input: string, key: Key) => {
    const l = latest.current;
    switch (matchAction(l.showHelp ? 'help' : 'status', input, key)) {
      case 'help':
        return dispatch({ type: 'help', show: true });
      case 'back':
        return dispatch({ type: 'help', show: false });
      case 'refresh':
        return dispatch({ type: 'refresh' });
      case 'quit':
      case 'forceQuit':
        if (l.done) return;
        l.done = true;
        l.onExit?.();
        l.exit();
        return;
      default:
        return;
    }
  }, []);
  useInput(onKey);

  return <StatusView lang={lang} state={state} database={{ description: server.db.description, embedded: server.db.embedded }} refreshSeconds={refreshSeconds} />;
}
