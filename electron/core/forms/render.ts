// Draws a FormView onto A4 pages with pdfkit. Deterministic: the PDF dates and the file ID come
// from the input (printedAt, request), nothing reads the clock or a random source, so a reprint of
// the same record with the same printedAt is the same bytes and the same SHA-256.
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { qrPayloadFor } from './digest';
import { loadFonts } from './fonts';
import { batchPageContent, compressStreamsAt } from './pdfcontent';
import { collectOutput } from './pdfoutput';
import { keepTextState, openFaces } from './pdffonts';
import { replayLines } from './pdftext';
import { assertPrintable } from './printable';
import { code128, drawCode128, qrMatrix, qrPathOperators, type LinearCode, type QrMatrix } from './marks';
import type { FilledParagraph } from './templates';
import { FORM_KINDS, type FormKind, type FormTemplate, type PrintableRequest } from './types';
import { buildView, type Block, type Field, type FormView, type Signer } from './view';

export interface RenderOptions {
  /** Milliseconds since the epoch; becomes CreationDate/ModDate, so reprints are identical. */
  printedAt: number;
  /** Directory with the TTF files; defaults to build/fonts (see fonts.ts). */
  fontsDir?: string;
}

export interface RenderedForm {
  kind: FormKind;
  pdf: Buffer;
  sha256: string;
}

// --- Page geometry (points; A4 = 595.28 × 841.89) ----------------------------------------
const CM = 72 / 2.54;
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 2 * CM;
const FOOTER_HEIGHT = 74;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const CONTENT_BOTTOM = PAGE.height - MARGIN - FOOTER_HEIGHT;

const INK = '#000000';
const MUTED = '#4d4d4d';
const RULE = '#8c8c8c';
const BAND = '#e3e3e3';

const F = { regular: 'Regular', bold: 'Bold' } as const;

// zlib level of the pages' content streams. pdfkit uses zlib's default (6); for these streams
// level 3 takes about half the time to compress (1.4 → 0.4 ms CPU per set of three forms on the
// 2-core build machine) for 2.4 KiB more (14.9 → 17.3 KiB of content; 91.6 → 94.2 KiB per set). The drawing is the same operators; only their compression differs.
const CONTENT_LEVEL = 3;
// zlib level of the embedded font subsets and their ToUnicode maps. Glyph outlines barely
// compress (about 14 → 10 KiB per subset at any level), so level 1 gives up under 1 KiB per set of
// three forms and saves ~0.6 ms of the ~12 ms of CPU a set takes (paired runs, test/bench/forms.ts's requests).
const FONT_LEVEL = 1;
const INSTITUTION = 'INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL';

type Doc = PDFKit.PDFDocument;

export async function renderForm(kind: FormKind, data: PrintableRequest, template: FormTemplate, opts: RenderOptions): Promise<Buffer> {
  if (!(FORM_KINDS as readonly string[]).includes(kind)) throw new Error(`Tipo de formulario desconocido: «${String(kind)}».`);
  if (!Number.isFinite(opts.printedAt)) throw new Error('printedAt debe ser una fecha en milisegundos.');
  const view = buildView(kind, data, template);
  return drawPdf(view, qrPayloadFor(view, data.id), code128(view.number), opts);
}

/** The three forms of a request, each with the SHA-256 the request keeps */
export async function renderAll(data: PrintableRequest, templates: Record<FormKind, FormTemplate>, opts: RenderOptions): Promise<RenderedForm[]> {
  if (!Number.isFinite(opts.printedAt)) throw new Error('printedAt debe ser una fecha en milisegundos.');
  const out: RenderedForm[] = [];
  let barcode: LinearCode | null = null; // the request number: the same bars on all three
  for (const kind of FORM_KINDS) {
    const view = buildView(kind, data, templates[kind]);
    const pdf = await drawPdf(view, qrPayloadFor(view, data.id), (barcode ??= code128(view.number)), opts);
    out.push({ kind, pdf, sha256: createHash('sha256').update(pdf).digest('hex') });
  }
  return out;
}

