import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { TextField } from '@docstream/console-kit';
import { ScreenFrame } from '../keys/kit.js';
import { progressLines, resultLines } from './broker-test-lines.js';
import { brokerMode, brokerText, FIELDS, type BrokerTestState } from './broker-test-reducer.js';

export interface BrokerTestViewProps {
  lang: Lang;
  width: number;
  /** The broker tested, without its password. */
  url: string;
  /** True when MQTT_URL names it; else the embedded broker. */
  configured: boolean;
  state: BrokerTestState;
}

function Line({ text, bold = false }: { text: string; bold?: boolean }) {
  return (
    <Text wrap="truncate-end" bold={bold}>
      {text}
    </Text>
  );
}

/** The broker, the four values (the focused one marked '>'), then the phases while it runs or the figures once done. */
export function BrokerTestView({ lang, width, url, configured, state }: BrokerTestViewProps) {
  const labelWidth = Math.max(...FIELDS.map((f) => [...brokerText(lang, f)].length));
  const typing = brokerMode(state) === 'typing';
  return (
    <ScreenFrame
      lang={lang}
      screen="brokerTest"
      mode={brokerMode(state)}
      width={width}
      title={brokerText(lang, 'title')}
      error={state.error}
      status={state.cancelling ? brokerText(lang, 'cancelling') : state.notice ? state.notice[lang] : null}
    >
      <Line text={brokerText(lang, configured ? 'brokerConfigured' : 'brokerEmbedded', { url })} />
      {configured ? null : <Line text={brokerText(lang, 'embeddedHint')} />}
      <Box flexDirection="column" marginY={1}>
        {FIELDS.map((f, i) => (
          <TextField key={f} label={brokerText(lang, f)} value={state.fields[f]} focused={typing && i === state.focus} labelWidth={labelWidth} />
        ))}
      </Box>
      {state.run ? (
        <>
          <Line text={brokerText(lang, 'running')} bold />
          {progressLines(lang, state).map((l, i) => (
            <Line key={`p${i}`} text={l} />
          ))}
        </>
      ) : state.result ? (
        resultLines(lang, state.result).map((l, i) => <Line key={`r${i}`} text={l} bold={i === 0} />)
      ) : null}
    </ScreenFrame>
  );
}
