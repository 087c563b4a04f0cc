import { createContext, useContext } from 'react';
import type { Lang, Server, ServerServiceHost, Session } from '@docstream/core';
import type { GlobalControls } from '@docstream/console-kit';
import type { Destination, RouteSpec } from '../navigation.js';

/** What the App hands every screen: the core, the language, the navigation. */
export interface ConsoleControls extends GlobalControls {
  open(route: RouteSpec): void;
  go(to: Destination): void;
  loggedIn(session: Session): void;
  passwordChanged(session: Session): void;
}

export interface ConsoleContextValue {
  server: Server;
  lang: Lang;
  controls: ConsoleControls;
  /** `--readonly`: every changing action is off (the keys say so; the core still checks privileges). */
  readOnly: boolean;
  /** The receiving service this console can host (absent in tests that do not need it). */
  service?: ServerServiceHost | undefined;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside <App>');
  return value;
}
