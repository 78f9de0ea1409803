// Reads real PDFs back with the tools a person would use: poppler (pdftotext, pdftoppm) and zbar.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function scratchDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function withPdf<T>(pdf: Buffer | string, fn: (file: string, dir: string) => T): T {
  const dir = scratchDir('vp-forms-pdf-');
  try {
    const file = typeof pdf === 'string' ? pdf : path.join(dir, 'form.pdf');
    if (typeof pdf !== 'string') fs.writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** pdftotext output, whitespace collapsed so a value that wraps still matches as one string. */
/**
 * The PDF's text, whitespace folded. `raw`: in the order it was drawn (pdftotext -raw), so a
 * table's header cell wrapped over lines reads whole instead of interleaved with its neighbours'.
 */
export function pdfText(pdf: Buffer | string, opts: { raw?: boolean } = {}): string {
  return withPdf(pdf, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', ...(opts.raw ? ['-raw'] : []), file, '-'], { encoding: 'utf8' })).replace(/\s+/g, ' ');
}

export interface TextLine {
  /** Top of the line's box, points from the top of the page. */
  top: number;
  /** Height of the line's box, to 0.01 pt: it follows the font size of its words. */
  height: number;
  text: string;
}

/** Each page's text lines with their boxes (pdftotext -bbox-layout), in reading order. */
export function pdfLines(pdf: Buffer | string): TextLine[][] {
  const xhtml = withPdf(pdf, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox-layout', file, '-'], { encoding: 'utf8' }));
  return xhtml.split('<page ').slice(1).map((page) =>
    [...page.matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map((m) => ({
      top: Number(m[1]),
      height: Math.round((Number(m[2]) - Number(m[1])) * 100) / 100,
      text: [...m[3]!.matchAll(/>([^<]*)<\/word>/g)].map((w) => decodeEntities(w[1]!)).join(' '),
    })),
  );
}

const decodeEntities = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** pdfinfo's fields (dates in ISO 8601, UTC as written in the file). */
export function pdfInfo(pdf: Buffer | string): Record<string, string> {
  const out = withPdf(pdf, (file) => execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }));
  return Object.fromEntries(out.split('\n').map((l) => /^([^:]+):\s*(.*)$/.exec(l)).filter((m) => m !== null).map((m) => [m[1]!, m[2]!]));
}

export function pageCount(pdf: Buffer | string): number {
  return Number(pdfInfo(pdf).Pages);
}

/** PNG bytes of every page, grayscale, at `dpi`. */
export function renderPages(pdf: Buffer | string, dpi: number): Buffer[] {
  return withPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', file, path.join(dir, 'page')]);
    return fs.readdirSync(dir)
      .filter((f) => f.startsWith('page') && f.endsWith('.png'))
      .sort()
      .map((f) => fs.readFileSync(path.join(dir, f)));
  });
}

/** Every symbol zbarimg finds on the page, as "TYPE:data" lines. */
export function decodeSymbols(png: Buffer): string[] {
  const dir = scratchDir('vp-forms-zbar-');
  try {
    const file = path.join(dir, 'page.png');
    fs.writeFileSync(file, png);
    const out = execFileSync('zbarimg', ['-q', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n').map((l) => l.trim()).filter(Boolean);
  } catch (err) {
    // zbarimg exits 4 when it finds nothing: that is an empty answer, not a crash.
    if ((err as { status?: number }).status === 4) return [];
    throw err;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** pdffonts rows: name, type, whether embedded. */
export function pdfFonts(pdf: Buffer | string): { name: string; embedded: boolean; unicode: boolean }[] {
  const out = withPdf(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out.split('\n').slice(2).filter((l) => l.trim() !== '').map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: the flags are the 5th-, 4th- and 3rd-last columns.
    return { name: cols[0] ?? '', embedded: cols.at(-5) === 'yes', unicode: cols.at(-3) === 'yes' };
  });
}
