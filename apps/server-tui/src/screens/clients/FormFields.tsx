import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { column, fit } from '@docstream/console-kit';
import type { Form } from './form.js';

/**
 * A Clients form: one line per field, `>` and a cursor on the focused one (no colour
 * needed), a choice between ← →, and under a field what the core said about it.
 * `active` false: the fields are shown while an o/n question waits.
 */
export function FormFields({ lang, form, width, active }: { lang: Lang; form: Form; width: number; active: boolean }) {
  const w = Math.max(...form.fields.map((f) => [...f.label[lang]].length));
  return (
    <Box flexDirection="column">
      {form.fields.map((f, i) => {
        const at = active && i === form.focus;
        const problem = form.problems[f.id];
        let shown: string;
        if (f.choices) {
          const label = f.choices[Number(f.value)]?.[lang] ?? '';
          shown = at ? `← ${label} →` : label;
        } else {
          shown = f.value;
        }
        const room = Math.max(4, width - 1 - (2 + w + 3) - 1);
        const text = [...shown].length > room ? `…${[...shown].slice(-(room - 1)).join('')}` : shown;
        return (
          <Box key={f.id} flexDirection="column">
            <Text wrap="truncate-end">
              {at ? '> ' : '  '}
              {column(f.label[lang], w)}
              {' : '}
              {text}
              {at && !f.choices ? <Text inverse> </Text> : null}
              {f.value === '' && f.hint ? ` ${f.hint[lang]}` : ''}
            </Text>
            {problem ? <Text wrap="truncate-end">{fit(`    ! ${problem[lang]}`, width - 1)}</Text> : null}
          </Box>
        );
      })}
    </Box>
  );
}
