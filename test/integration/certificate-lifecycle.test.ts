import { describe, expect, it } from 'vitest';
import { createCentre } from '@docstream/core';
import { createCsr, exportPkcs12, generateKeyPair } from '../../core/src/crypto/pki.js';
import { enrolledPair, queueBirths, type Pair } from '../support/transmission.js';

async function sendAll(pair: Pair) {
  await pair.staff.centre.transmission.pack();
  const out = [];
  for (const c of await pair.staff.centre.transmission.due(0)) out.push((await pair.deliver(c.sdc)).outcome);
  return out;
}

describe('certificate lifecycle', () => {
  it('renewal with a new key: the old key is kept aside, the new certificate works, the old one can then be revoked', async () => {
    const pair = await enrolledPair({ matricule: '00071' });
    const [first] = await pair.server.pki.certificatesOf(pair.admin, '00071');
    const { code } = await pair.server.pki.newEnrolmentCode(pair.admin, '00071');
    const req = await pair.staff.centre.transmission.enrollRequest(pair.staff.officer, code, { newKey: true });
    const answer = await pair.server.ingest.receive(req, '00071');
    expect(await pair.staff.centre.transmission.receive(answer.replies[0]!.bytes)).toMatchObject({ kind: 'enrolled' });
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(pair.centreKeys.dir)).filter((f) => f.endsWith('.old'))).toHaveLength(1);
    await pair.server.pki.revoke(pair.admin, '00071', 'Renouvellement', first!.serial);
    await queueBirths(pair, 3);
    expect(await sendAll(pair)).toEqual([expect.objectContaining({ kind: 'accepted', documents: 3 })]);
  });

  it('the manual path: a PKCS#12 issued for the centre is installed, then documents travel', async () => {
    const pair = await enrolledPair({ matricule: '00072', enrol: false });
    // the centre's key and CSR made elsewhere; the server issues the certificate from the CSR
    const key = generateKeyPair(2048);
    const certPem = await pair.server.pki.issueForCsr(pair.admin, '00072', createCsr({ key, commonName: '00072' }));
    const certs = (await pair.server.pki.certificates())!;
    const p12 = exportPkcs12({ privateKey: key.privateKey, certPem, chainPems: [certs.caPem], passphrase: 'transport-1234' });
    const { centre, officer } = pair.staff;
    await expect(centre.transmission.importCertificate(officer, { p12, p12Passphrase: 'wrong', serverPem: certs.serverPem })).rejects.toMatchObject({ code: 'key_locked' });
    // a certificate for another centre is refused
    const other = generateKeyPair(2048);
    await pair.server.clients.add(pair.admin, { matricule: '00073', name: 'Autre' });
    const otherCert = await pair.server.pki.issueForCsr(pair.admin, '00073', createCsr({ key: other, commonName: '00073' }));
    const otherP12 = exportPkcs12({ privateKey: other.privateKey, certPem: otherCert, chainPems: [certs.caPem], passphrase: 'x-transport-1' });
    await expect(centre.transmission.importCertificate(officer, { p12: otherP12, p12Passphrase: 'x-transport-1', serverPem: certs.serverPem })).rejects.toMatchObject({ code: 'pki' });
    expect(await centre.transmission.enrolled()).toBeUndefined();

    const r = await centre.transmission.importCertificate(officer, { p12, p12Passphrase: 'transport-1234', serverPem: certs.serverPem });
    expect(r.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    await queueBirths(pair, 2);
    // the seal key for certified copies, not attested by an enrolment, is asked for with the documents
    expect(await sendAll(pair)).toEqual([expect.objectContaining({ kind: 'accepted', documents: 2 }), expect.objectContaining({ kind: 'accepted', typ: 'seal' })]);
    const [pki] = await centre.db.query<{ seal_attestation: Buffer | null; seal_requested_seq: number | null }>('SELECT seal_attestation, seal_requested_seq FROM docstream.pki');
    expect(pki).toMatchObject({ seal_attestation: expect.any(Buffer), seal_requested_seq: null });
    await queueBirths(pair, 1, 3);
    expect(await sendAll(pair)).toEqual([expect.objectContaining({ kind: 'accepted', documents: 1 })]);
  });

  it('without the passphrase the centre cannot transmit, and says how to give it', async () => {
    const pair = await enrolledPair({ matricule: '00074' });
    const locked = createCentre({ db: pair.centreDb.open(1), keys: { dir: pair.centreKeys.dir, passphrase: 'pas la bonne phrase' } });
    await expect(locked.transmission.pack()).rejects.toMatchObject({ code: 'key_locked', en: expect.stringContaining('DOCSTREAM_KEY_PASSPHRASE') });
    const none = createCentre({ db: pair.centreDb.open(1) });
    await expect(none.transmission.pack()).rejects.toMatchObject({ code: 'key_locked' });
  });
});
