import { createRequire } from 'node:module';
import type PDFDocumentClass from 'pdfkit';
import type * as QRCodeLib from 'qrcode';
import { DocstreamError } from '../errors.js';
import type { DocumentData, FieldDef, FormDef, TallyLine } from '../forms/types.js';
import { EMPTY, formatValue, frenchDate, tallyLines, winAnsi } from './format.js';
import {
  DEFAULT_COPY_LINES, DEFAULT_PLACE, DEFAULT_PLACE_WITHOUT_CITY, DEFAULT_QR_MM, DEFAULT_SIGNATORY_TITLE,
  DEFAULT_SIGNATURE_SPACE_MM, MIN_FONT_SIZE, fillPlaceholders, pageSizeMm,
  type Align, type CopyBlock, type FieldBlock, type FontName, type Placeholder, type PrintTemplate, type QrBlock,
  type SignatoryBlock, type Style,
} from './template.js';

// PDFKit and its fonts take a quarter of a second to load, the QR encoder a tenth: only
// the first copy pays it, not every start of the console or of a command that prints nothing.
let pdfKit: Promise<typeof PDFDocumentClass> | undefined;
let qrcodeLib: typeof QRCodeLib | undefined;
const require = createRequire(import.meta.url);
/** The QR encoder (CommonJS), loaded on first use; `require` keeps qrVersionFor synchronous. */
const qrcode = () => (qrcodeLib ??= require('qrcode') as typeof QRCodeLib);
const loadPdfKit = () => (pdfKit ??= import('pdfkit').then((m) => m.default as typeof PDFDocumentClass));

export interface RenderInput {
  template: PrintTemplate;
  form: FormDef;
  document: { niu: string; data: DocumentData; validatedAt: Date; formVersion: number };
  copy: {
    number: number;
    issuedAt: Date;
    /** The issuing officer's name */
    issuedBy: string;
    /** Who signs, when not the issuing officer */
    signatory?: { name: string; title: string };
    centre: { matricule: string; name: string; city?: string };
  };
  qrText: string;
  /** Official copies are in French whatever the console's language. */
  lang?: 'fr';
}

const MM = 72 / 25.4;
/** Modules of blank around the code, as the QR standard asks, so scanners find its edges. */
const QUIET_ZONE = 4;
const LINE = 1.2;

export type QrLevel = 'L' | 'M' | 'Q' | 'H';

/** The QR version (1–40) the qrcode package picks for this text: the seal's size target is checked with it. */
export function qrVersionFor(text: string, level: QrLevel = 'M'): number {
  return qrcode().create(text, { errorCorrectionLevel: level }).version;
}

type Doc = PDFKit.PDFDocument;

interface Ctx {
  doc: Doc;
  input: RenderInput;
  values: Record<Placeholder, string>;
  fields: Map<string, FieldDef>;
  pageW: number;
  pageH: number;
  rightMargin: number;
  font: FontName;
  labelFont: FontName;
  size: number;
  color: string;
}

const REGULAR: Partial<Record<FontName, FontName>> = {
  'Helvetica-Bold': 'Helvetica', 'Helvetica-Oblique': 'Helvetica', 'Helvetica-BoldOblique': 'Helvetica',
  'Times-Bold': 'Times-Roman', 'Times-Italic': 'Times-Roman', 'Times-BoldItalic': 'Times-Roman',
  'Courier-Bold': 'Courier', 'Courier-Oblique': 'Courier', 'Courier-BoldOblique': 'Courier',
};
const regularOf = (f: FontName): FontName => REGULAR[f] ?? f;

/**
 * The PDF of one certified copy, on one page. Two renders of the same input are the same
 * bytes (the creation date is the issue date and the file ID derives from it), so a copy
 * can be reprinted identically and compared.
 */
