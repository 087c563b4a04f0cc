import { useEffect, useReducer, useState } from 'react';
import type { Label } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import { initialVerify, verifyReducer } from './verify-reducer.js';
import { VerifyView } from './VerifyView.js';

/**
 * Container of the Verify screen: a USB scanner types the QR text of a certified copy and
 * Enter; `centre.copies.verify` checks it offline. Always in typing mode: `q`, `?`, `/`,
 * `:` are characters of the text here. Needs a login, no particular privilege.
 */
export function VerifyScreen({ width, rows }: { width: number; rows: number }) {
  const { centre, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(verifyReducer, initialVerify);
  const [kinds, setKinds] = useState<Record<string, Label>>({});
  const run = useAsyncRunner();

  useEffect(() => {
    run(
      () => centre.forms.list(),
      (forms) => setKinds(Object.fromEntries(forms.map((f): [string, Label] => [f.id, f.title]))),
      () => undefined, // without titles the result shows the form id
    );
  }, [centre, run]);

  useEffect(() => {
    const r = state.request;
    if (!r) return;
    run(
      () => centre.copies.verify(r.text),
      (verification) => dispatch({ type: 'verified', id: r.id, verification }),
      (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e) }),
    );
  }, [state.request, centre, run]);

  useKeys('verify', 'typing', {
      submit: () => dispatch({ type: 'submit' }),
      back: () => (state.text !== '' ? dispatch({ type: 'clear' }) : controls.back()),
    },
    (input, key) => dispatch({ type: 'text', input, key }),
  );

  // https://no-color.org: colour only adds to the words, and only when allowed.
  const colour = !process.env.NO_COLOR;
  return <VerifyView lang={lang} width={width} rows={rows} state={state} kinds={kinds} colour={colour} />;
}
