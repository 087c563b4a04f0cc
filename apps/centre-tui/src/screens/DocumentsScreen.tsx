import { useEffect, useReducer } from 'react';
import type { Label, Session } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import { documentsReducer, initialDocuments, selectedHit } from './documents-reducer.js';
import { DocumentsView } from './DocumentsView.js';
import type { DocumentsCriteria } from '../navigation.js';

export interface DocumentsScreenProps {
  width: number;
  session: Session;
  pageSize: number;
  /** Start limited to a work queue (see the documents route). */
  criteria?: DocumentsCriteria | undefined;
}

/** Container: runs the searches the reducer asks for, pages by cursor, opens the detail. */
export function DocumentsScreen({ width, session, pageSize, criteria }: DocumentsScreenProps) {
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

  const typing = state.editing !== null;
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
          back: () => (state.filter !== '' ? dispatch({ type: 'clearFilter' }) : controls.back()),
        },
    (input, key) => dispatch({ type: 'filterText', input, key }),
  );

  return <DocumentsView lang={lang} width={width} state={state} />;
}
