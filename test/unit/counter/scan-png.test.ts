// The PNG check (electron/core/counter/attachments/content.ts) no longer decodes the pixels with
// pngjs: it checks the chunks, inflates the image data with zlib and reads each row's filter.
// These PNGs are built by hand with correct CRCs, so only that deeper reading can refuse the
// damaged ones; and every verdict is compared with a full decode by pngjs, which must agree.
import zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { inspectScan, refusalMessage } from '../../../electron/core/counter/attachments/content';

const chunk = (type: string, body: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
};

const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];

interface Spec {
  width?: number;
  height?: number;
  depth?: number;
  colorType?: number;
  interlace?: number;
  /** Filter byte of every row (default: each of 0–4 in turn). */
  filter?: (row: number) => number;
  /** Changes the uncompressed rows before compression. */
  rows?: (raw: Buffer) => Buffer;
  /** Changes the compressed stream. */
  stream?: (z: Buffer) => Buffer;
  before?: Buffer[];
  palette?: number;
}

function png(s: Spec = {}): Buffer {
  const { width = 13, height = 11, depth = 8, colorType = 2, interlace = 0 } = s;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([depth, colorType, 0, 0, interlace], 8);
  const bits = SAMPLES[colorType]! * depth;
  const passes = interlace ? ADAM7.map(([x0, y0, dx, dy]) => [Math.ceil((width - x0!) / dx!), Math.ceil((height - y0!) / dy!)] as const).filter(([w, h]) => w > 0 && h > 0) : [[width, height] as const];
  const rows: Buffer[] = [];
  let n = 0;
  for (const [w, h] of passes) {
    for (let y = 0; y < h; y++, n++) {
      const row = Buffer.alloc(1 + Math.ceil((w * bits) / 8), (n * 37) & (colorType === 3 ? 0 : 0xff));
      row[0] = s.filter ? s.filter(n) : n % 5;
      rows.push(row);
    }
  }
  const raw = s.rows ? s.rows(Buffer.concat(rows)) : Buffer.concat(rows);
  const z = s.stream ? s.stream(zlib.deflateSync(raw)) : zlib.deflateSync(raw);
  const plte = colorType === 3 && s.palette !== 0 ? [chunk('PLTE', Buffer.alloc(3 * (s.palette ?? 4), 0x80))] : [];
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), ...(s.before ?? []), ...plte, chunk('IDAT', z), chunk('IEND', Buffer.alloc(0))]);
}

const pngjsTakes = (data: Buffer) => {
  try {
    const p = PNG.sync.read(data);
    return p.width > 0 && p.height > 0;
  } catch {
    return false;
  }
};

const good: [string, Spec][] = [
  ['RGB, 8 bits', {}],
  ['RGBA, 16 bits', { colorType: 6, depth: 16 }],
  ['grey, 1 bit, width not a multiple of 8', { colorType: 0, depth: 1, width: 21 }],
  ['grey with alpha', { colorType: 4 }],
  ['interlaced RGB (Adam7)', { interlace: 1 }],
  ['interlaced, smaller than one Adam7 block', { interlace: 1, width: 3, height: 2 }],
  ['palette', { colorType: 3, depth: 4 }],
  ['with an ancillary chunk of its own', { before: [chunk('teXt', Buffer.from('Comment\0escaneo'))] }],
];

const bad: [string, Spec][] = [
  ['a row with an unknown filter type', { filter: (r) => (r === 5 ? 7 : 0) }],
  ['image data cut short (the zlib stream ends early)', { stream: (z) => z.subarray(0, z.length - 9) }],
  ['a zlib checksum that does not match', { stream: (z) => Buffer.concat([z.subarray(0, -1), Buffer.from([z.at(-1)! ^ 0xff])]) }],
  ['fewer rows than the header says', { rows: (raw) => raw.subarray(0, raw.length - 40) }],
  ['interlaced, fewer rows than the passes need', { interlace: 1, rows: (raw) => raw.subarray(0, raw.length - 10) }],
  ['an unknown critical chunk', { before: [chunk('ZZZZ', Buffer.from('x'))] }],
  ['a palette image without its palette', { colorType: 3, palette: 0 }],
  ['a bit depth its colour type does not have', { colorType: 2, depth: 3 }],
];

describe('PNG scans: the chunks and the image data read through, as a full decode would', () => {
  it.each(good)('takes %s, as pngjs does', async (_what, spec) => {
    const data = png(spec);
    expect(pngjsTakes(data)).toBe(true);
    expect(await inspectScan(data)).toEqual({ ok: true, mime: 'image/png' });
  });

  it.each(bad)('refuses %s, with its Spanish message', async (_what, spec) => {
    const data = png(spec);
    const v = await inspectScan(data);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(refusalMessage(v)).toMatch(/^El archivo empieza como un PNG, pero no lo es \((su contenido está dañado)\)/);
  });

  it('refuses what pngjs refuses among those, and a damaged palette image through pngjs itself', async () => {
    // pngjs stops inflating once it has the rows, so it may never read a stream's missing end or
    // its checksum: those two are refused here whatever pngjs says of them.
    const stricter = new Set(['image data cut short (the zlib stream ends early)', 'a zlib checksum that does not match']);
    for (const [what, spec] of bad.filter(([w]) => !stricter.has(w))) expect([what, pngjsTakes(png(spec))]).toEqual([what, false]);
    // A pixel naming the 200th colour of a 4-colour palette: only decoding the pixels finds it.
    const outOfPalette = png({ colorType: 3, depth: 8, rows: (raw) => Buffer.from(raw.map((b, i) => (i % 14 === 0 ? 0 : 200))) });
    expect(pngjsTakes(outOfPalette)).toBe(false);
    expect(await inspectScan(outOfPalette)).toMatchObject({ ok: false, reason: 'su contenido está dañado' });
  });

  it('refuses an image that inflates to far more than its header says (a zlib bomb), as pngjs does', async () => {
    const data = png({ rows: (raw) => Buffer.concat([raw, Buffer.alloc(1 << 20)]) });
    expect(pngjsTakes(data)).toBe(false);
    expect(await inspectScan(data)).toMatchObject({ ok: false, reason: 'su contenido está dañado' });
  });
});
