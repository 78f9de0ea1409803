// Our two faces inside a pdfkit document, with the text measurement shared between documents.
//
// pdfkit lays text out word by word and keeps the (scaled) runs in a cache that dies with each
// document, so every PDF re-shapes and re-scales the same template words; its layout() also
// allocates an array per character and re-concatenates the glyph arrays per word. Measuring and
// wrapping text was a third of the render time. Here the two fonts are opened once per document
// and given (a) one run cache per face that outlives the document and (b) a layout() that
// returns what pdfkit's returns, summed in the same order, without the waste.
//
// Output is unchanged: a run is a pure function of the face and the text, and pdfkit only reads
// cached runs (its justification copies the one position it changes). These are pdfkit
// internals: pdfkit and fontkit are pinned to exact versions in package.json, and an upgrade
// that renames them fails here, loudly, at the first print and in test/unit/forms/pinned.test.ts,
// instead of quietly making every print slower.
import type { Font, Glyph } from 'fontkit';
import type { FontFaces } from './fonts';

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface Run {
  glyphs: Glyph[];
  positions: Position[];
  advanceWidth: number;
}

/** The part of pdfkit's EmbeddedFont (pdfkit 0.20) these overrides rely on. */
interface EmbeddedFont {
  font: Font;
  layoutCache?: unknown;
  layoutRun(text: string, features?: unknown): Run;
  layoutCached(text: string): Run;
  layout(text: string, features?: unknown, onlyWidth?: boolean): { glyphs: Glyph[] | null; positions: Position[] | null; advanceWidth: number };
}

const RUN_LIMIT = 20_000;
const runsByFace = new WeakMap<Font, Map<string, Run>>();

function sharedRuns(face: Font): Map<string, Run> {
  let runs = runsByFace.get(face);
  if (!runs) runsByFace.set(face, (runs = new Map()));
  return runs;
}

export class PdfkitInternalsChanged extends Error {}

function share(font: EmbeddedFont, face: Font): void {
  if (font.font !== face || typeof font.layoutRun !== 'function' || typeof font.layoutCached !== 'function' || !font.layoutCache) {
    throw new PdfkitInternalsChanged(
      'pdfkit changed the EmbeddedFont internals electron/core/forms/pdffonts.ts relies on (font, layoutRun, layoutCached, layoutCache): adapt that file to the new pdfkit or go back to the pinned version.',
    );
  }
  const runs = sharedRuns(face);
  font.layoutCached = function layoutCached(text: string): Run {
    let run = runs.get(text);
    if (!run) {
      const fresh = this.layoutRun(text);
      // advanceWidth is a getter summing the (scaled) positions: sum it once.
      run = { glyphs: fresh.glyphs, positions: fresh.positions, advanceWidth: fresh.advanceWidth };
      if (runs.size >= RUN_LIMIT) runs.clear();
      runs.set(text, run);
    }
    return run;
  };
  font.layout = function layout(text: string, features?: unknown, onlyWidth?: boolean) {
    if (features) return this.layoutRun(text, features);
    const glyphs: Glyph[] | null = onlyWidth ? null : [];
    const positions: Position[] | null = onlyWidth ? null : [];
    let advanceWidth = 0;
    let last = 0;
    let index = 0;
    const end = text.length;
    // Words end after a space or a tab, as in pdfkit: "a b" is laid out as "a " and "b".
    while (index <= end) {
      const code = index < end ? text.charCodeAt(index) : -1;
      if ((index === end && last < index) || code === 32 || code === 9) {
        const run = this.layoutCached(text.slice(last, ++index));
        if (glyphs && positions) {
          for (const glyph of run.glyphs) glyphs.push(glyph);
          for (const position of run.positions) positions.push(position);
        }
        advanceWidth += run.advanceWidth;
        last = index;
      } else {
        index++;
      }
    }
    return { glyphs, positions, advanceWidth };
  };
}

/**
 * Registers the faces under their names and opens them, bold first (the order the first header
 * uses them, which fixes their resource names F1 and F2), with the shared measurement.
 */
export function openFaces(doc: PDFKit.PDFDocument, faces: FontFaces, names: { regular: string; bold: string }): void {
  // @types/pdfkit does not list fontkit faces as a source; pdfkit accepts any object with layout().
  doc.registerFont(names.regular, faces.regular as unknown as Buffer);
  doc.registerFont(names.bold, faces.bold as unknown as Buffer);
  for (const [name, face] of [[names.bold, faces.bold], [names.regular, faces.regular]] as const) {
    doc.font(name);
    share((doc as unknown as { _font: EmbeddedFont })._font, face);
  }
}

/** What pdfkit 0.20 keeps of the text being drawn: the face, the size and the fill colour. */
interface TextState {
  _font: object | null;
  _fontSize: number;
  _fillColor?: [PDFKit.Mixins.ColorValue, number?];
}

/**
 * Captures the document's face, size and fill colour and returns what puts them back. For
 * drawing something in between, e.g. on a page pdfkit adds itself in the middle of a paragraph,
 * whose remaining lines pdfkit then lays out and prints in whatever face and size are current.
 * The face is put back as the same embedded font object (doc.font() could only reopen it by its
 * registered name, which pdfkit does not keep).
 */
export function keepTextState(pdf: PDFKit.PDFDocument): () => void {
  const doc = pdf as unknown as TextState;
  const { _font: font, _fontSize: size, _fillColor: fill } = doc;
  if (typeof font !== 'object' || font === null || typeof size !== 'number') {
    throw new PdfkitInternalsChanged('pdfkit changed the text state electron/core/forms/pdffonts.ts keeps (_font, _fontSize): adapt that file to the new pdfkit or go back to the pinned version.');
  }
  return () => {
    doc._font = font;
    pdf.fontSize(size);
    pdf.fillColor(...(fill ?? ['black'])); // pdfkit's (and PDF's) initial fill colour
  };
}
