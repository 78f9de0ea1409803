// Scans as an applicant uploads them to the Ventanilla Virtual: real PDFs (pdfkit), signed for
// real where the rules ask for an electronic signature (PAdES, by the demo CA of the data
// directory, db/seed/pki/demo.ts, whose root the demo agency has installed as trust anchor).
// Used by the demo seed (so the demo's virtual requests can be verified and approved, and one
// shows a refusal) and by the tests.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import PDFDocument from 'pdfkit';
import { sha256, storeAttachment } from '../../electron/core/counter/attachments/files';
import { DOCUMENT_TYPES } from '../../shared/domain/catalogs';
import { DEMO_ANCHOR_FILE, DEMO_CERT_VALIDITY, demoPki } from './pki/demo';
import { appendRevision, load } from './pki/incremental';
import type { Issued } from './pki/ca';
import { signPdf } from './pki/sign-pdf';
import { PDFName, PDFRef } from 'pdf-lib';

export function scanPdf(title: string, lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title }, compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(16).text(title, { align: 'center' }).moveDown();
  doc.fontSize(11);
  for (const line of lines) doc.text(line).moveDown(0.5);
  doc.end();
  return done;
}

/**
 * A signature dictionary appended as text, with no signature in it (what the old desk took for
 * a signature): the forgery the verifier must refuse.
 */
