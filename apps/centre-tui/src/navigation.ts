import type { Label, Session, Stage } from '@docstream/core';
import type { DestinationEntry as KitDestination } from '@docstream/console-kit';

/** Search criteria a Documents list starts with (a work queue), and the line that names them. */
export interface DocumentsCriteria {
  stage?: Stage;
  status?: number;
  mine?: boolean;
  label?: Label;
}

/** One screen on the navigation stack; `id` makes a fresh screen remount. */
export type Route =
  | { id: number; screen: 'login' }
  | { id: number; screen: 'changePassword'; forced: boolean }
  | { id: number; screen: 'home' }
  /** With `criteria`, the list starts filtered to a work queue (Home's "À faire"). */
  | { id: number; screen: 'documents'; criteria?: DocumentsCriteria }
  | { id: number; screen: 'detail'; numero: number }
  | { id: number; screen: 'verify' }
  | { id: number; screen: 'messages' }
  | { id: number; screen: 'account' }
  | { id: number; screen: 'transmission' }
  | { id: number; screen: 'users' }
  | { id: number; screen: 'settings' }
  /** New document; with `numero`, that draft opened for editing. */
  | { id: number; screen: 'form'; numero?: number };

type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
export type RouteSpec = WithoutId<Route>;

/** Where the `:` palette and the Home menu can jump. */
export type Destination = 'home' | 'documents' | 'verify' | 'transmission' | 'messages' | 'account' | 'users' | 'settings' | 'newDocument' | 'password' | 'logout';

export type DestinationEntry = KitDestination<Destination>;

export const DESTINATIONS: readonly DestinationEntry[] = [
  { id: 'home', label: { fr: 'Accueil', en: 'Home' } },
  { id: 'documents', label: { fr: 'Documents', en: 'Documents' } },
  { id: 'verify', label: { fr: 'Vérifier une copie', en: 'Verify a copy' } },
  { id: 'transmission', label: { fr: 'Transmissions', en: 'Transmissions' } },
  { id: 'messages', label: { fr: 'Messages', en: 'Messages' } },
  { id: 'account', label: { fr: 'Compte et profil', en: 'Account and profile' } },
  { id: 'users', label: { fr: 'Utilisateurs', en: 'Users' } },
  { id: 'newDocument', label: { fr: 'Nouveau document', en: 'New document' } },
  { id: 'settings', label: { fr: 'Paramètres', en: 'Settings' } },
  { id: 'password', label: { fr: 'Mot de passe (changer)', en: 'Password (change)' } },
  { id: 'logout', label: { fr: 'Déconnexion', en: 'Log out' } },
];

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

function withStack(s: AppState, specs: RouteSpec[], session: Session | null = s.session): AppState {
  let nextId = s.nextId;
  const stack = specs.map((r) => ({ ...r, id: nextId++ }) as Route);
  return { session, stack, overlay: null, nextId };
}

export function topOf(s: AppState): Route {
  return s.stack[s.stack.length - 1]!;
}

export function appReducer(s: AppState, a: AppAction): AppState {
  switch (a.type) {
    case 'loggedIn':
      return a.session.mustChangePassword
        ? withStack(s, [{ screen: 'changePassword', forced: true }], a.session)
        : withStack(s, [{ screen: 'home' }], a.session);
    case 'passwordChanged':
      return withStack(s, [{ screen: 'home' }], a.session);
    case 'open':
      if (!s.session) return s;
      return { ...s, stack: [...s.stack, { ...a.route, id: s.nextId } as Route], overlay: null, nextId: s.nextId + 1 };
    case 'back': {
      if (s.overlay) return { ...s, overlay: null };
      const top = topOf(s);
      if (top.screen === 'changePassword' && top.forced) return withStack(s, [{ screen: 'login' }], null);
      if (s.stack.length <= 1) return s;
      return { ...s, stack: s.stack.slice(0, -1) };
    }
    case 'go': {
      if (!s.session) return s;
      if (a.to === 'logout') return withStack(s, [{ screen: 'login' }], null);
      const target: RouteSpec[] =
        a.to === 'messages' || a.to === 'account' || a.to === 'users' || a.to === 'settings'
          ? [{ screen: 'home' }, { screen: a.to }]
          : a.to === 'newDocument'
          ? [{ screen: 'home' }, { screen: 'form' }]
          : a.to === 'transmission'
          ? [{ screen: 'home' }, { screen: 'transmission' }]
          : a.to === 'home'
          ? [{ screen: 'home' }]
          : a.to === 'documents'
            ? [{ screen: 'home' }, { screen: 'documents' }]
            : a.to === 'verify'
              ? [{ screen: 'home' }, { screen: 'verify' }]
              : [{ screen: 'home' }, { screen: 'changePassword', forced: false }];
      // Home stays as it is under the new screen (its menu position, no reload flash).
      const base = s.stack[0]!;
      if (base.screen === 'home') {
        let nextId = s.nextId;
        const rest = target.slice(1).map((r) => ({ ...r, id: nextId++ }) as Route);
        return { ...s, stack: [base, ...rest], overlay: null, nextId };
      }
      return withStack(s, target);
    }
    case 'overlay':
      if (a.overlay !== null && !s.session) return s;
      return { ...s, overlay: a.overlay };
  }
}
