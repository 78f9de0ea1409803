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
  // Encoded with a fixed mask, then the mask qrcode would have chosen is applied here
  // (withBestMask below): qrcode's own symbol, module for module, without its slow search of the
  // eight masks. (One byte-mode segment would also skip its search for the shortest mix of modes,
  // another third of the time, but makes a symbol one size larger for some of the forms' payloads.)
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M', maskPattern: 0 });
  const { size, data } = qr.modules;
  const reserved = (qr.modules as unknown as { reservedBit?: Uint8Array }).reservedBit;
  if (!(reserved instanceof Uint8Array) || reserved.length !== data.length) {
    throw new Error('qrcode ya no expone los módulos reservados (BitMatrix.reservedBit): revise electron/core/forms/marks.ts qrMatrix tras actualizar qrcode.');
  }
  const modules = withBestMask(size, data, reserved);
  return { size, dark: (row, col) => modules[row * size + col] === 1 };
}

// The mask choice of qrcode 1.5.4 (node_modules/qrcode/lib/core/mask-pattern.js getBestMask and
// lib/core/qrcode.js setupFormatInfo), on typed arrays: it scored each of the eight masks through
// BitMatrix method calls, about two thirds of encoding a form's QR (three per set of forms).
// Same scores, same order, same tie-break (the first lowest); test/unit/forms/qr-mask.test.ts
// compares the symbols with qrcode's own over thousands of payloads.
const MASKS: ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

/** Level M's 15 format bits for a mask: BCH(15,5) with its fixed XOR (ISO/IEC 18004 §7.9). */
function formatBits(mask: number): number {
  const G15 = 0b10100110111;
  const data = (0b00 << 3) | mask; // level M is 00
  let rem = data << 10;
  for (let bit = 14; bit >= 10; bit--) if ((rem >> bit) & 1) rem ^= G15 << (bit - 10);
  return ((data << 10) | rem) ^ 0b101010000010010;
}

function placeFormat(m: Uint8Array, size: number, mask: number): void {
  const bits = formatBits(mask);
  for (let i = 0; i < 15; i++) {
    const mod = (bits >> i) & 1;
    if (i < 6) m[i * size + 8] = mod;
    else if (i < 8) m[(i + 1) * size + 8] = mod;
    else m[(size - 15 + i) * size + 8] = mod;
    if (i < 8) m[8 * size + (size - i - 1)] = mod;
    else if (i < 9) m[8 * size + (15 - i - 1 + 1)] = mod;
    else m[8 * size + (15 - i - 1)] = mod;
  }
  m[(size - 8) * size + 8] = 1;
}

/**
 * qrcode's penalty of a masked symbol (N1 runs, N2 2×2 blocks, N3 finder-like patterns, N4 dark
 * share), or any number ≥ `bound` as soon as the sum reaches it: every part is ≥ 0 and only a
 * score below the lowest so far can win.
 */
function penalty(m: Uint8Array, size: number, bound: number): number {
  let dark = 0;
  for (let i = 0; i < m.length; i++) dark += m[i]!;
  let score = Math.abs(Math.ceil((dark * 100) / m.length / 5) - 10) * 10;
  for (let r = 0; r < size - 1 && score < bound; r++) {
    for (let c = 0; c < size - 1; c++) {
      const i = r * size + c;
      const sum = m[i]! + m[i + 1]! + m[i + size]! + m[i + size + 1]!;
      if (sum === 4 || sum === 0) score += 3;
    }
  }
  // Each row (start r·size, step 1), then each column (start c, step size).
  for (let k = 0; k < size && score < bound; k++) score += linePenalty(m, k * size, 1, size);
  for (let k = 0; k < size && score < bound; k++) score += linePenalty(m, k, size, size);
  return score;
}

/** N1 (runs of five or more) and N3 (1:1:3:1:1 with four light modules) along one line. */
function linePenalty(m: Uint8Array, start: number, step: number, size: number): number {
  let score = 0;
  let last = -1;
  let run = 0;
  let bits = 0;
  for (let k = 0; k < size; k++) {
    const v = m[start + k * step]!;
    if (v === last) run++;
    else {
      if (run >= 5) score += run - 2;
      last = v;
      run = 1;
    }
    bits = ((bits << 1) & 0x7ff) | v;
    if (k >= 10 && (bits === 0x5d0 || bits === 0x05d)) score += 40;
  }
  if (run >= 5) score += run - 2;
  return score;
}

/** Per symbol size: the data modules' positions and, for each mask, which of them it flips. */
interface MaskPlan {
  free: Int32Array;
  flips: Uint8Array[];
}
const maskPlans = new Map<number, MaskPlan>();

function maskPlan(size: number, reserved: Uint8Array): MaskPlan {
  // The reserved modules (finders, timing, alignment, format and version areas) depend on the
  // version only, which the size names.
  const known = maskPlans.get(size);
  if (known) return known;
  const positions: number[] = [];
  for (let i = 0; i < size * size; i++) if (!reserved[i]) positions.push(i);
  const free = Int32Array.from(positions);
  const flips = MASKS.map((at) => Uint8Array.from(positions, (i) => (at(Math.floor(i / size), i % size) ? 1 : 0)));
  const plan = { free, flips };
  maskPlans.set(size, plan);
  return plan;
}

/** The symbol with the mask of lowest penalty, from one encoded with mask 0. */
function withBestMask(size: number, encoded: Uint8Array, reserved: Uint8Array): Uint8Array {
  const { free, flips } = maskPlan(size, reserved);
  const masked = (mask: number, into: Uint8Array) => {
    into.set(encoded);
    // Mask 0 taken off and this one put on, in one pass.
    const off = flips[0]!;
    const on = flips[mask]!;
    for (let k = 0; k < free.length; k++) into[free[k]!] = into[free[k]!]! ^ off[k]! ^ on[k]!;
    placeFormat(into, size, mask);
    return into;
  };
  const work = new Uint8Array(encoded.length);
  let best = 0;
  let lowest = Infinity;
  for (let mask = 0; mask < flips.length; mask++) {
    const score = penalty(masked(mask, work), size, lowest);
    if (score < lowest) {
      lowest = score;
      best = mask;
    }
  }
  return masked(best, work);
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
