import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { t } from '../i18n.js';
import { ScreenFrame } from '../keys/kit.js';
import { TextField } from '@docstream/console-kit';
import type { LoginState } from './login-reducer.js';

export interface LoginViewProps {
  lang: Lang;
  width: number;
  state: LoginState;
  databaseLine: string;
}

export function LoginView({ lang, width, state, databaseLine }: LoginViewProps) {
  const labelWidth = Math.max(t(lang, 'fieldLogin').length, t(lang, 'fieldPassword').length);
  return (
    <ScreenFrame
      lang={lang}
      screen="login"
      mode="typing"
      width={width}
      title={t(lang, 'loginTitle')}
      error={state.error}
      status={state.request ? t(lang, 'working') : null}
    >
      <Text>{t(lang, 'loginIntro')}</Text>
      <Box flexDirection="column" marginY={1}>
        <TextField label={t(lang, 'fieldLogin')} value={state.login} focused={state.focus === 0} labelWidth={labelWidth} />
        <TextField label={t(lang, 'fieldPassword')} value={state.password} focused={state.focus === 1} masked labelWidth={labelWidth} />
      </Box>
      <Text>{databaseLine}</Text>
    </ScreenFrame>
  );
}
