import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { t } from '../i18n.js';
import { footerText, helpEntries } from '../keys/bindings.js';
import type { StatusState } from './status-reducer.js';

export interface StatusViewProps {
  lang: Lang;
  state: StatusState;
  database: { description: string; embedded: boolean };
  refreshSeconds: number;
}

function hhmmss(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The status screen, or its help; the last line is always the footer from the key table. */
export function StatusView({ lang, state, database, refreshSeconds }: StatusViewProps) {
  const screen = state.showHelp ? 'help' : 'status';
  return (
    <Box flexDirection="column">
      <Text bold>{t(lang, 'appTitle')}</Text>
      {state.showHelp ? (
        <Box flexDirection="column">
          <Text bold underline>
            {t(lang, 'helpTitle')}
          </Text>
          <Text>{t(lang, 'helpKeys')}</Text>
          {helpEntries(lang, 'status').map((e) => (
            <Text key={e.keys}>{`  ${e.keys.padEnd(8)}${e.text}`}</Text>
          ))}
        </Box>
      ) : (
        <Box flexDirection="column">
          <Text bold underline>
            {t(lang, 'statusTitle')}
          </Text>
          <Text>{t(lang, 'databaseLine', { description: database.description }) + (database.embedded ? ` (${t(lang, 'embedded')})` : '')}</Text>
          <Text>{t(lang, 'documentsLine', { n: state.documents ?? '…' })}</Text>
          <Text>{t(lang, 'updatedLine', { at: state.updatedAt ? hhmmss(state.updatedAt) : '—', n: refreshSeconds })}</Text>
        </Box>
      )}
      {state.error ? <Text bold>{t(lang, 'errorPrefix') + state.error[lang]}</Text> : state.loading ? <Text>{t(lang, 'loading')}</Text> : <Box height={1} />}
      <Text>{footerText(lang, screen)}</Text>
    </Box>
  );
}
