import { Text } from 'ink';
import type { Lang } from '@docstream/core';
import type { DestinationEntry } from './palette.js';

/** A list of screens to go to, the selected one marked with '>' and inverse (no colour needed). */
export function DestinationList({ lang, items, selected }: { lang: Lang; items: readonly DestinationEntry[]; selected: number }) {
  return (
    <>
      {items.map((d, i) => (
        <Text key={d.id} inverse={i === selected}>
          {i === selected ? '> ' : '  '}
          {d.label[lang]}
        </Text>
      ))}
    </>
  );
}
