import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { insertValidatedDocuments, type Centre } from '@docstream/core';
import { testDatabase } from '../support/test-db.js';
import { centreWithStaff, OFFICER_PASSWORD } from '../support/centre-fixture.js';
import { birthCertificates, enrolledPair, queueBirths, tempDir, type Pair } from '../support/transmission.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let pair: Pair;
/** Validated and centralised (Status 4): copies can be issued. */
let niu: string;
/** Validated, then cancelled by the Officer (Status 0). */
let cancelledNiu: string;
let dir: string;
let open: Console | undefined;
const savedDir = process.env.DOCSTREAM_COPIES_DIR;

beforeAll(async () => {
  pair = await enrolledPair({ matricule: '00073' });
  await queueBirths(pair, 2);
  await pair.exchange(); // Status 4, and the seal key attested by the server
  const docs = await pair.staff.centre.db.query<{ numero: number; niu: string; status: number }>('SELECT numero, niu, status FROM docstream.documents ORDER BY numero');
  expect(docs.map((d) => d.status)).toEqual([4, 4]);
  niu = docs[0]!.niu;
  cancelledNiu = docs[1]!.niu;
  await pair.staff.centre.documents.cancel(pair.staff.officer, docs[1]!.numero, 'Doublon de saisie');
  dir = await tempDir('ds-copies-');
  process.env.DOCSTREAM_COPIES_DIR = dir;
});

