import { afterEach, describe, expect, it } from 'vitest';
import { OFFICER_PASSWORD } from '../support/centre-fixture.js';
import { enrolledPair } from '../support/transmission.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let open: Console | undefined;

afterEach(() => {
  open?.unmount();
  open = undefined;
});

async function accountScreen(centre: Parameters<typeof App>[0]['centre'], lang: 'fr' | 'en' = 'fr'): Promise<Console> {
  open = mount(<App centre={centre} lang={lang} />);
  await open.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(open, 'chef', OFFICER_PASSWORD);
  await open.waitFor(lang === 'fr' ? 'Vérifier une copie' : 'Verify a copy');
  await open.type(':');
  await open.type(lang === 'fr' ? 'compte' : 'account');
  await open.press('enter');
  await open.waitFor(lang === 'fr' ? 'Compte et profil du centre' : 'Account and profile of the centre');
  return open;
}

const show = (frame: string) => {
  if (process.env.SHOW_FRAMES) console.log(`${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`);
};

describe('centre console: account and profile', () => {
  it('before anything arrives, says the server has not sent it yet', async () => {
    const pair = await enrolledPair({ matricule: '00074' });
    const c = await accountScreen(pair.staff.centre);
    const f = await c.waitFor('Le serveur n’a pas encore communiqué le compte');
    show(f);
    fitsTerminal(f);
    expect(f).toContain('r actualiser');
    expect(f).toContain('Esc retour');
  });

  it('after a recharge and the next exchange, shows the balance with spaces, the quota, the profile', async () => {
    const pair = await enrolledPair({ matricule: '00075' });
    await pair.server.accounts.recharge(pair.admin, '00075', 12500);
    await pair.server.signatories.add(pair.admin, { matricule: '00075', fullName: 'Fanta Camara', title: 'Maire' });
    await pair.notify();
    const c = await accountScreen(pair.staff.centre);
    let f = await c.waitFor(/Solde\s+: 12 500/);
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(/Compte \(au \d\d\/\d\d\/20\d\d \d\d:\d\d\)/);
    expect(f).toMatch(/Requêtes prépayées\s+: \d+/);
    expect(f).toMatch(/Profil \(au \d\d\/\d\d\/20\d\d \d\d:\d\d\)/);
    expect(f).toMatch(/Nom\s+: Mairie de Test/);
    expect(f).toMatch(/Région\s+: Koulikoro/);
    expect(f).toMatch(/Statut\s+: 3 — tous services/);
    expect(f).toContain('Signataires');
    expect(f).toContain('Fanta Camara — Maire');
    // r reads again: a second recharge shows after the next exchange
    await pair.server.accounts.recharge(pair.admin, '00075', 1000);
    await pair.notify();
    await c.type('r');
    f = await c.waitFor(/Solde\s+: 13 500/);
    await c.press('escape');
    await c.waitFor('Documents du centre');
  });
});
