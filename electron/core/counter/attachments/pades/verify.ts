// Verifies every signature of a PDF and gives the document's verdict (docs/signatures.md).
// Never throws: any input gives a verdict, and a file that cannot be read gives one whose
// summary says why in Spanish.
import { PDFArray, PDFName, type PDFContext } from 'pdf-lib';
import type * as pkijs from 'pkijs';
import { VERDICT_LABELS, type DocumentSignatures, type SignatureCheck, type SignatureReport, type SignatureVerdict } from '../../../../../shared/contract/signature-report';
import { checkByteRange } from './byte-range';
import { holderIdNumber, holderName, issuerName, keyUsageAllowsSigning, notAfter, notBefore, serialHex } from './certificates';
import { buildChain } from './chain';
import { archivedRevocation, checkSigner, CMS_OID, parseSignedData, signingTimeOf, type SignerData } from './cms';
import { readDss, type DssContent } from './dss';
import { formatDateTimeEs } from '../../../../../shared/domain/dates';
import { compareIdentity, type ExpectedSigner } from './identity';
import { LIMITS, PadesError } from './limits';
import { classifyLaterUpdates } from './modifications';
import { parsePdf, withoutSignatureContents } from './pdf-parse';
import { lookup, orphanSignatureDictionaries, parsePdfDate, signatureFields, textOf, type SignatureField } from './pdf-signatures';
import { checkRevocation } from './revocation';
import { verifyTimestamp } from './timestamp';
import { documentVerdict, summaryOf } from './verdict';

export type { ExpectedSigner } from './identity';

export interface VerifyOptions {
  anchors: readonly pkijs.Certificate[];
  /** The request's legal representative; null when there is nobody to compare with. */
  expectedSigner: ExpectedSigner | null;
  /** The clock's now (validation time when nothing better is known). */
  now: number;
}

const SUPPORTED = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);

export async function verifyPdfSignatures(bytes: Uint8Array, opts: VerifyOptions): Promise<DocumentSignatures> {
  try {
    if (bytes.length > LIMITS.maxPdfBytes) throw new PadesError('El PDF es demasiado grande para verificar su firma.');
    const parsed = withoutSignatureContents(bytes);
    const ctx = await parsePdf(parsed);
    const fields = signatureFields(ctx).filter((f) => !f.docTimestamp);
    if (fields.length === 0) {
      const orphans = orphanSignatureDictionaries(ctx, fields);
      const summary = orphans > 0 ? `${VERDICT_LABELS.sin_firma} (el PDF contiene un diccionario de firma que no pertenece a ningún campo de firma)` : VERDICT_LABELS.sin_firma;
      return { verdict: 'sin_firma', revocationUnchecked: false, summary, signatures: [], checkedAt: opts.now };
    }
    // In the order they were applied: by where their signed range ends.
    fields.sort((a, b) => endOf(a) - endOf(b));
    const dss = readDss(ctx);
    const reports: SignatureReport[] = [];
    for (let i = 0; i < fields.length; i++) {
      reports.push(await verifyOne(bytes, parsed, ctx, fields, i, dss, opts));
    }
    return documentVerdict(reports, opts.expectedSigner !== null, opts.now);
  } catch (err) {
    const message = err instanceof PadesError ? err.message : 'No se pudo verificar la firma de este PDF.';
    return { verdict: 'invalida', revocationUnchecked: false, summary: `${VERDICT_LABELS.invalida}: ${message.replace(/\.$/, '')}`, signatures: [], checkedAt: opts.now };
  }
}

const endOf = (f: SignatureField) => (f.byteRange && f.byteRange.length === 4 ? f.byteRange[2]! + f.byteRange[3]! : Number.MAX_SAFE_INTEGER);

