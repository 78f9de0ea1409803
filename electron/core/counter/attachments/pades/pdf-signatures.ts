// The signature fields of a parsed PDF (ISO 32000-1 §12.7.4.5 and §12.8): each field of type
// /Sig whose value is a signature dictionary. A signature dictionary outside any field is not a
// signature a reader shows, so it is counted (to say so) but never verified.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';
import { LIMITS, PadesError } from './limits';

export interface SignatureField {
  fieldName: string | null;
  /** The object holding the signature dictionary (its /Contents hole lies inside that object). */
  containerRef: PDFRef | null;
  dict: PDFDict;
  byteRange: number[] | null;
  contents: Uint8Array | null;
  subFilter: string | null;
  /** /M, the signer's claimed time, as written (D:YYYYMMDDHHmmSS+hh'mm'). */
  claimedTime: string | null;
  /** /Type /DocTimeStamp: a document timestamp, not a person's signature. */
  docTimestamp: boolean;
  /** The field's /Lock (FieldMDP after this signature), if any. */
  lock: PDFDict | null;
  /** DocMDP permission level of a certification signature (1, 2 or 3), null otherwise. */
  docMdp: number | null;
}

const N = (s: string) => PDFName.of(s);

export function lookup(ctx: PDFContext, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? ctx.lookup(obj) : obj;
}

export function lookupDict(ctx: PDFContext, obj: PDFObject | undefined): PDFDict | undefined {
  const v = lookup(ctx, obj);
  return v instanceof PDFDict ? v : undefined;
}

export function textOf(obj: PDFObject | undefined): string | null {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  if (obj instanceof PDFName) return obj.decodeText();
  return null;
}

function bytesOf(obj: PDFObject | undefined): Uint8Array | null {
  return obj instanceof PDFHexString || obj instanceof PDFString ? obj.asBytes() : null;
}

export function catalogOf(ctx: PDFContext): PDFDict | undefined {
  return lookupDict(ctx, ctx.trailerInfo.Root);
}

/** Walks /AcroForm /Fields (with /Kids), keeping the inherited /FT and the full field name. */
export function signatureFields(ctx: PDFContext): SignatureField[] {
  const form = lookupDict(ctx, catalogOf(ctx)?.get(N('AcroForm')));
  const roots = lookup(ctx, form?.get(N('Fields')));
  const found: SignatureField[] = [];
  if (!(roots instanceof PDFArray)) return found;
  const seen = new Set<string>();
  let visited = 0;
  const visit = (entry: PDFObject, parentName: string | null, inheritedFt: PDFObject | undefined, depth: number) => {
    if (depth > LIMITS.maxFieldDepth || ++visited > LIMITS.maxFields) throw new PadesError('El formulario del PDF es demasiado complejo para verificarlo.');
    const ref = entry instanceof PDFRef ? entry : null;
    if (ref) {
      if (seen.has(ref.tag)) return;
      seen.add(ref.tag);
    }
    const field = lookupDict(ctx, entry);
    if (!field) return;
    const partial = textOf(field.get(N('T')));
    const name = partial === null ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const ft = field.get(N('FT')) ?? inheritedFt;
    const kids = lookup(ctx, field.get(N('Kids')));
    if (kids instanceof PDFArray) {
      for (const kid of kids.asArray()) visit(kid, name, ft, depth + 1);
    }
    if (ft !== N('Sig')) return;
    const value = field.get(N('V'));
    const sig = lookupDict(ctx, value);
    if (!sig) return; // an empty signature field: nothing signed yet
    found.push(describe(ctx, sig, value instanceof PDFRef ? value : ref, name, lookupDict(ctx, field.get(N('Lock'))) ?? null));
  };
  for (const entry of roots.asArray()) visit(entry, null, undefined, 0);
  if (found.length > LIMITS.maxSignatures) throw new PadesError('El PDF tiene demasiadas firmas para verificarlas en esta estación.');
  return found;
}

function describe(ctx: PDFContext, sig: PDFDict, containerRef: PDFRef | null, fieldName: string | null, lock: PDFDict | null): SignatureField {
  const range = lookup(ctx, sig.get(N('ByteRange')));
  let byteRange: number[] | null = null;
  if (range instanceof PDFArray && range.size() <= 8) {
    const numbers = range.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : NaN));
    byteRange = numbers;
  }
  const subFilter = sig.get(N('SubFilter'));
  return {
    fieldName,
    containerRef,
    dict: sig,
    byteRange,
    contents: bytesOf(sig.get(N('Contents'))),
    subFilter: subFilter instanceof PDFName ? subFilter.decodeText() : null,
    claimedTime: textOf(sig.get(N('M'))),
    docTimestamp: sig.get(N('Type')) === N('DocTimeStamp'),
    lock,
    docMdp: docMdpLevel(ctx, sig),
  };
}

/** The /P of a DocMDP transform in the signature's /Reference (a certification signature). */
function docMdpLevel(ctx: PDFContext, sig: PDFDict): number | null {
  const refs = lookup(ctx, sig.get(N('Reference')));
  if (!(refs instanceof PDFArray)) return null;
  for (const r of refs.asArray().slice(0, 8)) {
    const ref = lookupDict(ctx, r);
    if (ref?.get(N('TransformMethod')) !== N('DocMDP')) continue;
    const p = lookupDict(ctx, ref.get(N('TransformParams')))?.get(N('P'));
    return p instanceof PDFNumber && [1, 2, 3].includes(p.asNumber()) ? p.asNumber() : 2;
  }
  return null;
}

/** Signature dictionaries in the file that no signature field points to. */
export function orphanSignatureDictionaries(ctx: PDFContext, fields: readonly SignatureField[]): number {
  const inFields = new Set(fields.map((f) => f.dict));
  let count = 0;
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && !inFields.has(obj) && obj.has(N('ByteRange')) && obj.has(N('Contents'))) count++;
  }
  return count;
}

/** A PDF date (D:20260315093000-05'00') as epoch milliseconds, or null. */
export function parsePdfDate(text: string | null): number | null {
  if (!text) return null;
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(text.trim());
  if (!m) return null;
  const [y, mo = '01', d = '01', h = '00', mi = '00', s = '00'] = m.slice(1, 7).map((x) => x ?? undefined) as string[];
  let offset = 0;
  if (m[8]) offset = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0));
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset * 60_000;
  return Number.isFinite(ms) ? ms : null;
}
