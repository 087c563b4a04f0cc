import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from 'cborg';
import { decode as fromBase45, encode as toBase45 } from 'base45';
import type { Centre, Verification } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { centreWithStaff, OFFICER_PASSWORD } from '../support/centre-fixture.js';
import { enrolledPair, queueBirths, type Pair } from '../support/transmission.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let pair: Pair;
let niu: string;
let seal: string;
let forged: string;
let expected: Verification;
let open: Console | undefined;

/**
 * The seal with a key field changed (another child's name) and the signature kept, as a
 * forger who edits the QR's content would make it: a well-formed seal that is not authentic.
 */
function alter(text: string): string {
  const sign1 = decode(fromBase45(text.slice(4)), { useMaps: true }) as [Uint8Array, Map<number, unknown>, Uint8Array, Uint8Array];
  const payload = decode(sign1[2], { useMaps: true }) as Map<number, unknown>;
  const fields = payload.get(4) as Map<string, string>;
  fields.set('enfant', 'DIALLO Moussa');
  sign1[2] = encode(payload);
  return `DS1:${toBase45(encode(sign1))}`;
}

/** `n` pieces of about the same size: the chunks a scanner's burst may arrive in. */
function chunks(text: string, n: number): string[] {
  const size = Math.ceil(text.length / n);
  return Array.from({ length: n }, (_, i) => text.slice(i * size, (i + 1) * size));
}

