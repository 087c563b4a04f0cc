import { useEffect, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { useAsyncRunner } from '@docstream/console-kit';
import { errorCode, errorLabel } from '../../i18n.js';
import { useConsole } from '../../hooks/console-context.js';
import { useKeys } from '../../keys/kit.js';
import {
  initialMessages, messageLines, messagesConditions, messagesMode, messagesReducer, MESSAGES_LIMIT, openMessage, readHeight,
} from './messages-reducer.js';
import { MessagesView } from './MessagesView.js';

/**
 * Container of the messages with one centre: reads them (newest first), marks a received
 * one read when it is opened (not in a read-only console), sends one after an o/n question.
 */
export function MessagesScreen({ width, rows, session, matricule }: { width: number; rows: number; session: Session; matricule: string }) {
  const { server, lang, controls, readOnly } = useConsole();
  const [state, dispatch] = useReducer(messagesReducer, matricule, initialMessages);
  const run = useAsyncRunner();

  useEffect(() => {
    const r = state.request;
    if (!r) return;
    run(
      () => server.messages.list(session, { matricule, limit: MESSAGES_LIMIT }),
      (list) => dispatch({ type: 'loaded', id: r.id, rows: list }),
      (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e) }),
    );
  }, [state.request, server, session, matricule, run]);

  useEffect(() => {
    const m = state.marking;
    if (!m) return;
    run(
      () => server.messages.markRead(session, m.ids),
      () => dispatch({ type: 'marked', id: m.id, at: new Date() }),
      (e) => dispatch({ type: 'markFailed', id: m.id, error: errorLabel(e) }),
    );
  }, [state.marking, server, session, run]);

  useEffect(() => {
    const p = state.sending;
    if (!p) return;
    run(
      () => server.messages.send(session, matricule, p.text),
      () => dispatch({ type: 'sent', id: p.id }),
      (e) => dispatch({ type: 'sendFailed', id: p.id, error: errorLabel(e), code: errorCode(e) }),
    );
  }, [state.sending, server, session, matricule, run]);

  const scroll = (by: number) => {
    const open = openMessage(state);
    if (!open) return;
    const { head, body } = messageLines(lang, state, open, width);
    dispatch({ type: 'scroll', by, total: body.length, height: readHeight(rows, head.length) });
  };

  const mode = messagesMode(state);
  useKeys(
    'clientMessages',
    mode,
    mode === 'typing'
      ? { submit: () => dispatch({ type: 'ask' }), back: () => dispatch({ type: 'discard' }) }
      : mode === 'confirm'
        ? { yes: () => dispatch({ type: 'yes' }), no: () => dispatch({ type: 'no' }) }
        : state.view === 'read'
          ? { up: () => scroll(-1), down: () => scroll(1), refresh: () => dispatch({ type: 'refresh' }), back: () => dispatch({ type: 'close' }) }
          : {
              up: () => dispatch({ type: 'up' }),
              down: () => dispatch({ type: 'down' }),
              open: () => dispatch({ type: 'open', mark: !readOnly }),
              writeMessage: () => dispatch({ type: 'write' }),
              refresh: () => dispatch({ type: 'refresh' }),
              back: () => controls.back(),
            },
    (input, key) => dispatch({ type: 'text', input, key }),
    messagesConditions(state, session.privilege),
  );

  return <MessagesView lang={lang} width={width} state={state} rows={rows} privilege={session.privilege} />;
}
