import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DocstreamError, shippedForms, type FormDef } from '@docstream/core';
import { checkTemplate, defaultTemplate, shippedTemplate, templateFor, type PrintTemplate } from '../../core/src/print/template.js';
import { formatValue, frenchDate, frenchInteger, personName, winAnsi } from '../../core/src/print/format.js';
import { qrVersionFor } from '../../core/src/print/render.js';

const TEMPLATES_DIR = fileURLToPath(new URL('../../core/print-templates/', import.meta.url));
const forms = new Map(shippedForms().map((f) => [f.id, f]));
const birth = forms.get('acte_naissance') as FormDef;
// 1×1 transparent PNG
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The shipped birth template, as raw JSON a test may break. */
function rawBirth(): Record<string, any> {
  return JSON.parse(readFileSync(join(TEMPLATES_DIR, 'acte_naissance.json'), 'utf8'));
}

function problemsOf(raw: unknown, form = birth): { field: string; fr: string; en: string }[] {
  try {
    checkTemplate(raw, form);
  } catch (e) {
    expect(e).toBeInstanceOf(DocstreamError);
    expect((e as DocstreamError).code).toBe('validation');
    return (e as DocstreamError).problems;
  }
  throw new Error('the template was accepted');
}

describe('shipped print templates', () => {
  it('ships one valid template for each of the five kinds', () => {
    const files = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual([...forms.keys()].sort().map((id) => `${id}.json`));
    for (const form of forms.values()) {
      const t = shippedTemplate(form);
      expect(t?.form).toBe(form.id);
      // every field of the form is printed
      const printed = t!.blocks.flatMap((b) => (b.type === 'field' ? [b.field] : []));
      expect(printed.sort()).toEqual(form.fields.map((f) => f.name).sort());
    }
  });

  it('lays out any form automatically, including one added later as data', () => {
    for (const form of forms.values()) expect(() => checkTemplate(defaultTemplate(form), form)).not.toThrow();
    const made: FormDef = {
      id: 'permis_peche', version: 1, title: { fr: 'Permis de pêche', en: 'Fishing licence' }, category: 'other', rules: [],
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `champ_${i}`, type: 'text' as const, label: { fr: `Champ ${i}`, en: `Field ${i}` } })),
    };
    const t = defaultTemplate(made);
    expect(checkTemplate(t, made).blocks.filter((b) => b.type === 'field')).toHaveLength(40);
    expect(templateFor(made)).toEqual(t);
    expect(templateFor(birth).name).toContain('modèle livré');
  });
});

describe('checkTemplate', () => {
  it('names the place of a misspelt field, in French and English', () => {
    const raw = rawBirth();
    const i = raw.blocks.findIndex((b: any) => b.field === 'lieu_naissance');
    raw.blocks[i].field = 'lieu_naissanse';
    const problems = problemsOf(raw);
    expect(problems).toEqual([
      {
        field: `blocks[${i}].field`,
        fr: `blocks[${i}].field: « lieu_naissanse » n'est pas un champ de acte_naissance`,
        en: `blocks[${i}].field: “lieu_naissanse” is not a field of acte_naissance`,
      },
    ]);
  });

  it('reports every problem at once, each with its place', () => {
    const raw = rawBirth();
    raw.blocks[0].font = 'Arial';
    raw.blocks[1].color = 'red';
    raw.blocks[2].x = 250;
    raw.blocks[3].taille = 12;
    raw.blocks[5].text = 'Extrait pour {nom}';
    raw.blocks[6].lines = ['Copie délivrée le {date}'];
    raw.page.size = 'A3';
    raw.blocks = raw.blocks.filter((b: any) => b.type !== 'qr');
    const places = problemsOf(raw).map((p) => p.field);
    expect(places).toEqual(
      expect.arrayContaining(['page.size', 'blocks[0].font', 'blocks[1].color', 'blocks[2].x', 'blocks[3].taille', 'blocks[5].text', 'blocks[6].lines', 'blocks']),
    );
    const qr = problemsOf(raw).find((p) => p.field === 'blocks' && p.fr.includes('QR'));
    expect(qr?.en).toContain('QR seal is missing');
  });

  it('refuses a QR too small to scan, blocks off the page and a template for another kind', () => {
    const raw = rawBirth();
    const q = raw.blocks.findIndex((b: any) => b.type === 'qr');
    raw.blocks[q].size = 20;
    raw.blocks[0].width = 500;
    raw.page.orientation = 'landscape'; // A4 landscape is 210 mm high: the foot (y 280) falls off
    const problems = problemsOf(raw);
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining([`blocks[${q}].size`, 'blocks[0].width']));
    expect(problems.some((p) => /^blocks\[\d+\]\.y$/.test(p.field) && p.en.includes('outside the page'))).toBe(true);
    expect(problemsOf(rawBirth(), forms.get('acte_deces')).map((p) => p.field)).toContain('form');
  });

  it('carries a logo file as data, and names a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ds-logo-'));
    writeFileSync(join(dir, 'armoiries.png'), Buffer.from(PNG_1PX, 'base64'));
    const raw = rawBirth();
    raw.blocks.push({ type: 'logo', x: 95, y: 8, width: 20, height: 20, path: 'armoiries.png' });
    const t: PrintTemplate = checkTemplate(raw, birth, { baseDir: dir });
    const logo = t.blocks.at(-1) as { path?: string; data?: string };
    expect(logo.path).toBeUndefined();
    expect(logo.data).toBe(PNG_1PX);
    expect(raw.blocks.at(-1).path).toBe('armoiries.png'); // the input is left as it was
    raw.blocks.at(-1).path = 'absent.png';
    expect(problemsOf(raw).map((p) => p.field)).toEqual([`blocks[${raw.blocks.length - 1}].path`]);
    raw.blocks.at(-1).path = undefined;
    raw.blocks.at(-1).data = Buffer.from('GIF89a....').toString('base64');
    expect(problemsOf(raw)[0]?.en).toContain('PNG or a JPEG');
  });
});

describe('French formatting on the copy', () => {
  it('prints dates, names, enums and counts as a civil register does', () => {
    expect(frenchDate('2026-03-12')).toBe('12 mars 2026');
    expect(frenchDate('2026-08-01')).toBe('1er août 2026');
    expect(frenchDate(new Date(2026, 1, 3, 10))).toBe('3 février 2026');
    expect(personName({ nom: 'Koné', prenoms: 'Aïssata Éloïse' })).toBe('KONÉ Aïssata Éloïse');
    const sexe = birth.fields.find((f) => f.name === 'sexe')!;
    expect(formatValue(sexe, 'F')).toBe('Féminin');
    expect(formatValue(sexe, '')).toBeUndefined();
    expect(frenchInteger(1234567)).toBe('1\u00a0234\u00a0567');
  });

  it('keeps French accents and folds what the standard fonts cannot draw', () => {
    expect(winAnsi('É é è ç ï œ « » — ’')).toBe('É é è ç ï œ « » — ’');
    expect(winAnsi('Ɲɛlɛ Ŋɔnɔ Dɔ̀ṅ')).toBe('NYele NGono Don');
    expect(winAnsi('雪')).toBe('?');
  });

  it('keeps a realistic seal within QR version 15', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    let text = 'DS1:';
    for (let i = 0; text.length < 450; i++) text += alphabet[(i * 37 + 11) % 45];
    expect(qrVersionFor(text)).toBeLessThanOrEqual(15);
  });
});
