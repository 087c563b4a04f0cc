import { Box, Text } from 'ink';
import type { Lang } from '@docstream/core';
import { column, columnRight } from '@docstream/console-kit';
import { ScreenFrame } from '../../keys/kit.js';
import { typedTail } from './prompt.js';
import { serviceName, serviceUnit, TARIFF_SERVICES, tariffsConditions, tariffsMode, tariffWords, type TariffsState } from './tariffs-reducer.js';

const COLS = { service: 22, price: 12 };

/** The three prices, the one chosen marked `>`; the new price typed below them. */
export function TariffsView({ lang, width, state }: { lang: Lang; width: number; state: TariffsState }) {
  const { text } = tariffWords;
  const p = state.prompt;
  const status =
    p.step === 'running' ? text(lang, 'working')
      : p.step === 'asking' ? text(lang, 'ask', { service: serviceName(lang, p.op.service), price: p.op.price, was: p.op.was })
        : state.request !== null && !state.prices ? text(lang, 'loading')
          : state.notice?.[lang] ?? null;
  const chosen = TARIFF_SERVICES[state.selected]!;
  return (
    <ScreenFrame lang={lang} screen="tariffs" mode={tariffsMode(state)} width={width} title={text(lang, 'title')} error={state.error} status={status} on={tariffsConditions(state)}>
      <Text>{text(lang, 'intro')}</Text>
      <Box flexDirection="column" marginTop={1}>
        <Text bold wrap="truncate-end">{`  ${column(text(lang, 'colService'), COLS.service)}${columnRight(text(lang, 'colPrice'), COLS.price)}  ${text(lang, 'colUnit')}`}</Text>
        {state.prices
          ? TARIFF_SERVICES.map((s, i) => {
              const selected = i === state.selected && p.step === 'idle';
              return (
                <Text key={s} inverse={selected} wrap="truncate-end">
                  {`${i === state.selected ? '> ' : '  '}${column(serviceName(lang, s), COLS.service)}${columnRight(String(state.prices![s]), COLS.price)}  ${serviceUnit(lang, s)}`}
                </Text>
              );
            })
          : null}
      </Box>
      {p.step !== 'idle' ? (
        <Box marginTop={1}>
          <Text wrap="truncate-end">
            {text(lang, 'prompt', { service: serviceName(lang, chosen) })}
            {typedTail(text(lang, 'prompt', { service: serviceName(lang, chosen) }), p.text, width)}
            {p.step === 'typing' ? <Text inverse> </Text> : null}
          </Text>
        </Box>
      ) : null}
    </ScreenFrame>
  );
}
