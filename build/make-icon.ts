// npx tsx build/make-icon.ts: draws build/icon.png (512×512), the app icon electron-builder
// turns into the Windows .ico and the Linux icon set, and build/favicon.png (64×64, the same
// drawing averaged down), the page's icon (renderer/index.html): the browser decodes the page's
// icon on the page's own thread at every load, ~5 ms for the 512-pixel one. Drawn here rather than downloaded: a
// rounded IESS-blue square with a white window (the counter) and a green check (the key
// delivered). Re-run only to change the design; the PNG is committed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const SIZE = 512;
export const ICON_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
export const FAVICON_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'favicon.png');
const FAVICON_SIZE = 64;

type Rgba = [number, number, number, number];
const BLUE: Rgba = [0, 75, 147, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const GREEN: Rgba = [46, 160, 67, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

function insideRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function nearSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number, half: number): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - (ax + t * dx)) ** 2 + (y - (ay + t * dy)) ** 2 <= half * half;
}

export function drawIcon(): PNG {
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let c = CLEAR;
      if (insideRoundedRect(x, y, 16, 16, SIZE - 17, SIZE - 17, 96)) c = BLUE;
      // The counter window: a white frame with a bar on top.
      if (insideRoundedRect(x, y, 96, 120, 416, 392, 28) && !insideRoundedRect(x, y, 124, 188, 388, 364, 12)) c = WHITE;
      if (nearSegment(x, y, 178, 282, 238, 336, 22) || nearSegment(x, y, 238, 336, 346, 214, 22)) c = GREEN;
      png.data.set(c, (y * SIZE + x) * 4);
    }
  }
  return png;
}

/** The icon averaged down by whole blocks of pixels (premultiplied, so clear edges do not darken). */
export function shrink(icon: PNG, size: number): PNG {
  const k = icon.width / size;
  const out = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let dy = 0; dy < k; dy++) {
        for (let dx = 0; dx < k; dx++) {
          const i = ((y * k + dy) * icon.width + x * k + dx) * 4;
          const alpha = icon.data[i + 3]!;
          r += icon.data[i]! * alpha;
          g += icon.data[i + 1]! * alpha;
          b += icon.data[i + 2]! * alpha;
          a += alpha;
        }
      }
      const o = (y * size + x) * 4;
      out.data.set(a === 0 ? [0, 0, 0, 0] : [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round(a / (k * k))], o);
    }
  }
  return out;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  const icon = drawIcon();
  fs.writeFileSync(ICON_PATH, PNG.sync.write(icon));
  fs.writeFileSync(FAVICON_PATH, PNG.sync.write(shrink(icon, FAVICON_SIZE)));
  console.log(`Iconos escritos en ${path.relative(process.cwd(), ICON_PATH)} y ${path.relative(process.cwd(), FAVICON_PATH)}.`);
}
