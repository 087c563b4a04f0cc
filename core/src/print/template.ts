import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocstreamError, type FieldProblem } from '../errors.js';
import type { FieldDef, FormDef } from '../forms/types.js';

/**
 * A print template is data a centre may edit: where each piece of a certified copy goes,
 * in millimetres from the top-left corner of the page (what one measures with a ruler on a
 * pre-printed sheet). Fonts are the standard PDF ones, so there is nothing to embed.
 */

export const PAGE_SIZES_MM = { A4: [210, 297], A5: [148, 210], Letter: [215.9, 279.4] } as const;
export type PageSize = keyof typeof PAGE_SIZES_MM;
export type Orientation = 'portrait' | 'landscape';

// Symbol and ZapfDingbats are left out: they cannot draw Latin text.
export const FONTS = [
  'Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique',
  'Times-Roman', 'Times-Bold', 'Times-Italic', 'Times-BoldItalic',
  'Courier', 'Courier-Bold', 'Courier-Oblique', 'Courier-BoldOblique',
] as const;
export type FontName = (typeof FONTS)[number];
export type Align = 'left' | 'center' | 'right';

export interface Style {
  font?: FontName;
  /** points */
  size?: number;
  /** #rrggbb or #rgb */
  color?: string;
  align?: Align;
}

/** Fixed text; may hold placeholders such as {centre} (see PLACEHOLDERS). "\n" breaks lines. */
export interface TextBlock extends Style {
  type: 'text';
  text: string;
  x: number;
  y: number;
  width?: number;
}

/** One form field, with its label (the form's French label unless given; "" for none). */
export interface FieldBlock extends Style {
  type: 'field';
  field: string;
  label?: string;
  labelFont?: FontName;
  /** Label in a column this wide, the value beside it; without it, "Label : value" inline. */
  labelWidth?: number;
  x: number;
  y: number;
  width?: number;
  /** Space available; a longer value is set smaller (down to MIN_FONT_SIZE) to fit. */
  height?: number;
  /** Leave label and value out when empty, rather than printing EMPTY. */
  omitIfEmpty?: boolean;
}

/** PNG or JPEG, from a file or base64 data; checkTemplate turns a file into data. */
export interface LogoBlock {
  type: 'logo';
  x: number;
  y: number;
  width: number;
  height?: number;
  path?: string;
  data?: string;
}

/** Copy number, issue date and NIU: each line may use placeholders, {niu} and {copy} must appear. */
export interface CopyBlock extends Style {
  type: 'copy';
  x: number;
  y: number;
  width?: number;
  lines?: string[];
}

/** "Fait à Kati, le 12 mars 2026", the signatory's title, room to sign and stamp, the name. */
export interface SignatoryBlock extends Style {
  type: 'signatory';
  x: number;
  y: number;
  width?: number;
  place?: string;
  /** Used when the centre has no city on record. */
  placeWithoutCity?: string;
  /** Title printed when the copy names no signatory (the issuing officer signs). */
  title?: string;
  /** mm left blank for the signature and the stamp */
  signatureSpace?: number;
}

export interface QrBlock {
  type: 'qr';
  x: number;
  y: number;
  /** mm, quiet zone included */
  size?: number;
  caption?: string;
  captionSize?: number;
}

/** A rule, to separate the header from the body. */
export interface LineBlock {
  type: 'line';
  x: number;
  y: number;
  x2: number;
  y2: number;
  /** points */
  thickness?: number;
  color?: string;
}

export type Block = TextBlock | FieldBlock | LogoBlock | CopyBlock | SignatoryBlock | QrBlock | LineBlock;

export interface PrintTemplate {
  /** Version of this format, for templates stored long ago. */
  format: 1;
  /** The form id it prints. */
  form: string;
  name?: string;
  page: {
    size: PageSize;
    orientation: Orientation;
    /** mm; a block without a width wraps at the right margin */
    margins: { top: number; right: number; bottom: number; left: number };
  };
  defaults?: { font?: FontName; labelFont?: FontName; size?: number; color?: string };
  blocks: Block[];
}

