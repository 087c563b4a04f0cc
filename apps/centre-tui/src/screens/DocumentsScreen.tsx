import { useEffect, useReducer, useRef } from 'react';
import type { Label, Session } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import { documentsConditions, documentsReducer, initialDocuments, selectedHit } from './documents-reducer.js';
import { DocumentsView } from './DocumentsView.js';
import type { DocumentsCriteria } from '../navigation.js';

export interface DocumentsScreenProps {
  /** On top of the stack; coming back to it (from a detail or a form) reads the page again. */
  active?: boolean;
  width: number;
  session: Session;
  pageSize: number;
  /** Start limited to a work queue (see the documents route). */
  criteria?: DocumentsCriteria | undefined;
}

/** Container: runs the searches the reducer asks for, pages by cursor, opens the detail, or the form of a draft (`e`). */
export function DocumentsScreen({ active = true, width, session, pageSize, criteria }: DocumentsScreenProps) {
  const { centre, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(documentsReducer, pageSize, (n: number) => initialDocuments(n, criteria));
  const run = useAsyncRunner();

  useEffect(() => {
    run(
      () => centre.forms.list(),
      (forms) => dispatch({ type: 'kinds', kinds: Object.fromEntries(forms.map((f): [string, Label] => [f.id, f.title])) }),
      () => undefined, // without titles the rows show the form id
    );
  }, [centre, run]);

  useEffect(() => {
    const r = state.request;
    if (!r) return;
    run(
      () => centre.documents.search(session, r.input),
      (page) => dispatch({ type: 'loaded', id: r.id, page }),
      (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e) }),
    );
  }, [state.request, centre, session, run]);

  // Back from a detail or a form: stages and names may have changed (same page, same row).
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) dispatch({ type: 'reload' });
    wasActive.current = active;
  }, [active]);

  const typing = state.editing !== null;
  const on = documentsConditions(state, session.privilege);
  useKeys('documents', typing ? 'typing' : 'normal', typing
      ? {
          submit: () => dispatch({ type: 'applyFilter' }),
          back: () => dispatch({ type: 'cancelFilter' }),
        }
      : {
          up: () => dispatch({ type: 'up' }),
          down: () => dispatch({ type: 'down' }),
          nextPage: () => dispatch({ type: 'nextPage' }),
          prevPage: () => dispatch({ type: 'prevPage' }),
          filter: () => dispatch({ type: 'openFilter' }),
          open: () => {
            const hit = selectedHit(state);
            if (hit) controls.open({ screen: 'detail', numero: hit.numero });
          },
          // Bound only while `docEdit` holds (the key table checks `on`).
          editDoc: () => {
            const hit = selectedHit(state);
            if (hit) controls.open({ screen: 'form', numero: hit.numero });
          },
          back: () => (state.filter !== '' ? dispatch({ type: 'clearFilter' }) : controls.back()),
        },
    (input, key) => dispatch({ type: 'filterText', input, key }),
    on,
  );

  return <DocumentsView lang={lang} width={width} state={state} on={on} />;
}
