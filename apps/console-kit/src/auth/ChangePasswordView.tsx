import { Box, Text } from 'ink';
import { MIN_PASSWORD_LENGTH, type Lang } from '@docstream/core';
import { authText as t } from './auth-strings.js';
import { TextField } from '../components/TextField.js';
import type { AuthFrame } from './auth-frame.js';
import type { ChangePasswordState } from './change-password-reducer.js';

export interface ChangePasswordViewProps {
  lang: Lang;
  width: number;
  state: ChangePasswordState;
  login: string;
  forced: boolean;
  Frame: AuthFrame;
}

/** Current, new and confirmed password, all masked; why the change is required, when it is. */
export function ChangePasswordView({ lang, width, state, login, forced, Frame }: ChangePasswordViewProps) {
  const labels = [t(lang, 'fieldCurrent'), t(lang, 'fieldNew'), t(lang, 'fieldConfirm')];
  const labelWidth = Math.max(...labels.map((l) => l.length));
  return (
    <Frame
      lang={lang}
      width={width}
      title={t(lang, 'changePasswordTitle')}
      error={state.error}
      status={state.request ? t(lang, 'working') : null}
    >
      {forced ? <Text>{t(lang, 'mustChangeIntro')}</Text> : null}
      <Text>{t(lang, 'changeIntro', { login })}</Text>
      <Box flexDirection="column" marginY={1}>
        {labels.map((label, i) => (
          <TextField key={label} label={label} value={state.values[i]!} focused={state.focus === i} masked labelWidth={labelWidth} />
        ))}
      </Box>
      <Text>{t(lang, 'passwordHint', { n: MIN_PASSWORD_LENGTH })}</Text>
    </Frame>
  );
}
