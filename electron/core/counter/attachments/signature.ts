// Electronic signatures on Ventanilla Virtual scans (seed 004: the Solicitud de entrega de clave
// and the Acuerdo de Responsabilidad must be signed electronically).
import fs from 'node:fs';
import { attachmentPath, type AttachmentMime } from './files';

/**
 * Whether a PDF carries a signature dictionary (PAdES/PKCS#7: /Type /Sig with /ByteRange).
 * This proves a signature is there, not that the certificate is valid — validating the chain
 * needs the issuers' CAs (FirmaEC, Banco Central...), see the issue notes.
 */
export function hasSignatureDictionary(pdf: Buffer): boolean {
  const text = pdf.toString('latin1');
  return /\/Type\s*\/Sig\b/.test(text) && /\/ByteRange\s*\[/.test(text);
}

/** The stored scan is a PDF with a signature dictionary; a missing file (retention) is not. */
export function isSignedPdfAttachment(dataDir: string, id: string, mime: AttachmentMime): boolean {
  if (mime !== 'application/pdf') return false;
  let data: Buffer;
  try {
    data = fs.readFileSync(attachmentPath(dataDir, id, mime));
  } catch {
    return false;
  }
  return hasSignatureDictionary(data);
}
