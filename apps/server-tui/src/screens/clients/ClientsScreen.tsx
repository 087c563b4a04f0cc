import { useEffect, useReducer, useRef } from 'react';
import type { Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { useKeys } from '../../keys/kit.js';
import { clientsConditions, clientsMode, clientsReducer, initialClients, selectedClient } from './clients-reducer.js';
import { CLIENTS_CHROME, ClientsView } from './ClientsView.js';

/**
 * Container of the centres list: asks the core for one page at a time (filtered and
 * counted in SQL), reads it again when the list comes back on top (after a creation or
 * a change in a centre's detail), opens a centre's detail or the new-centre form.
 */
export function ClientsScreen({ active, width, rows, session }: { active: boolean; width: number; rows: number; session: Session }) {
  const { server, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(clientsReducer, Math.max(3, rows - CLIENTS_CHROME), initialClients);
  const run = useAsyncRunner();

  useEffect(() => {
    const r = state.request;
    if (!r) return;
    run(
      () => server.clients.page(session, { filter: r.filter, offset: r.offset, limit: state.pageSize }),
      (page) => dispatch({ type: 'loaded', id: r.id, page }),
      (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e) }),
    );
  }, [state.request, state.pageSize, server, session, run]);

  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) dispatch({ type: 'reload' });
    wasActive.current = active;
  }, [active]);

  const mode = clientsMode(state);
  useKeys(
    'clients',
    mode,
    mode === 'typing'
      ? { submit: () => dispatch({ type: 'applyFilter' }), back: () => dispatch({ type: 'cancelFilter' }) }
      : {
          up: () => dispatch({ type: 'up' }),
          down: () => dispatch({ type: 'down' }),
          nextPage: () => dispatch({ type: 'nextPage' }),
          prevPage: () => dispatch({ type: 'prevPage' }),
          filter: () => dispatch({ type: 'openFilter' }),
          refresh: () => dispatch({ type: 'reload' }),
          newClient: () => controls.open({ screen: 'clientNew' }),
          open: () => {
            const c = selectedClient(state);
            if (c) controls.open({ screen: 'client', matricule: c.matricule });
          },
          back: () => (state.filter !== '' ? dispatch({ type: 'clearFilter' }) : controls.back()),
        },
    (input, key) => dispatch({ type: 'filterText', input, key }),
    clientsConditions(state, session.privilege),
  );

  return <ClientsView lang={lang} width={width} state={state} privilege={session.privilege} />;
}
