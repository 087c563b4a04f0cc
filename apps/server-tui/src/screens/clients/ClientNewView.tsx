import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { ScreenFrame } from '../../keys/kit.js';
import { cw } from './client-words.js';
import { askLine, newClientConditions, newClientMode, ns, type NewClientState } from './client-new-reducer.js';
import { CodeBox } from './CodeBox.js';
import { FormFields } from './FormFields.js';

/**
 * The new-centre form, then the centre registered and its one-time enrolment code in a
 * box; the code lives in this screen's state only, so leaving the screen forgets it.
 */
export function ClientNewView({ lang, width, state }: { lang: Lang; width: number; state: NewClientState }) {
  const status = state.pending ? ns(lang, 'registering') : state.view === 'confirm' ? askLine(lang, state) : null;
  const c = state.created;
  return (
    <ScreenFrame
      lang={lang}
      screen="clientNew"
      mode={newClientMode(state)}
      width={width}
      title={ns(lang, 'title')}
      error={state.error}
      status={status ?? (state.view === 'done' ? ns(lang, 'leave') : null)}
      on={newClientConditions(state)}
    >
      {c ? (
        <>
          <Text wrap="truncate-end">{ns(lang, 'created', { matricule: c.matricule, name: c.name })}</Text>
          <Box marginTop={1}>
            <CodeBox lang={lang} width={width} matricule={c.matricule} code={c.code} expiresAt={c.expiresAt} />
          </Box>
        </>
      ) : (
        <>
          <Text>{ns(lang, 'intro')}</Text>
          <Box marginY={1}>
            <FormFields lang={lang} form={state.form} width={width} active={state.view === 'form'} />
          </Box>
          {state.pending ? <Text>{cw(lang, 'working')}</Text> : null}
        </>
      )}
    </ScreenFrame>
  );
}
