import { useEffect, useReducer } from 'react';
import type { FieldProblem, Session } from '@docstream/core';
import { errorLabel } from '../i18n.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../keys/kit.js';
import { useAsyncRunner } from '@docstream/console-kit';
import { formConditions, formMode, formReducer, initialForm, initialFormFor } from './form-reducer.js';
import { fl } from './form-strings.js';
import { FormView } from './FormView.js';

export interface FormScreenProps {
  width: number;
  rows: number;
  session: Session;
  /** A draft to edit; without it, a new document (its kind picked first). */
  numero?: number | undefined;
}

function problemsOf(e: unknown): readonly FieldProblem[] | undefined {
  const p = (e as { problems?: unknown } | null)?.problems;
  return Array.isArray(p) ? (p as FieldProblem[]) : undefined;
}

/**
 * Container of the new-document screen: reads the kinds (`centre.forms.list`), then saves
 * the typed form as a draft (`centre.documents.draft`), and later saves as an edit of
 * that draft (`centre.documents.edit`). With `numero`, opens that draft for editing (`e`
 * in the list or the detail), and a successful save goes back there.
 */
export function FormScreen({ width, rows, session, numero }: FormScreenProps) {
  const { centre, lang, controls } = useConsole();
  const [state, dispatch] = useReducer(formReducer, undefined, numero === undefined ? initialForm : initialFormFor);
  const run = useAsyncRunner();
  // An existing draft was opened from elsewhere: leaving the form leaves the screen.
  const editingOnly = numero !== undefined;

  useEffect(() => {
    const r = state.loading;
    if (!r) return;
    run(
      () => centre.forms.list(),
      (kinds) => dispatch({ type: 'kindsLoaded', id: r.id, kinds }),
      (e) => dispatch({ type: 'failed', id: r.id, error: errorLabel(e) }),
    );
  }, [state.loading, centre, run]);

  useEffect(() => {
    if (numero === undefined) return;
    run(
      async () => {
        const doc = await centre.documents.get(session, numero);
        if (doc.status !== 1 || doc.stage !== 'draft') throw fl('notDraft', { numero });
        const form = await centre.forms.get(doc.formId, doc.formVersion);
        if (!form) throw new Error(`form ${doc.formId} v${doc.formVersion}`);
        return { doc, form };
      },
      ({ doc, form }) => dispatch({ type: 'opened', form, numero: doc.numero, data: doc.data }),
      (e) => dispatch({ type: 'openFailed', error: errorLabel(e) }),
    );
    // Opened once, when the screen mounts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const w = state.saving;
    if (!w) return;
    run(
      () => (w.numero === null ? centre.documents.draft(session, w.formId, w.input) : centre.documents.edit(session, w.numero, w.input)),
      (doc) => {
        dispatch({ type: 'saved', id: w.id, numero: doc.numero });
        // A draft opened with `e`: saved, back to the list or detail it came from, which reads it again.
        if (editingOnly) controls.back();
      },
      (e) => dispatch({ type: 'saveFailed', id: w.id, error: errorLabel(e), problems: problemsOf(e) }),
    );
  }, [state.saving, centre, session, run]);

  const mode = formMode(state);
  useKeys(
    'form',
    mode,
    mode === 'normal'
      ? {
          up: () => dispatch({ type: 'up' }),
          down: () => dispatch({ type: 'down' }),
          open: () => dispatch({ type: 'pick' }),
          back: () => controls.back(),
        }
      : mode === 'confirm'
        ? { yes: () => (editingOnly ? controls.back() : dispatch({ type: 'yes' })), no: () => dispatch({ type: 'no' }) }
        : {
            nextField: () => dispatch({ type: 'nextField' }),
            prevField: () => dispatch({ type: 'prevField' }),
            submit: () => dispatch({ type: 'submit' }),
            save: () => dispatch({ type: 'save' }),
            prevChoice: () => dispatch({ type: 'cycle', by: -1 }),
            nextChoice: () => dispatch({ type: 'cycle', by: 1 }),
            back: () => (editingOnly && (!state.dirty || !state.form) && !state.saving ? controls.back() : dispatch({ type: 'leave' })),
          },
    (input, key) => dispatch({ type: 'text', input, key }),
    formConditions(state),
  );

  return <FormView lang={lang} width={width} rows={rows} state={state} />;
}
