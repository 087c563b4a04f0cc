import { createContext, useContext } from 'react';
import type { Centre, CentreServiceHost, Lang, Session } from '@docstream/core';
import type { Destination, RouteSpec } from '../navigation.js';

/** What the App hands every screen: the core, the language and the navigation. */
export interface ConsoleControls {
  quit(): void;
  back(): void;
  help(): void;
  palette(): void;
  open(route: RouteSpec): void;
  go(to: Destination): void;
  loggedIn(session: Session): void;
  passwordChanged(session: Session): void;
  /** Switches the whole console to another language, at once. */
  setLang(lang: Lang): void;
}

export interface ConsoleContextValue {
  centre: Centre;
  lang: Lang;
  controls: ConsoleControls;
  /** The MQTT cycle this console hosts, when it hosts one (the real console does; screen tests may not). */
  cycle?: CentreServiceHost;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside <App>');
  return value;
}
