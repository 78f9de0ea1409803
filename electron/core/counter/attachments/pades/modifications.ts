// Modified after signing? The bytes appended after a signed revision (incremental updates) are
// compared object by object with that revision, the way pyHanko's difference analysis does
// (pyhanko.sign.diff_analysis): a change is allowed when it only adds later signatures and
// their fields, validation data (/DSS), document timestamps, metadata, or fills form fields the
// signer left open (no DocMDP level 1, no /Lock on that field); any other change — a page's
// content, resources, annotations, the page tree — is a modification of what was signed.
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { LIMITS } from './limits';
import { onlyBlankAfter, parsePdf } from './pdf-parse';
import { catalogOf, lookup, lookupDict, textOf } from './pdf-signatures';

export interface ModificationResult {
  status: 'ninguna' | 'permitida' | 'no_permitida';
  /** Spanish descriptions of what changed, allowed ones and not. */
  changes: string[];
}

export interface ModificationPolicy {
  /** DocMDP level of a certification signature on the document (1: no changes), null if none. */
  docMdp: number | null;
  /** Whether a field (by full name) was locked by a /Lock of this or an earlier signature. */
  locked(fieldName: string): boolean;
}

const N = (s: string) => PDFName.of(s);

function sameObject(a: PDFObject | undefined, b: PDFObject | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a instanceof PDFRawStream && b instanceof PDFRawStream) {
    return a.dict.toString() === b.dict.toString() && Buffer.from(a.contents).equals(Buffer.from(b.contents));
  }
  if (a instanceof PDFRawStream || b instanceof PDFRawStream) return false;
  return a.toString() === b.toString();
}

/** Keys whose values differ between two versions of a dictionary. */
function changedKeys(before: PDFDict, after: PDFDict): string[] {
  const keys = new Set([...before.keys(), ...after.keys()].map((k) => k.decodeText()));
  return [...keys].filter((k) => !sameObject(before.get(N(k)), after.get(N(k))));
}

const asDict = (o: PDFObject | undefined) => (o instanceof PDFDict ? o : o instanceof PDFRawStream ? o.dict : undefined);

function refsIn(obj: PDFObject | undefined, out: PDFRef[] = []): PDFRef[] {
  if (obj instanceof PDFRef) out.push(obj);
  else if (obj instanceof PDFArray) for (const x of obj.asArray()) refsIn(x, out);
  else if (obj instanceof PDFDict) for (const [, v] of obj.entries()) refsIn(v, out);
  else if (obj instanceof PDFRawStream) refsIn(obj.dict, out);
  return out;
}

/** Entries of array `after` not in array `before` (each in its revision), or null when one of `before` went missing. */
function addedEntries(beforeCtx: PDFContext, before: PDFObject | undefined, nowCtx: PDFContext, after: PDFObject | undefined): PDFObject[] | null {
  const old = lookup(beforeCtx, before);
  const now = lookup(nowCtx, after);
  const oldItems = old instanceof PDFArray ? old.asArray().map((x) => x.toString()) : [];
  const newItems = now instanceof PDFArray ? now.asArray() : [];
  const have = new Set(newItems.map((x) => x.toString()));
  if (oldItems.some((x) => !have.has(x))) return null;
  const had = new Set(oldItems);
  return newItems.filter((x) => !had.has(x.toString()));
}

function isSignatureField(ctx: PDFContext, obj: PDFObject | undefined): boolean {
  const field = lookupDict(ctx, obj);
  if (!field) return false;
  if (field.get(N('FT')) === N('Sig')) return true;
  return lookupDict(ctx, field.get(N('Parent')))?.get(N('FT')) === N('Sig');
}

function pagesOf(ctx: PDFContext): PDFRef[] {
  const pages: PDFRef[] = [];
  const seen = new Set<string>();
  const walk = (node: PDFObject | undefined, depth: number) => {
    if (!(node instanceof PDFRef) || seen.has(node.tag) || depth > 32 || pages.length > 10_000) return;
    seen.add(node.tag);
    const dict = lookupDict(ctx, node);
    if (!dict) return;
    if (dict.get(N('Type')) === N('Page')) pages.push(node);
    const kids = lookup(ctx, dict.get(N('Kids')));
    if (kids instanceof PDFArray) for (const k of kids.asArray()) walk(k, depth + 1);
  };
  walk(catalogOf(ctx)?.get(N('Pages')), 0);
  return pages;
}