export const DEFAULT_QR_MM = 35;
export const MIN_QR_MM = 30;
export const MIN_FONT_SIZE = 6;
export const MAX_FONT_SIZE = 72;
export const DEFAULT_COPY_LINES = ['NIU : {niu} — enregistré le {validated}', 'Copie certifiée conforme n° {copy}, délivrée le {date}'];
export const DEFAULT_PLACE = 'Fait à {city}, le {date}';
export const DEFAULT_PLACE_WITHOUT_CITY = 'Fait le {date}';
export const DEFAULT_SIGNATORY_TITLE = "L'Officier de l'état civil";
export const DEFAULT_SIGNATURE_SPACE_MM = 22;

/** What texts may say in braces; the renderer fills them from the copy being issued. */
export const PLACEHOLDERS = [
  'niu', 'copy', 'date', 'validated', 'centre', 'matricule', 'city', 'title', 'officer', 'signatory', 'signatory_title',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
const PLACEHOLDER_RE = /\{([a-z_]+)\}/g;

export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
  return text.replace(PLACEHOLDER_RE, (all, name: string) => (name in values ? values[name as Placeholder] : all));
}

export function pageSizeMm(page: PrintTemplate['page']): [number, number] {
  const [w, h] = PAGE_SIZES_MM[page.size];
  return page.orientation === 'landscape' ? [h, w] : [w, h];
}

const PT_TO_MM = 25.4 / 72;
const COLOUR_RE = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const KEYS: Record<Block['type'], string[]> = {
  text: ['type', 'text', 'x', 'y', 'width', 'font', 'size', 'color', 'align'],
  field: ['type', 'field', 'label', 'labelFont', 'labelWidth', 'x', 'y', 'width', 'height', 'omitIfEmpty', 'font', 'size', 'color', 'align'],
  logo: ['type', 'x', 'y', 'width', 'height', 'path', 'data'],
  copy: ['type', 'x', 'y', 'width', 'lines', 'font', 'size', 'color', 'align'],
  signatory: ['type', 'x', 'y', 'width', 'place', 'placeWithoutCity', 'title', 'signatureSpace', 'font', 'size', 'color', 'align'],
  qr: ['type', 'x', 'y', 'size', 'caption', 'captionSize'],
  line: ['type', 'x', 'y', 'x2', 'y2', 'thickness', 'color'],
};

