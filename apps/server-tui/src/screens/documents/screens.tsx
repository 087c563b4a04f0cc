import type { Session } from '@docstream/core';
import type { Route } from '../../navigation.js';
import { ConflictScreen } from './ConflictScreen.js';
import { ConflictsScreen } from './ConflictsScreen.js';
import { DocumentScreen } from './DocumentScreen.js';
import { HeldScreen } from './HeldScreen.js';
import { QuarantineScreen } from './QuarantineScreen.js';
import { SearchScreen } from './SearchScreen.js';

export type DocumentsRoute = Extract<Route, { screen: 'docSearch' | 'docDetail' | 'conflicts' | 'conflict' | 'quarantine' | 'quarantineCentre' }>;

/** The Documents area's screens, for the App's switch (one line there). */
export function documentsScreen(route: DocumentsRoute, p: { active: boolean; width: number; rows: number; session: Session }) {
  switch (route.screen) {
    case 'docSearch':
      return <SearchScreen {...p} />;
    case 'docDetail':
      return <DocumentScreen {...p} niu={route.niu} />;
    case 'conflicts':
      return <ConflictsScreen {...p} niu={route.niu} />;
    case 'conflict':
      return <ConflictScreen width={p.width} rows={p.rows} session={p.session} conflictId={route.conflictId} />;
    case 'quarantine':
      return <QuarantineScreen {...p} />;
    case 'quarantineCentre':
      return <HeldScreen width={p.width} rows={p.rows} session={p.session} matricule={route.matricule} />;
  }
}
