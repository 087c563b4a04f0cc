import { Box, Text } from 'ink';
import type { Label, Lang } from '@docstream/core';
import { ScreenFrame } from '../../keys/kit.js';
import type { Condition, ScreenId } from '../../keys/bindings.js';
import { wrapMessage } from './layout.js';
import { dt } from './strings.js';

export interface ScrolledViewProps {
  lang: Lang;
  width: number;
  screen: ScreenId;
  mode: 'normal' | 'typing' | 'confirm';
  on: readonly Condition[];
  title: string;
  /** Every line of the text; `height` of them are shown from `scroll`. */
  lines: readonly string[];
  scroll: number;
  height: number;
  error: Label | null;
  status: string | null;
}

/** A text longer than the screen (a document, a conflict), with its position said under it. */
export function ScrolledView({ lang, width, screen, mode, on, title, lines, scroll, height, error, status }: ScrolledViewProps) {
  // A long error or question wraps: the text gives up the lines it takes, so the footer stays on screen.
  const msg = wrapMessage(lang, width, error, status);
  const shown = lines.slice(scroll, scroll + Math.max(1, height - (msg.rows - 1)));
  const position = lines.length > 0 ? `${dt(lang, 'position', { from: scroll + 1, to: scroll + shown.length, total: lines.length })}` : '';
  return (
    <ScreenFrame lang={lang} screen={screen} mode={mode} on={on} width={width} title={title} error={msg.error} status={msg.status}>
      <Box flexDirection="column">
        {shown.map((line, i) =>
          line === '' ? (
            <Box key={scroll + i} height={1} />
          ) : (
            <Text key={scroll + i} wrap="truncate-end">
              {line}
            </Text>
          ),
        )}
      </Box>
      {position ? <Text>{position}</Text> : <Box height={1} />}
    </ScreenFrame>
  );
}
