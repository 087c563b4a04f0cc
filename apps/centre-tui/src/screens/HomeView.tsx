import { Box, Text } from 'ink';
import { PRIVILEGE_LABELS, type Lang, type Privilege, type Session } from '@docstream/core';
import { t, type StringKey } from '../i18n.js';
import { ScreenFrame } from '../keys/kit.js';
import { DestinationList } from '@docstream/console-kit';
import { column, columnRight, fit } from '@docstream/console-kit';
import { HOME_MENU, nothingToDo, queueLine, statusLines, type HomeState, type Queue, type StageCounts } from './home-reducer.js';

export interface HomeViewProps {
  lang: Lang;
  width: number;
  state: HomeState;
  session: Session;
  databaseLine: string;
  /** The work queues of the user's role ("À faire"), above the menu in the cursor's order. */
  queues?: readonly Queue[];
}

const ROWS: readonly [StringKey, keyof StageCounts][] = [
  ['countDrafts', 'drafts'],
  ['countVerified', 'verified'],
  ['countValidated', 'validated'],
  ['countCancelled', 'cancelled'],
  ['countTotal', 'total'],
];

const TODO = { fr: 'À faire', en: 'To do' } as const;

/** Two columns: counts | link, messages, balance; then to do | go to. Fits 80×24. */
export function HomeView({ lang, width, state, session, databaseLine, queues = [] }: HomeViewProps) {
  const role = PRIVILEGE_LABELS[session.privilege as Privilege][lang];
  const left = Math.min(40, Math.floor(width / 2));
  const right = Math.max(10, width - left - 1);
  const menuSelected = state.selected - state.queueCount;
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
      <Box flexDirection="row" marginTop={1}>
        <Box flexDirection="column" width={left}>
          <Text bold>{t(lang, 'countsTitle')}</Text>
          {ROWS.map(([label, key]) => (
            <Text key={key}>
              {'  '}
              {column(t(lang, label), 28)}
              {columnRight(state.counts ? String(state.counts[key]) : '…', 8)}
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" width={right}>
          {statusLines(lang, state.status).map((line, i) => (
            <Text key={i} wrap="truncate-end">
              {fit(line, right)}
            </Text>
          ))}
        </Box>
      </Box>
      <Box flexDirection="row">
        <Box flexDirection="column" width={left}>
          <Text bold>{TODO[lang]}</Text>
          {queues.length === 0 ? <Text>{'  ' + nothingToDo(lang)}</Text> : null}
          {queues.map((q, i) => (
            <Text key={q.id} inverse={i === state.selected} wrap="truncate-end">
              {i === state.selected ? '> ' : '  '}
              {fit(queueLine(lang, q, state.counts, state.status.mine), left - 3)}
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" width={right}>
          <Text bold>{t(lang, 'menuTitle')}</Text>
          <DestinationList lang={lang} items={HOME_MENU} selected={menuSelected} />
        </Box>
      </Box>
    </ScreenFrame>
  );
}
