import type { Label } from '../forms/types.js';

/** Centre privileges, as the original: 0 suspended, 1 Agent, 2 Secretary, 3 Officer. */
export const Privilege = { Suspended: 0, Agent: 1, Secretary: 2, Officer: 3 } as const;
export type Privilege = (typeof Privilege)[keyof typeof Privilege];

export const PRIVILEGE_LABELS: Record<Privilege, Label> = {
  0: { fr: 'suspendu', en: 'suspended' },
  1: { fr: 'Agent', en: 'Agent' },
  2: { fr: 'Secrétaire', en: 'Secretary' },
  3: { fr: 'Officier', en: 'Officer' },
};

/** Accepts 0–3 or a role name in French or English. */
export function parsePrivilege(text: string): Privilege | undefined {
  const t = text.trim().toLowerCase();
  const byName: Record<string, Privilege> = {
    suspendu: 0, suspended: 0, agent: 1, secretaire: 2, 'secrétaire': 2, secretary: 2, officier: 3, officer: 3, chef: 3,
  };
  if (/^[0-3]$/.test(t)) return Number(t) as Privilege;
  return byName[t];
}
