import { useEffect, useReducer, useRef } from 'react';
import type { Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { footerRows, useKeys } from '../../keys/kit.js';
import { heldConditions, heldMode, heldReducer, initialHeld } from './held-reducer.js';
import { HeldView } from './HeldView.js';
import { chromeRows } from './layout.js';
import { cursorOf } from './paged.js';
import { releaseLines } from './release-hint.js';

/** Head line, column header and page line around the rows (the release hint is counted apart). */
const AROUND = 3;

/**
 * Container of one centre's quarantined containers: held by default (`t` released,
 * rejected, all); `m` marks, `x` rejects the marked ones (else the one under the cursor),
 * `X` everything held, each with a reason and asked o/n. The core allows it to a
 * supervisor only and says so to anyone else.
 */
export function HeldScreen({ width, rows, session, matricule }: { width: number; rows: number; session: Session; matricule: string }) {
  const { server, lang, readOnly } = useConsole();
  const [state, dispatch] = useReducer(heldReducer, undefined, initialHeld);
  const run = useAsyncRunner();

  const mode = heldMode(state);
  const on = heldConditions(state);
  const hint = releaseLines(lang, width, matricule);
  const room = Math.max(3, rows - chromeRows(footerRows(lang, 'quarantineCentre', mode, width, on, readOnly).length) - AROUND - hint.length);
  const limit = useRef(room);
  limit.current = room;

  const request = state.list.request;
  useEffect(() => {
    if (!request) return;
    const after = cursorOf(request);
    run(
      () => server.documents.quarantine.containers(session, matricule, { state: request.params.state, limit: limit.current, ...(after !== undefined ? { after } : {}) }),
      (page) => dispatch({ type: 'loaded', id: request.id, page }),
      (e) => dispatch({ type: 'failed', id: request.id, error: errorLabel(e) }),
    );
  }, [request, server, session, matricule, run]);

  const running = state.decide.decision.step === 'running' ? state.decide.decision : null;
  useEffect(() => {
    if (!running) return;
    const { id, target, text } = running;
    run(
      () => server.documents.quarantine.reject(session, matricule, { seqs: target, reason: text }),
      (result) => dispatch({ type: 'rejected', id, result }),
      (e) => dispatch({ type: 'refused', id, error: errorLabel(e) }),
    );
  }, [running, server, session, matricule, run]);

  useKeys('quarantineCentre', mode, mode === 'typing'
    ? { submit: () => dispatch({ type: 'decision', action: { type: 'submit' } }), back: () => dispatch({ type: 'decision', action: { type: 'discard' } }) }
    : mode === 'confirm'
      ? { yes: () => dispatch({ type: 'decision', action: { type: 'yes' } }), no: () => dispatch({ type: 'decision', action: { type: 'no' } }) }
      : {
          up: () => dispatch({ type: 'up' }),
          down: () => dispatch({ type: 'down' }),
          nextPage: () => dispatch({ type: 'nextPage' }),
          prevPage: () => dispatch({ type: 'prevPage' }),
          refresh: () => dispatch({ type: 'reload' }),
          toggleState: () => dispatch({ type: 'toggleState' }),
          mark: () => dispatch({ type: 'mark' }),
          reject: () => dispatch({ type: 'startReject', all: false }),
          rejectAll: () => dispatch({ type: 'startReject', all: true }),
        },
  (input, key) => dispatch({ type: 'decision', action: { type: 'text', input, key } }),
  on);

  return <HeldView lang={lang} width={width} matricule={matricule} state={state} room={room} hint={hint} on={on} />;
}
