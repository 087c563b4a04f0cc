import type { Lang } from '@docstream/core';
import { column, fit } from '@docstream/console-kit';
import { formSlots, type FormSlot, type FormState } from './form-reducer.js';
import { ft } from './form-strings.js';

/** Widest label column: longer labels are cut (the hint line gives them in full). */
export const MAX_LABEL = 28;

/** One line of the form: a slot's input, or the error shown under its field. */
export interface FormLine {
  slot: number;
  kind: 'input' | 'error';
  /** The text before the value (marker, label, ' : '), or the whole error line. */
  head: string;
  value: string;
  focused: boolean;
}

export function slotLabel(lang: Lang, slot: FormSlot): string {
  const label = slot.field.label[lang];
  const base = slot.part === 'nom' ? ft(lang, 'partNom', { label }) : slot.part === 'prenoms' ? ft(lang, 'partPrenoms', { label }) : label;
  // A person name is required by its family name; given names stay optional.
  return slot.field.required && slot.part !== 'prenoms' ? `${base} *` : base;
}

export function labelWidth(lang: Lang, slots: readonly FormSlot[]): number {
  return Math.min(MAX_LABEL, Math.max(4, ...slots.map((s) => [...slotLabel(lang, s)].length)));
}

/** The value as shown: a list value with its label ("F (Féminin)"). */
export function shownValue(lang: Lang, slot: FormSlot, value: string): string {
  if (slot.field.type === 'enum') {
    const o = slot.field.options?.find((x) => x.value === value.trim());
    if (o && o.label[lang] !== o.value) return `${value} (${o.label[lang]})`;
  }
  return value;
}

/** The end of a long value while it is typed, '…' before; the start otherwise. */
function fitValue(text: string, room: number, focused: boolean): string {
  const c = [...text];
  if (c.length <= room) return text;
  return focused ? `…${c.slice(c.length - room + 1).join('')}` : fit(text, room);
}

/** Every line of the form at this width: each slot, and under a field's last slot its error. */
export function formLines(lang: Lang, s: FormState, width: number): FormLine[] {
  if (!s.form) return [];
  const slots = formSlots(s.form);
  const lw = labelWidth(lang, slots);
  const room = Math.max(8, width - 1 - (2 + lw + 3) - 1);
  const lines: FormLine[] = [];
  slots.forEach((slot, i) => {
    const focused = i === s.focus && s.phase !== 'pick';
    lines.push({
      slot: i,
      kind: 'input',
      head: `${focused ? '> ' : '  '}${column(slotLabel(lang, slot), lw)} : `,
      value: fitValue(shownValue(lang, slot, s.values[slot.key] ?? ''), room, focused),
      focused,
    });
    const last = slots[i + 1]?.field !== slot.field;
    const error = s.errors[slot.field.name];
    if (last && error) {
      lines.push({ slot: i, kind: 'error', head: fit(`${' '.repeat(2 + lw)} ! ${error[lang]}`, width - 1), value: '', focused: false });
    }
  });
  return lines;
}

/**
 * The first line shown so that the focused slot (and the error under it) is in a window
 * of `height` lines, the focus kept near the middle.
 */
export function formWindow(lines: readonly FormLine[], focus: number, height: number): number {
  if (lines.length <= height) return 0;
  const first = Math.max(0, lines.findIndex((l) => l.slot === focus && l.kind === 'input'));
  let last = first;
  while (lines[last + 1]?.slot === focus) last += 1;
  const start = Math.max(0, Math.min(first - Math.floor(height / 2), lines.length - height));
  return last >= start + height ? last - height + 1 : start;
}

/** The line under the form that says what the focused field takes. */
export function slotHint(lang: Lang, slot: FormSlot): string {
  const f = slot.field;
  const label = slotLabel(lang, slot);
  const cut = [...label].length > MAX_LABEL ? `${label} — ` : '';
  const what = (() => {
    if (f.help) return f.help[lang];
    switch (f.type) {
      case 'person_name':
        return ft(lang, slot.part === 'prenoms' ? 'hintPrenoms' : 'hintNom');
      case 'date':
        return ft(lang, 'hintDate');
      case 'integer':
        return f.min !== undefined && f.max !== undefined ? ft(lang, 'hintIntegerRange', { min: f.min, max: f.max }) : ft(lang, 'hintInteger');
      case 'enum':
        return ft(lang, 'hintEnum', {
          options: (f.options ?? []).map((o) => (o.label[lang] === o.value ? o.value : `${o.value} (${o.label[lang]})`)).join(', '),
        });
      case 'tally':
        return ft(lang, 'hintTally');
      case 'text':
        if (f.patternHint) return f.patternHint[lang];
        return f.maxLength !== undefined ? ft(lang, 'hintMaxLength', { n: f.maxLength }) : '';
    }
  })();
  return cut + what;
}
