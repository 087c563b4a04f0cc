import type { BrokerTestResult, Lang } from '@docstream/core';
import { decimal, whole } from './figures.js';
import { brokerText, phaseProgress, type BrokerTestState } from './broker-test-reducer.js';

/** Milliseconds with the precision that matters at that size (a loopback broker answers in µs). */
export function ms(lang: Lang, v: number): string {
  return `${decimal(lang, v, v < 1 ? 3 : v < 100 ? 1 : 0)} ms`;
}

/** The three phases, each said done, running or next, with its count so far. */
export function progressLines(lang: Lang, s: BrokerTestState): string[] {
  if (!s.run || !s.progress) return [];
  const count = s.run.params.count;
  const order = ['connect', 'latency', 'burst'] as const;
  const at = order.indexOf(s.progress.phase);
  const done = phaseProgress(s.progress.done, count, s.progress.phase);
  const state = (i: number) => brokerText(lang, i < at ? 'phaseDone' : i === at ? 'phaseNow' : 'phaseNext');
  const width = Math.max(...['phaseDone', 'phaseNow', 'phaseNext'].map((k) => [...brokerText(lang, k as 'phaseDone')].length)) + 2;
  const tag = (i: number) => `[${state(i)}]`.padEnd(width + 1);
  return [
    `  ${tag(0)}${brokerText(lang, 'phaseConnect')}`,
    `  ${tag(1)}${brokerText(lang, 'phaseLatency', { done: whole(lang, at > 1 ? count : at === 1 ? done : 0), total: whole(lang, count) })}`,
    `  ${tag(2)}${brokerText(lang, 'phaseBurst', { done: whole(lang, at === 2 ? done : 0), total: whole(lang, count) })}`,
  ];
}

/** The figures of a finished test. */
export function resultLines(lang: Lang, r: BrokerTestResult): string[] {
  const l = r.latency;
  const t = r.throughput;
  const title = brokerText(lang, 'resultTitle', { protocol: r.protocol, qos: r.qos }) + (r.grantedQos !== r.qos ? brokerText(lang, 'granted', { qos: r.grantedQos }) : '');
  return [
    title,
    `  ${brokerText(lang, 'connectTime', { ms: ms(lang, r.connectMs) })}`,
    `  ${brokerText(lang, 'latencyHead', { n: whole(lang, l.received), size: whole(lang, r.payloadBytes) })}`,
    `    ${brokerText(lang, 'latencyFigures', { min: ms(lang, l.minMs), p50: ms(lang, l.p50Ms), p95: ms(lang, l.p95Ms), max: ms(lang, l.maxMs) })}`,
    `  ${brokerText(lang, 'throughput', { n: whole(lang, t.sent), rate: whole(lang, t.messagesPerSecond), kbs: decimal(lang, t.bytesPerSecond / 1000, 1) })}`,
    `  ${r.lost === 0 ? brokerText(lang, 'noLoss', { sent: whole(lang, r.sent) }) : brokerText(lang, 'losses', { lost: whole(lang, r.lost), sent: whole(lang, r.sent), l: whole(lang, l.lost), b: whole(lang, t.lost) })}`,
    ...(t.lost > 0 && r.qos === 1 ? [`  ${brokerText(lang, 'queueHint')}`] : []),
  ];
}
