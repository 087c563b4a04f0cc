import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { birth, centreWithStaff, OFFICER_PASSWORD, type Staff } from '../support/centre-fixture.js';
import { testDatabase } from '../support/test-db.js';
import { App } from '../../apps/centre-tui/src/App.js';
import { fitsTerminal, logIn, mount, type Console } from './harness.js';

let staff: Staff;
let open: Console | undefined;
/** Drafts by the Agent: to check then validate, to send back, to fail under the user's feet. */
let toValidate: number;
let toSendBack: number;
let vanishing: number;
/** Validated by the core (Status 3): to cancel. */
let toCancel: number;
/** A draft made by the Secretary: the Agent may not touch it. */
let othersDraft: number;

const OFFICER = { login: 'chef', password: OFFICER_PASSWORD };
const SECRETARY = { login: 'sekou', password: 'controle-qualite-22' };
const AGENT = { login: 'awa', password: 'saisie-des-actes-1' };

beforeAll(async () => {
  staff = await centreWithStaff((await testDatabase()).open(4));
  const docs = staff.centre.documents;
  const draft = (nom: string, prenoms: string, who = staff.agent) => docs.draft(who, 'acte_naissance', birth({ enfant: { nom, prenoms } }));
  toValidate = (await draft('TOURÉ', 'Mariam')).numero;
  toSendBack = (await draft('DIALLO', 'Sidi')).numero;
  vanishing = (await draft('CISSÉ', 'Binta')).numero;
  toCancel = (await draft('BAH', 'Kadia')).numero;
  await docs.verify(staff.secretary, toCancel);
  await docs.validate(staff.officer, toCancel);
  othersDraft = (await draft('SOW', 'Penda', staff.secretary)).numero;
});

afterEach(() => {
  open?.unmount();
  open = undefined;
});

const show = (frame: string) => {
  if (process.env.SHOW_FRAMES) console.log(`${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`);
};

const lastLine = (frame: string) => frame.split('\n').at(-1)!;
/** A sentence that may wrap at any space. */
const spread = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));

/** Logs in, opens Documents, filters by name and opens the one document found. */
async function detailOf(name: string, numero: number, who: { login: string; password: string }, lang: 'fr' | 'en' = 'fr'): Promise<Console> {
  open = mount(<App centre={staff.centre} lang={lang} />);
  const c = open;
  await c.waitFor(lang === 'fr' ? 'Identifiant' : 'User name');
  await logIn(c, who.login, who.password);
  await c.waitFor(lang === 'fr' ? 'Documents du centre' : 'Documents of the centre');
  await c.press('enter');
  await c.waitFor(lang === 'fr' ? 'Tous les documents' : 'All documents');
  await c.type('/');
  await c.type(name);
  await c.press('enter');
  await c.waitFor(lang === 'fr' ? 'Filtre nom' : 'Name filter');
  await c.press('enter');
  await c.waitFor(lang === 'fr' ? `Document n° ${numero}` : `Document no. ${numero}`);
  await c.waitFor(lang === 'fr' ? 'Contenu' : 'Content');
  return c;
}

