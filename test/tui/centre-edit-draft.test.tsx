import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { birth, centreWithStaff, OFFICER_PASSWORD, type Staff } from '../support/centre-fixture.js';
import { testDatabase } from '../support/test-db.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let staff: Staff;
let open: Console | undefined;
/** Drafts by the Agent: renamed from the list, moved from the detail, checked under the user's feet. */
let fromList: number;
let fromDetail: number;
let overtaken: number;
/** Validated by the core: `e` must not apply. */
let validated: number;

const AGENT = { login: 'awa', password: 'saisie-des-actes-1' };
const OFFICER = { login: 'chef', password: OFFICER_PASSWORD };
const CTRL_S = '\u0013';

beforeAll(async () => {
  staff = await centreWithStaff((await testDatabase()).open(4));
  const docs = staff.centre.documents;
  const draft = (nom: string, prenoms: string) => docs.draft(staff.agent, 'acte_naissance', birth({ enfant: { nom, prenoms } }));
  validated = (await draft('BAH', 'Kadia')).numero;
  await docs.verify(staff.secretary, validated);
  await docs.validate(staff.officer, validated);
  overtaken = (await draft('CISSÉ', 'Binta')).numero;
  fromDetail = (await draft('DIALLO', 'Sidi')).numero;
  fromList = (await draft('TOURÉ', 'Mariam')).numero;
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

const show = (frame: string) => {
  if (process.env.SHOW_FRAMES) console.log(`${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`);
};

const lastLine = (frame: string) => frame.split('\n').at(-1)!;
const row = (f: string, label: string) => f.split('\n').find((l) => l.includes(label)) ?? '';
const selectedRow = (f: string) => f.split('\n').find((l) => l.startsWith('> ')) ?? '';

/** Logs in and opens the Documents list (newest first, the cursor on the first row). */
async function documents(who: { login: string; password: string }, lang: 'fr' | 'en' = 'fr'): Promise<Console> {
  open = mount(<App centre={staff.centre} lang={lang} />);
  const c = open;
  await c.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(c, who.login, who.password);
  await c.waitFor(lang === 'fr' ? 'Documents du centre' : 'Documents of the centre');
  await c.press('enter');
  await c.waitFor(lang === 'fr' ? 'Tous les documents' : 'All documents');
  await c.waitFor((f) => selectedRow(f) !== '');
  return c;
}

/** Moves the list's cursor to the row of document `numero`. */
async function select(c: Console, numero: number): Promise<string> {
  const at = new RegExp(`^> +${numero} `);
  for (let i = 0; i < 10 && !at.test(selectedRow(c.frame())); i++) await c.press('down');
  return c.waitFor((f) => at.test(selectedRow(f)));
}

/** Removes `n` characters from the focused field. */
async function erase(c: Console, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await c.press('backspace');
}

describe('centre console: editing a draft with e', () => {
  it('from the list: e opens the form filled in; Ctrl+S saves, back on the list with the new name, in the database', async () => {
    const c = await documents(AGENT);
    let f = await select(c, fromList);
    show(f);
    fitsTerminal(f);
    // The list's footer takes a second line for `e`; the page number moves beside the filter.
    expect(lastLine(f)).toBe('e modifier');
    expect(f).toMatch(/Tous les documents, du plus récent au plus ancien · Page 1\n/);
    await c.type('e');
    f = await c.waitFor(`Brouillon n° ${fromList} — Acte de naissance`);
    f = await c.waitFor((x) => row(x, 'Enfant, nom').includes('TOURÉ'));
    show(f);
    fitsTerminal(f);
    expect(row(f, 'Enfant, nom')).toMatch(/^> Enfant, nom \* +: TOURÉ$/);
    expect(row(f, 'Enfant, prénoms')).toContain('Mariam');
    expect(row(f, 'Sexe')).toContain('F (Féminin)');
    expect(row(f, 'Lieu de naissance')).toContain('Bamako');
    expect(row(f, 'Date de la déclaration')).toContain('2026-03-10');
    await erase(c, 5);
    await c.type('TOURE-KONÉ');
    await c.burst(CTRL_S);
    f = await c.waitFor(/Tous les documents/);
    f = await c.waitFor('TOURE-KONÉ Mariam');
    show(f);
    fitsTerminal(f);
    expect(selectedRow(f)).toMatch(new RegExp(`^> +${fromList} .*TOURE-KONÉ Mariam`));
    const doc = await staff.centre.documents.get(staff.agent, fromList);
    expect(doc.data.enfant).toEqual({ nom: 'TOURE-KONÉ', prenoms: 'Mariam' });
    expect(doc.data.lieu_naissance).toBe('Bamako'); // the other fields are kept
    expect(doc.stage).toBe('draft');
  });

  it('from the detail: e opens the form; Ctrl+S saves, back on the detail showing the new value', async () => {
    const c = await documents(AGENT);
    await select(c, fromDetail);
    await c.press('enter');
    let f = await c.waitFor(`Document n° ${fromDetail}`);
    f = await c.waitFor('Contenu');
    show(f);
    fitsTerminal(f);
    // An Agent on a draft: edit, and cancel (the author may).
    expect(lastLine(f)).toBe('e modifier  x annuler');
    expect(row(f, 'Lieu de naissance')).toContain('Bamako');
    await c.type('e');
    f = await c.waitFor((x) => row(x, 'Lieu de naissance').includes('Bamako') && x.includes(`Brouillon n° ${fromDetail}`));
    for (let i = 0; i < 5; i++) await c.press('tab');
    expect(row(c.frame(), 'Lieu de naissance')).toMatch(/^> /);
    await erase(c, 6);
    await c.type('Ségou');
    await c.burst(CTRL_S);
    f = await c.waitFor((x) => x.includes(`Document n° ${fromDetail}`) && row(x, 'Lieu de naissance').includes('Ségou'));
    show(f);
    fitsTerminal(f);
    expect((await staff.centre.documents.get(staff.agent, fromDetail)).data.lieu_naissance).toBe('Ségou');
    // The history, further down, says it was edited.
    await c.press('pageDown');
    await c.waitFor(/Historique[\s\S]*établi[\s\S]*modifié/);
  });

  it('a validated document: no e in the footer, and e does nothing, in the list and in the detail', async () => {
    const c = await documents(OFFICER);
    let f = await select(c, validated);
    show(f);
    expect(f).not.toContain('e modifier');
    expect(f).toContain('Page 1');
    await c.type('e');
    f = c.frame();
    expect(f).toContain('Tous les documents');
    expect(f).not.toContain('Brouillon n°');
    await c.press('enter');
    f = await c.waitFor(`Document n° ${validated}`);
    f = await c.waitFor('Contenu');
    show(f);
    expect(f).not.toContain('e modifier');
    await c.type('e');
    f = c.frame();
    expect(f).toContain(`Document n° ${validated}`);
    expect(f).not.toContain('Brouillon n°');
    expect(f).not.toContain('* obligatoire');
  });

  it('a draft checked meanwhile: the core refuses the save, the form says why and keeps the typing', async () => {
    const c = await documents(AGENT);
    await select(c, overtaken);
    await c.type('e');
    await c.waitFor((x) => row(x, 'Enfant, nom').includes('CISSÉ'));
    await c.type('X');
    await staff.centre.documents.verify(staff.secretary, overtaken);
    await c.burst(CTRL_S);
    const f = await c.waitFor('seul un brouillon se modifie');
    show(f);
    fitsTerminal(f);
    expect(f).toContain(`Brouillon n° ${overtaken}`);
    expect(row(f, 'Enfant, nom')).toContain('CISSÉX');
    expect((await staff.centre.documents.get(staff.agent, overtaken)).data.enfant).toEqual({ nom: 'CISSÉ', prenoms: 'Binta' });
    // Esc asks before dropping the typing, then goes back to the list, which shows it checked.
    await c.press('escape');
    await c.waitFor('Abandonner les modifications ? (o/n)');
    await c.type('o');
    const l = await c.waitFor((x) => new RegExp(`^> +${overtaken} .*vérifié`).test(selectedRow(x)));
    expect(l).not.toContain('e modifier');
  });

  it('speaks English: e edit in the footer and the help', async () => {
    const c = await documents(AGENT, 'en');
    const f = await select(c, fromList);
    expect(f).toContain('e edit');
    await c.type('?');
    const help = await c.waitFor('Help — Documents');
    expect(help).toMatch(/e +Edit the draft in its form; Ctrl\+S saves and comes back here\s+\(drafts only\)/);
  });
});
