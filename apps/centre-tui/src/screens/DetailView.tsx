import { kitText } from '@docstream/console-kit';
import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { t } from '../i18n.js';
import { ScreenFrame } from '../keys/kit.js';
import type { Condition, Mode } from '../keys/bindings.js';
import { wrapText } from '@docstream/console-kit';
import { detailStatus, type DetailState } from './detail-reducer.js';

export interface DetailViewProps {
  lang: Lang;
  width: number;
  numero: number;
  state: DetailState;
  /** All the lines (detail-lines.ts); the view shows `height` of them from `state.scroll`. */
  lines: readonly string[];
  height: number;
  mode?: Mode;
  /** The conditions that hold (the footer shows `p` only when a copy can be issued). */
  on?: readonly Condition[];
}

export function DetailView({ lang, width, numero, state, lines, height, mode = 'normal', on = [] }: DetailViewProps) {
  // A long error or question wraps: the document gives up the lines it takes, so the footer stays on screen.
  const status = detailStatus(lang, state, width) ?? (state.loading ? t(lang, 'loading') : null);
  const message = state.error ? kitText(lang, 'errorPrefix') + state.error[lang] : status;
  const errorRows = message ? wrapText(message, width).length : 1;
  const shown = lines.slice(state.scroll, state.scroll + Math.max(1, height - (errorRows - 1)));
  const position =
    lines.length > 0
      ? `${kitText(lang, 'linesPosition', { from: state.scroll + 1, to: state.scroll + shown.length, total: lines.length })} · ${t(lang, 'readOnly')}`
      : '';
  return (
    <ScreenFrame
      lang={lang}
      screen="detail"
      mode={mode}
      on={on}
      width={width}
      title={t(lang, 'detailTitle', { numero })}
      error={state.error}
      status={status}
    >
      <Box flexDirection="column">
        {shown.map((line, i) =>
          line === '' ? (
            <Box key={state.scroll + i} height={1} />
          ) : (
            <Text key={state.scroll + i} wrap="truncate-end">
              {line}
            </Text>
          ),
        )}
      </Box>
      {position ? <Text>{position}</Text> : <Box height={1} />}
    </ScreenFrame>
  );
}
