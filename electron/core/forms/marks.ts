// Verification marks drawn as vectors. bwip-js and qrcode do the encoding; we draw the bars and
// modules as filled rectangles instead of embedding their PNGs, because vectors stay sharp on any
// printer and at any zoom (a scaled bitmap gets smoothed into grey edges that scanners dislike),
// cost no image decode, and are trivially byte-for-byte reproducible.
import bwipjs from 'bwip-js/node';
import QRCode, { type QRCodeSegment } from 'qrcode';

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
  // eight masks; and with the segments qrcode would have chosen (qrSegments below), computed
  // without its search through a graph of objects. (One byte-mode segment would be cheaper still
  // but makes a symbol one size larger for some of the forms' payloads.)
  const qr = QRCode.create(qrSegments(payload), { errorCorrectionLevel: 'M', maskPattern: 0 });
  const { size, data } = qr.modules;
  const reserved = (qr.modules as unknown as { reservedBit?: Uint8Array }).reservedBit;
  if (!(reserved instanceof Uint8Array) || reserved.length !== data.length) {
    throw new Error('qrcode ya no expone los módulos reservados (BitMatrix.reservedBit): revise electron/core/forms/marks.ts qrMatrix tras actualizar qrcode.');
  }
  const modules = withBestMask(size, data, reserved);
  return { size, dark: (row, col) => modules[row * size + col] === 1 };
}

// The segments qrcode 1.5.4 chooses for a text at level M (node_modules/qrcode/lib/core/
// segments.js fromString, as lib/core/qrcode.js createSymbol calls it), on arrays: it was 40 % of
// encoding a form's QR and a quarter of all the memory a set of forms allocates (a graph of
// string-keyed objects and a queue re-sorted on every push). The text is cut into runs of digits,
// of the other alphanumeric characters and of the rest; each run may be written in its own mode
// or a wider one; qrcode's graph prices each choice (with its quirk: a node's running count is
// shared by the edges to all the choices of the next run) and its Dijkstra keeps the first
// cheapest predecessor, popping equal costs in the order they were pushed. The same prices, the
// same order and the same tie-break are kept here, so the path is the same; test/unit/forms/
// qr-mask.test.ts compares the symbols with qrcode's own over thousands of texts.
type SegmentMode = 0 | 1 | 2; // numeric, alphanumeric, byte
const MODE_NAMES = ['numeric', 'alphanumeric', 'byte'] as const;
/** Character count indicator bits per mode, for versions 1–9, 10–26 and 27–40. */
const COUNT_BITS = [[10, 12, 14], [9, 11, 13], [8, 16, 16]] as const;
/** Data bits of level M at versions 9 and 26: where the estimated version changes class. */
const M_BITS_V9 = 1456;
const M_BITS_V26 = 8496;

function dataBits(mode: SegmentMode, length: number): number {
  if (mode === 0) return 10 * Math.floor(length / 3) + (length % 3 ? (length % 3) * 3 + 1 : 0);
  if (mode === 1) return 11 * Math.floor(length / 2) + 6 * (length % 2);
  return length * 8;
}

function charMode(code: number): SegmentMode {
  if (code >= 48 && code <= 57) return 0;
  // A-Z, space, $ % * + - . / :
  if ((code >= 65 && code <= 90) || code === 32 || code === 36 || code === 37 || code === 42 || code === 43 || code === 45 || code === 46 || code === 47 || code === 58) return 1;
  return 2;
}

interface Run {
  mode: SegmentMode;
  text: string;
  /** Characters, or UTF-8 bytes for a byte run. */
  length: number;
}

