import { Box, Text } from 'ink';
import { PRIVILEGE_LABELS, type Lang, type Privilege, type Session } from '@docstream/core';
import { t, type StringKey } from '../i18n.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { DestinationList } from '../components/DestinationList.js';
import { column, columnRight } from '../components/text-fit.js';
import { HOME_MENU, type HomeState, type StageCounts } from './home-reducer.js';

export interface HomeViewProps {
  lang: Lang;
  width: number;
  state: HomeState;
  session: Session;
  databaseLine: string;
}

const ROWS: readonly [StringKey, keyof StageCounts][] = [
  ['countDrafts', 'drafts'],
  ['countVerified', 'verified'],
  ['countValidated', 'validated'],
  ['countCancelled', 'cancelled'],
  ['countTotal', 'total'],
];

export function HomeView({ lang, width, state, session, databaseLine }: HomeViewProps) {
  const role = PRIVILEGE_LABELS[session.privilege as Privilege][lang];
  return (
    <ScreenFrame
      lang={lang}
      screen="home"
      mode="normal"
      width={width}
      title={t(lang, 'homeTitle')}
      error={state.error}
      status={state.loading ? t(lang, 'loading') : null}
    >
      <Text>{t(lang, 'userLine', { name: session.fullName, role })}</Text>
      <Text wrap="truncate-end">{databaseLine}</Text>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>{t(lang, 'countsTitle')}</Text>
        {ROWS.map(([label, key]) => (
          <Text key={key}>
            {'  '}
            {column(t(lang, label), 28)}
            {columnRight(state.counts ? String(state.counts[key]) : '…', 8)}
          </Text>
        ))}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>{t(lang, 'menuTitle')}</Text>
        <DestinationList lang={lang} items={HOME_MENU} selected={state.selected} />
      </Box>
    </ScreenFrame>
  );
}
