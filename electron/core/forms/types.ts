// What the printed forms show of a request. Built by the core from the database (one place
// decides what goes on paper) and handed to the renderer of PDFs, which never reads the DB.
import { catalogCodes, PRINTED_FORMS, type Channel, type FormKind, type RepresentativeIdType } from '../../../shared/domain/catalogs';

export type { FormKind };
/** In printing order. */
export const FORM_KINDS: readonly FormKind[] = catalogCodes(PRINTED_FORMS);

/** What a QR may name: a request's three forms, a «Hoja de orientación» (guidance.ts), a contact update's constancia (constancia.ts), a foreigner's papers (foreigner.ts). */
export const PAPER_KINDS = [...FORM_KINDS, 'orientacion', 'constancia_contacto', 'solicitud_extranjero', 'comprobante_extranjero'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

export interface PrintableRequest {
  /** Human request number, e.g. CAU-UIO-2026-000123 (also the Code 128 barcode). */
  number: string;
  /** Record id (UUIDv7) — goes into the QR code with the digest. */
  id: string;
  agency: { code: string; name: string; provinceName: string };
  /** Date of attention, yyyy-mm-dd (Ecuador). */
  attentionDate: string;
  channel: Channel;
  applicantKind: { code: string; label: string };
  employer: { ruc: string; branch: string; legalName: string };
  representative: {
    names: string;
    idType: RepresentativeIdType;
    idTypeLabel: string;
    idNumber: string;
    /** ISO 3166 alpha-3, e.g. ECU, COL. */
    nationality: string;
  };
  contact: { email: string; mobile: string | null; address: string | null };
  /** Autorización de Retiro de Contraseña: null when the representative files in person. */
  thirdParty: { names: string; cedula: string } | null;
  artisan: { number: string; branch: string; expiryDate: string | null } | null;
  /** For the comprobante: what was received and how it was verified. */
  /**
   * `signedHere`: a paper printed with these forms for the applicant to sign in front of the clerk,
   * not yet verified when printed (absent in snapshots printed before it existed).
   */
  documents: { label: string; presentationLabel: string; verified: boolean; signedHere?: boolean }[];
  clerk: { name: string };
}

/** A form template: administrator-editable, versioned; the request records the version printed. */
export interface FormTemplate {
  kind: FormKind;
  version: number;
  title: string;
  /**
   * Paragraphs of body text. Placeholders in {{double.braces}} name PrintableRequest fields
   * (e.g. {{employer.legalName}}); unknown placeholders are a template error, never printed raw.
   */
  paragraphs: string[];
}
