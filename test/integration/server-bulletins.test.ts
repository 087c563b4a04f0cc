import { describe, expect, it } from 'vitest';
import { shippedForms } from '@docstream/core';
import { enrolledPair, queueBirths } from '../support/transmission.js';

describe('the trust list, broadcast to every centre', () => {
  it('carries revoked certificates and cancelled NIUs; a centre keeps only a newer list and refuses a forged one', async () => {
    const pair = await enrolledPair({ matricule: '00091' });
    await enrolledPair({ matricule: '00092', server: pair });
    const { server, admin } = pair;
    await queueBirths(pair, 2);
    await pair.exchange();
    // the centre cancels one of its documents; the cancellation is centralised
    const [doc] = await pair.staff.centre.db.query<{ numero: number; niu: string }>('SELECT numero, niu FROM docstream.documents ORDER BY numero LIMIT 1');
    await pair.staff.centre.documents.cancel(pair.staff.officer, doc!.numero, 'Erreur de saisie du nom');
    await pair.exchange();
    await server.pki.revoke(admin, '00092', 'Ordinateur volé');

    const built = await server.bulletins.refresh();
    const trust = built.find((b) => b.typ === 'trust')!;
    expect(trust.version).toBe(1);
    expect(await server.bulletins.refresh()).toEqual([]); // nothing changed since

    expect(await pair.staff.centre.transmission.receiveBulletin(trust.bytes)).toEqual({ kind: 'trust', version: 1, revoked: 1, cancelled: 1 });
    const cancelled = await pair.staff.centre.db.query<{ niu: string }>('SELECT niu FROM docstream.trust_cancelled');
    expect(cancelled.map((c) => c.niu)).toEqual([doc!.niu]);
    expect(await pair.staff.centre.transmission.trust()).toMatchObject({ version: 1, revoked: 1, cancelled: 1 });

    // a second revocation makes version 2; the old one, delivered late, changes nothing
    await enrolledPair({ matricule: '00093', server: pair });
    await server.pki.revoke(admin, '00093', 'Fermeture du centre');
    const v2 = (await server.bulletins.refresh()).find((b) => b.typ === 'trust')!;
    expect(await pair.staff.centre.transmission.receiveBulletin(v2.bytes)).toMatchObject({ kind: 'trust', version: 2, revoked: 2 });
    expect(await pair.staff.centre.transmission.receiveBulletin(trust.bytes)).toEqual({ kind: 'stale', typ: 'trust', version: 1 });
    expect(await pair.staff.centre.transmission.trust()).toMatchObject({ version: 2, revoked: 2 });

    // one bit changed anywhere: refused, and the list held stays
    const forged = Buffer.from(v2.bytes);
    forged[forged.length - 40]! ^= 0x01;
    expect(await pair.staff.centre.transmission.receiveBulletin(forged)).toMatchObject({ kind: 'rejected' });
    expect(await pair.staff.centre.transmission.trust()).toMatchObject({ version: 2, revoked: 2 });
  });
});

describe('forms pushed by the server', () => {
  it('a centre installs the newer version without losing documents made with the older one', async () => {
    const pair = await enrolledPair({ matricule: '00094' });
    const { server, admin, staff } = pair;
    const v1 = shippedForms().find((f) => f.id === 'acte_naissance')!;
    // a document of version 1, drafted before the new version arrives
    const before = await staff.centre.documents.draft(staff.agent, 'acte_naissance', {
      enfant: { nom: 'KEITA', prenoms: 'Awa' }, sexe: 'F', date_naissance: '2026-02-01', lieu_naissance: 'Kati',
      mere: { nom: 'DIARRA', prenoms: 'Mariam' }, date_declaration: '2026-02-03',
    });
    expect(before.formVersion).toBe(1);

    const v2 = { ...v1, version: 2, fields: [...v1.fields, { name: 'numero_hopital', type: 'text', maxLength: 20, label: { fr: 'N° de l’hôpital', en: 'Hospital no.' } }] };
    await expect(server.bulletins.installForm(pair.admin, { ...v2, version: 1 })).rejects.toMatchObject({ code: 'conflict' });
    await server.bulletins.refresh();
    await server.bulletins.installForm(admin, v2);
    expect(await server.bulletins.refresh()).toEqual([]); // installed, not pushed yet
    await server.bulletins.pushForm(admin, 'acte_naissance');
    const forms = (await server.bulletins.refresh()).find((b) => b.typ === 'forms')!;
    expect(await staff.centre.transmission.receiveBulletin(forms.bytes)).toEqual({ kind: 'forms', version: 2, installed: ['acte_naissance@2'] });

    // new documents use version 2; the old one keeps version 1 and stays readable and workable
    const after = await staff.centre.documents.draft(staff.agent, 'acte_naissance', {
      enfant: { nom: 'KEITA', prenoms: 'Oumar' }, sexe: 'M', date_naissance: '2026-02-05', lieu_naissance: 'Kati',
      mere: { nom: 'DIARRA', prenoms: 'Mariam' }, date_declaration: '2026-02-06', numero_hopital: 'H-2231',
    });
    expect(after.formVersion).toBe(2);
    const old = await staff.centre.documents.get(staff.agent, before.numero);
    expect(old).toMatchObject({ formVersion: 1, data: { enfant: { nom: 'KEITA', prenoms: 'Awa' } } });
    await staff.centre.documents.verify(staff.secretary, before.numero);
    const view = await staff.centre.db.query<{ numero: number; form_version: number; numero_hopital: string | null }>(
      'SELECT numero, form_version, numero_hopital FROM docstream.v_acte_naissance ORDER BY numero');
    expect(view.map((r) => [r.form_version, r.numero_hopital])).toEqual([[1, null], [2, 'H-2231']]);
    // the same bulletin again installs nothing
    expect(await staff.centre.transmission.receiveBulletin(forms.bytes)).toMatchObject({ kind: 'stale' });
    // only a supervisor pushes forms
    const viewer = await server.operators.create(admin, { login: 'lecteur', fullName: 'Lecteur', privilege: 1 });
    const s = await server.operators.changePassword('lecteur', viewer.temporaryPassword, 'Lecture-Seule-2026');
    await expect(server.bulletins.pushForm(s, 'acte_naissance')).rejects.toMatchObject({ code: 'forbidden' });
  });
});