export function qrSegments(text: string): QRCodeSegment[] | string {
  // Surrogates: qrcode measures bytes with encodeURIComponent, which rejects a lone one; let it.
  if (text === '' || /[\uD800-\uDFFF]/.test(text)) return text;
  const runs: Run[] = [];
  for (let start = 0, i = 1; i <= text.length; i++) {
    const mode = charMode(text.charCodeAt(start));
    if (i < text.length && charMode(text.charCodeAt(i)) === mode) continue;
    const part = text.slice(start, i);
    runs.push({ mode, text: part, length: mode === 2 ? Buffer.byteLength(part, 'utf8') : part.length });
    start = i;
  }
  if (runs.length === 1) return [segment(runs[0]!.mode, text)]; // its own mode is always the cheapest
  // The version qrcode estimates from the runs as they are; only its class matters (count bits).
  const rawBits = (cls: number) => runs.reduce((sum, r) => sum + 4 + COUNT_BITS[r.mode][cls]! + dataBits(r.mode, r.length), 0);
  const cls = rawBits(0) <= M_BITS_V9 ? 0 : rawBits(1) <= M_BITS_V26 ? 1 : 2;

  // Nodes: 0 is the start, then each run's choices (its mode, then the wider ones), then the end.
  const nodeMode: SegmentMode[] = [0];
  const nodeRun: number[] = [-1];
  const layers: number[][] = [];
  runs.forEach((run, r) => {
    const layer: number[] = [];
    for (let m = run.mode; m <= 2; m++) {
      layer.push(nodeMode.length);
      nodeMode.push(m as SegmentMode);
      nodeRun.push(r);
    }
    layers.push(layer);
  });
  const end = nodeMode.length;
  const edges: Array<Array<[number, number]>> = Array.from({ length: end + 1 }, () => []);
  const lastCount = new Array<number>(end).fill(0);
  let previous = [0];
  layers.forEach((layer) => {
    for (const node of layer) {
      const mode = nodeMode[node]!;
      const length = runs[nodeRun[node]!]!.length; // as a byte choice too: a digit or letter is one byte
      for (const from of previous) {
        let cost: number;
        if (from !== 0 && nodeMode[from] === mode) {
          cost = dataBits(mode, lastCount[from]! + length) - dataBits(mode, lastCount[from]!);
          lastCount[from]! += length;
        } else {
          if (from !== 0) lastCount[from] = length;
          cost = dataBits(mode, length) + 4 + COUNT_BITS[mode][cls]!;
        }
        edges[from]!.push([node, cost]);
      }
    }
    previous = layer;
  });
  for (const from of previous) edges[from]!.push([end, 0]);

  // Dijkstra as dijkstrajs runs it: pop the lowest cost, the earliest pushed among equals.
  const cost = new Array<number | undefined>(end + 1);
  const predecessor = new Int32Array(end + 1).fill(-1);
  const heap: Array<[number, number, number]> = []; // [cost, push order, node]
  let pushes = 0;
  const less = (a: [number, number, number], b: [number, number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const push = (item: [number, number, number]) => {
    let i = heap.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const pop = (): [number, number, number] => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let least = i;
        if (l < heap.length && less(heap[l]!, heap[least]!)) least = l;
        if (r < heap.length && less(heap[r]!, heap[least]!)) least = r;
        if (least === i) break;
        [heap[i], heap[least]] = [heap[least]!, heap[i]!];
        i = least;
      }
    }
    return top;
  };
  cost[0] = 0;
  push([0, pushes++, 0]);
  while (heap.length > 0) {
    const [at, , u] = pop();
    for (const [v, edge] of edges[u]!) {
      const known = cost[v];
      if (known === undefined || known > at + edge) {
        cost[v] = at + edge;
        push([at + edge, pushes++, v]);
        predecessor[v] = u;
      }
    }
  }
  const path: number[] = [];
  for (let node = predecessor[end]!; node > 0; node = predecessor[node]!) path.push(node);
  path.reverse();

  // Consecutive choices of the same mode become one segment.
  const segments: QRCodeSegment[] = [];
  let mode = nodeMode[path[0]!]!;
  let data = '';
  for (const node of path) {
    if (nodeMode[node] !== mode) {
      segments.push(segment(mode, data));
      mode = nodeMode[node]!;
      data = '';
    }
    data += runs[nodeRun[node]!]!.text;
  }
  segments.push(segment(mode, data));
  return segments;
}

function segment(mode: SegmentMode, data: string): QRCodeSegment {
  return mode === 2 ? { mode: 'byte', data: Buffer.from(data, 'utf8') } : { mode: MODE_NAMES[mode] as 'numeric' | 'alphanumeric', data };
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