const numberLabel = (view: FormView) => view.numberLabel ?? 'Solicitud N.º';

/** A view built elsewhere (a «Hoja de orientación»), drawn by the same machinery: header, blocks, barcode and QR. */
export function renderView(view: FormView, id: string, opts: RenderOptions): Promise<Buffer> {
  if (!Number.isFinite(opts.printedAt)) throw new Error('printedAt debe ser una fecha en milisegundos.');
  return drawPdf(view, qrPayloadFor(view, id), code128(view.number), opts);
}

function drawPdf(view: FormView, qrText: string, barcode: LinearCode, opts: RenderOptions): Promise<Buffer> {
  const fonts = loadFonts(opts.fontsDir);
  assertPrintable(view, fonts);
  const when = new Date(opts.printedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_HEIGHT },
    bufferPages: true, // the footer needs the page count ("Página X de Y")
    autoFirstPage: false,
    compress: true,
    // No default face: otherwise pdfkit parses the Helvetica AFM for every document. Nor ours as
    // the default: pdfkit then reopens the registered face on every font() call (a new subset and
    // a JSON comparison of its name table each time, ~35 per form) instead of caching it.
    font: null as unknown as string,
    lang: 'es-EC',
    displayTitle: true,
    info: {
      Title: `${view.title} — ${view.number}`,
      Author: 'Instituto Ecuatoriano de Seguridad Social',
      Subject: `${view.title}, ${numberLabel(view).replace(/ N\.º$/, '').toLowerCase()} ${view.number}`,
      // The file ID is an MD5 of this dictionary: with the digest in it, the ID is fixed per content.
      Keywords: qrText,
      Creator: 'Ventanilla Patronal',
      Producer: 'Ventanilla Patronal (PDFKit)',
      CreationDate: when,
      ModDate: when,
    },
  });
  collectOutput(doc);
  compressStreamsAt(doc, FONT_LEVEL);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  openFaces(doc, fonts, F);
  replayLines(doc);
  doc.on('pageAdded', () => {
    batchPageContent(doc, CONTENT_LEVEL);
    runningHeader(doc, view);
  });
  doc.addPage();
  firstHeader(doc, view);
  view.blocks.forEach((block, i) => {
    const next = view.blocks[i + 1];
    // The last paragraph before the signatures moves with them: a signature alone on a page
    // would not show what was signed.
    drawBlock(doc, block, next?.type === 'signatures' ? SIGNATURES_HEIGHT : 0);
  });
  const range = doc.bufferedPageRange();
  const qr = qrMatrix(qrText);
  const qrPath = qrPathOperators(qr);
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    footer(doc, view, barcode, qr, qrPath, i + 1, range.count);
  }
  doc.end();
  return done;
}

// --- Header -------------------------------------------------------------------------------

function firstHeader(doc: Doc, view: FormView): void {
  const top = MARGIN;
  const boxWidth = 172;
  const boxX = PAGE.width - MARGIN - boxWidth;
  const leftWidth = CONTENT_WIDTH - boxWidth - 10;
  doc.fillColor(INK).font(F.bold).fontSize(10.5).text(INSTITUTION, MARGIN, top, { width: leftWidth, lineBreak: false });
  doc.font(F.regular).fontSize(8).fillColor(MUTED).text('Centro de Atención Universal · Ventanilla Patronal', MARGIN, top + 14, { width: leftWidth, lineBreak: false });
  doc.fillColor(INK).fontSize(9).text(`Agencia: ${view.agency}`, MARGIN, top + 26, { width: leftWidth, lineBreak: false, ellipsis: true });
  doc.text(`Fecha: ${view.date}`, MARGIN, top + 38, { width: leftWidth, lineBreak: false });

  doc.lineWidth(0.8).strokeColor(INK).rect(boxX, top - 3, boxWidth, 52).stroke();
  doc.font(F.regular).fontSize(7.5).fillColor(MUTED).text(numberLabel(view).toUpperCase(), boxX + 8, top + 2, { lineBreak: false });
  doc.font(F.bold).fontSize(11).fillColor(INK).text(view.number, boxX + 8, top + 14, { width: boxWidth - 12, lineBreak: false });
  doc.font(F.regular).fontSize(7.5).fillColor(MUTED).text(`Plantilla v${view.templateVersion}`, boxX + 8, top + 32, { lineBreak: false });

  doc.font(F.bold).fontSize(14).fillColor(INK).text(view.title, MARGIN, top + 58, { width: CONTENT_WIDTH, align: 'center' });
  const ruleY = doc.y + 3;
  doc.lineWidth(1.2).strokeColor(INK).moveTo(MARGIN, ruleY).lineTo(PAGE.width - MARGIN, ruleY).stroke();
  doc.x = MARGIN;
  doc.y = ruleY + 6;
}