export async function classifyLaterUpdates(bytes: Uint8Array, signedEnd: number, now: PDFContext, policy: ModificationPolicy): Promise<ModificationResult> {
  if (onlyBlankAfter(bytes, signedEnd)) return { status: 'ninguna', changes: [] };
  const before = await parsePdf(bytes.subarray(0, signedEnd));
  const allowed = new Set<string>();
  const refused = new Set<string>();
  const roots: PDFObject[] = [];
  const pagesBefore = pagesOf(before);
  const pageNumber = new Map(pagesBefore.map((r, i) => [r.tag, i + 1]));
  const contentOfPage = new Map<string, number>();
  const annotsOfPage = new Map<string, number>();
  pagesBefore.forEach((ref, i) => {
    const page = lookupDict(before, ref);
    for (const r of refsIn(page?.get(N('Contents')))) contentOfPage.set(r.tag, i + 1);
    const annots = page?.get(N('Annots'));
    if (annots instanceof PDFRef) annotsOfPage.set(annots.tag, i + 1);
  });
  const oldFields = lookupDict(before, catalogOf(before)?.get(N('AcroForm')))?.get(N('Fields'));
  const oldRoot = before.trailerInfo.Root;
  const newRoot = now.trailerInfo.Root;
  const catalogTag = newRoot instanceof PDFRef ? newRoot.tag : '';
  const acroRef = catalogOf(now)?.get(N('AcroForm'));
  const infoRefs = new Set([before.trailerInfo.Info, now.trailerInfo.Info].filter((r): r is PDFRef => r instanceof PDFRef).map((r) => r.tag));
  const metadataRef = catalogOf(now)?.get(N('Metadata'));
  const dssRef = catalogOf(now)?.get(N('DSS'));
  const formFill = policy.docMdp !== 1;
  const fieldNames = fieldNamesOf(before);

  const judgeCatalog = (old: PDFDict, cur: PDFDict): boolean => {
    const keys = changedKeys(old, cur);
    if (!keys.every((k) => ['DSS', 'AcroForm', 'Extensions', 'Metadata'].includes(k))) return false;
    if (keys.includes('DSS')) {
      allowed.add('Se agregaron datos de validación (DSS).');
      roots.push(cur.get(N('DSS'))!);
    }
    if (keys.includes('Metadata')) {
      allowed.add('Se actualizaron los metadatos del documento.');
      roots.push(cur.get(N('Metadata'))!);
    }
    if (keys.includes('AcroForm')) {
      const oldForm = lookupDict(before, old.get(N('AcroForm'))) ?? PDFDict.withContext(before);
      const newForm = lookupDict(now, cur.get(N('AcroForm')));
      if (!newForm || !judgeForm(oldForm, newForm)) return false;
    }
    return true;
  };

  const judgeForm = (old: PDFDict, cur: PDFDict): boolean => {
    const keys = changedKeys(old, cur);
    if (!keys.every((k) => ['Fields', 'SigFlags', 'DR', 'DA', 'NeedAppearances'].includes(k))) return false;
    return onlySignatureFieldsAdded(addedEntries(before, old.get(N('Fields')), now, cur.get(N('Fields'))));
  };

  const onlySignatureFieldsAdded = (added: PDFObject[] | null): boolean => {
    if (added === null || !added.every((f) => isSignatureField(now, f))) return false;
    roots.push(...added);
    return true;
  };

  for (const [ref, obj] of now.enumerateIndirectObjects()) {
    const old = before.lookup(ref);
    if (old === undefined || sameObject(old, obj)) continue;
    const tag = ref.tag;
    const dict = asDict(obj);
    const oldDict = asDict(old);
    if (tag === catalogTag && oldDict && dict) {
      if (!judgeCatalog(oldDict, dict)) refused.add('Se cambió el catálogo del documento.');
      continue;
    }
    if (acroRef instanceof PDFRef && tag === acroRef.tag && oldDict && dict) {
      if (!judgeForm(oldDict, dict)) refused.add('Se cambió el formulario del documento.');
      continue;
    }
    if (infoRefs.has(tag) || (metadataRef instanceof PDFRef && tag === metadataRef.tag)) {
      allowed.add('Se actualizaron los metadatos del documento.');
      continue;
    }
    if (dssRef instanceof PDFRef && tag === dssRef.tag) {
      allowed.add('Se agregaron datos de validación (DSS).');
      roots.push(ref);
      continue;
    }
    if (oldFields instanceof PDFRef && tag === oldFields.tag) {
      if (!onlySignatureFieldsAdded(addedEntries(before, old, now, obj))) refused.add('Se cambiaron los campos del formulario.');
      continue;
    }
    const annotsPage = annotsOfPage.get(tag);
    if (annotsPage !== undefined) {
      if (!onlySignatureFieldsAdded(addedEntries(before, old, now, obj))) refused.add(`Se cambiaron las anotaciones de la página ${annotsPage}.`);
      continue;
    }
    const page = pageNumber.get(tag);
    if (page !== undefined && oldDict && dict) {
      const keys = changedKeys(oldDict, dict);
      const added = keys.every((k) => k === 'Annots') ? addedEntries(before, oldDict.get(N('Annots')), now, dict.get(N('Annots'))) : null;
      if (onlySignatureFieldsAdded(added)) continue;
      refused.add(keys.includes('Contents') || keys.includes('Resources') ? `Se cambió el contenido de la página ${page}.` : `Se cambió la página ${page} (anotaciones u otros datos).`);
      continue;
    }
    const field = fieldNames.get(tag);
    if (field !== undefined && oldDict && dict) {
      const keys = changedKeys(oldDict, dict);
      const signature = isSignatureField(before, ref);
      if (keys.every((k) => ['V', 'AS', 'AP'].includes(k))) {
        if (signature && oldDict.get(N('V')) === undefined) {
          allowed.add('Se firmó un campo de firma que estaba vacío.');
          roots.push(...keys.map((k) => dict.get(N(k))!).filter(Boolean));
          continue;
        }
        if (!signature && formFill && !policy.locked(field)) {
          allowed.add(`Se llenó el campo «${field}» del formulario.`);
          roots.push(...keys.map((k) => dict.get(N(k))!).filter(Boolean));
          continue;
        }
      }
      refused.add(`Se cambió el campo «${field}» del formulario${policy.locked(field) ? ', bloqueado por la firma' : ''}.`);
      continue;
    }
    const contentPage = contentOfPage.get(tag);
    refused.add(contentPage !== undefined ? `Se cambió el contenido de la página ${contentPage}.` : `Se cambió el objeto ${ref.objectNumber} del documento.`);
    if (refused.size > 20) break;
  }
  if (oldRoot instanceof PDFRef && newRoot instanceof PDFRef && oldRoot.tag !== newRoot.tag) {
    const o = lookupDict(before, oldRoot);
    const c = lookupDict(now, newRoot);
    if (!o || !c || !judgeCatalog(o, c)) refused.add('Se reemplazó el catálogo del documento.');
  }
  describeNewObjects(now, before, roots, allowed);
  if (policy.docMdp === 1 && [...allowed].some((c) => !c.startsWith('Se agregaron datos de validación'))) {
    refused.add('El documento fue certificado sin permitir cambios, y se cambió.');
  }
  const changes = [...refused, ...allowed];
  return { status: refused.size > 0 ? 'no_permitida' : 'permitida', changes: changes.length > 0 ? changes : ['Se agregó una actualización sin cambios en el contenido.'] };
}

