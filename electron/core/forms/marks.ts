// Verification marks drawn as vectors. bwip-js and qrcode do the encoding; we draw the bars and
// modules as filled rectangles instead of embedding their PNGs, because vectors stay sharp on any
// printer and at any zoom (a scaled bitmap gets smoothed into grey edges that scanners dislike),
// cost no image decode, and are trivially byte-for-byte reproducible.
import bwipjs from 'bwip-js/node';
import QRCode from 'qrcode';

export interface LinearCode {
  /** Widths in modules, alternating bar, space, bar … starting with a bar. */
  widths: number[];
  modules: number;
}

export function code128(text: string): LinearCode {
  const [symbol] = bwipjs.raw('code128', text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error(`No se pudo codificar «${text}» en Code 128.`);
  const widths = symbol.sbs;
  return { widths, modules: widths.reduce((a, b) => a + b, 0) };
}

export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(payload: string): QrMatrix {
  // Level M: survives a fold or a stamp over ~15 % of the symbol and keeps it small enough.
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  return { size, dark: (row, col) => data[row * size + col] === 1 };
}

/** Minimal drawing surface, so the marks don't depend on pdfkit's types. */
export interface RectSink {
  rect(x: number, y: number, w: number, h: number): unknown;
}

/** Adds the bars as rectangles to the current path; the caller fills once (no seams). */
export function drawCode128(sink: RectSink, code: LinearCode, x: number, y: number, moduleWidth: number, height: number): number {
  let cursor = x;
  code.widths.forEach((w, i) => {
    if (i % 2 === 0) sink.rect(cursor, y, w * moduleWidth, height);
    cursor += w * moduleWidth;
  });
  return cursor - x;
}

/** Adds the dark modules, merged into horizontal runs, to the current path. */
export function drawQr(sink: RectSink, qr: QrMatrix, x: number, y: number, moduleSize: number): void {
  for (let row = 0; row < qr.size; row++) {
    let col = 0;
    while (col < qr.size) {
      if (!qr.dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < qr.size && qr.dark(row, col)) col++;
      sink.rect(x + start * moduleSize, y + row * moduleSize, (col - start) * moduleSize, moduleSize);
    }
  }
}

/**
 * The dark modules as PDF path operators in module units ("x y w h re" per run, one per line),
 * for a caller that scales to the module size: one string instead of ~500 drawing calls.
 */
export function qrPathOperators(qr: QrMatrix): string {
  const ops: string[] = [];
  drawQr({ rect: (x, y, w, h) => ops.push(`${x} ${y} ${w} ${h} re`) }, qr, 0, 0, 1);
  return ops.join('\n');
}
