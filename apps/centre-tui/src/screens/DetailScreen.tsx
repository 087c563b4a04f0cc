import { useEffect, useMemo, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../hooks/key-dispatch.js';
import { useAsyncRunner } from '../hooks/useAsyncRunner.js';
import { detailLines, type DetailData } from './detail-lines.js';
import { detailReducer, initialDetail } from './detail-reducer.js';
import { DetailView } from './DetailView.js';

export interface DetailScreenProps {
  width: number;
  height: number;
  session: Session;
  numero: number;
}

/** Container: the document, its form definition (for the labels) and its history; read-only. */
export function DetailScreen({ width, height, session, numero }: DetailScreenProps) {
  const { centre, lang } = useConsole();
  const [state, dispatch] = useReducer(detailReducer, initialDetail);
  const run = useAsyncRunner();

  useEffect(() => {
    const request = state.request;
    run(
      async (): Promise<DetailData> => {
        const doc = await centre.documents.get(session, numero);
        const [form, history] = await Promise.all([centre.forms.get(doc.formId, doc.formVersion), centre.documents.history(session, numero)]);
        return { doc, form, history };
      },
      (data) => dispatch({ type: 'loaded', request, data }),
      (e) => dispatch({ type: 'failed', request, error: errorLabel(e) }),
    );
  }, [state.request, centre, session, numero, run]);

  const lines = useMemo(() => (state.data ? detailLines(lang, state.data, width) : []), [state.data, lang, width]);
  const total = lines.length;

  useKeys('detail', 'normal', {
    up: () => dispatch({ type: 'scroll', by: -1, total, height }),
    down: () => dispatch({ type: 'scroll', by: 1, total, height }),
    prevPage: () => dispatch({ type: 'page', direction: -1, total, height }),
    nextPage: () => dispatch({ type: 'page', direction: 1, total, height }),
    refresh: () => dispatch({ type: 'refresh' }),
  });

  return <DetailView lang={lang} width={width} numero={numero} state={state} lines={lines} height={height} />;
}