/** Names the new objects reached from allowed changes: later signatures and timestamps. */
function describeNewObjects(now: PDFContext, before: PDFContext, roots: PDFObject[], allowed: Set<string>): void {
  const queue = [...roots];
  const seen = new Set<string>();
  let budget = 50_000;
  while (queue.length > 0 && budget-- > 0) {
    const item = queue.pop()!;
    for (const ref of item instanceof PDFRef ? [item] : refsIn(item)) {
      if (seen.has(ref.tag) || before.lookup(ref) !== undefined) continue;
      seen.add(ref.tag);
      const obj = now.lookup(ref);
      const dict = asDict(obj);
      if (dict?.has(N('ByteRange'))) {
        allowed.add(dict.get(N('Type')) === N('DocTimeStamp') ? 'Se agregó un sello de tiempo del documento.' : 'Se agregó otra firma electrónica.');
      }
      queue.push(obj as PDFObject);
    }
  }
}

/** Indirect field dictionaries of the signed revision, by object, with their full names. */
function fieldNamesOf(ctx: PDFContext): Map<string, string> {
  const names = new Map<string, string>();
  const form = lookupDict(ctx, catalogOf(ctx)?.get(N('AcroForm')));
  const walk = (entry: PDFObject, parent: string | null, depth: number) => {
    if (!(entry instanceof PDFRef) || names.has(entry.tag) || depth > LIMITS.maxFieldDepth || names.size > LIMITS.maxFields) return;
    const field = lookupDict(ctx, entry);
    if (!field) return;
    const partial = textOf(field.get(N('T')));
    const name = partial === null ? (parent ?? `campo ${entry.objectNumber}`) : parent ? `${parent}.${partial}` : partial;
    names.set(entry.tag, name);
    const kids = lookup(ctx, field.get(N('Kids')));
    if (kids instanceof PDFArray) for (const k of kids.asArray()) walk(k, name, depth + 1);
  };
  const fields = lookup(ctx, form?.get(N('Fields')));
  if (fields instanceof PDFArray) for (const f of fields.asArray()) walk(f, null, 0);
  return names;
}
