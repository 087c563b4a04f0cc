import { Box, Text } from 'ink';
import type { CertificateSummary, Lang } from '@docstream/core';
import { column, fit } from '@docstream/console-kit';
import { ScreenFrame } from '../../keys/kit.js';
import { typedTail } from './prompt.js';
import {
  chosenCertificate, day, securityConditions, securityMode, securityWords, shortSerial, statusText, validityLine, type SecurityState,
} from './security-reducer.js';

/** Lines other than the certificate rows: header, title, CA (3), server (3), seal root (2), caption, column names, prompt, message (2), footer (2), last row. */
export const SECURITY_CHROME = 19;

const COLS = { centre: 7, serial: 18, from: 10, to: 10 };

function Certificate({ lang, which, c }: { lang: Lang; which: 'ca' | 'server'; c: CertificateSummary }) {
  const { text } = securityWords;
  return (
    <>
      <Text wrap="truncate-end">{text(lang, which, { subject: c.subject })}</Text>
      <Text wrap="truncate-end">{validityLine(lang, c)}</Text>
      <Text wrap="truncate-end">{text(lang, 'fingerprint', { fp: c.fingerprint })}</Text>
    </>
  );
}

/**
 * The national CA and the server's certificate (subject, validity, days left, SHA-256), the
 * seal root, then the centres' certificates page by page with their state in words.
 */
export function SecurityView({ lang, width, state }: { lang: Lang; width: number; state: SecurityState }) {
  const { text } = securityWords;
  const p = state.prompt;
  const c = chosenCertificate(state);
  const status =
    p.step === 'running' ? text(lang, 'working')
      : p.step === 'asking' ? text(lang, 'ask', { serial: shortSerial(p.op.serial), matricule: p.op.matricule })
        : state.request !== null && state.overview === undefined ? text(lang, 'loading')
          : state.notice?.[lang] ?? null;
  const o = state.overview;
  const page = state.page;
  const pages = page ? Math.max(1, Math.ceil(page.total / state.pageSize)) : 1;
  const caption = !page
    ? ' '
    : page.total === 0
      ? text(lang, 'captionEmpty')
      : text(lang, 'caption', {
          from: page.offset + 1,
          to: page.offset + page.rows.length,
          total: page.total,
          page: pages > 1 ? text(lang, 'pageOf', { n: Math.floor(page.offset / state.pageSize) + 1, of: pages }) : '',
        });
  const statusRoom = Math.max(8, width - 1 - 2 - (COLS.centre + COLS.serial + COLS.from + COLS.to + 4));
  return (
    <ScreenFrame lang={lang} screen="security" mode={securityMode(state)} width={width} title={text(lang, 'title')} error={state.error} status={status} on={securityConditions(state)}>
      {o === null ? <Text>{text(lang, 'noPki')}</Text> : null}
      {o ? (
        <>
          <Certificate lang={lang} which="ca" c={o.ca} />
          <Certificate lang={lang} which="server" c={o.server} />
          <Text wrap="truncate-end">
            {text(lang, 'sealRoot', { state: o.sealRoot ? text(lang, o.sealRoot.attested ? 'sealAttested' : 'sealNotAttested') : text(lang, 'sealNone') })}
          </Text>
          {o.sealRoot ? <Text wrap="truncate-end">{text(lang, 'fingerprint', { fp: o.sealRoot.fingerprint })}</Text> : null}
        </>
      ) : null}
      <Text wrap="truncate-end">{caption + (page && state.filter ? text(lang, 'filtered', { filter: state.filter }) : '')}</Text>
      {page && page.rows.length > 0 ? (
        <Box flexDirection="column">
          <Text bold wrap="truncate-end">
            {`  ${column(text(lang, 'colCentre'), COLS.centre)} ${column(text(lang, 'colSerial'), COLS.serial)} ${column(text(lang, 'colFrom'), COLS.from)} ${column(text(lang, 'colTo'), COLS.to)} ${text(lang, 'colStatus')}`}
          </Text>
          {page.rows.map((r, i) => {
            const selected = i === state.selected;
            return (
              <Text key={r.serial} inverse={selected && p.step === 'idle' && state.filtering === null} wrap="truncate-end">
                {`${selected ? '> ' : '  '}${column(r.matricule, COLS.centre)} ${column(shortSerial(r.serial), COLS.serial)} ${day(r.not_before)} ${day(r.not_after)} ${fit(statusText(lang, r), statusRoom)}`}
              </Text>
            );
          })}
        </Box>
      ) : null}
      {state.filtering !== null ? (
        <Text wrap="truncate-end">
          {text(lang, 'filterPrompt')}
          {typedTail(text(lang, 'filterPrompt'), state.filtering, width)}
          <Text inverse> </Text>
        </Text>
      ) : p.step !== 'idle' && c ? (
        <Text wrap="truncate-end">
          {text(lang, 'reasonPrompt')}
          {typedTail(text(lang, 'reasonPrompt'), p.text, width)}
          {p.step === 'typing' ? <Text inverse> </Text> : null}
        </Text>
      ) : null}
    </ScreenFrame>
  );
}
