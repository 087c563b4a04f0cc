import { Box, Text } from 'ink';
import { releaseHint, type Lang } from '@docstream/core';
import { wrapText } from '@docstream/console-kit';
import { dt } from './strings.js';

/** How a quarantine ends well, said plainly under the lists: the core's words, then where to do it. */
export function releaseLines(lang: Lang, width: number, matricule?: string): string[] {
  return [...wrapText(releaseHint(matricule)[lang], width - 1), ...wrapText(dt(lang, 'releaseHere'), width - 1)];
}

export function ReleaseHint({ lines }: { lines: readonly string[] }) {
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i}>{l}</Text>
      ))}
    </Box>
  );
}
