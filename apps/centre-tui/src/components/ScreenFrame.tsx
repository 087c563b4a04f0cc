import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Label, Lang } from '@docstream/core';
import type { Mode, ScreenId } from '../keys/bindings.js';
import { Footer } from './Footer.js';
import { MessageLine } from './MessageLine.js';

export interface ScreenFrameProps {
  lang: Lang;
  screen: ScreenId;
  mode: Mode;
  width: number;
  title: string;
  error?: Label | null;
  status?: string | null;
  children?: ReactNode;
}

/** Title, body, message line and footer: the shape every screen shares. */
export function ScreenFrame({ lang, screen, mode, width, title, error, status, children }: ScreenFrameProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Text bold underline>
        {title}
      </Text>
      {children}
      <MessageLine lang={lang} error={error ?? null} status={status ?? null} />
      <Footer lang={lang} screen={screen} mode={mode} width={width} />
    </Box>
  );
}
