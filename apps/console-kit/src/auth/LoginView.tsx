import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { authText as t } from './auth-strings.js';
import { TextField } from '../components/TextField.js';
import type { AuthFrame } from './auth-frame.js';
import type { LoginState } from './login-reducer.js';

export interface LoginViewProps {
  lang: Lang;
  width: number;
  state: LoginState;
  databaseLine: string;
  Frame: AuthFrame;
}

/** The login form: user name, masked password, and where the data is. */
export function LoginView({ lang, width, state, databaseLine, Frame }: LoginViewProps) {
  const labelWidth = Math.max(t(lang, 'fieldLogin').length, t(lang, 'fieldPassword').length);
  return (
    <Frame
      lang={lang}
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
    </Frame>
  );
}
