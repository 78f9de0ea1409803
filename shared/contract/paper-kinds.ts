// What a printed paper is, by name: the paper check (renderer/src/forms/PaperCheck.tsx) names
// them on the counter's start screen, and importing them from the forms contract built all of
// that capability's call schemas before the first screen (test/unit/renderer/startup-imports.test.ts).
// shared/contract/forms.ts re-exports them.
import { catalogCodes, catalogLabels, PRINTED_FORMS } from '../domain/catalogs';

export const FORM_KIND_CODES = catalogCodes(PRINTED_FORMS);
export const FORM_LABELS = catalogLabels(PRINTED_FORMS);

/** What a paper's QR may name: a request's forms, or a «Hoja de orientación» (no request behind it). */
export const PAPER_KIND_CODES = [...FORM_KIND_CODES, 'orientacion', 'constancia_contacto', 'solicitud_extranjero', 'comprobante_extranjero'] as const;
export type PaperKind = (typeof PAPER_KIND_CODES)[number];
/** The papers a request has (all but the «Hoja de orientación»): what forms.get shows and forms.sendToPrinter sends. */
export const REQUEST_PAPER_KIND_CODES = [...FORM_KIND_CODES, 'constancia_contacto', 'solicitud_extranjero', 'comprobante_extranjero'] as const;
export type RequestPaperKind = (typeof REQUEST_PAPER_KIND_CODES)[number];
export const PAPER_LABELS: Readonly<Record<PaperKind, string>> = {
  ...FORM_LABELS,
  orientacion: 'Hoja de orientación',
  constancia_contacto: 'Constancia de actualización de datos de contacto',
  solicitud_extranjero: 'Solicitud de registro de extranjero',
  comprobante_extranjero: 'Comprobante de registro de extranjero',
};
