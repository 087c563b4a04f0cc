import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { DestinationList } from '@docstream/console-kit';
import { t } from '../i18n.js';
import { ScreenFrame } from '../keys/kit.js';
import { clockTime } from './figures.js';
import { homeMenu, homeText, type HomeState } from './home-reducer.js';


/** The server's figures at a glance, then the menu of screens. */
export function HomeView({ lang, width, state, databaseLine }: { lang: Lang; width: number; state: HomeState; databaseLine: string }) {
  const snap = state.snapshot;
  return (
    <ScreenFrame lang={lang} screen="home" mode="normal" width={width} title={homeText(lang, 'title')} error={state.error} status={!snap && state.loading ? t(lang, 'loading') : null}>
      <Text wrap="truncate-end">{databaseLine}</Text>
      {snap ? (
        <>
          <Text>{homeText(lang, snap.estimated ? 'documentsEstimated' : 'documents', { n: snap.documents })}</Text>
          <Text>{homeText(lang, 'readAt', { at: clockTime(snap.at) })}</Text>
        </>
      ) : null}
      <Box flexDirection="column" marginTop={1}>
        <Text bold>{homeText(lang, 'menu')}</Text>
        <DestinationList lang={lang} items={homeMenu()} selected={state.selected} />
      </Box>
    </ScreenFrame>
  );
}
