// The TrueType subset embedded in each PDF, built from glyph records parsed once per face.
//
// fontkit's TTFSubset re-decodes every glyph (full outline parse, only to find the components of
// composite glyphs) and re-encodes the unchanged tables (cvt, prep, fpgm, head …) value by value
// through restructure, for every PDF: it was a quarter of the render time. This writer copies the
// same bytes instead: the raw glyph records, and the original tables with the glyph count
// patched in. Its output is byte-for-byte what fontkit's encode() returns for the same glyphs
// (test/unit/forms/subset.test.ts checks that), so the PDFs do not change.
//
// Only for plain TrueType outlines (glyf/loca) without variations; any other face keeps
// fontkit's own subsetter (see `subsetterFor`).
import type { Font } from 'fontkit';

/** What pdfkit uses of a fontkit Subset. */
export interface FontSubset {
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
}

interface GlyphRecord {
  /** The glyph's bytes in the original glyf table (never written to: composites are copied). */
  data: Uint8Array;
  /** For a composite glyph, each component's glyph id and where that id sits in `data`. */
  components: Array<{ glyphID: number; pos: number }> | null;
  advance: number;
  bearing: number;
}

/** The fontkit internals the copy relies on (stable in fontkit 2; @types/fontkit omits them). */
interface TrueTypeInternals {
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  loca: { version: number; offsets: number[] };
  _variationProcessor?: unknown;
  getGlyph(id: number): {
    advanceWidth: number;
    _getMetrics(): { leftBearing: number };
    _decode(): { numberOfContours: number; components?: Array<{ glyphID: number; pos: number }> } | null;
  };
}

// The tables fontkit's TTFSubset writes, in its order (head … fpgm), each when the face has it.
const TABLES = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;

class GlyphSource {
  private readonly records = new Map<number, GlyphRecord>();
  private readonly raw: Record<string, Uint8Array> = {};
  readonly locaVersion: number;

  constructor(private readonly face: TrueTypeInternals) {
    const file = face.stream.buffer;
    for (const tag of TABLES) {
      const entry = face.directory.tables[tag];
      // Plain Uint8Array views (the file is a Buffer, whose slice() would not copy).
      if (entry) this.raw[tag] = new Uint8Array(file.buffer, file.byteOffset + entry.offset, entry.length);
    }
    this.locaVersion = face.loca.version;
  }

  table(tag: (typeof TABLES)[number]): Uint8Array | undefined {
    return this.raw[tag];
  }

  glyph(id: number): GlyphRecord {
    let record = this.records.get(id);
    if (!record) {
      const glyph = this.face.getGlyph(id);
      const decoded = glyph._decode(); // once per glyph for the life of the face
      const { offsets } = this.face.loca;
      const start = offsets[id] ?? 0;
      const end = offsets[id + 1] ?? start;
      const glyf = this.raw.glyf!;
      record = {
        data: glyf.subarray(start, end),
        components: decoded && decoded.numberOfContours < 0 ? (decoded.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null,
        advance: glyph.advanceWidth,
        bearing: glyph._getMetrics().leftBearing,
      };
      this.records.set(id, record);
    }
    return record;
  }
}

class TrueTypeSubset implements FontSubset {
  private readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly source: GlyphSource) {
    this.includeGlyph(0); // the missing glyph, always first
  }

  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'object' ? glyph.id : glyph;
    let index = this.mapping.get(id);
    if (index === undefined) {
      index = this.glyphs.length;
      this.glyphs.push(id);
      this.mapping.set(id, index);
    }
    return index;
  }

  encode(): Uint8Array {
    const parts: Uint8Array[] = [];
    const offsets: number[] = [];
    const metrics: number[] = [];
    let offset = 0;
    // The list grows while we walk it: a composite pulls in its components.
    for (let i = 0; i < this.glyphs.length; i++) {
      const record = this.source.glyph(this.glyphs[i]!);
      let data = record.data;
      if (record.components) {
        data = data.slice();
        const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
        for (const c of record.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
      }
      parts.push(data);
      offsets.push(offset);
      metrics.push(record.advance, record.bearing);
      offset += data.length;
    }
    offsets.push(offset);
    const count = parts.length;
    const short = this.source.locaVersion === 0;

    const loca = new Uint8Array(offsets.length * (short ? 2 : 4));
    const locaView = new DataView(loca.buffer);
    offsets.forEach((o, i) => (short ? locaView.setUint16(i * 2, o >>> 1) : locaView.setUint32(i * 4, o)));
    const hmtx = new Uint8Array(count * 4);
    const hmtxView = new DataView(hmtx.buffer);
    for (let i = 0; i < count; i++) {
      hmtxView.setUint16(i * 4, metrics[i * 2]!);
      hmtxView.setInt16(i * 4 + 2, metrics[i * 2 + 1]!);
    }
    const patched = (tag: 'hhea' | 'maxp', at: number): Uint8Array | undefined => {
      const original = this.source.table(tag);
      if (!original) return undefined;
      const copy = original.slice();
      new DataView(copy.buffer, copy.byteOffset).setUint16(at, count); // hhea.numberOfMetrics, maxp.numGlyphs
      return copy;
    };
    const head = this.source.table('head')?.slice();
    if (head) new DataView(head.buffer, head.byteOffset).setInt16(50, this.source.locaVersion); // indexToLocFormat
    const glyf = new Uint8Array(offset);
    let at = 0;
    for (const part of parts) {
      glyf.set(part, at);
      at += part.length;
    }
    const tables: Record<(typeof TABLES)[number], Uint8Array | undefined> = {
      head,
      hhea: patched('hhea', 34),
      loca,
      maxp: patched('maxp', 4),
      'cvt ': this.source.table('cvt '),
      prep: this.source.table('prep'),
      glyf,
      hmtx,
      fpgm: this.source.table('fpgm'),
    };
    return writeDirectory(TABLES.flatMap((tag) => (tables[tag] ? [[tag, tables[tag]] as const] : [])));
  }
}