beforeAll(async () => {
  pair = await enrolledPair({ matricule: '00071' });
  await queueBirths(pair, 1);
  await pair.exchange();
  [{ niu }] = await pair.staff.centre.db.query<{ niu: string }>('SELECT niu FROM docstream.documents ORDER BY numero');
  const { copy } = await pair.staff.centre.copies.issue(pair.staff.officer, niu);
  seal = copy.seal;
  forged = alter(seal);
  expected = await pair.staff.centre.copies.verify(seal);
  expect(expected.verdict).toBe('authentic');
  expect((await pair.staff.centre.copies.verify(forged)).verdict).toBe('forged');
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

async function officer(centre: Centre, lang: 'fr' | 'en'): Promise<Console> {
  open = mount(<App centre={centre} lang={lang} />);
  await open.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(open, 'chef', OFFICER_PASSWORD);
  await open.waitFor(lang === 'fr' ? 'Vérifier une copie' : 'Verify a copy');
  return open;
}

/** Home menu: Documents, then Verify a copy. */
async function verifyScreen(centre: Centre = pair.staff.centre, lang: 'fr' | 'en' = 'fr'): Promise<Console> {
  const c = await officer(centre, lang);
  await c.press('down', 'enter');
  await c.waitFor(lang === 'fr' ? 'Texte du QR' : 'QR text');
  return c;
}

/** What the scanner does: the text in a few chunks, Enter inside the last one. */
async function scan(c: Console, text: string): Promise<void> {
  const parts = chunks(text, 4);
  parts[parts.length - 1] += '\r';
  for (const p of parts) await c.burst(p);
}

const show = (frame: string) => {
  if (process.env.SHOW_FRAMES) console.log(`${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`);
};

function dayFr(d: Date): string {
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

describe('centre console: verify a certified copy', () => {
  it('a scanned seal, typed in chunks then Enter, shows AUTHENTIQUE, the document and its key fields', async () => {
    const c = await verifyScreen();
    expect(c.frame()).toContain('Entrée vérifier  Esc retour  Ctrl+C quitter');
    expect(seal.length).toBeGreaterThan(300);
    await scan(c, seal);
    const f = await c.waitFor('AUTHENTIQUE');
    show(f);
    fitsTerminal(f);
    const content = expected.content!;
    expect(f).toContain('AUTHENTIQUE : scellée par le centre indiqué, non modifiée');
    expect(f).toMatch(/Document\s+: Acte de naissance/);
    expect(f).toMatch(new RegExp(`NIU\\s+: ${niu}`));
    expect(f).toMatch(/Copie n°\s+: 1/);
    expect(f).toMatch(/Centre émetteur\s+: 00071/);
    expect(f).toMatch(new RegExp(`Délivrée le\\s+: ${dayFr(content.issuedOn)}`));
    for (const l of expected.lines) expect(f).toMatch(new RegExp(`${l.label.fr}\\s+: ${l.value}`));
    expect(f).toContain(
      expected.trustChecked ? `Liste de confiance n° ${expected.trustVersion} consultée` : 'Aucune liste de confiance reçue : annulations et révocations non vérifiées',
    );
    // The verified text is named, cut to fit; the field is empty again for the next scan.
    expect(f).toContain(`Texte vérifié`);
    expect(f).toContain(`${seal.slice(0, 30)}… (${seal.length} caractères)`);
    expect(f).toMatch(/^> Texte du QR :\s*$/m);
  });

  it('the next scan replaces the result: a forged seal shows FAUX; Esc goes back', async () => {
    const c = await verifyScreen();
    await scan(c, seal);
    await c.waitFor('AUTHENTIQUE');
    await scan(c, forged);
    const f = await c.waitFor('FAUX');
    show(f);
    fitsTerminal(f);
    expect(f).toContain('FAUX OU ALTÉRÉ : le sceau ne correspond pas');
    expect(f).not.toContain('AUTHENTIQUE');
    expect(f).not.toContain('DIALLO Moussa'); // nothing of a forged content is shown as fact
    expect(f).toMatch(/Détail technique\s+: seal signature does not match/);
    await c.press('escape');
    await c.waitFor('Documents du centre');
  });

  it('q ? / : are text here; a long text is shown cut; Esc clears, then goes back', async () => {
    const c = await verifyScreen();
    await c.type('q?/: ');
    let f = await c.waitFor('> Texte du QR : q?/:');
    expect(f).not.toContain('Aide');
    expect(f).not.toContain('Écran :');
    await c.press('enter');
    f = await c.waitFor('ILLISIBLE');
    expect(f).toMatch(/Texte vérifié\s+: q\?\/:/);
    await c.burst(seal);
    f = await c.waitFor(`… (${seal.length} caractères)`);
    expect(f).not.toContain('ILLISIBLE'); // the new text takes the old verdict away
    fitsTerminal(f);
    await c.press('escape');
    f = await c.waitFor((x) => !x.includes('caractères'));
    expect(f).toContain('Texte du QR');
    await c.press('enter');
    await c.waitFor('Erreur : Scannez le QR code d’une copie, ou tapez son texte.');
    await c.press('escape');
    await c.waitFor('Documents du centre');
  });

  it('in English, reached from the `:` palette', async () => {
    const c = await officer(pair.staff.centre, 'en');
    await c.type(':');
    await c.waitFor('Screen:');
    await c.type('verif');
    await c.press('enter');
    await c.waitFor('QR text');
    expect(c.frame()).toContain('Enter verify  Esc back  Ctrl+C quit');
    await scan(c, seal);
    let f = await c.waitFor('AUTHENTIC:');
    expect(f).toMatch(/Copy no\.\s+: 1/);
    expect(f).toMatch(/Issuing centre\s+: 00071/);
    expect(f).toMatch(/Issued on\s+: \d{1,2} [A-Z][a-z]+ 20\d\d/);
    expect(f).toContain(`… (${seal.length} characters)`);
    expect(f).toContain(expected.trustChecked ? `Trust list no. ${expected.trustVersion} checked` : 'No trust list received: cancellations and revocations not checked');
    await scan(c, forged);
    f = await c.waitFor('FORGED OR ALTERED');
    expect(f).not.toContain('AUTHENTIC:');
  });

  it('a centre not enrolled yet says so', async () => {
    const staff = await centreWithStaff((await testDatabase()).open(2));
    const c = await verifyScreen(staff.centre);
    await scan(c, seal);
    const f = await c.waitFor('Erreur : Ce centre ne connaît pas encore la clé racine des sceaux');
    fitsTerminal(f);
    expect(f).not.toContain('AUTHENTIQUE');
  });
});
