import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Label, Lang } from '@docstream/core';
import type { Condition, Mode, ScreenId } from '../keys/bindings.js';
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
  /** The conditions that hold now, for the footer (see `Condition`). */
  on?: readonly Condition[];
  children?: ReactNode;
}

/** Title, body, message line and footer: the shape every screen shares. */
export function ScreenFrame({ lang, screen, mode, width, title, error, status, on, children }: ScreenFrameProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Text bold underline>
        {title}
      </Text>
      {children}
      <MessageLine lang={lang} error={error ?? null} status={status ?? null} />
      <Footer lang={lang} screen={screen} mode={mode} width={width} {...(on ? { on } : {})} />
    </Box>
  );
}
