import { Box, Text } from 'ink';
import type { Label, Lang } from '@docstream/core';
import { kitText } from '../text/labels.js';

/**
 * One line kept for the screen's message, so the layout does not jump: an error (said
 * in words, "Erreur :", never by colour alone), else a status such as "Chargement…".
 */
export function MessageLine({ lang, error, status }: { lang: Lang; error?: Label | null; status?: string | null }) {
  if (error) return <Text bold>{kitText(lang, 'errorPrefix') + error[lang]}</Text>;
  return status ? <Text>{status}</Text> : <Box height={1} />;
}
