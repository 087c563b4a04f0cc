import { Box, Text } from 'ink';
import type { HostState, Lang } from '@docstream/core';
import { t } from '../i18n.js';
import type { Condition } from '../keys/bindings.js';
import { ScreenFrame } from '../keys/kit.js';
import { TextField } from '@docstream/console-kit';
import { cycleLines } from './cycle-lines.js';
import { clockTime, outcomeText, statusLines, transmissionMode, tx, type TransmissionState } from './transmission-reducer.js';

export interface TransmissionViewProps {
  lang: Lang;
  width: number;
  /** The terminal's rows: the problems list shrinks to fit. */
  rows: number;
  state: TransmissionState;
  /** When the status was read (an expired certificate is said so). */
  now: Date;
  on: readonly Condition[];
  /** The cycle this console hosts; undefined when it hosts none. */
  cycle?: HostState | undefined;
}

/**
 * The status blocks (link, outbox, certificate and trust list, last problems), whether the
 * screen refreshes itself, then the path question or what the last export / import did.
 * Words only, no colour: "Connecté" / "Déconnecté", "EN PAUSE", "REFUSÉ(S)".
 */
function Line({ text, bold = false }: { text: string; bold?: boolean }) {
  return (
    <Text wrap="truncate-end" bold={bold}>
      {text}
    </Text>
  );
}

export function TransmissionView({ lang, width, rows, state, now, on, cycle }: TransmissionViewProps) {
  const snap = state.snapshot;
  const lines = snap ? statusLines(lang, snap, now) : null;
  const mode = transmissionMode(state);
  const status = state.job
    ? tx(lang, state.job.kind === 'export' ? 'writing' : 'reading', { path: state.job.path })
    : !snap && state.loading
      ? t(lang, 'loading')
      : null;
  // Header, title, 2 cycle, 3 link, 2 counts, 2 identity, problems title, live line, prompt/outcome (2), message, footer.
  const problemRoom = Math.max(1, rows - 19);
  const cycleText = cycleLines(lang, cycle, snap?.service);
  const label = state.prompt ? tx(lang, state.prompt.kind === 'export' ? 'exportPrompt' : 'importPrompt') : '';
  return (
    <ScreenFrame lang={lang} screen="transmission" mode={mode} width={width} title={tx(lang, 'title')} error={state.error} status={status} on={on}>
      {cycleText.map((l, i) => (
        <Line key={`y${i}`} text={l} bold={i === 0} />
      ))}
      {lines && snap ? (
        <Box flexDirection="column">
          {lines.link.map((l, i) => (
            <Line key={`l${i}`} text={l} />
          ))}
          {lines.counts.map((l, i) => (
            <Line key={`c${i}`} text={l} />
          ))}
          {lines.identity.map((l, i) => (
            <Line key={`i${i}`} text={l} />
          ))}
          {lines.problems.length === 0 ? (
            <Line text={tx(lang, 'noProblems')} />
          ) : (
            <>
              <Line text={`${tx(lang, 'problemsTitle')} :`.replace(' :', lang === 'fr' ? ' :' : ':')} />
              {lines.problems.slice(0, problemRoom).map((l, i) => (
                <Line key={`p${i}`} text={`  ${l}`} />
              ))}
            </>
          )}
          <Line text={tx(lang, state.live ? 'live' : 'paused', { at: clockTime(snap.at) })} />
        </Box>
      ) : null}
      {state.prompt ? (
        <TextField label={label} value={state.prompt.text} focused labelWidth={[...label].length} />
      ) : state.outcome ? (
        <Text wrap="wrap">{outcomeText(lang, state.outcome)}</Text>
      ) : null}
    </ScreenFrame>
  );
}