export function withSignatureDictionary(pdf: Buffer, signer: string): Buffer {
  const text = pdf.toString('latin1');
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  const size = /\/Size (\d+)/.exec(text.slice(text.lastIndexOf('trailer')));
  const root = /\/Root (\d+ \d+ R)/.exec(text.slice(text.lastIndexOf('trailer')));
  if (!prev || !size || !root) throw new Error('unexpected PDF trailer');
  const n = Number(size[1]);
  const objectAt = pdf.length + 1;
  const object = `\n${n} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 0 0 0] /Contents <${'0'.repeat(256)}> /Name (${signer}) /M (D:20261120090000-05'00') >>\nendobj\n`;
  const xrefAt = pdf.length + Buffer.byteLength(object, 'latin1');
  const xref = `xref\n${n} 1\n${String(objectAt).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${n + 1} /Root ${root[1]} /Prev ${prev[1]} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(object + xref, 'latin1')]);
}

export interface Signer {
  names: string;
  cedula: string;
}

const certificates = new Map<string, Promise<Issued>>();

/** Signs `pdf` as `signer` with the demo CA of `dataDir` (certificate, CRLs, timestamp). */
export async function signAs(pdf: Buffer, signer: Signer, dataDir: string, at: Date): Promise<Buffer> {
  const pki = await demoPki(dataDir);
  const key = `${dataDir}|${signer.cedula}|${signer.names}`;
  let cert = certificates.get(key);
  if (!cert) certificates.set(key, (cert = pki.person({ name: signer.names, cedula: signer.cedula, ...DEMO_CERT_VALIDITY })));
  return signPdf(pdf, { signer: await cert, chain: [pki.intermediate], signingTime: at, crls: await pki.crls(at), timestamp: { tsa: pki.tsa, chain: [pki.intermediate], at } });
}

export const signedPdf = async (title: string, lines: string[], signer: Signer, dataDir: string, at = new Date()) => signAs(await scanPdf(title, lines), signer, dataDir, at);

/** A later revision rewriting the first page's content: a signed PDF edited after signing. */
export async function editedAfterSigning(signed: Buffer, newText: string): Promise<Buffer> {
  const loaded = await load(signed);
  const contents = loaded.doc.getPage(0).node.get(PDFName.of('Contents'));
  if (!(contents instanceof PDFRef)) throw new Error('expected an indirect content stream');
  const text = `BT /F1 14 Tf 72 760 Td (${newText.replace(/[()\\]/g, '')}) Tj ET`;
  return appendRevision(signed, loaded, new Map([[contents.objectNumber, `<< /Length ${text.length} >>\nstream\n${text}\nendstream`]]));
}

/** Installs the demo CA's root as the agency's trust anchor (agencia.json's signatures, applied). */
export async function installDemoTrustAnchor(sqlite: Database.Database, dataDir: string): Promise<void> {
  await demoPki(dataDir);
  sqlite
    .prepare("INSERT INTO settings (key, value) VALUES ('ops.signatures', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    .run(JSON.stringify({ trustAnchors: [DEMO_ANCHOR_FILE], allowUncheckedRevocation: false }));
}

/** Someone who is not the representative of any demo request. */
export const DEMO_OTHER_SIGNER: Signer = { names: 'Tercero Demo Ajeno', cedula: '1700000001' };

const LABELS = new Map<string, string>(DOCUMENT_TYPES.map((d) => [d.code, d.label]));

export interface SeededScans {
  /** Requests that got scans. */
  count: number;
  /** Their numbers whose e-signatures verify «válida»: a supervisor can verify and approve them. */
  approvable: string[];
  /** Their numbers that show a refusal (an Acuerdo edited after signing, a Solicitud signed by someone else). */
  refused: string[];
}

/**
 * Gives the newest `limit` virtual requests waiting for the supervisor (to verify, or to review)
 * the scans their applicant would have uploaded: one PDF per required document, e-signed where
 * the rules ask for it. Only representatives with a cédula: the demo CA's certificates name the
 * signer by cédula (docs/signatures.md «Firmante»). Requests already holding scans are left alone.
 */
export async function seedVirtualScans(sqlite: Database.Database, dataDir: string, opts: { limit: number; now: number }): Promise<SeededScans> {
  await installDemoTrustAnchor(sqlite, dataDir);
  const signedAt = new Date(opts.now - 3_600_000);
  const requests = sqlite
    .prepare(
      `SELECT r.id, r.number, r.state, r.employer_ruc AS ruc, r.employer_legal_name AS legalName, r.representative_names AS names, r.representative_id_number AS idNumber
       FROM requests r WHERE r.channel = 'virtual' AND r.state IN ('en_verificacion', 'pendiente_revision') AND r.representative_id_type = 'cedula'
         AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.request_id = r.id)
       ORDER BY r.state = 'en_verificacion' DESC, r.state_since DESC LIMIT ?`,
    )
    .all(opts.limit) as { id: string; number: string; state: string; ruc: string; legalName: string; names: string | null; idNumber: string | null }[];
  const documentsOf = sqlite.prepare('SELECT document_type AS documentType, signature FROM request_documents WHERE request_id = ? ORDER BY rowid');
  const insert = sqlite.prepare("INSERT INTO attachments (id, request_id, document_type, file_name, mime, size, sha256, created_by, created_at) VALUES (?, ?, ?, ?, 'application/pdf', ?, ?, 'central', ?)");
  const seeded: SeededScans = { count: requests.length, approvable: [], refused: [] };
  for (const [n, r] of requests.entries()) {
    const who = `${r.names ?? 'Representante legal'}${r.idNumber ? `, C.I. ${r.idNumber}` : ''}`;
    const lines = [`${r.legalName} · RUC ${r.ruc}`, `Representante legal: ${who}`, `Solicitud ${r.number} (Ventanilla Virtual)`];
    const representative = { names: r.names ?? 'Representante legal', cedula: r.idNumber ?? '0000000000' };
    // Two requests still to verify show a refusal (docs/signatures.md): the second has its
    // Acuerdo edited after signing, the third its Solicitud signed by someone else. One already
    // in review had its signatures recorded as «válida», so its scans are the good ones.
    const refusal = r.state === 'en_verificacion' && (n === 1 || n === 2) ? n : null;
    for (const d of documentsOf.all(r.id) as { documentType: string; signature: string | null }[]) {
      const title = LABELS.get(d.documentType) ?? d.documentType;
      let data = await scanPdf(title, lines);
      if (d.signature === 'electronica') {
        const someoneElse = refusal === 2 && d.documentType === 'solicitud_entrega_clave';
        data = await signAs(data, someoneElse ? DEMO_OTHER_SIGNER : representative, dataDir, signedAt);
        if (refusal === 1 && d.documentType === 'acuerdo_responsabilidad') data = await editedAfterSigning(data, 'Acuerdo modificado despues de firmar');
      }
      const id = randomUUID();
      storeAttachment(dataDir, id, 'application/pdf', data);
      insert.run(id, r.id, d.documentType, `${d.documentType}.pdf`, data.byteLength, sha256(data), opts.now);
    }
    (refusal === null ? seeded.approvable : seeded.refused).push(r.number);
  }
  return seeded;
}
