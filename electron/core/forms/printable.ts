// The last gate before paper: every string a form draws must be in the repertoire the forms can
// represent (shared/domain/printable.ts) and have a glyph in the embedded faces. Intake already
// refuses such text, but data reaches the forms by other roads too (a request from central, a
// record written before that rule, an administrator's template), and a glyph the font lacks
// prints as an empty box while RTL text prints reversed: the print is refused instead, naming
// the field, and nothing is archived.
import type { Font } from 'fontkit';
import { describeCharacters, isPrintableCodePoint } from '../../../shared/domain/printable';
import { CallFailure } from '../errors';
import type { FontFaces } from './fonts';
import type { FormView } from './view';

/** The forms' own marks, beyond the repertoire of data: the comprobante's check mark. */
const FORM_SYMBOLS = new Set(['✓']);

// The verdict per code point, kept for the life of the faces (loadFonts shares them): fontkit
// answers hasGlyphForCodePoint by walking the cmap table each time, and a set of three forms
// asks for ~20,000 characters, nearly all the same few dozen letters. The faces never change.
const verdicts = new WeakMap<FontFaces, Map<number, boolean>>();

function unprintable(text: string, faces: readonly Font[], known: Map<number, boolean>): string[] {
  const bad: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let ok = known.get(cp);
    if (ok === undefined) {
      const inRepertoire = isPrintableCodePoint(cp) || FORM_SYMBOLS.has(ch);
      ok = inRepertoire && faces.every((f) => f.hasGlyphForCodePoint(cp));
      known.set(cp, ok);
    }
    if (!ok && !bad.includes(ch)) bad.push(ch);
  }
  return bad;
}

/** Each string of the view with where it is printed, the data fields first. */
function* printedTexts(view: FormView): Generator<[where: string, text: string]> {
  for (const block of view.blocks) {
    if (block.type === 'fields') for (const f of block.fields) yield [`el campo «${f.label}»`, f.value];
  }
  for (const block of view.blocks) {
    if (block.type === 'signatures') for (const s of block.signers) yield [`la firma «${s.role}»`, `${s.name} ${s.document ?? ''}`];
    if (block.type === 'table') for (const row of block.rows) yield ['la lista de documentos', row.join(' ')];
  }
  yield ['el encabezado', `${view.title} ${view.number} ${view.agency} ${view.date}`];
  for (const block of view.blocks) {
    if (block.type === 'fields') for (const f of block.fields) yield ['el texto de la plantilla', f.label];
    if (block.type === 'section') yield ['el texto de la plantilla', block.title];
    if (block.type === 'paragraphs') for (const p of block.paragraphs) yield ['el texto de la plantilla', `${p.lead ?? ''} ${p.text}`];
    if (block.type === 'void') yield ['el texto de la plantilla', block.text];
    if (block.type === 'table') yield ['el texto de la plantilla', block.columns.join(' ')];
  }
}

/** Throws a CallFailure ('conflict') naming the first place that holds text the form cannot print. */
export function assertPrintable(view: FormView, fonts: FontFaces): void {
  const faces = [fonts.regular, fonts.bold];
  let known = verdicts.get(fonts);
  if (!known) verdicts.set(fonts, (known = new Map()));
  for (const [where, text] of printedTexts(view)) {
    const bad = unprintable(text, faces, known);
    if (bad.length > 0) {
      throw new CallFailure(
        'conflict',
        `No se pueden imprimir los formularios: ${where} contiene ${describeCharacters(bad)}, que los formularios impresos no pueden representar. Corrija ese dato (con letras del alfabeto latino) y vuelva a imprimir.`,
      );
    }
  }
}
