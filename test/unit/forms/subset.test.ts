// The copying TrueType subsetter (electron/core/forms/subset.ts) must write exactly the bytes
// fontkit's own TTFSubset writes: the embedded fonts, and so the PDFs, do not change with it.
import { describe, expect, it } from 'vitest';
import type { Font } from 'fontkit';
import { loadFonts } from '../../../electron/core/forms/fonts';

interface Subset {
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
}

/** fontkit's subsetter, reached past the wrapper loadFonts returns. */
function fontkitSubset(face: Font): Subset {
  const original = Object.getPrototypeOf(face) as Font;
  return original.createSubset() as unknown as Subset;
}

// A small deterministic generator, so a failure reproduces.
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const fonts = loadFonts();

describe('TrueType subset', () => {
  for (const [name, face] of Object.entries(fonts) as Array<[string, Font]>) {
    it(`${name}: byte-identical to fontkit for the forms' text, accents and random glyph sets`, () => {
      const random = lcg(name.length);
      const chars = face.characterSet;
      const sets: number[][] = [
        [],
        face.glyphsForString('INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL — Solicitud N.º 0001').map((g) => g.id),
        // Precomposed accents are composite glyphs: their component ids are rewritten.
        face.glyphsForString('áéíóúñÁÉÍÓÚÑüÜçÇ¿¡«»').map((g) => g.id),
      ];
      for (let i = 0; i < 40; i++) {
        const set: number[] = [];
        const size = 1 + Math.floor(random() * 150);
        for (let j = 0; j < size; j++) {
          set.push(random() < 0.8 ? face.glyphForCodePoint(chars[Math.floor(random() * chars.length)]!).id : Math.floor(random() * face.numGlyphs));
        }
        sets.push(set);
      }
      for (const set of sets) {
        const ours = face.createSubset() as unknown as Subset;
        const theirs = fontkitSubset(face);
        for (const id of set) expect(ours.includeGlyph(id)).toBe(theirs.includeGlyph(id));
        expect(Buffer.from(ours.encode()).equals(Buffer.from(theirs.encode())), `glyphs ${set.join(',')}`).toBe(true);
      }
    });
  }

  it('leaves the face untouched: the same subset twice is the same bytes', () => {
    const text = 'Acuerdo de Responsabilidad — año 2026, Señor Ñuñez';
    const encode = () => {
      const subset = fonts.regular.createSubset() as unknown as Subset;
      for (const glyph of fonts.regular.glyphsForString(text)) subset.includeGlyph(glyph.id);
      return Buffer.from(subset.encode());
    };
    const first = encode();
    expect(encode().equals(first)).toBe(true);
    expect(Buffer.from(fontkitSubset(fonts.regular).encode()).length).toBeGreaterThan(0);
  });
});
