import { describe, expect, it } from 'vitest';
import { startCentreService, startServerService } from '@docstream/core';
import { startMosquitto } from '../support/mosquitto.js';
import { enrolledPair, queueBirths } from '../support/transmission.js';

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('administration over the real Mosquitto, through both services', () => {
  it('a profile change, a message, the trust list and a query answer reach the centre; its message reaches the server', async () => {
    const pair = await enrolledPair({ matricule: '00095' });
    await enrolledPair({ matricule: '00096', server: pair });
    const { server, admin, staff } = pair;
    const broker = await startMosquitto();
    const serverService = await startServerService(server, { link: { url: broker.url, clientId: 'ds-server-admin-e2e' }, sweepMs: 200 });
    const centreService = await startCentreService(staff.centre.transmission, { link: { url: broker.url, reconnectMs: 300 }, pollMs: 100, retryAfterMs: 5000 });
    try {
      // the first bulletins are published retained and reach the centre
      await until('the first trust list', async () => (await staff.centre.transmission.trust()).version !== null);

      await server.clients.edit(admin, '00095', { name: 'Mairie de Kati II', phone: '+223 20 12 34 56' });
      await until('the new profile', async () => (await staff.centre.server.profile(staff.agent)).profile?.name === 'Mairie de Kati II');
      expect((await staff.centre.info())!.name).toBe('Mairie de Kati II');

      await server.messages.send(admin, '00095', 'Merci d’envoyer les actes de mars avant vendredi.');
      await until('the message', async () => (await staff.centre.server.messages.list(staff.agent, { unread: true })).length === 1);

      await server.pki.revoke(admin, '00096', 'Ordinateur volé');
      await until('the trust list with the revocation', async () => (await staff.centre.transmission.trust()).revoked === 1);

      await staff.centre.server.messages.send(staff.secretary, 'Bien reçu, envoi jeudi.');
      await until('the centre’s message at the server', async () => (await server.messages.list(admin, { matricule: '00095', unread: true })).length === 1);

      await queueBirths(pair, 3);
      await server.accounts.grantQuota(admin, '00095', 1);
      await until('the documents centralised', async () => (await staff.centre.transmission.counts()).acknowledged === 3);
      const niu = (await server.db.query<{ niu: string }>('SELECT niu FROM xm_data.documents ORDER BY niu LIMIT 1'))[0]!.niu;
      const q = await staff.centre.server.queries.ask(staff.secretary, { niu });
      await until('the query answered', async () => (await staff.centre.server.queries.get(staff.agent, q.id))?.outcome === 'answered');
      expect(await staff.centre.server.account(staff.agent)).toMatchObject({ query_quota: 0 });
    } finally {
      await centreService.stop();
      await serverService.stop();
      await broker.stop();
    }
  });
});