describe('centre console: workflow actions from the detail', () => {
  it('the Secretary checks a draft with v; the Officer validates it with V and o: the NIU is said and stored', async () => {
    let c = await detailOf('toure mariam', toValidate, SECRETARY);
    let f = c.frame();
    show(f);
    fitsTerminal(f);
    expect(lastLine(f)).toBe('e modifier  v vérifier  b renvoyer  x annuler');
    expect(f).not.toContain('V valider');
    await c.type('v');
    f = await c.waitFor(`Document n° ${toValidate} vérifié`);
    f = await c.waitFor(/Étape\s+: vérifié/); // read again
    fitsTerminal(f);
    expect(lastLine(f)).toBe('b renvoyer  x annuler'); // checked: no v; a Secretary: no V
    expect((await staff.centre.documents.get(staff.secretary, toValidate)).stage).toBe('verified');
    c.unmount();

    c = await detailOf('toure mariam', toValidate, OFFICER);
    expect(lastLine(c.frame())).toBe('b renvoyer  V valider  x annuler');
    await c.type('V');
    const question = `Valider le document n° ${toValidate} ? Il recevra son NIU et ne pourra plus être modifié. (o/n)`;
    f = await c.waitFor(spread(question));
    show(f);
    fitsTerminal(f);
    expect(lastLine(f)).toBe('o oui  n Esc non  Ctrl+C quitter');
    await c.type('q'); // only the answers work
    await c.type('n');
    f = await c.waitFor((x) => !x.includes('(o/n)'));
    expect(lastLine(f)).toBe('b renvoyer  V valider  x annuler');
    expect((await staff.centre.documents.get(staff.officer, toValidate)).stage).toBe('verified');

    await c.type('V');
    await c.waitFor('(o/n)');
    await c.type('o');
    f = await c.waitFor(/Validé : NIU (\d{5}-\d{4}-\d{6}-\d{2})/);
    f = await c.waitFor(/Étape\s+: validé/);
    show(f);
    fitsTerminal(f);
    const niu = /Validé : NIU (\S+)/.exec(f)![1]!;
    const stored = await staff.centre.documents.get(staff.officer, toValidate);
    expect(stored).toMatchObject({ stage: 'validated', niu });
    expect(f).toMatch(new RegExp(`NIU\\s+: ${niu}`));
    expect(lastLine(f)).toBe('p copie  x annuler');
  });

  it('b asks a remark (required), then o/n; n goes back to the remark; o sends it back', async () => {
    const c = await detailOf('diallo sidi', toSendBack, OFFICER);
    await c.type('b');
    let f = await c.waitFor('Remarque pour l’Agent : _');
    expect(lastLine(f)).toBe('Entrée continuer  Esc abandonner  Ctrl+C quitter');
    await c.press('enter');
    await c.waitFor('Erreur : Indiquez la remarque qui explique le renvoi.');
    await c.type('Préciser le quartier ?'); // q, ? are text here
    f = await c.waitFor('Remarque pour l’Agent : Préciser le quartier ?_');
    await c.press('enter');
    f = await c.waitFor(`Renvoyer le document n° ${toSendBack} en brouillon avec cette remarque ? (o/n)`);
    show(f);
    fitsTerminal(f);
    await c.type('n');
    await c.waitFor('Remarque pour l’Agent : Préciser le quartier ?_');
    await c.press('enter');
    await c.waitFor('(o/n)');
    await c.type('o');
    await c.waitFor(`Document n° ${toSendBack} renvoyé en brouillon avec la remarque.`);
    f = await c.waitFor(/Remarque\s+: Préciser le quartier \?/);
    fitsTerminal(f);
    expect(await staff.centre.documents.get(staff.officer, toSendBack)).toMatchObject({ stage: 'draft', remark: 'Préciser le quartier ?' });
  });

  it('Esc in the remark field does nothing and stays on the detail', async () => {
    const c = await detailOf('diallo sidi', toSendBack, SECRETARY);
    await c.type('b');
    await c.waitFor('Remarque pour l’Agent');
    await c.type('abc');
    await c.press('escape');
    const f = await c.waitFor((x) => !x.includes('Remarque pour l’Agent :'));
    expect(f).toContain('Contenu');
    expect(lastLine(f)).toContain('b renvoyer');
  });

  it('the Officer cancels a validated document with x, a reason and o', async () => {
    const c = await detailOf('bah kadia', toCancel, OFFICER);
    expect(lastLine(c.frame())).toBe('p copie  x annuler');
    await c.type('x');
    await c.waitFor('Motif de l’annulation : _');
    await c.type('Doublon de saisie');
    await c.press('enter');
    let f = await c.waitFor(spread(`Annuler le document n° ${toCancel} (`));
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(spread('C’est définitif et transmis au serveur. (o/n)'));
    await c.type('o');
    await c.waitFor(`Document n° ${toCancel} annulé.`);
    f = await c.waitFor(/Motif d.annulation\s*: Doublon de saisie|Doublon de saisie/);
    f = await c.waitFor((x) => !x.includes('Chargement'));
    expect(f).not.toContain('x annuler');
    expect(f).not.toContain('p copie');
    expect(await staff.centre.documents.get(staff.officer, toCancel)).toMatchObject({ status: 0, cancelReason: 'Doublon de saisie' });
  });

  it('the core’s refusal is said on the message line (the draft was cancelled meanwhile)', async () => {
    const c = await detailOf('cisse binta', vanishing, SECRETARY);
    await staff.centre.documents.cancel(staff.agent, vanishing, 'Erreur de saisie');
    await c.type('v');
    const f = await c.waitFor('Erreur : ');
    show(f);
    fitsTerminal(f);
    expect(f).toMatch(/vérifié/);
  });

  it('an Agent is offered none of v, b, V on any draft, x only on their own', async () => {
    let c = await detailOf('sow penda', othersDraft, AGENT);
    let f = c.frame();
    for (const k of ['vérifier', 'renvoyer', 'valider', 'annuler']) expect(f).not.toContain(k);
    for (const k of ['v', 'b', 'V', 'x']) await c.type(k);
    f = c.frame();
    expect(f).not.toContain('(o/n)');
    expect(f).not.toContain('Motif');
    expect((await staff.centre.documents.get(staff.agent, othersDraft)).stage).toBe('draft');
    c.unmount();

    c = await detailOf('diallo sidi', toSendBack, AGENT);
    f = c.frame();
    expect(f).not.toMatch(/vérifier|renvoyer|valider/);
    expect(f).toContain('x annuler'); // the core lets the author cancel their own draft
  });

  it('in English: V, y, “Validated: NIU …”', async () => {
    const n = (await staff.centre.documents.draft(staff.agent, 'acte_naissance', birth({ enfant: { nom: 'KANTÉ', prenoms: 'Salif' } }))).numero;
    await staff.centre.documents.verify(staff.secretary, n);
    const c = await detailOf('kante salif', n, OFFICER, 'en');
    expect(lastLine(c.frame())).toBe('b send back  V validate  x cancel');
    await c.type('V');
    const f = await c.waitFor(spread(`Validate document no. ${n}? It will receive its NIU and can no longer be changed. (y/n)`));
    expect(lastLine(f)).toBe('y yes  n Esc no  Ctrl+C quit');
    await c.type('y');
    await c.waitFor(/Validated: NIU \d{5}-\d{4}-\d{6}-\d{2}/);
  });
});
