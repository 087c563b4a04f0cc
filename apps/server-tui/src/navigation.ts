import type { Session } from '@docstream/core';
import { createPalette, type DestinationEntry } from '@docstream/console-kit';
import type { AdminScreenId } from './keys/admin-bindings.js';

/** One screen on the navigation stack; `id` makes a fresh screen remount. */
export type Route =
  | { id: number; screen: 'login' }
  | { id: number; screen: 'changePassword'; forced: boolean }
  | { id: number; screen: 'home' }
  | { id: number; screen: 'monitor' }
  | { id: number; screen: 'clients' }
  | { id: number; screen: 'clientNew' }
  | { id: number; screen: 'client' | 'clientAccount' | 'clientMessages'; matricule: string }
  | { id: number; screen: AdminScreenId }
  | { id: number; screen: 'docSearch' | 'quarantine' }
  | { id: number; screen: 'docDetail'; niu: string }
  | { id: number; screen: 'conflicts'; niu?: string }
  | { id: number; screen: 'conflict'; conflictId: number }
  | { id: number; screen: 'quarantineCentre'; matricule: string }
  | { id: number; screen: 'elections' }
  | { id: number; screen: 'electionResults'; election: string }
  | { id: number; screen: 'brokerTest' };

type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
export type RouteSpec = WithoutId<Route>;

/** Where the `:` palette and the Home menu can jump. */
export type Destination = 'home' | 'monitor' | 'clients' | 'docSearch' | 'conflicts' | 'quarantine' | 'password' | 'logout' | 'elections' | 'brokerTest' | AdminScreenId;

export const DESTINATIONS: readonly DestinationEntry<Destination>[] = [
  { id: 'home', label: { fr: 'Accueil', en: 'Home' } },
  { id: 'monitor', label: { fr: 'Moniteur des transmissions (en direct)', en: 'Transmission monitor (live)' } },
  { id: 'clients', label: { fr: 'Centres (clients)', en: 'Centres (clients)' } },
  { id: 'docSearch', label: { fr: 'Documents centralisés (recherche)', en: 'Central documents (search)' } },
  { id: 'conflicts', label: { fr: 'Conflits à trancher', en: 'Conflicts to resolve' } },
  { id: 'quarantine', label: { fr: 'Quarantaine', en: 'Quarantine' } },
  { id: 'elections', label: { fr: 'Élections (résultats en direct)', en: 'Elections (live results)' } },
  { id: 'operators', label: { fr: 'Opérateurs', en: 'Operators' } },
  { id: 'signatories', label: { fr: 'Signataires', en: 'Signatories' } },
  { id: 'tariffs', label: { fr: 'Tarifs', en: 'Tariffs' } },
  { id: 'security', label: { fr: 'Sécurité (certificats)', en: 'Security (certificates)' } },
  { id: 'settings', label: { fr: 'Réglages', en: 'Settings' } },
  { id: 'brokerTest', label: { fr: 'Test du courtier MQTT', en: 'MQTT broker test' } },
  { id: 'password', label: { fr: 'Mot de passe (changer)', en: 'Password (change)' } },
  { id: 'logout', label: { fr: 'Déconnexion', en: 'Log out' } },
];

/** The screen each destination opens above Home. */
const OPENS: Record<Exclude<Destination, 'home' | 'logout'>, RouteSpec> = {
  password: { screen: 'changePassword', forced: false },
  monitor: { screen: 'monitor' },
  clients: { screen: 'clients' },
  docSearch: { screen: 'docSearch' },
  conflicts: { screen: 'conflicts' },
  quarantine: { screen: 'quarantine' },
  operators: { screen: 'operators' },
  signatories: { screen: 'signatories' },
  tariffs: { screen: 'tariffs' },
  security: { screen: 'security' },
  settings: { screen: 'settings' },
  elections: { screen: 'elections' },
  brokerTest: { screen: 'brokerTest' },
};

export const palette = createPalette(() => DESTINATIONS);

export type Overlay = 'help' | 'palette' | null;

export interface AppState {
  session: Session | null;
  /** Screens below the top stay mounted (hidden), so going back finds them as they were. */
  stack: Route[];
  overlay: Overlay;
  nextId: number;
}

export type AppAction =
  | { type: 'loggedIn'; session: Session }
  | { type: 'passwordChanged'; session: Session }
  | { type: 'open'; route: RouteSpec }
  | { type: 'back' }
  | { type: 'go'; to: Destination }
  | { type: 'overlay'; overlay: Overlay };

export function initialAppState(): AppState {
  return { session: null, stack: [{ id: 1, screen: 'login' }], overlay: null, nextId: 2 };
}

export function topOf(s: AppState): Route {
  return s.stack[s.stack.length - 1]!;
}

function withStack(s: AppState, specs: RouteSpec[], session: Session | null = s.session): AppState {
  let nextId = s.nextId;
  const stack = specs.map((r) => ({ ...r, id: nextId++ }) as Route);
  return { session, stack, overlay: null, nextId };
}

/** Navigation of the server console: a stack over Home, the help and palette overlays. */
export function appReducer(s: AppState, a: AppAction): AppState {
  switch (a.type) {
    case 'loggedIn':
      return withStack(s, [a.session.mustChangePassword ? { screen: 'changePassword', forced: true } : { screen: 'home' }], a.session);
    case 'passwordChanged':
      return withStack(s, [{ screen: 'home' }], a.session);
    case 'open':
      if (!s.session) return s;
      return { ...s, stack: [...s.stack, { ...a.route, id: s.nextId } as Route], overlay: null, nextId: s.nextId + 1 };
    case 'back': {
      if (s.overlay) return { ...s, overlay: null };
      const top = topOf(s);
      if (top.screen === 'changePassword' && top.forced) return withStack(s, [{ screen: 'login' }], null);
      return s.stack.length <= 1 ? s : { ...s, stack: s.stack.slice(0, -1) };
    }
    case 'go': {
      if (!s.session) return s;
      if (a.to === 'logout') return withStack(s, [{ screen: 'login' }], null);
      const base = s.stack[0]!.screen === 'home' ? s.stack[0]! : { id: s.nextId, screen: 'home' as const };
      const nextId = base.id === s.nextId ? s.nextId + 1 : s.nextId;
      if (a.to === 'home') return { ...s, stack: [base], overlay: null, nextId };
      return { ...s, stack: [base, { ...OPENS[a.to], id: nextId } as Route], overlay: null, nextId: nextId + 1 };
    }
    case 'overlay':
      if (a.overlay !== null && !s.session) return s;
      return { ...s, overlay: a.overlay };
  }
}

