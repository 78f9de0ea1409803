// electron/core/forms/subset.ts, pdffonts.ts, pdftext.ts, pdfcontent.ts and pdfoutput.ts speed up printing by
// reaching into fontkit and pdfkit internals (a copied TrueType subset, shared text measurement,
// replayed text lines, batched page content, the file gathered whole), and marks.ts qrMatrix into qrcode's (the reserved
// modules, and its way of scoring masks). Those are not public
// APIs: both packages are pinned to exact versions, and this test fails loudly — naming the file
// to adapt — when an upgrade moves or renames what they use, instead of a silent fallback.
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../../electron/core/forms/fonts';
import { batchPageContent } from '../../../electron/core/forms/pdfcontent';
import { collectOutput } from '../../../electron/core/forms/pdfoutput';
import { keepTextState, openFaces } from '../../../electron/core/forms/pdffonts';
import { replayLines } from '../../../electron/core/forms/pdftext';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string; dependencies: Record<string, string> };

describe('pdfkit, fontkit and qrcode, whose internals the forms use', () => {
  it('are pinned to exact versions, and those are the ones installed', () => {
    const pkg = readJson(path.join(ROOT, 'package.json'));
    for (const name of ['pdfkit', 'fontkit', 'qrcode']) {
      const declared = pkg.dependencies[name]!;
      expect(declared, `${name} must be pinned to an exact version (subset.ts, pdffonts.ts, pdftext.ts, pdfcontent.ts, marks.ts use its internals)`).toMatch(/^\d+\.\d+\.\d+$/);
      expect(readJson(path.join(ROOT, 'node_modules', name, 'package.json')).version, `installed ${name}`).toBe(declared);
    }
  });

  it('still have the fontkit internals subset.ts copies from', () => {
    const face = Object.getPrototypeOf(loadFonts().regular) as Record<string, unknown> & { getGlyph(id: number): Record<string, unknown> };
    expect(face.directory, 'fontkit Font.directory').toHaveProperty('tables.glyf');
    expect(face.stream, 'fontkit Font.stream').toHaveProperty('buffer');
    expect(face.loca, 'fontkit Font.loca').toHaveProperty('offsets');
    const glyph = face.getGlyph(36);
    expect(typeof glyph._decode, 'fontkit Glyph._decode').toBe('function');
    expect(typeof glyph._getMetrics, 'fontkit Glyph._getMetrics').toBe('function');
  });

  it('still have the pdfkit internals pdffonts.ts shares and keeps: opening the faces and keeping the text state do not throw', () => {
    const doc = new PDFDocument({ size: 'A4' });
    expect(() => openFaces(doc, loadFonts(), { regular: 'r', bold: 'b' })).not.toThrow();
    const font = (doc as unknown as { _font: Record<string, unknown> })._font;
    expect(typeof font.layoutRun, 'pdfkit EmbeddedFont.layoutRun').toBe('function');
    expect(font.layoutCache, 'pdfkit EmbeddedFont.layoutCache').toBeTruthy();
    expect(() => keepTextState(doc)).not.toThrow();
    doc.end();
  });

  it('still have the pdfkit internals pdftext.ts and pdfcontent.ts replace: hooking a document does not throw', () => {
    const doc = new PDFDocument({ size: 'A4' });
    expect(() => replayLines(doc)).not.toThrow();
    expect(() => batchPageContent(doc)).not.toThrow();
    doc.end();
  });

  it('still have the pdfkit internals pdfoutput.ts gathers the file through: collecting a document does not throw', () => {
    const doc = new PDFDocument({ size: 'A4' });
    expect(() => collectOutput(doc)).not.toThrow();
    doc.end();
  });
});
