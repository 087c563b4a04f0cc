import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { shippedForms, type DocumentData, type FormDef } from '@docstream/core';
import { defaultTemplate, shippedTemplate, type PrintTemplate } from '../../core/src/print/template.js';
import { qrVersionFor, renderCopy, type RenderInput } from '../../core/src/print/render.js';

/** Real poppler and zbar, as a person checking a printed copy would use. */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ds-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const forms = new Map(shippedForms().map((f) => [f.id, f]));
const NIU = '00042-2026-000123-47';

/** A seal-like text: version prefix, then base45 characters (the QR alphanumeric set). */
function sealText(length = 450): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  let s = 'DS1:';
  let seed = 20260314;
  while (s.length < length) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    s += alphabet[seed % 45];
  }
  return s;
}

const SAMPLE: Record<string, DocumentData> = {
  acte_naissance: {
    enfant: { nom: 'Koné', prenoms: 'Aïssata Éloïse' }, sexe: 'F', date_naissance: '2026-03-01', lieu_naissance: 'Kati, quartier Çèbè',
    pere: { nom: 'KONÉ', prenoms: 'Moussa' }, pere_profession: 'Mécanicien', mere: { nom: 'Traoré', prenoms: 'Mariam' },
    date_declaration: '2026-03-12',
  },
  acte_mariage: {
    epoux: { nom: 'Diarra', prenoms: 'Bakary' }, epoux_date_naissance: '1995-06-02', epouse: { nom: 'Sidibé', prenoms: 'Fatoumata' },
    epouse_date_naissance: '1998-11-20', date_mariage: '2026-02-14', lieu_mariage: 'Kati', regime: 'separation',
  },
  acte_deces: {
    defunt: { nom: 'Coulibaly', prenoms: 'Sékou' }, sexe: 'M', date_deces: '2026-01-05', lieu_deces: 'Bamako',
    declarant: { nom: 'Coulibaly', prenoms: 'Adama' }, date_declaration: '2026-01-06',
  },
  diplome: {
    titulaire: { nom: 'Keïta', prenoms: 'Oumou' }, date_naissance: '2004-04-04', niveau: 'bac', intitule: 'Baccalauréat',
    mention: 'tres_bien', etablissement: 'Lycée de Kati', date_obtention: '2025-07-15',
  },
  pv_election: {
    election: 'Élection présidentielle', bureau: 'École de Kati n° 3', date_scrutin: '2026-03-08', inscrits: 1200, votants: 900,
    bulletins_nuls: 10, suffrages_exprimes: 890,
    resultats: [{ candidat: 'Candidat A', voix: 500 }, { candidat: 'Candidate B', voix: 390 }],
  },
};

function input(form: FormDef, template: PrintTemplate, over: Partial<RenderInput['copy']> = {}, qrText = sealText()): RenderInput {
  return {
    template,
    form,
    document: { niu: NIU, data: SAMPLE[form.id] ?? {}, validatedAt: new Date('2026-03-12T10:00:00Z'), formVersion: form.version },
    copy: {
      number: 3, issuedAt: new Date('2026-03-14T09:30:00Z'), issuedBy: 'Awa Traoré',
      signatory: { name: 'Bakary Sangaré', title: "L'Officier de l'état civil délégué" },
      centre: { matricule: '00042', name: 'Mairie de Kati', city: 'Kati' },
      ...over,
    },
    qrText,
  };
}

async function pdfText(pdf: Buffer, name: string): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  return stdout;
}

