import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrolledPair, queueBirths, tempDir, type Pair } from '../support/transmission.js';

const run = promisify(execFile);

/** The PDF as a person sees it (text) and as a scanner reads it (QR decoded by zbarimg from a 150 dpi render). */
async function readCopy(pdf: Buffer): Promise<{ text: string; png: Buffer; qr: string }> {
  const dir = await tempDir('ds-copy-');
  const file = join(dir, 'copie.pdf');
  await writeFile(file, pdf);
  const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
  await run('pdftoppm', ['-r', '150', '-png', '-singlefile', file, join(dir, 'copie')]);
  const { stdout: qr } = await run('zbarimg', ['--raw', '-q', join(dir, 'copie.png')]);
  return { text, png: await readFile(join(dir, 'copie.png')), qr: qr.trim() };
}

async function centralised(pair: Pair, n = 1): Promise<string[]> {
  await queueBirths(pair, n);
  await pair.exchange();
  return (await pair.staff.centre.db.query<{ niu: string }>('SELECT niu FROM docstream.documents ORDER BY numero')).map((r) => r.niu);
}

describe('certified copies', () => {
  it('prints the fields and a QR that scans back and verifies offline; copies are numbered, logged and billed once', async () => {
    const pair = await enrolledPair({ matricule: '00061' });
    const { staff, server, admin } = pair;
    await server.accounts.setTariff(admin, 'copy', 300);
    await server.signatories.add(admin, { matricule: '00061', fullName: 'Mariam Coulibaly', title: 'Officier de l’état civil' });
    await pair.notify();
    const [niu] = await centralised(pair);

    const first = await staff.centre.copies.issue(staff.officer, niu!);
    const second = await staff.centre.copies.issue(staff.officer, niu!);
    expect([first.copy.copy_no, second.copy.copy_no]).toEqual([1, 2]);

    const seen = await readCopy(second.pdf);
    expect(seen.text).toContain(niu);
    expect(seen.text).toContain('TRAORÉ'); // the child's name as validated (birthCertificates: k = 1)
    expect(seen.text).toContain('Mariam Coulibaly');
    expect(seen.qr).toBe(second.copy.seal);
    const v = await staff.centre.copies.verify(seen.qr);
    expect(v).toMatchObject({ verdict: 'authentic', content: { niu, copy: 2, centre: '00061' } });
    expect(v.lines.find((l) => l.name === 'enfant')).toMatchObject({ label: { fr: 'Enfant' }, value: expect.stringContaining('TRAORÉ') });
    // the same from the scanned image, decoded here without zbar
    expect((await staff.centre.copies.verifyImage(seen.png)).verdict).toBe('authentic');

    // one character changed anywhere in the payload: never authentic
    const body = seen.qr.slice(4);
    for (const i of [0, 40, Math.floor(body.length / 2), body.length - 1]) {
      const c = body[i]!;
      const altered = `DS1:${body.slice(0, i)}${c === 'A' ? 'B' : 'A'}${body.slice(i + 1)}`;
      expect(['forged', 'unreadable']).toContain((await staff.centre.copies.verify(altered)).verdict);
    }

    // logged, and reported to the server, billed once per copy
    expect((await staff.centre.copies.list(staff.agent, niu)).map((c) => c.copy_no)).toEqual([2, 1]);
    await pair.exchange();
    await pair.exchange();
    const billed = await server.db.query<{ amount: number; quantity: number }>(`SELECT amount, quantity FROM xm_system.ledger WHERE service = 'copy'`);
    expect(billed).toEqual([{ amount: -600, quantity: 2 }]);
    expect((await staff.centre.db.query<{ n: number }>('SELECT count(*)::int AS n FROM docstream.copies WHERE reported_at IS NOT NULL'))[0]!.n).toBe(2);
  });

  it('only an Officer issues, only validated non-cancelled documents; cancellation and revocation reach the verdict through the trust list', async () => {
    const pair = await enrolledPair({ matricule: '00062' });
    const { staff, server, admin } = pair;
    const [a, b] = await centralised(pair, 2);
    await expect(staff.centre.copies.issue(staff.agent, a!)).rejects.toMatchObject({ code: 'forbidden' });
    const draft = await staff.centre.documents.draft(staff.agent, 'acte_naissance', { enfant: { nom: 'SANGARÉ', prenoms: 'Issa' } });
    await expect(staff.centre.copies.issue(staff.officer, draft.numero)).rejects.toMatchObject({ code: 'invalid_state' });
    const copyA = await staff.centre.copies.issue(staff.officer, a!);
    const copyB = await staff.centre.copies.issue(staff.officer, b!);

    // no trust list yet: authentic, and the verdict says the list was not checked
    expect(await staff.centre.copies.verify(copyA.copy.seal)).toMatchObject({ verdict: 'authentic', trustChecked: false });

    const [docA] = await staff.centre.db.query<{ numero: number }>('SELECT numero FROM docstream.documents WHERE niu = $1', [a]);
    await staff.centre.documents.cancel(staff.officer, docA!.numero, 'Jugement rectificatif');
    await pair.exchange();
    let trust = (await server.bulletins.refresh()).find((x) => x.typ === 'trust')!;
    await staff.centre.transmission.receiveBulletin(trust.bytes);
    expect(await staff.centre.copies.verify(copyA.copy.seal)).toMatchObject({ verdict: 'cancelled', trustChecked: true });
    expect(await staff.centre.copies.verify(copyB.copy.seal)).toMatchObject({ verdict: 'authentic', trustChecked: true });
    await expect(staff.centre.copies.issue(staff.officer, a!)).rejects.toMatchObject({ code: 'invalid_state' });

    await server.pki.revoke(admin, '00062', 'Cachet volé');
    trust = (await server.bulletins.refresh()).find((x) => x.typ === 'trust')!;
    await staff.centre.transmission.receiveBulletin(trust.bytes);
    expect(await staff.centre.copies.verify(copyB.copy.seal)).toMatchObject({ verdict: 'revoked' });
    expect((await staff.centre.copies.verify('bonjour')).verdict).toBe('unreadable');
  });

  it('a centre’s own template is checked, an error names its place, and it prints', async () => {
    const pair = await enrolledPair({ matricule: '00063' });
    const { staff } = pair;
    const [niu] = await centralised(pair);
    const { template } = await staff.centre.copies.templates.get(staff.agent, 'acte_naissance');
    const broken = JSON.parse(JSON.stringify(template)) as { blocks: { type: string; field?: string }[] };
    const i = broken.blocks.findIndex((b) => b.type === 'field');
    broken.blocks[i]!.field = 'lieu_naissanse';
    await expect(staff.centre.copies.templates.install(staff.officer, 'acte_naissance', broken)).rejects.toMatchObject({
      code: 'validation', fr: expect.stringContaining(`blocks[${i}].field`),
    });
    const mine = JSON.parse(JSON.stringify(template)) as { blocks: { type: string; text?: string }[] };
    mine.blocks.push({ type: 'text', text: 'Copie délivrée pour servir et valoir ce que de droit', x: 20, y: 250, size: 9 } as never);
    await staff.centre.copies.templates.install(staff.officer, 'acte_naissance', mine);
    const { pdf } = await staff.centre.copies.issue(staff.officer, niu!);
    expect((await readCopy(pdf)).text).toContain('servir et valoir ce que de droit');
    await expect(staff.centre.copies.templates.install(staff.secretary, 'acte_naissance', mine)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
