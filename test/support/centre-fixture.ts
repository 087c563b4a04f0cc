import { createCentre, type Centre, type Clock, type Database, type KeyAccess, type Session, Privilege } from '@docstream/core';

export interface Staff {
  centre: Centre;
  agent: Session;
  secretary: Session;
  officer: Session;
}

export const OFFICER_PASSWORD = 'Registre-National-2026';

/** A centre initialised with its Officer, plus an Agent and a Secretary who changed their temporary passwords. */
export async function centreWithStaff(db: Database, clock?: Clock, matricule = '00042', keys?: KeyAccess): Promise<Staff> {
  const centre = createCentre({ db, ...(clock ? { clock } : {}), ...(keys ? { keys } : {}) });
  await centre.init({ matricule, name: 'Mairie de Test', officer: { login: 'chef', fullName: 'Chef de Centre', password: OFFICER_PASSWORD } });
  const officer = await centre.users.login('chef', OFFICER_PASSWORD);
  const a = await centre.users.create(officer, { login: 'awa', fullName: 'Awa Diallo', privilege: Privilege.Agent });
  const agent = await centre.users.changePassword('awa', a.temporaryPassword, 'saisie-des-actes-1');
  const s = await centre.users.create(officer, { login: 'sekou', fullName: 'Sékou Traoré', privilege: Privilege.Secretary });
  const secretary = await centre.users.changePassword('sekou', s.temporaryPassword, 'controle-qualite-22');
  return { centre, agent, secretary, officer };
}

export function birth(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enfant: { nom: 'KONÉ', prenoms: 'Aminata Fatou' },
    sexe: 'F',
    date_naissance: '2026-03-01',
    lieu_naissance: 'Bamako',
    mere: { nom: 'TRAORÉ', prenoms: 'Mariam' },
    pere: { nom: 'KONÉ', prenoms: 'Ibrahim' },
    date_declaration: '2026-03-10',
    ...overrides,
  };
}
