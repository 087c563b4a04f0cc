import type { Label } from '@docstream/core';
import { editText, type TextKeyState } from '@docstream/console-kit';

/** One field of a Clients form; `id` is the core's name for it, so its refusals land beside it. */
export interface FormField {
  id: string;
  label: Label;
  value: string;
  max: number;
  /** Said after the value while it is empty: "(facultatif)", "AAAA-MM-JJ". */
  hint?: Label;
  /** A choice (←→, or its digit): `value` is the index. */
  choices?: readonly Label[];
}

export interface Form {
  fields: FormField[];
  focus: number;
  /** What the core (or the obvious check here) said about each field. */
  problems: Record<string, Label>;
}

export type FormAction =
  | { type: 'text'; input: string; key: TextKeyState }
  | { type: 'nextField' }
  | { type: 'prevField' }
  | { type: 'prevChoice' }
  | { type: 'nextChoice' };

export function newForm(fields: FormField[]): Form {
  return { fields, focus: 0, problems: {} };
}

export function focused(f: Form): FormField {
  return f.fields[f.focus]!;
}

export const onChoice = (f: Form): boolean => focused(f).choices !== undefined;
export const onLastField = (f: Form): boolean => f.focus === f.fields.length - 1;

export function value(f: Form, id: string): string {
  return f.fields.find((x) => x.id === id)?.value ?? '';
}

function setFocused(f: Form, v: string): Form {
  const field = focused(f);
  if (v === field.value) return f;
  const { [field.id]: _gone, ...problems } = f.problems;
  return { ...f, fields: f.fields.map((x, i) => (i === f.focus ? { ...x, value: v } : x)), problems };
}

/** Typing, moving between fields, choosing: what every Clients form does alike. */
export function formReducer(f: Form, a: FormAction): Form {
  const field = focused(f);
  switch (a.type) {
    case 'text': {
      if (field.choices) {
        // A digit picks the choice it numbers.
        const n = /^[0-9]$/.test(a.input) ? Number(a.input) : -1;
        return n >= 0 && n < field.choices.length ? setFocused(f, String(n)) : f;
      }
      return setFocused(f, editText(field.value, a.input, a.key, field.max));
    }
    case 'nextField':
    case 'prevField': {
      const focus = Math.max(0, Math.min(f.fields.length - 1, f.focus + (a.type === 'nextField' ? 1 : -1)));
      return focus === f.focus ? f : { ...f, focus };
    }
    case 'prevChoice':
    case 'nextChoice': {
      if (!field.choices) return f;
      const n = field.choices.length;
      return setFocused(f, String((Number(field.value) + (a.type === 'nextChoice' ? 1 : n - 1)) % n));
    }
  }
}

/** The form with these problems, the focus on the first field they name. */
export function withProblems(f: Form, problems: Record<string, Label>): Form {
  const first = f.fields.findIndex((x) => x.id in problems);
  return { ...f, problems, focus: first >= 0 ? first : f.focus };
}
