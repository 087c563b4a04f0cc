import { Box, Text } from 'ink';
import type { Label, Lang } from '@docstream/core';
import { t } from '../i18n.js';
import { ScreenFrame } from '../keys/kit.js';
import { TextField } from '@docstream/console-kit';
import { wrapText } from '@docstream/console-kit';
import { fitLines, resultLines, shownText, verdictTone, type VerifyState } from './verify-reducer.js';

export interface VerifyViewProps {
  lang: Lang;
  width: number;
  /** The terminal's rows: the result is cut to fit below the header. */
  rows: number;
  state: VerifyState;
  /** Form titles by id, to name the document kind. */
  kinds: Record<string, Label>;
  colour: boolean;
}

const TONE_COLOUR = { good: 'green', bad: 'red', warning: 'yellow' } as const;

/**
 * The field the scanner types into, then the verdict: its sentence in capitals on an
 * inverse band (readable without colour; green, red or yellow when colour is allowed),
 * the document and its key fields, and whether the trust list was checked.
 */
export function VerifyView({ lang, width, rows, state, kinds, colour }: VerifyViewProps) {
  const label = t(lang, 'verifyField');
  const room = Math.max(10, width - [...label].length - 7);
  const result = state.result;
  const v = result?.verification;
  const verdict = v ? wrapText(v.label[lang], width - 3) : [];
  const body = result && v ? resultLines(lang, result, v.content ? kinds[v.content.kind] : undefined, width) : null;
  // Header, title, intro, blank, field, blank, message, footer; one line spare at the bottom.
  const budget = Math.max(1, rows - 9 - verdict.length - (body?.trust ? 1 : 0));
  const tone = v ? verdictTone(v.verdict) : 'good';
  return (
    <ScreenFrame
      lang={lang}
      screen="verify"
      mode="typing"
      width={width}
      title={t(lang, 'verifyTitle')}
      error={state.error}
      status={state.request ? t(lang, 'verifying') : null}
    >
      <Text wrap="truncate-end">{t(lang, 'verifyIntro')}</Text>
      <Box marginY={1}>
        <TextField label={label} value={shownText(lang, state.text, room)} focused labelWidth={[...label].length} />
      </Box>
      {body ? (
        <Box flexDirection="column">
          {verdict.map((line, i) => (
            <Text key={`v${i}`} bold inverse color={colour ? TONE_COLOUR[tone] : undefined}>
              {` ${line} `}
            </Text>
          ))}
          {fitLines(body.lines, budget, lang).map((line, i) => (
            <Text key={i} wrap="truncate-end">
              {line}
            </Text>
          ))}
          {body.trust ? <Text wrap="truncate-end">{body.trust}</Text> : null}
        </Box>
      ) : null}
    </ScreenFrame>
  );
}
