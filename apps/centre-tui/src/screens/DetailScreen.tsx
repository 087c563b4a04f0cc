import { useEffect, useMemo, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { copiesDir, writeCopyFile } from '../copies-file.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../hooks/key-dispatch.js';
import { useAsyncRunner } from '../hooks/useAsyncRunner.js';
import { detailLines, type DetailData } from './detail-lines.js';
import { detailConditions, detailMode, detailReducer, initialDetail } from './detail-reducer.js';
import { DetailView } from './DetailView.js';

export interface DetailScreenProps {
  width: number;
  height: number;
  session: Session;
  numero: number;
  /** The data directory the console was started with (copies go to its `copies/`). */
  dataDir?: string | undefined;
}

/**
 * Container: the document, its form definition (for the labels) and its history; and, for
 * the Officer on a validated document, `p` to issue a certified copy, asked first (it is
 * numbered and billed), its PDF written to the copies folder.
 */
export function DetailScreen({ width, height, session, numero, dataDir }: DetailScreenProps) {
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

  // Issue and write in one task: leaving the screen meanwhile still writes the PDF.
  const issuing = state.copy.step === 'issuing' ? state.copy.id : null;
  useEffect(() => {
    if (issuing === null) return;
    run(
      async () => {
        const { copy, pdf } = await centre.copies.issue(session, numero);
        const file = await writeCopyFile(copiesDir(dataDir), copy.niu, copy.copy_no, pdf);
        return { copyNo: copy.copy_no, file };
      },
      (r) => dispatch({ type: 'copied', id: issuing, ...r }),
      (e) => dispatch({ type: 'copyFailed', id: issuing, error: errorLabel(e) }),
    );
  }, [issuing, centre, session, numero, dataDir, run]);

  const lines = useMemo(() => (state.data ? detailLines(lang, state.data, width) : []), [state.data, lang, width]);
  const total = lines.length;
  const mode = detailMode(state);
  const on = detailConditions(state, session.privilege);

  useKeys(
    'detail',
    mode,
    mode === 'confirm'
      ? { yes: () => dispatch({ type: 'confirmCopy' }), no: () => dispatch({ type: 'declineCopy' }) }
      : {
          up: () => dispatch({ type: 'scroll', by: -1, total, height }),
          down: () => dispatch({ type: 'scroll', by: 1, total, height }),
          prevPage: () => dispatch({ type: 'page', direction: -1, total, height }),
          nextPage: () => dispatch({ type: 'page', direction: 1, total, height }),
          refresh: () => dispatch({ type: 'refresh' }),
          copy: () => dispatch({ type: 'askCopy', privilege: session.privilege }),
        },
    undefined,
    on,
  );

  return <DetailView lang={lang} width={width} numero={numero} state={state} lines={lines} height={height} mode={mode} on={on} />;
}