export async function renderCopy(input: RenderInput): Promise<Buffer> {
  const { template, form, document: d, copy } = input;
  if (template.form !== form.id) {
    throw new DocstreamError('invalid_state', `Ce modèle d'impression est pour ${template.form}, pas pour ${form.id}.`, `This print template is for ${template.form}, not ${form.id}.`);
  }
  if (form.version !== d.formVersion) {
    throw new DocstreamError(
      'invalid_state',
      `Le document a été établi avec la version ${d.formVersion} du formulaire ${form.id}, pas la version ${form.version} : imprimez-le avec sa version.`,
      `The document was drafted with version ${d.formVersion} of form ${form.id}, not version ${form.version}: print it with its own version.`,
    );
  }
  const [pageW, pageH] = pageSizeMm(template.page);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: [pageW * MM, pageH * MM],
    margins: { top: 0, right: 0, bottom: 0, left: 0 },
    lang: 'fr-FR',
    info: {
      // Info strings are written in UTF-16, so they need no folding.
      Title: `${form.title.fr} — ${d.niu} — copie n° ${copy.number}`,
      Author: copy.centre.name,
      Subject: `Copie certifiée conforme, NIU ${d.niu}`,
      Creator: 'Docstream',
      Producer: 'Docstream',
      CreationDate: copy.issuedAt,
      ModDate: copy.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const date = frenchDate(copy.issuedAt);
  const signatoryBlock = template.blocks.find((b): b is SignatoryBlock => b.type === 'signatory');
  const ctx: Ctx = {
    doc,
    input,
    fields: new Map(form.fields.map((f) => [f.name, f])),
    pageW,
    pageH,
    rightMargin: template.page.margins.right,
    font: template.defaults?.font ?? 'Helvetica',
    labelFont: template.defaults?.labelFont ?? 'Helvetica',
    size: template.defaults?.size ?? 10,
    color: template.defaults?.color ?? '#000000',
    values: {
      niu: d.niu,
      copy: String(copy.number),
      date,
      validated: frenchDate(d.validatedAt),
      centre: copy.centre.name,
      matricule: copy.centre.matricule,
      city: copy.centre.city ?? copy.centre.name,
      title: form.title.fr,
      officer: copy.issuedBy,
      signatory: copy.signatory?.name ?? copy.issuedBy,
      signatory_title: copy.signatory?.title ?? signatoryBlock?.title ?? DEFAULT_SIGNATORY_TITLE,
    },
  };
  try {
    for (const b of template.blocks) {
      switch (b.type) {
        case 'text':
          text(ctx, fillPlaceholders(b.text, ctx.values), b.x, b.y, b.width, undefined, b);
          break;
        case 'field':
          field(ctx, b);
          break;
        case 'logo': {
          const img = Buffer.from(b.data ?? '', 'base64');
          const opts = b.height !== undefined ? { fit: [b.width * MM, b.height * MM] as [number, number], align: 'center' as const, valign: 'center' as const } : { width: b.width * MM };
          doc.image(img, b.x * MM, b.y * MM, opts);
          break;
        }
        case 'copy':
          copyBlock(ctx, b);
          break;
        case 'signatory':
          signatory(ctx, b);
          break;
        case 'qr':
          qr(ctx, b);
          break;
        case 'line':
          doc.save().moveTo(b.x * MM, b.y * MM).lineTo(b.x2 * MM, b.y2 * MM).lineWidth(b.thickness ?? 0.5).strokeColor(b.color ?? ctx.color).stroke().restore();
          break;
      }
    }
  } catch (e) {
    doc.end();
    throw e;
  }
  doc.end();
  return done;
}

interface TextOptions extends Style {
  /** draw at this size or smaller, down to MIN_FONT_SIZE, so the text fits the height */
  fit?: boolean;
}

/** Draws text in a box (mm), never past the page: pdfkit would otherwise start a second one. */
function text(ctx: Ctx, s: string, x: number, y: number, width: number | undefined, height: number | undefined, style: TextOptions): void {
  const { doc } = ctx;
  const w = (width ?? ctx.pageW - ctx.rightMargin - x) * MM;
  const h = Math.min(height ?? ctx.pageH - y, ctx.pageH - y) * MM;
  const font = style.font ?? ctx.font;
  const content = winAnsi(s);
  let size = style.size ?? ctx.size;
  doc.font(font);
  if (style.fit) {
    while (size > MIN_FONT_SIZE && doc.fontSize(size).heightOfString(content, { width: w }) > h) size -= 0.5;
  }
  doc.fontSize(size).fillColor(style.color ?? ctx.color).text(content, x * MM, y * MM, { width: w, height: h, align: style.align ?? 'left', lineGap: 0 });
}

function field(ctx: Ctx, b: FieldBlock): void {
  const def = ctx.fields.get(b.field);
  if (!def) return;
  const raw = ctx.input.document.data[b.field];
  const value = formatValue(def, raw);
  if (value === undefined && b.omitIfEmpty) return;
  const label = b.label ?? def.label.fr;
  const width = b.width ?? ctx.pageW - ctx.rightMargin - b.x;
  const height = b.height ?? ctx.pageH - b.y;
  const labelFont = b.labelFont ?? ctx.labelFont;
  const style: TextOptions = { font: b.font ?? ctx.font, size: b.size ?? ctx.size, color: b.color ?? ctx.color, align: b.align ?? 'left', fit: true };
  if (b.labelWidth === undefined) {
    // Inline: one string, so label and value wrap together.
    const { doc } = ctx;
    const w = width * MM;
    const h = Math.min(height, ctx.pageH - b.y) * MM;
    const head = label === '' ? '' : winAnsi(`${label} : `);
    const body = def.type === 'tally' && value !== undefined ? value.replace(/\n/g, ' ; ') : winAnsi(value ?? EMPTY);
    let size = style.size ?? ctx.size;
    while (size > MIN_FONT_SIZE && doc.font(style.font ?? ctx.font).fontSize(size).heightOfString(head + body, { width: w }) > h) size -= 0.5;
    doc.fillColor(style.color ?? ctx.color);
    if (head !== '') doc.font(labelFont).fontSize(size).text(head, b.x * MM, b.y * MM, { width: w, height: h, continued: true, align: style.align });
    doc.font(style.font ?? ctx.font).fontSize(size);
    if (head !== '') doc.text(body);
    else doc.text(body, b.x * MM, b.y * MM, { width: w, height: h, align: style.align });
    return;
  }
  if (label !== '') text(ctx, label, b.x, b.y, Math.max(1, b.labelWidth - 2), height, { font: labelFont, size: style.size, color: style.color, fit: true });
  const vx = b.x + b.labelWidth;
  const vw = width - b.labelWidth;
  if (def.type === 'tally' && Array.isArray(raw) && raw.length > 0) tally(ctx, raw as TallyLine[], vx, b.y, vw, height, style);
  else text(ctx, value ?? EMPTY, vx, b.y, vw, height, style);
}

/**
 * An election's results, one candidate a line with the count aligned right; a long list is
 * set smaller, then in columns, so every candidate stays on the copy.
 */
function tally(ctx: Ctx, lines: TallyLine[], x: number, y: number, width: number, height: number, style: TextOptions): void {
  const { doc } = ctx;
  const rows = tallyLines(lines);
  const base = style.size ?? ctx.size;
  const font = style.font ?? ctx.font;
  const gap = 4;
  const small = Math.min(8, base);
  const tries: [number, number][] = [];
  for (const cols of [1, 2, 3]) for (let s = base; s >= small; s -= 0.5) tries.push([cols, s]);
  for (const cols of [1, 2, 3]) for (let s = small - 0.5; s >= MIN_FONT_SIZE; s -= 0.5) tries.push([cols, s]);
  const fitsHeight = ([cols, s]: [number, number]) => Math.ceil(rows.length / cols) * s * LINE <= height * MM;
  // A truncated candidate name on an official report is worse than smaller type.
  const fitsWidth = ([cols, s]: [number, number]) => {
    const colPt = ((width - (cols - 1) * gap) / cols) * MM;
    doc.fontSize(s);
    return rows.every((r) => doc.font(regularOf(font)).widthOfString(winAnsi(r.candidat)) + 6 + doc.font(font).widthOfString(winAnsi(r.voix)) <= colPt);
  };
  const [cols, size] = tries.find((t) => fitsHeight(t) && fitsWidth(t)) ?? tries.find(fitsHeight) ?? [3, MIN_FONT_SIZE];
  const colW = (width - (cols - 1) * gap) / cols;
  const perCol = Math.ceil(rows.length / cols);
  doc.fontSize(size).fillColor(style.color ?? ctx.color);
  rows.forEach((r, i) => {
    const cx = (x + Math.floor(i / perCol) * (colW + gap)) * MM;
    const cy = y * MM + (i % perCol) * size * LINE;
    if (cy + size > ctx.pageH * MM) return;
    const votes = winAnsi(r.voix);
    const vw = doc.font(font).widthOfString(votes);
    doc.text(votes, cx + colW * MM - vw, cy, { lineBreak: false });
    doc.font(regularOf(font)).text(winAnsi(r.candidat), cx, cy, { width: Math.max(1, colW * MM - vw - 6), height: size * LINE, ellipsis: true });
  });
}

function copyBlock(ctx: Ctx, b: CopyBlock): void {
  const lines = (b.lines ?? DEFAULT_COPY_LINES).map((l) => fillPlaceholders(l, ctx.values));
  text(ctx, lines.join('\n'), b.x, b.y, b.width, undefined, b);
}

function signatory(ctx: Ctx, b: SignatoryBlock): void {
  const { doc } = ctx;
  const place = ctx.input.copy.centre.city ? b.place ?? DEFAULT_PLACE : b.placeWithoutCity ?? DEFAULT_PLACE_WITHOUT_CITY;
  const font = b.font ?? 'Helvetica-Bold';
  const size = b.size ?? ctx.size;
  const style = { ...b, font, size, align: b.align ?? ('center' as Align) };
  text(ctx, fillPlaceholders(place, ctx.values), b.x, b.y, b.width, undefined, { ...style, font: regularOf(font) });
  let y = doc.y / MM + 0.5;
  text(ctx, ctx.values.signatory_title, b.x, y, b.width, undefined, style);
  y = doc.y / MM + (b.signatureSpace ?? DEFAULT_SIGNATURE_SPACE_MM);
  text(ctx, ctx.values.signatory, b.x, Math.min(y, ctx.pageH - size / MM), b.width, undefined, style);
}

/** Modules drawn as one filled path, so no hairline seams appear between them when rasterised. */
function qr(ctx: Ctx, b: QrBlock): void {
  const { doc } = ctx;
  let code: QRCodeLib.QRCode;
  try {
    code = qrcode().create(ctx.input.qrText, { errorCorrectionLevel: 'M' });
  } catch (e) {
    throw new DocstreamError('validation', 'Le texte du sceau est trop long pour un code QR.', 'The seal text is too long for a QR code.', { cause: e });
  }
  const n = code.modules.size;
  const sizeMm = b.size ?? DEFAULT_QR_MM;
  const m = (sizeMm * MM) / (n + 2 * QUIET_ZONE);
  const x0 = b.x * MM + QUIET_ZONE * m;
  const y0 = b.y * MM + QUIET_ZONE * m;
  doc.save();
  doc.rect(b.x * MM, b.y * MM, sizeMm * MM, sizeMm * MM).fill('#ffffff');
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!code.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && code.modules.get(r, c)) c++;
      doc.rect(x0 + start * m, y0 + r * m, (c - start) * m, m);
    }
  }
  doc.fill('#000000');
  doc.restore();
  if (b.caption) {
    const size = b.captionSize ?? 7;
    text(ctx, fillPlaceholders(b.caption, ctx.values), b.x, b.y + sizeMm + 0.5, sizeMm, undefined, { font: 'Helvetica', size, align: 'center' });
  }
}
