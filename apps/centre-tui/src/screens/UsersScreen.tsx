import type { Session } from '@docstream/core';
import { createAccountsScreen } from '@docstream/console-kit';
import { useConsole } from '../hooks/console-context.js';
import { kit } from '../keys/kit.js';
import { users } from './users-reducer.js';

const { AccountsScreen } = createAccountsScreen(kit, 'users', users);

export interface UsersScreenProps {
  width: number;
  rows: number;
  session: Session;
}

/**
 * The Users screen (Officer only: the core refuses anyone else, and that refusal is all
 * such a user sees): the kit's accounts screen over the centre's user service.
 */
export function UsersScreen({ width, rows, session }: UsersScreenProps) {
  const { centre, lang, controls } = useConsole();
  return <AccountsScreen lang={lang} width={width} rows={rows} session={session} service={centre.users} onBack={controls.back} />;
}
