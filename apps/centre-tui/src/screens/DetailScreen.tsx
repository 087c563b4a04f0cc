import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { Session } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { copiesDir, writeCopyFile } from '../copies-file.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { footerRows } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import { detailLines, type DetailData } from './detail-lines.js';
import { detailConditions, detailMode, detailReducer, initialDetail } from './detail-reducer.js';
import { DetailView } from './DetailView.js';

export interface DetailScreenProps {
  /** On top of the stack; coming back to it (from the form of `e`) reads the document again. */
  active?: boolean;
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
 * numbered and billed), its PDF written to the copies folder. The workflow actions, each
 * offered only where the core would allow it: `v` check, `b` send back with a remark, `V`
 * validate (asked first; the NIU is then said), `x` cancel with a reason (asked first);
 * `e` opens a draft in its form, and the document is read again on coming back.
 */
export function DetailScreen({ active = true, width, height, session, numero, dataDir }: DetailScreenProps) {
  const { centre, lang, controls } = useConsole();
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

  // Back from the form: the draft may have changed.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) dispatch({ type: 'refresh' });
    wasActive.current = active;
  }, [active]);

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

  // One workflow action at a time; the document and its history are read again after it.
  const acting = state.act.step === 'running' ? state.act : null;
  useEffect(() => {
    if (acting === null) return;
    const { id, kind, text } = acting;
    run(
      () => {
        switch (kind) {
          case 'check':
            return centre.documents.verify(session, numero);
          case 'sendBack':
            return centre.documents.sendBack(session, numero, text);
          case 'validate':
            return centre.documents.validate(session, numero);
          case 'cancel':
            return centre.documents.cancel(session, numero, text);
        }
      },
      (doc) => dispatch({ type: 'acted', id, doc }),
      (e) => dispatch({ type: 'actFailed', id, error: errorLabel(e) }),
    );
  }, [acting, centre, session, numero, run]);

  const lines = useMemo(() => (state.data ? detailLines(lang, state.data, width) : []), [state.data, lang, width]);
  const total = lines.length;
  const mode = detailMode(state);
  const on = detailConditions(state, session.privilege, session.userId);
  // A footer on two lines (the actions did not fit beside the usual keys) takes a line of the document.
  const bodyHeight = Math.max(1, height - (footerRows(lang, 'detail', mode, width, on).length - 1));
  const start = (kind: 'check' | 'sendBack' | 'validate' | 'cancel') => () => dispatch({ type: 'startAct', kind, privilege: session.privilege, userId: session.userId });

  useKeys(
    'detail',
    mode,
    mode === 'typing'
      ? { submit: () => dispatch({ type: 'actSubmit' }), back: () => dispatch({ type: 'actDiscard' }) }
      : mode === 'confirm'
        ? state.act.step === 'asking'
          ? { yes: () => dispatch({ type: 'actYes' }), no: () => dispatch({ type: 'actNo' }) }
          : { yes: () => dispatch({ type: 'confirmCopy' }), no: () => dispatch({ type: 'declineCopy' }) }
        : {
            up: () => dispatch({ type: 'scroll', by: -1, total, height: bodyHeight }),
            down: () => dispatch({ type: 'scroll', by: 1, total, height: bodyHeight }),
            prevPage: () => dispatch({ type: 'page', direction: -1, total, height: bodyHeight }),
            nextPage: () => dispatch({ type: 'page', direction: 1, total, height: bodyHeight }),
            refresh: () => dispatch({ type: 'refresh' }),
            copy: () => dispatch({ type: 'askCopy', privilege: session.privilege }),
            // Bound only while `docEdit` holds (the key table checks `on`).
            editDoc: () => controls.open({ screen: 'form', numero }),
            docCheck: start('check'),
            docSendBack: start('sendBack'),
            docValidate: start('validate'),
            docCancel: start('cancel'),
          },
    (input, key) => dispatch({ type: 'actText', input, key }),
    on,
  );

  return <DetailView lang={lang} width={width} numero={numero} state={state} lines={lines} height={bodyHeight} mode={mode} on={on} />;
}
