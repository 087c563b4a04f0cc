import { Box, Text } from 'ink';
import type { Label, Lang } from '@docstream/core';
import { fill, wrapText } from '@docstream/console-kit';
import { day } from './client-words.js';

export const CODE_STRINGS = {
  code: { fr: 'CODE D’INSCRIPTION DU CENTRE {matricule} : {code}', en: 'ENROLMENT CODE OF CENTRE {matricule}: {code}' },
  what: {
    fr: 'À usage unique, valable jusqu’au {until}. Remettez-le à l’Officier du centre, en main propre ou par téléphone ; au centre : docstream-centre enroll --code {code}. Il ne sera plus affiché : notez-le maintenant (perdu : touche c dans la fiche du centre pour en donner un nouveau).',
    en: 'One use only, valid until {until}. Give it to the centre’s Officer, by hand or by phone; at the centre: docstream-centre enroll --code {code}. It will not be shown again: write it down now (lost: key c in the centre’s detail gives a new one).',
  },
} as const satisfies Record<string, Label>;

/** A one-time enrolment code as the operator must see it: in a box, with what to do with it. */
export function CodeBox({ lang, width, matricule, code, expiresAt }: { lang: Lang; width: number; matricule: string; code: string; expiresAt: Date }) {
  const lines = wrapText(fill(CODE_STRINGS.what[lang], { code, until: day(lang, expiresAt) }), width - 1);
  return (
    <Box flexDirection="column">
      <Box borderStyle="single" paddingX={1} width={Math.min(width - 1, 66)}>
        <Text bold wrap="truncate-end">
          {fill(CODE_STRINGS.code[lang], { matricule, code })}
        </Text>
      </Box>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l}
        </Text>
      ))}
    </Box>
  );
}