/**
 * Pages after the first (a long Acuerdo) still say what they belong to. pdfkit also adds a page
 * itself in the middle of a paragraph that does not fit, and goes on with that paragraph in the
 * face, size and colour current after this header: they are put back as they were.
 */
function runningHeader(doc: Doc, view: FormView): void {
  if (doc.bufferedPageRange().count <= 1) return;
  const restoreText = keepTextState(doc);
  doc.font(F.regular).fontSize(8).fillColor(MUTED)
    .text(`IESS · ${view.title} · ${numberLabel(view)} ${view.number}`, MARGIN, MARGIN - 14, { width: CONTENT_WIDTH, lineBreak: false, ellipsis: true });
  doc.lineWidth(0.5).strokeColor(RULE).moveTo(MARGIN, MARGIN).lineTo(PAGE.width - MARGIN, MARGIN).stroke();
  restoreText();
  doc.x = MARGIN;
  doc.y = MARGIN + 8;
}

// --- Footer (every page) ------------------------------------------------------------------

function footer(doc: Doc, view: FormView, barcode: LinearCode, qr: QrMatrix, qrPath: string, page: number, pages: number): void {
  // Drawing inside the bottom margin must not make pdfkit start a new page.
  const savedBottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  const top = PAGE.height - MARGIN - FOOTER_HEIGHT + 8;
  doc.lineWidth(0.5).strokeColor(RULE).moveTo(MARGIN, top).lineTo(PAGE.width - MARGIN, top).stroke();

  const qrSize = 62;
  const module = qrSize / qr.size;
  const qrX = PAGE.width - MARGIN - qrSize;
  const qrY = top + 6;
  // In module units under a transform: "3 5 2 1 re" instead of four six-decimal numbers for each
  // of the ~500 runs: a third less content stream to format and compress.
  doc.save().translate(qrX, qrY).scale(module);
  doc.addContent(qrPath);
  doc.fillColor(INK).fill().restore();

  const barModule = 0.8;
  const barY = top + 8;
  const barWidth = drawCode128(doc, barcode, MARGIN, barY, barModule, 34);
  doc.fillColor(INK).fill();
  doc.font(F.regular).fontSize(8).fillColor(INK).text(view.number, MARGIN, barY + 38, { width: barWidth, align: 'center', lineBreak: false });

  const midX = MARGIN + barWidth + 14;
  const midWidth = qrX - 10 - midX;
  doc.font(F.bold).fontSize(8.5).fillColor(INK).text('Verifique este documento con el código QR', midX, top + 12, { width: midWidth, align: 'center', lineBreak: false });
  doc.font(F.regular).fontSize(7.5).fillColor(MUTED)
    .text(`${view.numberLabel ? 'N.º' : 'Solicitud N.º'} ${view.number} · plantilla v${view.templateVersion}`, midX, top + 26, { width: midWidth, align: 'center', lineBreak: false })
    .text(`Página ${page} de ${pages}`, midX, top + 38, { width: midWidth, align: 'center', lineBreak: false });
  doc.page.margins.bottom = savedBottom;
  doc.fillColor(INK);
}

