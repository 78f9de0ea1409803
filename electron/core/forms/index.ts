// Printed forms (docs/seeds/004_b3a097c2fb3b9007.txt, the presencial requirements): PDF rendering, verification marks, templates, printing and the
// archive of what was printed. Plain Node; the core builds the PrintableRequest from the DB.
export { FORM_KINDS, type FormKind, type FormTemplate, type PrintableRequest } from './types';
export { renderForm, renderAll, type RenderOptions, type RenderedForm } from './render';
export { formDigest, qrPayload, parseQrPayload, verifyQrPayload, QR_PREFIX, type QrContent } from './digest';
export { DEFAULT_TEMPLATES, fillTemplate, validateTemplate, PLACEHOLDERS, TemplateError, type FilledParagraph } from './templates';
export { printPdf, listPrinters, PrintError, type PrintDeps, type PrinterInfo, type PrintResult } from './print';
export { archivePdf, type ArchivedPdf } from './archive';
export { defaultFontsDir, FONT_FILES } from './fonts';
