// The document security store (PAdES / ISO 32000-2 §12.8.4.3): certificates, CRLs and OCSP
// responses a signer or a later LTV update added to the PDF for validation.
import zlib from 'node:zlib';
import { PDFArray, PDFName, PDFRawStream, type PDFContext } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { parseCertificate } from './certificates';
import { basicOcsp } from './cms';
import { LIMITS } from './limits';
import { catalogOf, lookup, lookupDict } from './pdf-signatures';
import type { RevocationEvidence } from './revocation';

function streamBytes(stream: PDFRawStream): Uint8Array | null {
  const filter = stream.dict.get(PDFName.of('Filter'));
  if (filter === undefined) return stream.contents;
  const flate = PDFName.of('FlateDecode');
  if (filter === flate || (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === flate)) {
    try {
      return zlib.inflateSync(stream.contents, { maxOutputLength: LIMITS.maxContentsBytes });
    } catch {
      return null;
    }
  }
  return null;
}

function items(ctx: PDFContext, key: string): Uint8Array[] {
  const dss = lookupDict(ctx, catalogOf(ctx)?.get(PDFName.of('DSS')));
  const list = lookup(ctx, dss?.get(PDFName.of(key)));
  if (!(list instanceof PDFArray)) return [];
  const out: Uint8Array[] = [];
  for (const entry of list.asArray().slice(0, LIMITS.maxRevocationItems)) {
    const stream = lookup(ctx, entry);
    const bytes = stream instanceof PDFRawStream ? streamBytes(stream) : null;
    if (bytes) out.push(bytes);
  }
  return out;
}

export interface DssContent extends RevocationEvidence {
  certificates: pkijs.Certificate[];
}

export function readDss(ctx: PDFContext): DssContent {
  const certificates = items(ctx, 'Certs')
    .map(parseCertificate)
    .filter((c): c is pkijs.Certificate => c !== null);
  const crls: pkijs.CertificateRevocationList[] = [];
  for (const der of items(ctx, 'CRLs')) {
    try {
      crls.push(pkijs.CertificateRevocationList.fromBER(der));
    } catch {
      // unreadable: not evidence
    }
  }
  const ocsps: pkijs.BasicOCSPResponse[] = [];
  for (const der of items(ctx, 'OCSPs')) {
    try {
      const basic = basicOcsp(pkijs.OCSPResponse.fromBER(der));
      if (basic) ocsps.push(basic);
    } catch {
      // unreadable: not evidence
    }
  }
  return { certificates, crls, ocsps };
}