// --- Blocks -------------------------------------------------------------------------------

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > CONTENT_BOTTOM) doc.addPage();
}

function drawBlock(doc: Doc, block: Block, keepWithNext: number): void {
  switch (block.type) {
    case 'section':
      return section(doc, block.title);
    case 'fields':
      return fieldGrid(doc, block.fields);
    case 'paragraphs':
      return paragraphs(doc, block.paragraphs, keepWithNext, block.plain === true);
    case 'table':
      return table(doc, block.columns, block.rows);
    case 'void':
      return voidBox(doc, block.text);
    case 'signatures':
      return signatures(doc, block.signers);
  }
}

function section(doc: Doc, title: string): void {
  // Keep a heading with at least a line or two of what follows.
  ensureSpace(doc, 48);
  const y = doc.y + 3;
  doc.rect(MARGIN, y, CONTENT_WIDTH, 15).fill(BAND);
  doc.font(F.bold).fontSize(9.5).fillColor(INK).text(title, MARGIN + 5, y + 2.5, { width: CONTENT_WIDTH - 10, lineBreak: false });
  doc.x = MARGIN;
  doc.y = y + 15;
}

const CELL_PAD = 3.5;
const LABEL_SIZE = 7;
const VALUE_SIZE = 9.5;

function cellHeight(doc: Doc, field: Field, width: number): number {
  doc.font(F.regular).fontSize(LABEL_SIZE);
  const label = doc.heightOfString(field.label, { width: width - 2 * CELL_PAD });
  doc.font(F.bold).fontSize(VALUE_SIZE);
  const value = doc.heightOfString(field.value, { width: width - 2 * CELL_PAD });
  return CELL_PAD + label + 1 + value + CELL_PAD - 1;
}

function drawCell(doc: Doc, field: Field, x: number, y: number, width: number, height: number): void {
  doc.lineWidth(0.5).strokeColor(RULE).rect(x, y, width, height).stroke();
  doc.font(F.regular).fontSize(LABEL_SIZE).fillColor(MUTED).text(field.label, x + CELL_PAD, y + CELL_PAD, { width: width - 2 * CELL_PAD });
  doc.font(F.bold).fontSize(VALUE_SIZE).fillColor(INK).text(field.value, x + CELL_PAD, doc.y + 1, { width: width - 2 * CELL_PAD });
}

/** Two-column grid; a wide field (or a lone one before a wide field) takes the whole row. */
function fieldGrid(doc: Doc, fields: Field[]): void {
  const rows: Field[][] = [];
  let pending: Field | null = null;
  for (const field of fields) {
    if (field.wide) {
      if (pending) rows.push([pending]);
      pending = null;
      rows.push([field]);
    } else if (pending) {
      rows.push([pending, field]);
      pending = null;
    } else pending = field;
  }
  if (pending) rows.push([pending]);
  const half = CONTENT_WIDTH / 2;
  for (const row of rows) {
    const widths = row.length === 1 ? [CONTENT_WIDTH] : [half, half];
    const height = Math.max(...row.map((f, i) => cellHeight(doc, f, widths[i] ?? half)));
    ensureSpace(doc, height);
    const y = doc.y;
    row.forEach((f, i) => drawCell(doc, f, MARGIN + i * half, y, widths[i] ?? half, height));
    doc.x = MARGIN;
    doc.y = y + height;
  }
  doc.y += 4;
}

const BODY_SIZE = 9.2;

function paragraphs(doc: Doc, list: FilledParagraph[], keepWithNext: number, plain = false): void {
  doc.y += 2;
  const options = { width: CONTENT_WIDTH, align: plain ? ('left' as const) : ('justify' as const), lineGap: 1 };
  list.forEach((p, i) => {
    if (i === list.length - 1 && keepWithNext > 0) {
      doc.fontSize(BODY_SIZE).font(F.regular);
      ensureSpace(doc, doc.heightOfString(p.lead ? `${p.lead} ${p.text}` : p.text, options) + keepWithNext);
    } else ensureSpace(doc, 24);
    doc.fillColor(INK).fontSize(BODY_SIZE);
    if (p.lead) {
      doc.font(F.bold).text(`${p.lead} `, MARGIN, doc.y, { ...options, continued: true });
      doc.font(F.regular).text(p.text, options);
    } else {
      doc.font(F.regular).text(p.text, MARGIN, doc.y, options);
    }
    doc.y += plain ? 1.5 : 3.5;
  });
  doc.x = MARGIN;
}

