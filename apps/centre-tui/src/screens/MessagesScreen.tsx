import { useEffect, useReducer } from 'react';
import type { Session } from '@docstream/core';
import { errorCode, errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import { initialMessages, messageLines, messagesConditions, messagesMode, messagesReducer, MESSAGES_LIMIT, openMessage } from './messages-reducer.js';
import { MessagesView, readHeight } from './MessagesView.js';

export interface MessagesScreenProps {
  width: number;
  rows: number;
  session: Session;
}

/**
 * Container of the Messages screen: reads the messages exchanged with the central server,
 * marks a received one read when it is opened, records a new one (Secretary or Officer)
 * after the o/n question; it is sealed and leaves at the next exchange.
 */
export function MessagesScreen({ width, rows, session }: MessagesScreenProps) {
  const { centre, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(messagesReducer, undefined, initialMessages);
  const run = useAsyncRunner();

  useEffect(() => {
    const r = state.request;
    if (!r) return;
    run(
      () => centre.server.messages.list(session, { limit: MESSAGES_LIMIT }),
      (list) => dispatch({ type: 'loaded', id: r.id, rows: list }),
      (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e) }),
    );
  }, [state.request, centre, session, run]);

  useEffect(() => {
    const m = state.marking;
    if (!m) return;
    run(
      () => centre.server.messages.markRead(session, m.ids),
      () => dispatch({ type: 'marked', id: m.id, at: new Date() }),
      (e) => dispatch({ type: 'markFailed', id: m.id, error: errorLabel(e) }),
    );
  }, [state.marking, centre, session, run]);

  useEffect(() => {
    const m = state.sending;
    if (!m) return;
    run(
      () => centre.server.messages.send(session, m.text),
      () => dispatch({ type: 'sent', id: m.id }),
      (e) => dispatch({ type: 'sendFailed', id: m.id, error: errorLabel(e), code: errorCode(e) }),
    );
  }, [state.sending, centre, session, run]);

  const mode = messagesMode(state);
  const open = openMessage(state);
  const scroll = (by: number) => {
    if (!open) return;
    const { head, body } = messageLines(lang, open, width);
    dispatch({ type: 'scroll', by, total: body.length, height: readHeight(rows, head.length) });
  };

  useKeys(
    'messages',
    mode,
    mode === 'confirm'
      ? { yes: () => dispatch({ type: 'yes' }), no: () => dispatch({ type: 'no' }) }
      : mode === 'typing'
        ? { submit: () => dispatch({ type: 'ask' }), back: () => dispatch({ type: 'discard' }) }
        : state.view === 'read'
          ? { up: () => scroll(-1), down: () => scroll(1), refresh: () => dispatch({ type: 'refresh' }), back: () => dispatch({ type: 'close' }) }
          : {
              up: () => dispatch({ type: 'up' }),
              down: () => dispatch({ type: 'down' }),
              open: () => dispatch({ type: 'open' }),
              write: () => dispatch({ type: 'write', privilege: session.privilege }),
              refresh: () => dispatch({ type: 'refresh' }),
              back: () => controls.back(),
            },
    (input, key) => dispatch({ type: 'text', input, key }),
    messagesConditions(state),
  );

  return <MessagesView lang={lang} width={width} rows={rows} state={state} />;
}