/** Collects every problem with its place, so a centre fixes its file in one pass. */
class Problems {
  readonly list: FieldProblem[] = [];
  add(at: string, fr: string, en: string): void {
    this.list.push({ field: at, fr: `${at}: ${fr}`, en: `${at}: ${en}` });
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function imageKind(buf: Buffer): 'png' | 'jpeg' | undefined {
  if (buf.length > 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  return undefined;
}

export interface CheckOptions {
  /** Where a logo's relative path starts (the template file's folder); default: the working directory. */
  baseDir?: string;
}

/**
 * Checks a template against the form it prints and returns it ready to render. A logo given
 * by path is read and carried as data, so the returned template stands alone once stored.
 * Throws DocstreamError('validation') whose every problem names its place ("blocks[3].field").
 */
export function checkTemplate(raw: unknown, form: FormDef, options: CheckOptions = {}): PrintTemplate {
  const p = new Problems();
  if (!isObj(raw)) {
    p.add('(modèle)', "un objet JSON est attendu", 'a JSON object is expected');
    throw templateError(form, p);
  }
  const t = structuredClone(raw) as Obj;
  for (const k of Object.keys(t)) {
    if (!['format', 'form', 'name', 'page', 'defaults', 'blocks'].includes(k)) p.add(k, 'propriété inconnue', 'unknown property');
  }
  if (t.format !== 1) p.add('format', 'doit valoir 1', 'must be 1');
  if (t.form !== form.id) {
    p.add('form', `ce modèle est pour « ${String(t.form)} », pas pour ${form.id}`, `this template is for “${String(t.form)}”, not ${form.id}`);
  }
  if (t.name !== undefined && typeof t.name !== 'string') p.add('name', 'texte attendu', 'text expected');

  let W = 210;
  let H = 297;
  let rightMargin = 0;
  const page = t.page;
  if (!isObj(page)) p.add('page', 'objet {size, orientation, margins} attendu', 'object {size, orientation, margins} expected');
  else {
    const sizeOk = typeof page.size === 'string' && page.size in PAGE_SIZES_MM;
    if (!sizeOk) p.add('page.size', 'A4, A5 ou Letter', 'A4, A5 or Letter');
    if (page.orientation !== 'portrait' && page.orientation !== 'landscape') p.add('page.orientation', 'portrait ou landscape', 'portrait or landscape');
    if (sizeOk) [W, H] = pageSizeMm(page as PrintTemplate['page']);
    const m = page.margins;
    if (!isObj(m)) p.add('page.margins', 'objet {top, right, bottom, left} en mm attendu', 'object {top, right, bottom, left} in mm expected');
    else {
      for (const side of ['top', 'right', 'bottom', 'left'] as const) {
        const v = m[side];
        if (!isNum(v) || v < 0 || v > 60) p.add(`page.margins.${side}`, 'nombre de mm entre 0 et 60', 'number of mm between 0 and 60');
      }
      if (isNum(m.right)) rightMargin = m.right;
    }
  }

  const checkFont = (at: string, v: unknown) => {
    if (v !== undefined && !FONTS.includes(v as FontName)) {
      p.add(at, `police inconnue « ${String(v)} » (polices PDF standard : ${FONTS.join(', ')})`, `unknown font “${String(v)}” (standard PDF fonts: ${FONTS.join(', ')})`);
    }
  };
  const checkSize = (at: string, v: unknown) => {
    if (v !== undefined && (!isNum(v) || v < MIN_FONT_SIZE || v > MAX_FONT_SIZE)) {
      p.add(at, `taille en points entre ${MIN_FONT_SIZE} et ${MAX_FONT_SIZE}`, `size in points between ${MIN_FONT_SIZE} and ${MAX_FONT_SIZE}`);
    }
  };
  const checkColour = (at: string, v: unknown) => {
    if (v !== undefined && (typeof v !== 'string' || !COLOUR_RE.test(v))) {
      p.add(at, `couleur invalide « ${String(v)} » (format #rrggbb)`, `invalid colour “${String(v)}” (format #rrggbb)`);
    }
  };
  const checkText = (at: string, v: unknown, required: boolean) => {
    if (v === undefined && !required) return;
    if (typeof v !== 'string') {
      p.add(at, 'texte attendu', 'text expected');
      return;
    }
    for (const [, name] of v.matchAll(PLACEHOLDER_RE)) {
      if (!PLACEHOLDERS.includes(name as Placeholder)) {
        p.add(at, `variable inconnue {${name}} (possibles : ${PLACEHOLDERS.map((n) => `{${n}}`).join(' ')})`, `unknown placeholder {${name}} (known: ${PLACEHOLDERS.map((n) => `{${n}}`).join(' ')})`);
      }
    }
  };

  const d = t.defaults;
  let defaultSize = 10;
  if (d !== undefined) {
    if (!isObj(d)) p.add('defaults', 'objet {font, labelFont, size, color} attendu', 'object {font, labelFont, size, color} expected');
    else {
      for (const k of Object.keys(d)) if (!['font', 'labelFont', 'size', 'color'].includes(k)) p.add(`defaults.${k}`, 'propriété inconnue', 'unknown property');
      checkFont('defaults.font', d.font);
      checkFont('defaults.labelFont', d.labelFont);
      checkSize('defaults.size', d.size);
      checkColour('defaults.color', d.color);
      if (isNum(d.size)) defaultSize = d.size;
    }
  }

  const fields = new Map<string, FieldDef>(form.fields.map((f) => [f.name, f]));
  const counts = { qr: 0, copy: 0, signatory: 0 };
  if (!Array.isArray(t.blocks)) p.add('blocks', 'liste de blocs attendue', 'list of blocks expected');
  for (const [i, b] of (Array.isArray(t.blocks) ? t.blocks : []).entries()) {
    const at = `blocks[${i}]`;
    if (!isObj(b)) {
      p.add(at, 'objet attendu', 'object expected');
      continue;
    }
    const type = b.type as Block['type'];
    if (!(typeof type === 'string' && type in KEYS)) {
      p.add(`${at}.type`, `type inconnu « ${String(b.type)} » (${Object.keys(KEYS).join(', ')})`, `unknown type “${String(b.type)}” (${Object.keys(KEYS).join(', ')})`);
      continue;
    }
    for (const k of Object.keys(b)) if (!KEYS[type].includes(k)) p.add(`${at}.${k}`, `propriété inconnue pour un bloc ${type}`, `unknown property for a ${type} block`);
    if (type in counts) counts[type as keyof typeof counts]++;

    // Position: inside the page, and whatever has a width or a size ends inside it too.
    const x = b.x;
    const y = b.y;
    const xOk = isNum(x) && x >= 0 && x < W;
    const yOk = isNum(y) && y >= 0 && y < H;
    if (!xOk) p.add(`${at}.x`, `position hors de la page (0 à ${W} mm)`, `position outside the page (0 to ${W} mm)`);
    if (!yOk) p.add(`${at}.y`, `position hors de la page (0 à ${H} mm)`, `position outside the page (0 to ${H} mm)`);
    const extent = (key: string, origin: unknown, limit: number, required: boolean, min = 1) => {
      const v = b[key];
      if (v === undefined && !required) return;
      if (!isNum(v) || v < min) p.add(`${at}.${key}`, `nombre de mm ≥ ${min} attendu`, `number of mm ≥ ${min} expected`);
      else if (isNum(origin) && origin + v > limit + 0.01) {
        p.add(`${at}.${key}`, `le bloc dépasse de la page (${origin} + ${v} > ${limit} mm)`, `the block runs off the page (${origin} + ${v} > ${limit} mm)`);
      }
    };
    const styled = () => {
      checkFont(`${at}.font`, b.font);
      checkSize(`${at}.size`, b.size);
      checkColour(`${at}.color`, b.color);
      if (b.align !== undefined && !['left', 'center', 'right'].includes(b.align as string)) p.add(`${at}.align`, 'left, center ou right', 'left, center or right');
      if (b.width === undefined && xOk && W - rightMargin - (x as number) < 5) {
        p.add(`${at}.width`, 'sans largeur, le texte irait jusqu\'à la marge droite, qui est trop proche', 'without a width the text runs to the right margin, which is too close');
      }
      const size = isNum(b.size) ? b.size : defaultSize;
      if (yOk && (y as number) + size * PT_TO_MM > H) p.add(`${at}.y`, 'le texte sortirait en bas de la page', 'the text would run off the bottom of the page');
    };

    switch (type) {
      case 'text':
        checkText(`${at}.text`, b.text, true);
        extent('width', x, W, false);
        styled();
        break;
      case 'field': {
        if (typeof b.field !== 'string') p.add(`${at}.field`, 'nom de champ attendu', 'field name expected');
        else if (!fields.has(b.field)) {
          p.add(`${at}.field`, `« ${b.field} » n'est pas un champ de ${form.id}`, `“${b.field}” is not a field of ${form.id}`);
        }
        checkText(`${at}.label`, b.label, false);
        checkFont(`${at}.labelFont`, b.labelFont);
        extent('width', x, W, false);
        extent('height', y, H, false, 2);
        if (b.labelWidth !== undefined) {
          const width = isNum(b.width) ? b.width : W - rightMargin - (isNum(x) ? x : 0);
          if (!isNum(b.labelWidth) || b.labelWidth < 0 || b.labelWidth > width - 5) {
            p.add(`${at}.labelWidth`, 'nombre de mm, inférieur à la largeur du bloc moins 5', 'number of mm, less than the block width minus 5');
          }
        }
        if (b.omitIfEmpty !== undefined && typeof b.omitIfEmpty !== 'boolean') p.add(`${at}.omitIfEmpty`, 'true ou false', 'true or false');
        styled();
        break;
      }
      case 'logo':
        extent('width', x, W, true);
        extent('height', y, H, false);
        checkLogo(at, b, p, options);
        break;
      case 'copy':
        extent('width', x, W, false);
        if (b.lines !== undefined) {
          if (!Array.isArray(b.lines) || b.lines.length === 0) p.add(`${at}.lines`, 'liste de lignes attendue', 'list of lines expected');
          else {
            b.lines.forEach((l, j) => checkText(`${at}.lines[${j}]`, l, true));
            const all = b.lines.filter((l) => typeof l === 'string').join('\n');
            for (const must of ['{niu}', '{copy}']) {
              if (!all.includes(must)) p.add(`${at}.lines`, `doit contenir ${must}`, `must contain ${must}`);
            }
          }
        }
        styled();
        break;
      case 'signatory':
        extent('width', x, W, false);
        checkText(`${at}.place`, b.place, false);
        checkText(`${at}.placeWithoutCity`, b.placeWithoutCity, false);
        checkText(`${at}.title`, b.title, false);
        if (b.signatureSpace !== undefined && (!isNum(b.signatureSpace) || b.signatureSpace < 0 || b.signatureSpace > 80)) {
          p.add(`${at}.signatureSpace`, 'nombre de mm entre 0 et 80', 'number of mm between 0 and 80');
        }
        styled();
        break;
      case 'qr': {
        const size = b.size ?? DEFAULT_QR_MM;
        if (!isNum(size) || size < MIN_QR_MM) {
          p.add(`${at}.size`, `au moins ${MIN_QR_MM} mm, pour qu'une copie imprimée bon marché se lise encore`, `at least ${MIN_QR_MM} mm, so a cheap printout still scans`);
        } else {
          if (isNum(x) && x + size > W + 0.01) p.add(`${at}.size`, `le code dépasse de la page (${x} + ${size} > ${W} mm)`, `the code runs off the page (${x} + ${size} > ${W} mm)`);
          if (isNum(y) && y + size > H + 0.01) p.add(`${at}.size`, `le code dépasse de la page (${y} + ${size} > ${H} mm)`, `the code runs off the page (${y} + ${size} > ${H} mm)`);
        }
        checkText(`${at}.caption`, b.caption, false);
        checkSize(`${at}.captionSize`, b.captionSize);
        break;
      }
      case 'line':
        if (!isNum(b.x2) || b.x2 < 0 || b.x2 > W) p.add(`${at}.x2`, `position hors de la page (0 à ${W} mm)`, `position outside the page (0 to ${W} mm)`);
        if (!isNum(b.y2) || b.y2 < 0 || b.y2 > H) p.add(`${at}.y2`, `position hors de la page (0 à ${H} mm)`, `position outside the page (0 to ${H} mm)`);
        if (b.thickness !== undefined && (!isNum(b.thickness) || b.thickness <= 0 || b.thickness > 10)) p.add(`${at}.thickness`, 'épaisseur en points entre 0 et 10', 'thickness in points between 0 and 10');
        checkColour(`${at}.color`, b.color);
        break;
    }
  }
  // A copy without its seal, number or signature is not a certified copy.
  if (Array.isArray(t.blocks)) {
    const need = [
      ['qr', 'le sceau QR', 'the QR seal'],
      ['copy', 'le bloc de la copie (numéro, date, NIU)', 'the copy block (number, date, NIU)'],
      ['signatory', 'le bloc du signataire', 'the signatory block'],
    ] as const;
    for (const [k, fr, en] of need) {
      if (counts[k] === 0) p.add('blocks', `il manque ${fr} (bloc de type ${k})`, `${en} is missing (a block of type ${k})`);
      if (counts[k] > 1) p.add('blocks', `un seul bloc de type ${k} est permis`, `only one block of type ${k} is allowed`);
    }
  }
  if (p.list.length > 0) throw templateError(form, p);
  return t as unknown as PrintTemplate;
}

function checkLogo(at: string, b: Obj, p: Problems, options: CheckOptions): void {
  if ((b.path === undefined) === (b.data === undefined)) {
    p.add(at, 'donnez soit path (fichier PNG ou JPEG) soit data (base64), pas les deux', 'give either path (a PNG or JPEG file) or data (base64), not both');
    return;
  }
  let buf: Buffer | undefined;
  if (b.path !== undefined) {
    if (typeof b.path !== 'string' || b.path === '') {
      p.add(`${at}.path`, 'chemin de fichier attendu', 'file path expected');
      return;
    }
    const file = isAbsolute(b.path) ? b.path : resolve(options.baseDir ?? process.cwd(), b.path);
    if (!existsSync(file)) {
      p.add(`${at}.path`, `fichier introuvable : ${file}`, `file not found: ${file}`);
      return;
    }
    buf = readFileSync(file);
  } else if (typeof b.data !== 'string' || !/^[A-Za-z0-9+/\s]+={0,2}$/.test(b.data)) {
    p.add(`${at}.data`, 'image en base64 attendue', 'base64 image expected');
    return;
  } else buf = Buffer.from(b.data, 'base64');
  if (imageKind(buf) === undefined) {
    p.add(b.path !== undefined ? `${at}.path` : `${at}.data`, "l'image doit être un PNG ou un JPEG", 'the image must be a PNG or a JPEG');
    return;
  }
  delete b.path;
  b.data = buf.toString('base64');
}

function templateError(form: FormDef, p: Problems): DocstreamError {
  const fr = p.list.map((x) => x.fr).join(' ; ');
  const en = p.list.map((x) => x.en).join('; ');
  return new DocstreamError(
    'validation',
    `Modèle d'impression invalide pour ${form.id} : ${fr}. Corrigez le modèle puis réinstallez-le.`,
    `Invalid print template for ${form.id}: ${en}. Correct the template, then install it again.`,
    { problems: p.list },
  );
}

/** Header, title and foot of a sober A4 copy; the body between TOP and BOTTOM is for the fields. */
export interface FrameText {
  title: string;
  /** second header line under the centre's name */
  centreLine?: string;
  signatoryTitle?: string;
}

const MARGIN = 18;
const BODY_TOP = 72;
const BODY_BOTTOM = 212;
/** frame() lists the header first, then the foot; the fields go between. */
const HEADER_BLOCKS = 8;

function frame(form: FormDef, text: FrameText): Block[] {
  const width = 210 - 2 * MARGIN;
  return [
    { type: 'text', text: '{centre}', x: MARGIN, y: 14, width: 85, font: 'Helvetica-Bold', size: 10, align: 'center' },
    { type: 'text', text: text.centreLine ?? 'Centre n° {matricule}', x: MARGIN, y: 20, width: 85, size: 9, align: 'center' },
    { type: 'text', text: 'RÉPUBLIQUE DU MALI', x: 112, y: 14, width: 80, font: 'Helvetica-Bold', size: 11, align: 'center' },
    { type: 'text', text: 'Un Peuple – Un But – Une Foi', x: 112, y: 20, width: 80, font: 'Helvetica-Oblique', size: 9, align: 'center' },
    { type: 'line', x: MARGIN, y: 32, x2: 210 - MARGIN, y2: 32, thickness: 0.6 },
    { type: 'text', text: text.title, x: MARGIN, y: 40, width, font: 'Helvetica-Bold', size: 15, align: 'center' },
    { type: 'copy', x: MARGIN, y: 50, width, font: 'Helvetica-Bold', size: 10, align: 'center', lines: DEFAULT_COPY_LINES },
    { type: 'line', x: MARGIN, y: 64, x2: 210 - MARGIN, y2: 64, thickness: 0.3 },
    {
      type: 'signatory', x: 112, y: 220, width: 80, size: 10, align: 'center',
      place: DEFAULT_PLACE, placeWithoutCity: DEFAULT_PLACE_WITHOUT_CITY,
      title: text.signatoryTitle ?? (form.category === 'civil' ? DEFAULT_SIGNATORY_TITLE : 'Le Chef de centre'),
      signatureSpace: DEFAULT_SIGNATURE_SPACE_MM,
    },
    { type: 'qr', x: MARGIN, y: 216, size: 40, caption: 'Sceau vérifiable hors ligne', captionSize: 7 },
    {
      type: 'text', text: 'Copie délivrée par {officer}. Toute rature ou surcharge rend ce document nul.',
      x: MARGIN, y: 280, width, size: 7, align: 'center', color: '#333333',
    },
  ];
}

/** Rows for the fields: a tally gets what is left once every other field has its line. */
function body(form: FormDef): Block[] {
  const tallies = form.fields.filter((f) => f.type === 'tally').length;
  const others = form.fields.length - tallies;
  const space = BODY_BOTTOM - BODY_TOP;
  const tallyMin = 40;
  let columns = 1;
  let row = Math.min(10, (space - tallies * tallyMin) / Math.max(1, others));
  if (row < 4.5) {
    columns = 2;
    row = Math.min(10, (space - tallies * tallyMin) / Math.max(1, Math.ceil(others / 2)));
  }
  row = Math.max(row, 3.5);
  const size = row >= 8 ? 11 : row >= 6 ? 9 : 7;
  const tallyHeight = tallies === 0 ? 0 : Math.max(tallyMin, (space - Math.ceil(others / columns) * row) / tallies);
  const full = 210 - 2 * MARGIN;
  const colWidth = columns === 1 ? full : (full - 6) / 2;
  const blocks: Block[] = [];
  let y = BODY_TOP;
  let col = 0;
  for (const f of form.fields) {
    if (f.type === 'tally') {
      if (col !== 0) y += row;
      col = 0;
      blocks.push({ type: 'field', field: f.name, x: MARGIN, y, width: full, height: tallyHeight - 2, labelWidth: 58, font: 'Helvetica-Bold', size });
      y += tallyHeight;
      continue;
    }
    const x = MARGIN + col * (colWidth + 6);
    blocks.push({ type: 'field', field: f.name, x, y, width: colWidth, height: row, labelWidth: columns === 1 ? 58 : 32, font: 'Helvetica-Bold', size });
    col = (col + 1) % columns;
    if (col === 0) y += row;
  }
  return blocks;
}

/**
 * Lays out any form automatically, for a kind added as data after release that has no
 * template of its own: every field in order, label column on the left.
 */
export function defaultTemplate(form: FormDef, text: Partial<FrameText> = {}): PrintTemplate {
  const frameText: FrameText = { title: `COPIE CERTIFIÉE CONFORME — ${form.title.fr.toLocaleUpperCase('fr')}`, ...text };
  const outer = frame(form, frameText);
  return {
    format: 1,
    form: form.id,
    name: 'Mise en page automatique',
    page: { size: 'A4', orientation: 'portrait', margins: { top: MARGIN, right: MARGIN, bottom: 12, left: MARGIN } },
    defaults: { font: 'Helvetica', labelFont: 'Helvetica', size: 10, color: '#000000' },
    blocks: [...outer.slice(0, HEADER_BLOCKS), ...body(form), ...outer.slice(HEADER_BLOCKS)],
  };
}

const SHIPPED_DIR = fileURLToPath(new URL('../../print-templates/', import.meta.url));

/** The template shipped for this kind (`core/print-templates/<id>.json`), if any. */
export function shippedTemplate(form: FormDef, dir = SHIPPED_DIR): PrintTemplate | undefined {
  const file = join(dir, `${form.id}.json`);
  if (!existsSync(file)) return undefined;
  return checkTemplate(JSON.parse(readFileSync(file, 'utf8')), form, { baseDir: dir });
}

/**
 * The template to print with: the centre's own (errors are the centre's to fix, so they
 * throw), else the one the form carries, else the shipped one, else the automatic layout.
 * A shipped template that no longer fits a newer version of its form gives way to the
 * automatic layout rather than refusing to print.
 */
export function templateFor(form: FormDef, installed?: unknown): PrintTemplate {
  if (installed !== undefined && installed !== null) return checkTemplate(installed, form);
  if (form.print !== undefined && form.print !== null) return checkTemplate(form.print, form);
  try {
    return shippedTemplate(form) ?? defaultTemplate(form);
  } catch {
    return defaultTemplate(form);
  }
}