/** A crossed box: the section exists on paper but cannot be filled in by hand afterwards. */
function voidBox(doc: Doc, text: string): void {
  const height = 46;
  ensureSpace(doc, height + 6);
  const y = doc.y + 3;
  doc.lineWidth(1).strokeColor(INK).rect(MARGIN, y, CONTENT_WIDTH, height).stroke();
  doc.moveTo(MARGIN, y).lineTo(MARGIN + CONTENT_WIDTH, y + height)
    .moveTo(MARGIN, y + height).lineTo(MARGIN + CONTENT_WIDTH, y).stroke();
  doc.font(F.bold).fontSize(10);
  const textWidth = Math.min(doc.widthOfString(text), CONTENT_WIDTH - 40);
  const textHeight = doc.heightOfString(text, { width: textWidth });
  const textX = MARGIN + (CONTENT_WIDTH - textWidth) / 2;
  const textY = y + (height - textHeight) / 2;
  doc.rect(textX - 6, textY - 3, textWidth + 12, textHeight + 5).fill('#ffffff');
  doc.fillColor(INK).text(text, textX, textY, { width: textWidth, align: 'center' });
  doc.x = MARGIN;
  doc.y = y + height + 6;
}

function table(doc: Doc, columns: string[], rows: string[][]): void {
  const shares = columns.length === 3 ? [0.5, 0.3, 0.2] : columns.map(() => 1 / columns.length);
  const widths = shares.map((s) => s * CONTENT_WIDTH);
  const drawRow = (cells: string[], header: boolean) => {
    doc.font(header ? F.bold : F.regular).fontSize(header ? 8 : 8.5);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: (widths[i] ?? 0) - 8 }))) + 6;
    ensureSpace(doc, height);
    const y = doc.y;
    if (header) doc.rect(MARGIN, y, CONTENT_WIDTH, height).fill('#f0f0f0');
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const w = widths[i] ?? 0;
      doc.lineWidth(0.5).strokeColor(RULE).rect(x, y, w, height).stroke();
      doc.fillColor(INK).text(cell, x + 4, y + 3, { width: w - 8 });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  doc.y += 3;
  drawRow(columns, true);
  for (const row of rows) drawRow(row, false);
  doc.y += 6;
}

const SIGN_SPACE = 40;
const SIGN_LINE = 200;
const SIGNATURES_HEIGHT = SIGN_SPACE + 42;

function signatures(doc: Doc, signers: Signer[]): void {
  ensureSpace(doc, SIGNATURES_HEIGHT);
  const y = doc.y + SIGN_SPACE;
  const slot = CONTENT_WIDTH / Math.max(signers.length, 1);
  signers.forEach((signer, i) => {
    const center = MARGIN + slot * i + slot / 2;
    const x = center - SIGN_LINE / 2;
    doc.lineWidth(0.8).strokeColor(INK).moveTo(x, y).lineTo(x + SIGN_LINE, y).stroke();
    doc.font(F.bold).fontSize(9).fillColor(INK).text(signer.name, x, y + 4, { width: SIGN_LINE, align: 'center' });
    if (signer.document) doc.font(F.regular).fontSize(8.5).text(signer.document, x, doc.y + 0.5, { width: SIGN_LINE, align: 'center' });
    doc.font(F.regular).fontSize(7.5).fillColor(MUTED).text(signer.role, x, doc.y + 0.5, { width: SIGN_LINE, align: 'center' });
  });
  doc.fillColor(INK);
  doc.x = MARGIN;
  doc.y = y + 42;
}
