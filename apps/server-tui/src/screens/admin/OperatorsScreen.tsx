import type { Session } from '@docstream/core';
import { createAccountsModel, createAccountsScreen } from '@docstream/console-kit';
import { useConsole } from '../../hooks/console-context.js';
import { kit } from '../../keys/kit.js';

/** The server's roles, in the order ←→ goes through them (0, suspended, is `s`). */
export const OPERATOR_ROLES = [
  { privilege: 1, label: { fr: 'Lecteur', en: 'Viewer' } },
  { privilege: 2, label: { fr: 'Opérateur', en: 'Operator' } },
  { privilege: 3, label: { fr: 'Superviseur', en: 'Supervisor' } },
] as const;

export const operators = createAccountsModel({
  roles: OPERATOR_ROLES,
  strings: {
    title: { fr: 'Opérateurs', en: 'Operators' },
    summary: { fr: '{n} opérateur(s) — seul un Superviseur les gère', en: '{n} operator(s) — only a Supervisor manages them' },
    none: { fr: 'Aucun opérateur.', en: 'No operators.' },
    newTitle: { fr: 'Nouvel opérateur', en: 'New operator' },
    editTitle: { fr: 'Modifier l’opérateur {login}', en: 'Edit the operator {login}' },
  },
});

const { AccountsScreen } = createAccountsScreen(kit, 'operators', operators);

/**
 * The server's operators: the kit's accounts screen over `server.operators` (every
 * operator reads the list; the core lets only a supervisor change it, and says so).
 */
export function OperatorsScreen({ width, rows, session }: { width: number; rows: number; session: Session }) {
  const { server, lang, controls } = useConsole();
  return <AccountsScreen lang={lang} width={width} rows={rows} session={session} service={server.operators} onBack={controls.back} />;
}