async function verifyOne(bytes: Uint8Array, parsed: Uint8Array, ctx: PDFContext, fields: SignatureField[], index: number, dss: DssContent, opts: VerifyOptions): Promise<SignatureReport> {
  const field = fields[index]!;
  const checks: SignatureCheck[] = [];
  const report: SignatureReport = {
    index: index + 1,
    fieldName: field.fieldName,
    subFilter: field.subFilter,
    signer: null,
    signedAt: null,
    signedAtSource: null,
    modification: 'ninguna',
    revocation: 'no_comprobada',
    verdict: 'invalida',
    summary: '',
    checks,
  };
  const finish = (verdict: SignatureVerdict): SignatureReport => {
    report.verdict = verdict;
    report.summary = summaryOf(verdict, report);
    return report;
  };
  const failed = (item: SignatureCheck['item'], detail: string, verdict: SignatureVerdict) => {
    checks.push({ item, status: 'falla', detail });
    return finish(verdict);
  };

  // 1. Integrity: the byte range, then the CMS over it.
  if (!field.subFilter || !SUPPORTED.has(field.subFilter)) {
    return failed('integridad', `Formato de firma no admitido (${field.subFilter ?? 'sin /SubFilter'}); se admiten adbe.pkcs7.detached y ETSI.CAdES.detached.`, 'invalida');
  }
  const range = checkByteRange(bytes, field.byteRange, field.contents, field.containerRef);
  if (!range.ok) return failed('integridad', range.problems.join(' '), 'modificado');
  let cms: SignerData;
  try {
    cms = parseSignedData(trimDer(range.contents!));
  } catch (err) {
    return failed('integridad', err instanceof PadesError ? err.message : 'La firma está dañada.', 'invalida');
  }
  const signerCert = cms.signerCert;
  if (signerCert) {
    report.signer = {
      name: holderName(signerCert),
      cedula: holderIdNumber(signerCert),
      issuer: issuerName(signerCert),
      serial: serialHex(signerCert),
      validFrom: notBefore(signerCert),
      validTo: notAfter(signerCert),
    };
  }
  const signed = checkSigner(cms, range.pieces, CMS_OID.data);
  if (signed.digest !== 'ok') return failed('integridad', signed.problems.join(' '), signed.digest === 'falla' ? 'modificado' : 'invalida');
  if (signed.signature !== 'ok' || !signerCert) return failed('integridad', signed.problems.join(' '), 'invalida');
  checks.push({ item: 'integridad', status: 'ok', detail: 'El rango firmado cubre todo el documento firmado salvo la firma; el resumen y la firma verifican con el certificado del firmante.' });

  // 2. What came after this signature.
  const earlier = fields.slice(0, index + 1);
  const docMdp = earlier.map((f) => f.docMdp).filter((p): p is number => p !== null);
  const mods = await classifyLaterUpdates(parsed, range.signedEnd!, ctx, { docMdp: docMdp.length > 0 ? Math.min(...docMdp) : null, locked: lockedBy(ctx, earlier) });
  report.modification = mods.status;
  if (mods.status === 'no_permitida') return failed('modificaciones', mods.changes.join(' '), 'modificado');
  checks.push({ item: 'modificaciones', status: 'ok', detail: mods.status === 'ninguna' ? 'No hubo cambios después de esta firma.' : `Cambios posteriores permitidos: ${mods.changes.join(' ')}` });

  // 3. When it was signed: a verified timestamp, else what the signer's software claims.
  const stamp = verifyTimestamp(cms, opts.anchors);
  if (stamp) checks.push({ item: 'sello_de_tiempo', status: stamp.ok ? 'ok' : 'aviso', detail: stamp.ok ? stamp.detail : `${stamp.detail} Se usa la fecha declarada por el firmante.` });
  const claimed = signingTimeOf(cms);
  const fromDict = parsePdfDate(field.claimedTime);
  if (stamp?.ok) [report.signedAt, report.signedAtSource] = [stamp.at, 'sello_de_tiempo'];
  else if (claimed !== null) [report.signedAt, report.signedAtSource] = [claimed, 'atributo'];
  else if (fromDict !== null) [report.signedAt, report.signedAtSource] = [fromDict, 'diccionario'];
  const at = report.signedAt ?? opts.now;

  // 4. The certificate: fit for signing, issued by an installed anchor, valid when it signed.
  if (!keyUsageAllowsSigning(signerCert)) return failed('certificado', 'El uso de clave del certificado no permite firmar documentos.', 'invalida');
  const chain = buildChain(signerCert, [...cms.certificates, ...dss.certificates], opts.anchors, at);
  if (chain.status === 'no_reconocido') return failed('cadena', chain.detail, 'emisor_no_reconocido');
  if (chain.status === 'invalido') return failed('cadena', chain.detail, 'invalida');
  if (chain.status === 'caducado') return failed('certificado', chain.detail, 'caducado_revocado');
  checks.push({ item: 'certificado', status: 'ok', detail: `Certificado vigente al firmar (${formatDateTimeEs(at)}${report.signedAtSource === 'sello_de_tiempo' ? ', según el sello de tiempo' : ', fecha declarada por el firmante'}) y apto para firmar.` });
  checks.push({ item: 'cadena', status: 'ok', detail: chain.detail });

  // 5. Revocation, from the evidence in the PDF.
  const archived = archivedRevocation(cms);
  const revocation = checkRevocation(chain.path, { crls: [...archived.crls, ...dss.crls], ocsps: [...archived.ocsps, ...dss.ocsps] }, at, stamp?.ok ? stamp.at : null);
  report.revocation = revocation.status;
  if (revocation.status === 'revocado') return failed('revocacion', revocation.detail, 'caducado_revocado');
  checks.push({ item: 'revocacion', status: revocation.status === 'no_revocado' ? 'ok' : 'aviso', detail: revocation.detail });

  // 6. Whose signature it is.
  if (opts.expectedSigner) {
    const who = compareIdentity({ name: report.signer!.name, cedula: report.signer!.cedula }, opts.expectedSigner);
    if (!who.matches) return failed('identidad', who.detail, 'otra_persona');
    checks.push({ item: 'identidad', status: 'ok', detail: who.detail });
  }
  return finish('valida');
}

/** The CMS DER without the zero padding after it (the /Contents placeholder is larger). */
function trimDer(contents: Uint8Array): Uint8Array {
  if (contents.length < 2 || contents[0] !== 0x30) return contents;
  const first = contents[1]!;
  if (first < 0x80) return contents.subarray(0, 2 + first);
  const n = first & 0x7f;
  if (n === 0 || n > 4 || contents.length < 2 + n) return contents; // indefinite length: BER, left whole
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + contents[2 + i]!;
  return contents.subarray(0, Math.min(contents.length, 2 + n + length));
}

/** Fields locked by the /Lock of any of these signature fields (FieldMDP: All, Include, Exclude). */
function lockedBy(ctx: PDFContext, signatures: SignatureField[]): (name: string) => boolean {
  const rules = signatures
    .map((s) => s.lock)
    .filter((l) => l !== null)
    .map((lock) => {
      const list = lookup(ctx, lock.get(PDFName.of('Fields')));
      const names = new Set(list instanceof PDFArray ? list.asArray().map((x) => textOf(lookup(ctx, x))) : []);
      return { action: lock.get(PDFName.of('Action')), names };
    });
  return (name) =>
    rules.some(({ action, names }) => action === PDFName.of('All') || (action === PDFName.of('Include') && names.has(name)) || (action === PDFName.of('Exclude') && !names.has(name)));
}
