import { Text } from 'ink';
import { PRIVILEGE_LABELS, type Lang, type Privilege, type Session } from '@docstream/core';
import { t } from '../i18n.js';
import { fit } from '@docstream/console-kit';

export interface CentreIdentity {
  matricule: string;
  name: string;
}

/**
 * First line of every screen: the centre (`undefined` while it is being read, `null` when
 * the database has none), and who is logged in.
 */
export function headerText(lang: Lang, centre: CentreIdentity | null | undefined, session: Session | null, width: number): string {
  const where = centre === undefined ? '' : centre ? t(lang, 'centreLine', { matricule: centre.matricule, name: centre.name }) : t(lang, 'notInitialised');
  const left = where === '' ? t(lang, 'appTitle') : `${t(lang, 'appTitle')} · ${where}`;
  const right = session ? `${session.fullName} (${PRIVILEGE_LABELS[session.privilege as Privilege][lang]})` : '';
  const room = width - 1;
  if (right === '') return fit(left, room);
  const l = fit(left, Math.max(10, room - [...right].length - 2));
  const gap = Math.max(2, room - [...l].length - [...right].length);
  return fit(l + ' '.repeat(gap) + right, room);
}

export function Header(props: { lang: Lang; centre: CentreIdentity | null | undefined; session: Session | null; width: number }) {
  return <Text bold>{headerText(props.lang, props.centre, props.session, props.width)}</Text>;
}
