import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { ScreenFrame } from '../../keys/kit.js';
import { cw, statusWords, STATUSES } from './client-words.js';
import { askLine, cl, clientConditions, clientMode, type ClientState } from './client-reducer.js';
import { bodyLines, headLines } from './client-lines.js';
import { CodeBox } from './CodeBox.js';
import { FormFields } from './FormFields.js';

const Lines = ({ lines }: { lines: string[] }) => (
  <>
    {lines.map((l, i) => (
      <Text key={i} wrap="truncate-end">
        {l}
      </Text>
    ))}
  </>
);

/**
 * A centre as the operator checks it: profile, status in words, enrolment, certificates,
 * last contact, traffic, quarantine, account; or the edit form, the status chooser, or a
 * new enrolment code in its box.
 */
export function ClientView({ lang, width, state, privilege }: { lang: Lang; width: number; state: ClientState; privilege: number }) {
  const d = state.details;
  const m = { matricule: state.matricule };
  const status = state.pending
    ? cw(lang, 'working')
    : state.view === 'confirm'
      ? askLine(lang, state)
      : state.request && !d
        ? cw(lang, 'loading')
        : (state.notice?.[lang] ?? null);
  const title = state.view === 'edit' || state.asking?.kind === 'edit'
    ? cl(lang, 'editTitle', m)
    : state.view === 'status' || state.asking?.kind === 'status'
      ? cl(lang, 'statusTitle', m)
      : d
        ? cl(lang, 'title', { ...m, name: d.client.name })
        : cl(lang, 'titleLoading', m);
  const frame = (children: ReactNode) => (
    <ScreenFrame lang={lang} screen="client" mode={clientMode(state)} width={width} title={title} error={state.error} status={status} on={clientConditions(state, privilege)}>
      {children}
    </ScreenFrame>
  );
  if (!d) return frame(null);

  if (state.form && (state.view === 'edit' || state.asking?.kind === 'edit')) {
    return frame(
      <>
        <Text>{cl(lang, 'editIntro')}</Text>
        <Box marginY={1}>
          <FormFields lang={lang} form={state.form} width={width} active={state.view === 'edit'} />
        </Box>
      </>,
    );
  }

  if (state.view === 'status' || state.asking?.kind === 'status') {
    const choosing = state.view === 'status';
    const chosen = statusWords(lang, state.asking?.kind === 'status' ? state.asking.to : state.status);
    return frame(
      <>
        <Text wrap="truncate-end">{cl(lang, 'statusNow', { status: statusWords(lang, d.client.status) })}</Text>
        <Text wrap="truncate-end">
          {choosing ? '> ' : '  '}
          {cl(lang, 'statusNew')}
          {choosing ? `← ${chosen} →` : chosen}
        </Text>
        <Box flexDirection="column" marginY={1}>
          {STATUSES.map((n) => (
            <Text key={n} wrap="truncate-end">
              {'  '}
              {cl(lang, `statusMeaning${n}`)}
            </Text>
          ))}
        </Box>
        {d.client.status === 0 ? <Text wrap="truncate-end">{cl(lang, 'statusRelease', { n: d.quarantined })}</Text> : null}
      </>,
    );
  }

  return frame(
    <>
      <Lines lines={headLines(lang, d, width)} />
      {state.code ? (
        <Box marginTop={1}>
          <CodeBox lang={lang} width={width} matricule={state.matricule} code={state.code.code} expiresAt={state.code.expiresAt} />
        </Box>
      ) : (
        <Lines lines={bodyLines(lang, d, width)} />
      )}
    </>,
  );
}
