import { describe, expect, it, beforeAll } from 'vitest';
import { join } from 'node:path';
import { encodePayload, type Message } from '@docstream/core';
import { seal } from '../../core/src/crypto/sdc.js';
import { readKeyFile } from '../../core/src/crypto/keystore.js';
import { createCaCertificate, generateKeyPair, issueCertificate } from '../../core/src/crypto/pki.js';
import { birth } from '../support/centre-fixture.js';
import { enrolledPair, queueBirths, type Pair } from '../support/transmission.js';

async function count(pair: Pair, sql: string): Promise<number> {
  const [r] = await pair.server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`);
  return r!.n;
}

/** What the server holds: a change here means something was written. */
async function serverState(pair: Pair) {
  return {
    documents: await count(pair, 'xm_data.documents'),
    inbox: await count(pair, 'xm_system.inbox'),
    evidence: await count(pair, 'xm_system.evidence'),
    conflicts: await count(pair, 'xm_data.conflicts'),
    outbox: await count(pair, 'xm_system.outbox'),
  };
}

/** A container the centre's own key signs, with any header and body: what a faulty or hostile sender could make. */
async function forge(pair: Pair, header: Partial<Message['header']>, body: unknown, signer?: { certPem: string; privateKey: import('node:crypto').KeyObject }): Promise<Buffer> {
  const key = await readKeyFile(join(pair.centreKeys.dir, 'centre.key.pem'), pair.centreKeys.passphrase);
  const [row] = await pair.staff.centre.db.query<{ centre_pem: string; server_pem: string }>('SELECT centre_pem, server_pem FROM docstream.pki');
  const msg = { header: { v: 1, typ: 'docs', src: '00042', dst: 'server', seq: 900_000 + Math.floor(Math.random() * 1000), ts: new Date().toISOString(), ...header }, body } as Message;
  return seal({ content: encodePayload(msg), signer: signer ?? { certPem: row!.centre_pem, privateKey: key }, recipientCertPem: row!.server_pem });
}

describe('a validated document reaches the server', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await enrolledPair();
  });

  it('travels in a container, is stored once, and the centre shows it acknowledged (Status 4)', async () => {
    const { centre, agent, secretary, officer } = pair.staff;
    const d = await centre.documents.draft(agent, 'acte_naissance', birth());
    await centre.documents.verify(secretary, d.numero);
    const v = await centre.documents.validate(officer, d.numero);
    expect(await centre.transmission.pack()).toBe(1);
    const [c] = await centre.transmission.due(60_000);
    const r = await pair.deliver(c!.sdc);
    expect(r.outcome).toMatchObject({ kind: 'accepted', documents: 1 });
    const [row] = await pair.server.db.query<{ data: unknown; matricule: string; status: number }>('SELECT data, matricule, status FROM xm_data.documents WHERE niu = $1', [v.niu]);
    expect(row).toEqual({ data: v.data, matricule: '00042', status: 4 });
    expect((await centre.documents.get(agent, v.niu!)).status).toBe(4);
    expect(await centre.transmission.due(0)).toEqual([]);
    // the signed SignedData is archived as evidence
    expect(await count(pair, 'xm_system.evidence')).toBe(1);

    // the same container again: a replay, answered with the stored ack, nothing written
    const before = await serverState(pair);
    const again = await pair.server.ingest.receive(c!.sdc, '00042');
    expect(again.outcome.kind).toBe('replay');
    expect(again.replies).toHaveLength(1);
    expect(await serverState(pair)).toEqual(before);
    const [rej] = await pair.server.transport.rejections(1);
    expect(rej).toMatchObject({ src: '00042', step: 'replay' });
  });

  it('a cancellation travels and marks the central document cancelled', async () => {
    const { centre, officer, agent, secretary } = pair.staff;
    const d = await centre.documents.draft(agent, 'acte_naissance', birth({ enfant: { nom: 'SIDIBÉ', prenoms: 'Oumou' } }));
    await centre.documents.verify(secretary, d.numero);
    const v = await centre.documents.validate(officer, d.numero);
    await centre.documents.cancel(officer, d.numero, 'Doublon de l’acte n° 12');
    // the cancellation waits until the document itself is acknowledged
    expect(await centre.transmission.pack()).toBe(1);
    for (const c of await centre.transmission.due(0)) await pair.deliver(c.sdc);
    expect(await centre.transmission.pack()).toBe(1);
    for (const c of await centre.transmission.due(0)) await pair.deliver(c.sdc);
    const [row] = await pair.server.db.query<{ status: number; cancel_reason: string }>('SELECT status, cancel_reason FROM xm_data.documents WHERE niu = $1', [v.niu]);
    expect(row).toEqual({ status: 0, cancel_reason: 'Doublon de l’acte n° 12' });
    expect(await centre.transmission.counts()).toMatchObject({ waiting: 0, in_flight: 0 });
  });
});

describe('every container is checked before anything is written', () => {
  let pair: Pair;
  let container: Buffer;
  beforeAll(async () => {
    pair = await enrolledPair();
    await queueBirths(pair, 5);
    await pair.staff.centre.transmission.pack();
    container = (await pair.staff.centre.transmission.due(0))[0]!.sdc;
  });

  it('one flipped bit anywhere: rejected, nothing written, the reason logged', async () => {
    const before = await serverState(pair);
    const positions = [0, 10, 100, 300, 600, Math.floor(container.length / 2), container.length - 40, container.length - 1];
    for (const pos of positions) {
      const bad = Buffer.from(container);
      bad[pos]! ^= 0x04;
      const r = await pair.server.ingest.receive(bad, '00042');
      expect(r.outcome.kind, `bit flipped at byte ${pos}`).toBe('rejected');
      expect(r.replies).toEqual([]);
    }
    expect(await serverState(pair)).toEqual(before);
    const logged = await pair.server.transport.rejections(positions.length);
    expect(logged).toHaveLength(positions.length);
    for (const l of logged) expect(l.detail.length).toBeGreaterThan(0);
    // the intact container still goes through afterwards
    expect((await pair.server.ingest.receive(container, '00042')).outcome).toMatchObject({ kind: 'accepted', documents: 5 });
  });

  it('signed by a certificate the national CA did not issue: rejected', async () => {
    const rogueCa = generateKeyPair(2048);
    const rogueCaPem = createCaCertificate({ key: rogueCa, commonName: 'Rogue CA' });
    const k = generateKeyPair(2048);
    const cert = issueCertificate({ publicKey: k.publicKey, commonName: '00042', ca: { certPem: rogueCaPem, privateKey: rogueCa.privateKey }, usage: 'centre' });
    const before = await serverState(pair);
    const bytes = await forge(pair, {}, { docs: [] }, { certPem: cert, privateKey: k.privateKey });
    const r = await pair.server.ingest.receive(bytes, '00042');
    expect(r.outcome).toMatchObject({ kind: 'rejected' });
    expect(await serverState(pair)).toEqual(before);
  });

  it('addressed to another recipient, or claiming another centre, or from the future: rejected', async () => {
    const before = await serverState(pair);
    const cases: [Partial<Message['header']>, string, string][] = [
      [{ dst: '00077' }, '00042', 'recipient'],
      [{ src: '00043' }, '00042', 'certificate'],
      [{}, '00043', 'certificate'],
      [{ ts: new Date(Date.now() + 3600_000).toISOString() }, '00042', 'timestamp'],
    ];
    for (const [header, topicSrc, step] of cases) {
      const r = await pair.server.ingest.receive(await forge(pair, header, { docs: [] }), topicSrc);
      expect(r.outcome, JSON.stringify(header)).toMatchObject({ kind: 'rejected', step });
    }
    expect(await serverState(pair)).toEqual(before);
  });

  it('an unknown document kind is answered with an error naming the kind; the others go in', async () => {
    const good = { n: '00042-2026-000777-' + '00', f: 'acte_naissance', fv: 1, va: '2026-03-20T10:00:00.000Z', d: birth() };
    const { formatNiu } = await import('@docstream/core');
    good.n = formatNiu('00042', 2026, 777);
    const odd = { ...good, n: formatNiu('00042', 2026, 778), f: 'permis_chasse' };
    const r = await pair.server.ingest.receive(await forge(pair, {}, { docs: [good, odd] }), '00042');
    expect(r.outcome).toMatchObject({ kind: 'accepted', documents: 1, rejectedItems: 1 });
    const { decrypt } = await import('../../core/src/crypto/sdc.js');
    const { decodePayload } = await import('@docstream/core');
    const key = await readKeyFile(join(pair.centreKeys.dir, 'centre.key.pem'), pair.centreKeys.passphrase);
    const [row] = await pair.staff.centre.db.query<{ centre_pem: string }>('SELECT centre_pem FROM docstream.pki');
    const ack = decodePayload(decrypt(r.replies[0]!.bytes, { certPem: row!.centre_pem, privateKey: key }).content);
    expect(ack.body).toMatchObject({ ack: [{ items: [{ n: good.n, r: 'accepted' }, { n: odd.n, r: 'rejected', reason: expect.stringContaining('permis_chasse') }] }] });
  });

  it('the same NIU with other content is a conflict kept aside, never overwriting', async () => {
    const { formatNiu } = await import('@docstream/core');
    const doc = { n: formatNiu('00042', 2026, 777), f: 'acte_naissance', fv: 1, va: '2026-03-20T10:00:00.000Z', d: birth({ lieu_naissance: 'Kayes' }) };
    const r = await pair.server.ingest.receive(await forge(pair, {}, { docs: [doc] }), '00042');
    expect(r.outcome).toMatchObject({ kind: 'accepted', documents: 0, conflicts: 1 });
    const [stored] = await pair.server.db.query<{ data: { lieu_naissance: string } }>('SELECT data FROM xm_data.documents WHERE niu = $1', [doc.n]);
    expect(stored!.data.lieu_naissance).toBe('Bamako');
    const conflicts = await pair.server.transport.conflicts();
    expect(conflicts).toEqual([expect.objectContaining({ niu: doc.n, matricule: '00042' })]);
    // identical content again (new seq): a duplicate, not stored twice
    const same = { ...doc, d: birth() };
    const d = await pair.server.ingest.receive(await forge(pair, {}, { docs: [same] }), '00042');
    expect(d.outcome).toMatchObject({ kind: 'accepted', documents: 0, duplicates: 1, conflicts: 0 });
    expect(await count(pair, `xm_data.documents WHERE niu = '${doc.n}'`)).toBe(1);
  });

  it('a revoked certificate: rejected from then on', async () => {
    await pair.server.pki.revoke(pair.admin, '00042', 'Clé compromise');
    const before = await serverState(pair);
    const r = await pair.server.ingest.receive(await forge(pair, {}, { docs: [] }), '00042');
    expect(r.outcome).toMatchObject({ kind: 'rejected', step: 'certificate' });
    expect(await serverState(pair)).toEqual(before);
  });
});

describe('a suspended client', () => {
  it('has its containers kept in quarantine, not integrated, not lost', async () => {
    const pair = await enrolledPair({ matricule: '00051' });
    await pair.server.clients.setStatus(pair.admin, '00051', 0);
    await queueBirths(pair, 3);
    await pair.staff.centre.transmission.pack();
    const [c] = await pair.staff.centre.transmission.due(0);
    const r = await pair.deliver(c!.sdc);
    expect(r.outcome.kind).toBe('quarantined');
    expect(await count(pair, 'xm_data.documents')).toBe(0);
    expect(await count(pair, 'xm_system.quarantine')).toBe(1);
    expect(await pair.staff.centre.transmission.counts()).toMatchObject({ quarantined: 3, acknowledged: 0 });
    // held by the server: not re-sent in a loop
    expect(await pair.staff.centre.transmission.due(0)).toEqual([]);
  });
});

describe('lost answers and the live counters', () => {
  it('an answer lost on the way is sent again after the centre’s hello; the counters show the traffic', async () => {
    const pair = await enrolledPair({ matricule: '00055' });
    await queueBirths(pair, 4);
    const tx = pair.staff.centre.transmission;
    await tx.pack();
    const [c] = await tx.due(0);
    // the server commits and answers, but the answer never reaches the centre
    const r = await pair.server.ingest.receive(c!.sdc, '00055');
    expect(r.outcome).toMatchObject({ kind: 'accepted', documents: 4 });
    expect((await tx.counts()).acknowledged).toBe(0);
    const hello = await pair.server.ingest.receive(await tx.hello(), '00055');
    expect(hello.outcome).toMatchObject({ kind: 'hello', resent: 1 });
    for (const reply of hello.replies) await tx.receive(reply.bytes);
    expect(await tx.counts()).toMatchObject({ acknowledged: 4, in_flight: 0 });
    // a second hello finds nothing more to send
    const again = await pair.server.ingest.receive(await tx.hello(), '00055');
    expect(again.outcome).toMatchObject({ kind: 'hello', resent: 0 });
    const [row] = (await pair.server.transport.traffic()).filter((t) => t.matricule === '00055');
    expect(row).toMatchObject({ containers_in: 3, documents_in: 4, acks_out: 1, errors: 0 });
    expect(row!.bytes_in).toBeGreaterThan(c!.sdc.length);
    expect(row!.last_seen).toBeInstanceOf(Date);
  });
});