/** The sfnt wrapper as fontkit writes it: tag 'true', checksums left at 0, tables back to back. */
function writeDirectory(tables: ReadonlyArray<readonly [string, Uint8Array]>): Uint8Array {
  const n = tables.length;
  const headerSize = 12 + 16 * n;
  const size = tables.reduce((sum, [, data]) => sum + data.length, headerSize);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const power = Math.floor(Math.log2(n));
  const searchRange = 2 ** power * 16;
  writeTag(out, 0, 'true');
  view.setUint16(4, n);
  view.setUint16(6, searchRange);
  view.setUint16(8, power);
  view.setUint16(10, n * 16 - searchRange);
  let offset = headerSize;
  tables.forEach(([tag, data], i) => {
    const entry = 12 + 16 * i;
    writeTag(out, entry, tag);
    view.setUint32(entry + 4, 0);
    view.setUint32(entry + 8, offset);
    view.setUint32(entry + 12, data.length);
    out.set(data, offset);
    offset += data.length;
  });
  return out;
}

function writeTag(out: Uint8Array, at: number, tag: string): void {
  for (let i = 0; i < 4; i++) out[at + i] = tag.charCodeAt(i);
}

/**
 * A createSubset() for the face: the copying subsetter above when the face is plain TrueType,
 * else fontkit's own. The glyph records it parses are kept for the life of the face.
 */
export function subsetterFor(face: Font): () => FontSubset {
  const internals = face as unknown as TrueTypeInternals;
  // fontkit internals (fontkit is pinned to an exact version in package.json): an upgrade that
  // renames them fails here, loudly, and in test/unit/forms/pinned.test.ts.
  if (!internals.directory?.tables || !internals.stream?.buffer || typeof internals.getGlyph !== 'function') {
    throw new Error('fontkit changed the internals electron/core/forms/subset.ts relies on (directory.tables, stream.buffer, getGlyph): adapt that file to the new fontkit or go back to the pinned version.');
  }
  const tables = internals.directory.tables;
  const plain = Boolean(tables.glyf && tables.loca && tables.head && !tables['CFF '] && !tables.fvar && !internals._variationProcessor);
  if (!plain) return () => face.createSubset() as unknown as FontSubset;
  if (!Array.isArray(internals.loca?.offsets) || typeof internals.getGlyph(0)._decode !== 'function' || typeof internals.getGlyph(0)._getMetrics !== 'function') {
    throw new Error('fontkit changed the glyph internals electron/core/forms/subset.ts relies on (loca.offsets, Glyph._decode, Glyph._getMetrics): adapt that file to the new fontkit or go back to the pinned version.');
  }
  let source: GlyphSource | null = null;
  return () => new TrueTypeSubset((source ??= new GlyphSource(internals)));
}