describe('renderCopy', () => {
  const birth = forms.get('acte_naissance')!;

  it('prints a birth certificate that pdftotext reads back, accents intact', async () => {
    const pdf = await renderCopy(input(birth, shippedTemplate(birth)!));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf, 'birth');
    for (const expected of [
      'EXTRAIT D\'ACTE DE NAISSANCE', 'KONÉ Aïssata Éloïse', 'Féminin', '1er mars 2026', 'Kati, quartier Çèbè',
      'KONÉ Moussa', 'Mécanicien', 'TRAORÉ Mariam', '12 mars 2026', `NIU : ${NIU}`, 'Copie certifiée conforme n° 3',
      'délivrée le 14 mars 2026', 'enregistré le 12 mars 2026', 'Fait à Kati, le 14 mars 2026', 'Bakary Sangaré', "L'Officier de l'état civil délégué",
      'RÉPUBLIQUE DU MALI', 'Copie délivrée par Awa Traoré',
    ]) expect(text).toContain(expected);
    // empty fields print as a dash, so nothing can be written in afterwards
    expect(text).toMatch(/Profession de la mère\s+—/);
    expect(text.split('\f').filter((p) => p.trim() !== '')).toHaveLength(1);
  });

  it('draws a QR that zbarimg decodes to exactly the seal text at 150 dpi', async () => {
    const qrText = sealText();
    expect(qrVersionFor(qrText)).toBeLessThanOrEqual(15);
    const file = join(dir, 'seal.pdf');
    writeFileSync(file, await renderCopy(input(birth, shippedTemplate(birth)!, {}, qrText)));
    await run('pdftoppm', ['-r', '150', '-png', '-singlefile', file, join(dir, 'seal')]);
    const { stdout } = await run('zbarimg', ['--raw', '-q', join(dir, 'seal.png')]);
    expect(stdout.replace(/\n$/, '')).toBe(qrText);
  });

  it('gives the same bytes for the same input', async () => {
    const a = await renderCopy(input(birth, shippedTemplate(birth)!));
    const b = await renderCopy(input(birth, shippedTemplate(birth)!));
    expect(a.equals(b)).toBe(true);
    const c = await renderCopy(input(birth, shippedTemplate(birth)!, { number: 4 }));
    expect(c.equals(a)).toBe(false);
  });

  it('lets the issuing officer sign when no signatory is named, and does without a city', async () => {
    const text = await pdfText(await renderCopy(input(birth, shippedTemplate(birth)!, { signatory: undefined, centre: { matricule: '00042', name: 'Mairie de Kati' } })), 'officer');
    expect(text).toContain('Fait le 14 mars 2026');
    expect(text).toContain("L'Officier de l'état civil");
    expect(text).toContain('Awa Traoré');
  });

  it('renders all five shipped templates on one page each', async () => {
    for (const form of forms.values()) {
      const text = await pdfText(await renderCopy(input(form, shippedTemplate(form)!)), form.id);
      expect(text).toContain(NIU);
      expect(text.split('\f').filter((p) => p.trim() !== '')).toHaveLength(1);
    }
    const pv = await pdfText(await renderCopy(input(forms.get('pv_election')!, shippedTemplate(forms.get('pv_election')!)!)), 'pv');
    expect(pv).toMatch(/Candidat A\s+500 voix/);
    expect(pv).toMatch(/Électeurs inscrits\s+1\s200/); // grouped by a no-break space, which poppler gives back as a space
    const diploma = await pdfText(await renderCopy(input(forms.get('diplome')!, shippedTemplate(forms.get('diplome')!)!)), 'diplome');
    for (const expected of ['KEÏTA Oumou', 'Très bien', 'Baccalauréat', '15 juillet 2025']) expect(diploma).toContain(expected);
  });

  it('renders the automatic layout of a form added later as data, with a logo', async () => {
    const form: FormDef = {
      id: 'permis_peche', version: 2, title: { fr: 'Permis de pêche', en: 'Fishing licence' }, category: 'other', rules: [],
      fields: [
        { name: 'titulaire', type: 'person_name', label: { fr: 'Titulaire', en: 'Holder' } },
        { name: 'zone', type: 'enum', label: { fr: 'Zone', en: 'Area' }, options: [{ value: 'fleuve', label: { fr: 'Fleuve Niger', en: 'Niger river' } }] },
        { name: 'debut', type: 'date', label: { fr: 'Début', en: 'Start' } },
        { name: 'prises', type: 'integer', label: { fr: 'Prises autorisées', en: 'Catch allowed' } },
      ],
    };
    const template = defaultTemplate(form);
    template.blocks.push({
      type: 'logo', x: 97, y: 10, width: 16, height: 16,
      data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    });
    const base = input(form, template);
    const text = await pdfText(
      await renderCopy({ ...base, document: { ...base.document, data: { titulaire: { nom: 'Dembélé', prenoms: 'Ibrahim' }, zone: 'fleuve', debut: '2026-03-01', prises: 1500 } } }),
      'permis',
    );
    for (const expected of ['PERMIS DE PÊCHE', 'DEMBÉLÉ Ibrahim', 'Fleuve Niger', '1er mars 2026', NIU]) expect(text).toContain(expected);
    expect(text).toMatch(/Prises autorisées\s+1\s500/);
  });

  it('refuses to print a document with another version of its form', async () => {
    const base = input(birth, shippedTemplate(birth)!);
    await expect(renderCopy({ ...base, document: { ...base.document, formVersion: 2 } })).rejects.toMatchObject({ code: 'invalid_state' });
  });
});
