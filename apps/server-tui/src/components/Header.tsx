import { Text } from 'ink';
import { OPERATOR_PRIVILEGE_LABELS, type Lang, type OperatorPrivilege, type Session } from '@docstream/core';
import { fit } from '@docstream/console-kit';
import { t } from '../i18n.js';

/** First line of every screen: the application, read-only if so, and who is logged in (cut first when it does not fit). */
export function headerText(lang: Lang, session: Session | null, readOnly: boolean, width: number): string {
  const left = readOnly ? `${t(lang, 'appTitle')} · ${t(lang, 'readOnly')}` : t(lang, 'appTitle');
  const right = session ? `${session.fullName} (${OPERATOR_PRIVILEGE_LABELS[session.privilege as OperatorPrivilege][lang]})` : '';
  const room = width - 1;
  if (right === '') return fit(left, room);
  // The operator's name gives way first: "read-only" must always show.
  const r = fit(right, Math.max(10, room - [...left].length - 2));
  const gap = Math.max(2, room - [...left].length - [...r].length);
  return fit(left + ' '.repeat(gap) + r, room);
}

export function Header({ lang, session, readOnly, width }: { lang: Lang; session: Session | null; readOnly: boolean; width: number }) {
  return <Text bold>{headerText(lang, session, readOnly, width)}</Text>;
}