afterAll(() => {
  if (savedDir === undefined) delete process.env.DOCSTREAM_COPIES_DIR;
  else process.env.DOCSTREAM_COPIES_DIR = savedDir;
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

const show = (frame: string) => {
  if (process.env.SHOW_FRAMES) console.log(`${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`);
};

const lastLine = (frame: string) => frame.split('\n').at(-1)!;

/** Logs in, opens Documents, filters by NIU and opens the one document found. */
async function detailOf(ref: string, who: { login: string; password: string } = { login: 'chef', password: OFFICER_PASSWORD }, lang: 'fr' | 'en' = 'fr', centre: Centre = pair.staff.centre): Promise<Console> {
  open = mount(<App centre={centre} lang={lang} />);
  const c = open;
  await c.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(c, who.login, who.password);
  await c.waitFor(lang === 'fr' ? 'Documents du centre' : 'Documents of the centre');
  await c.press('enter'); // the Home menu starts on Documents
  await c.waitFor(lang === 'fr' ? 'Tous les documents' : 'All documents');
  await c.type('/');
  await c.type(ref);
  await c.press('enter');
  await c.waitFor(lang === 'fr' ? `Filtre NIU : ${ref}` : `NIU filter: ${ref}`);
  await c.press('enter');
  await c.waitFor(lang === 'fr' ? 'Contenu' : 'Content');
  return c;
}

const pdfsIn = async (d: string) => (await readdir(d)).sort();

describe('centre console: certified copy from the detail', () => {
  it('the Officer presses p, confirms with o: copy no. 1 is written (0600, %PDF) and said; a second is no. 2', async () => {
    const c = await detailOf(niu);
    let f = c.frame();
    expect(lastLine(f)).toContain('p copie');
    await c.type('p');
    f = await c.waitFor(`Délivrer la copie n° suivante de ${niu} ? (o/n)`);
    show(f);
    fitsTerminal(f);
    expect(lastLine(f)).toBe('o oui, délivrer  n Esc non  Ctrl+C quitter');
    // While the question waits, other keys do nothing (q does not quit, r does not reload).
    await c.type('q');
    await c.type('r');
    expect(c.frame()).toContain('(o/n)');
    expect(await pdfsIn(dir)).toEqual([]);

    await c.type('o');
    const file1 = join(dir, `${niu}-copie-1.pdf`);
    f = await c.waitFor(`Copie n° 1 écrite : ${file1}`);
    show(f);
    fitsTerminal(f);
    expect((await readFile(file1)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await stat(file1)).mode & 0o777).toBe(0o600);
    expect(await pdfsIn(dir)).toEqual([`${niu}-copie-1.pdf`]); // no .part left
    // Said while the core made it (the footer then offers no second p).
    const busy = c.frames().filter((x) => x.includes('Copie certifiée en préparation…'));
    expect(busy.length).toBeGreaterThan(0);
    for (const x of busy) expect(lastLine(x)).not.toContain('p copie');
    // The history is read again: the copy is in it, at the end.
    await c.waitFor('sur 22');
    await c.press('pageDown');
    f = await c.waitFor(new RegExp(`chef\\s+copie certifiée délivrée — ${niu}\\s+— n° 1`));
    expect(f).toContain('Copie n° 1 écrite'); // the message stays while scrolling
    expect(lastLine(f)).toContain('p copie');

    await c.type('p');
    await c.waitFor('(o/n)');
    await c.type('o');
    const file2 = join(dir, `${niu}-copie-2.pdf`);
    f = await c.waitFor(`Copie n° 2 écrite : ${file2}`);
    expect((await readFile(file2)).subarray(0, 4).toString('latin1')).toBe('%PDF');
    const copies = await pair.staff.centre.copies.list(pair.staff.officer, niu);
    expect(copies.map((x) => x.copy_no).sort()).toEqual([1, 2]);
  });

  it('n (or Esc) issues nothing and stays on the detail', async () => {
    const before = await pdfsIn(dir);
    const c = await detailOf(niu);
    await c.type('p');
    await c.waitFor('(o/n)');
    await c.type('n');
    let f = await c.waitFor((x) => !x.includes('(o/n)'));
    expect(lastLine(f)).toContain('p copie');
    await c.type('p');
    await c.waitFor('(o/n)');
    await c.press('escape');
    f = await c.waitFor((x) => !x.includes('(o/n)'));
    expect(f).toContain('Contenu'); // Esc answered the question; it did not leave the screen
    expect(await pdfsIn(dir)).toEqual(before);
  });

  it('in English: p, y, “Copy no. … written”', async () => {
    const c = await detailOf(niu, undefined, 'en');
    expect(lastLine(c.frame())).toContain('p copy');
    await c.type('p');
    let f = await c.waitFor(`Issue the next certified copy of ${niu}? (y/n)`);
    show(f);
    expect(lastLine(f)).toBe('y yes, issue  n Esc no  Ctrl+C quit');
    await c.type('y');
    f = await c.waitFor(/Copy no\. \d+ written: /);
    show(f);
    const n = Number(/Copy no\. (\d+) written/.exec(f)![1]);
    expect(f).toContain(join(dir, `${niu}-copie-${n}.pdf`));
  });

  it('an Agent is not offered p, and p does nothing', async () => {
    const before = await pdfsIn(dir);
    const c = await detailOf(niu, { login: 'awa', password: 'saisie-des-actes-1' });
    const f = c.frame();
    expect(f).toContain(niu);
    expect(lastLine(f)).not.toContain('copie');
    await c.type('p');
    expect(c.frame()).not.toContain('(o/n)');
    expect(await pdfsIn(dir)).toEqual(before);
  });

  it('a cancelled document offers no copy', async () => {
    const c = await detailOf(cancelledNiu);
    const f = c.frame();
    expect(f).toContain('Doublon de saisie');
    expect(lastLine(f)).not.toContain('copie');
    await c.type('p');
    expect(c.frame()).not.toContain('(o/n)');
  });

  it('a folder that cannot be written: the copy is recorded, the message says so', async () => {
    const notADir = join(await tempDir('ds-copies-'), 'a-file');
    await writeFile(notADir, 'x');
    process.env.DOCSTREAM_COPIES_DIR = notADir;
    try {
      const c = await detailOf(niu);
      await c.type('p');
      await c.waitFor('(o/n)');
      await c.type('o');
      const f = await c.waitFor('Erreur : Impossible d’écrire');
      show(f);
      fitsTerminal(f);
      expect(f).toMatch(/la\s+copie n° \d+ est enregistrée/);
      expect(lastLine(f)).toContain('p copie'); // another can be issued once the folder is fixed
    } finally {
      process.env.DOCSTREAM_COPIES_DIR = dir;
    }
  });

  it('without the key passphrase the core’s error is shown as it is', async () => {
    const staff = await centreWithStaff((await testDatabase()).open(2), undefined, '00074');
    const [doc] = birthCertificates('00074', 1, staff.officer.userId);
    await insertValidatedDocuments(staff.centre.db, [doc!]);
    const c = await detailOf(doc!.niu, undefined, 'fr', staff.centre);
    await c.type('p');
    await c.waitFor('(o/n)');
    await c.type('o');
    const f = await c.waitFor('Erreur : Clé de sceau inaccessible');
    show(f);
    fitsTerminal(f);
  });
});
