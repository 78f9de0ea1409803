// The embedded font. Shipped in build/fonts (DejaVu Sans, licence beside it) because the forms
// must look and extract the same on every clerk's machine, and Windows/macOS have no DejaVu.
// The directory is a parameter: the packaged app passes `<resourcesPath>/fonts`. The default
// never uses import.meta.url, which is empty once the main process is bundled to CommonJS.
import fs from 'node:fs';
import path from 'node:path';
import { create, type Font } from 'fontkit';
import { subsetterFor } from './subset';

export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/** Parsed faces, shared by every document: pdfkit takes a fontkit Font as a font source. */
export interface FontFaces {
  regular: Font;
  bold: Font;
}

function candidateDirs(): string[] {
  const dirs: string[] = [];
  if (process.env.VP_FONTS_DIR) dirs.push(process.env.VP_FONTS_DIR);
  dirs.push(path.resolve(process.cwd(), 'build', 'fonts'));
  // Electron sets process.resourcesPath; electron-builder copies build/fonts there as real files.
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) dirs.push(path.join(resources, 'fonts'));
  return dirs;
}

/** The first directory that holds the fonts: $VP_FONTS_DIR, ./build/fonts, <resources>/fonts. */
export function defaultFontsDir(): string {
  const dirs = candidateDirs();
  const found = dirs.find((dir) => fs.existsSync(path.join(dir, FONT_FILES.regular)));
  if (!found) throw new Error(`No se encontró la fuente ${FONT_FILES.regular} para los formularios (se buscó en: ${dirs.join(', ')}).`);
  return found;
}

// Read-only memo of parsed faces: decoding a 700 KB TTF's tables (and warming fontkit's glyph and
// shaping caches) on every print was ~3/4 of the render time; the files never change while the
// app runs. Each PDF still builds its own subset from the shared face, so output is unaffected.
const cache = new Map<string, FontFaces>();

export function loadFonts(dir: string = defaultFontsDir()): FontFaces {
  const key = path.resolve(dir);
  const hit = cache.get(key);
  if (hit) return hit;
  const read = (file: string): Font => {
    let face: ReturnType<typeof create>;
    try {
      face = create(fs.readFileSync(path.join(key, file)));
    } catch (err) {
      throw new Error(`No se pudo leer la fuente ${path.join(key, file)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if ('fonts' in face) throw new Error(`${path.join(key, file)} es una colección de fuentes; se esperaba un único TTF.`);
    return forPdf(face);
  };
  const fonts = { regular: read(FONT_FILES.regular), bold: read(FONT_FILES.bold) };
  cache.set(key, fonts);
  return fonts;
}

/**
 * The face as pdfkit should use it: its subsets copy glyph records parsed once (subset.ts).
 * Text layout is shared between documents one level up, on pdfkit's side (pdffonts.ts).
 */
function forPdf(face: Font): Font {
  const wrapper = Object.create(face) as Font;
  Object.defineProperty(wrapper, 'createSubset', { value: subsetterFor(face) });
  return wrapper;
}
