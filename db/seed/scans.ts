// Scans as an applicant uploads them to the Ventanilla Virtual: real PDFs (pdfkit), optionally
// with an electronic signature's dictionary appended the way signing tools do it (an incremental
// update holding /Type /Sig with /ByteRange and /Contents). The signature is not cryptographically
// valid — the desk only checks that one is there (PAdES presence). Used by the demo seed (so the
// demo's virtual requests can be verified and approved) and by the tests.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import PDFDocument from 'pdfkit';
import { sha256, storeAttachment } from '../../electron/core/counter/attachments/files';
import { DOCUMENT_TYPES } from '../../shared/domain/catalogs';

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

/** Appends an incremental update with a signature dictionary signed by `signer`. */
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

export const signedPdf = async (title: string, lines: string[], signer: string) => withSignatureDictionary(await scanPdf(title, lines), signer);

const LABELS = new Map<string, string>(DOCUMENT_TYPES.map((d) => [d.code, d.label]));

/**
 * Gives the newest `limit` virtual requests waiting for verification the scans their applicant
 * would have uploaded: one PDF per required document, e-signed where the rules ask for it.
 * Returns how many requests got scans.
 */
export async function seedVirtualScans(sqlite: Database.Database, dataDir: string, opts: { limit: number; now: number }): Promise<number> {
  const requests = sqlite
    .prepare(
      `SELECT r.id, r.number, r.employer_ruc AS ruc, r.employer_legal_name AS legalName, r.representative_names AS names, r.representative_id_number AS idNumber
       FROM requests r WHERE r.channel = 'virtual' AND r.state = 'en_verificacion'
         AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.request_id = r.id)
       ORDER BY r.state_since DESC LIMIT ?`,
    )
    .all(opts.limit) as { id: string; number: string; ruc: string; legalName: string; names: string | null; idNumber: string | null }[];
  const documentsOf = sqlite.prepare('SELECT document_type AS documentType, signature FROM request_documents WHERE request_id = ? ORDER BY rowid');
  const insert = sqlite.prepare("INSERT INTO attachments (id, request_id, document_type, file_name, mime, size, sha256, created_by, created_at) VALUES (?, ?, ?, ?, 'application/pdf', ?, ?, 'central', ?)");
  for (const r of requests) {
    const who = `${r.names ?? 'Representante legal'}${r.idNumber ? `, C.I. ${r.idNumber}` : ''}`;
    const lines = [`${r.legalName} · RUC ${r.ruc}`, `Representante legal: ${who}`, `Solicitud ${r.number} (Ventanilla Virtual)`];
    for (const d of documentsOf.all(r.id) as { documentType: string; signature: string | null }[]) {
      const title = LABELS.get(d.documentType) ?? d.documentType;
      const data = d.signature === 'electronica' ? await signedPdf(title, lines, r.names ?? 'Representante legal') : await scanPdf(title, lines);
      const id = randomUUID();
      storeAttachment(dataDir, id, 'application/pdf', data);
      insert.run(id, r.id, d.documentType, `${d.documentType}.pdf`, data.byteLength, sha256(data), opts.now);
    }
  }
  return requests.length;
}
