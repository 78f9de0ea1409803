// pdfkit's drawing of one line of text (PDFDocument._fragment), with the line's glyphs and
// spacing kept between documents.
//
// The forms print the same lines over and over (every clause of the templates, every label),
// and for each one pdfkit re-splits the words, re-measures the line without its spaces (for a
// justified line that is a fresh fontkit shaping of the whole line, as the run is new), and
// rebuilds the TJ array glyph by glyph: drawing lines was a fifth of the render time. A line's
// glyphs and spacing depend only on the face, the size, the text and the alignment width, so
// they are computed once (as pdfkit computes them) and then replayed: each document still maps
// the glyphs into its own subset in the same order, sets the same widths and Unicode map, and
// writes the same operators at its own position. Anything this does not cover (links,
// underline, oblique, glyph offsets, custom baselines, spacing or scaling options, OpenType
// features) goes to pdfkit's own _fragment.
//
// pdfkit internals (pdfkit 0.20, pinned in package.json); test/unit/forms/pdftext.test.ts draws
// the same text with and without this and compares the bytes, and a changed internal fails
// loudly here, naming this file.
import type { Glyph } from 'fontkit';
import { PdfkitInternalsChanged } from './pdffonts';

interface Position {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

interface EmbeddedFont {
  id: string;
  font: object;
  scale: number;
  ascender: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  layout(text: string, features?: unknown, onlyWidth?: boolean): { glyphs: Glyph[]; positions: Position[]; advanceWidth: number };
  ref(): unknown;
}

interface FragmentOptions {
  align?: string;
  width?: number;
  lineWidth?: number;
  textWidth?: number;
  wordSpacing?: number;
  characterSpacing?: number;
  horizontalScaling?: number;
  baseline?: unknown;
  features?: unknown;
  link?: unknown;
  goTo?: unknown;
  destination?: unknown;
  underline?: unknown;
  strike?: unknown;
  oblique?: unknown;
  fill?: unknown;
  stroke?: unknown;
}

interface Doc {
  _font: EmbeddedFont;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
  _fragment(text: string, x: number, y: number, options: FragmentOptions): void;
  widthOfString(text: string, options?: FragmentOptions): number;
  addContent(data: string): unknown;
}

/** A line as pdfkit would encode it: its glyphs in order, and where the TJ array breaks. */
interface EncodedLine {
  ids: number[];
  widths: number[];
  codePoints: number[][];
  /** [glyph index the segment ends at, formatted adjustment] for each segment of the TJ array. */
  cuts: Array<[number, string]>;
}

const LINE_LIMIT = 20_000;
const linesByFace = new WeakMap<object, Map<string, EncodedLine | null>>();
const HEX: string[] = [];
const hex4 = (gid: number) => (HEX[gid] ??= `0000${gid.toString(16)}`.slice(-4));

/** pdfkit's number(): six decimals, as its content operators print numbers. */
function num(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

function unsupported(o: FragmentOptions): boolean {
  return Boolean(
    o.features || o.link != null || o.goTo != null || o.destination != null || o.underline || o.strike || o.oblique || o.stroke ||
      o.characterSpacing || (o.horizontalScaling && o.horizontalScaling !== 100) || o.baseline !== undefined,
  );
}

/** What _fragment encodes for this line (pdfkit 0.20's code, minus the drawing); null when it has glyph offsets. */
function encodeLine(doc: Doc, text: string, align: string, options: FragmentOptions): EncodedLine | null {
  const font = doc._font;
  let wordSpacing = options.wordSpacing || 0;
  if (options.width && align === 'justify') {
    const words = text.trim().split(/\s+/);
    const textWidth = doc.widthOfString(text.replace(/\s+/g, ''), options);
    const spaceWidth = doc.widthOfString(' ');
    wordSpacing = Math.max(0, ((options.lineWidth as number) - textWidth) / Math.max(1, words.length - 1) - spaceWidth);
  }
  const glyphs: Glyph[] = [];
  const positions: Position[] = [];
  if (wordSpacing) {
    wordSpacing += doc.widthOfString(' ');
    wordSpacing *= 1000 / doc._fontSize;
    for (const word of text.trim().split(/\s+/)) {
      const run = font.layout(word);
      for (const g of run.glyphs) glyphs.push(g);
      for (const p of run.positions) positions.push(p);
      const last = positions.length - 1;
      positions[last] = { ...positions[last]!, xAdvance: positions[last]!.xAdvance + wordSpacing };
    }
  } else {
    const run = font.layout(text);
    for (const g of run.glyphs) glyphs.push(g);
    for (const p of run.positions) positions.push(p);
  }
  const cuts: Array<[number, string]> = [];
  let last = 0;
  const addSegment = (cur: number) => {
    if (last < cur) cuts.push([cur, String(num(-(positions[cur - 1]!.xAdvance - positions[cur - 1]!.advanceWidth)))]);
    last = cur;
  };
  for (let i = 0; i < positions.length; i++) {
    const pos = positions[i]!;
    if (pos.xOffset || pos.yOffset) return null;
    if (pos.xAdvance - pos.advanceWidth !== 0) addSegment(i + 1);
  }
  addSegment(positions.length);
  return {
    ids: glyphs.map((g) => g.id),
    widths: glyphs.map((g) => g.advanceWidth * font.scale),
    codePoints: glyphs.map((g) => g.codePoints),
    cuts,
  };
}

/** Replaces the document's _fragment with the replaying one. */
export function replayLines(pdf: PDFKit.PDFDocument): void {
  const doc = pdf as unknown as Doc;
  const original = doc._fragment;
  if (typeof original !== 'function' || typeof doc.addContent !== 'function') {
    throw new PdfkitInternalsChanged('pdfkit changed the text internals electron/core/forms/pdftext.ts relies on (_fragment, addContent): adapt that file to the new pdfkit or go back to the pinned version.');
  }
  doc._fragment = function fragment(this: Doc, raw: string, x: number, y: number, options: FragmentOptions): void {
    const text = `${raw}`.replace(/\n/g, '');
    if (text.length === 0) return;
    if (unsupported(options)) return original.call(this, raw, x, y, options);
    const font = this._font;
    if (!font || typeof font.layout !== 'function' || !font.subset || !Array.isArray(font.widths)) {
      throw new PdfkitInternalsChanged('pdfkit changed the EmbeddedFont internals electron/core/forms/pdftext.ts relies on (layout, subset, widths, unicode): adapt that file to the new pdfkit or go back to the pinned version.');
    }
    const align = options.align || 'left';
    let lines = linesByFace.get(font.font);
    if (!lines) linesByFace.set(font.font, (lines = new Map()));
    const justified = Boolean(options.width) && align === 'justify';
    const key = `${this._fontSize}|${justified ? options.lineWidth : ''}|${options.wordSpacing || 0}|${text}`;
    let line = lines.get(key);
    if (line === undefined) {
      line = encodeLine(this, text, align, options);
      if (lines.size >= LINE_LIMIT) lines.clear();
      lines.set(key, line);
    }
    if (line === null) return original.call(this, raw, x, y, options);

    if (options.width) {
      if (align === 'right') x += (options.lineWidth as number) - this.widthOfString(text.replace(/\s+$/, ''), options);
      else if (align === 'center') x += (options.lineWidth as number) / 2 - (options.textWidth as number) / 2;
    }
    const dy = (font.ascender / 1000) * this._fontSize;
    // pdfkit's save(), transform(1, 0, 0, -1, 0, height) and restore() around the line write
    // these two operators and leave the transformation matrix as it was: written directly.
    this.addContent('q');
    this.addContent(`1 0 0 -1 0 ${num(this.page.height)} cm`);
    const top = this.page.height - y - dy;
    if (this.page.fonts[font.id] == null) this.page.fonts[font.id] = font.ref();
    this.addContent('BT');
    this.addContent(`1 0 0 1 ${num(x)} ${num(top)} Tm`);
    this.addContent(`/${font.id} ${num(this._fontSize)} Tf`);
    const { ids, widths, codePoints, cuts } = line;
    if (cuts.length > 0) {
      const commands: string[] = [];
      let start = 0;
      let hex = '';
      for (const [end, adjustment] of cuts) {
        for (let i = start; i < end; i++) {
          const gid = font.subset.includeGlyph(ids[i]!);
          hex += hex4(gid);
          if (font.widths[gid] == null) font.widths[gid] = widths[i]!;
          if (font.unicode[gid] == null) font.unicode[gid] = codePoints[i]!;
        }
        commands.push(`<${hex}> ${adjustment}`);
        hex = '';
        start = end;
      }
      this.addContent(`[${commands.join(' ')}] TJ`);
    }
    this.addContent('ET');
    this.addContent('Q');
  };
}
