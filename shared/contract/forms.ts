// Calls of the printed forms (issue #6): generate, archive and print the Solicitud (with its
// Autorización de Retiro), the Acuerdo de Responsabilidad and the Comprobante.
import { z } from 'zod';
import { REQUEST_STATES } from '../domain/lifecycle';
import { Id } from './common';
import { defineCall } from './define';

export const FORM_KIND_CODES = ['solicitud', 'acuerdo', 'comprobante'] as const;
export const FORM_LABELS: Record<(typeof FORM_KIND_CODES)[number], string> = {
  solicitud: 'Solicitud de entrega de clave patronal',
  acuerdo: 'Acuerdo de Responsabilidad y Uso de la Información',
  comprobante: 'Comprobante de recepción',
};

const COUNTER = ['ventanillero', 'supervisor'] as const;

export const PrintedForm = z.object({
  kind: z.enum(FORM_KIND_CODES),
  title: z.string(),
  templateVersion: z.number().int(),
  sha256: z.string(),
  /** The PDF itself, for the in-app preview and the browser's print dialog. */
  pdfBase64: z.string(),
});

export const formCalls = {
  'forms.print': defineCall({
    summary: 'Genera y archiva los tres formularios de la solicitud (primera impresión o reimpresión con motivo).',
    access: COUNTER,
    audit: 'change',
    input: z
      .object({
        id: Id,
        version: z.number().int().min(1),
        /** Required for a reprint: why the paper is printed again. */
        reprintReason: z.string().trim().min(5, { error: 'Indique el motivo de la reimpresión (al menos 5 caracteres).' }).max(300).optional(),
      })
      .strict(),
    output: z.object({ version: z.number().int(), state: z.enum(REQUEST_STATES), reprint: z.boolean(), forms: z.array(PrintedForm) }),
  }),

  'forms.get': defineCall({
    summary: 'Formularios archivados de una solicitud (la última impresión).',
    access: COUNTER,
    audit: 'read',
    input: z.object({ id: Id }).strict(),
    output: z.object({ forms: z.array(PrintedForm), prints: z.array(z.object({ at: z.number(), actor: z.string().nullable(), reprint: z.boolean(), reason: z.string().nullable() })) }),
  }),

  'forms.printers': defineCall({
    summary: 'Impresoras del sistema operativo disponibles en esta estación.',
    access: COUNTER,
    audit: 'none',
    input: z.object({}).strict(),
    output: z.object({ printers: z.array(z.object({ name: z.string(), isDefault: z.boolean() })), available: z.boolean() }),
  }),

  'forms.sendToPrinter': defineCall({
    summary: 'Envía un formulario archivado a una impresora del sistema.',
    access: COUNTER,
    audit: 'change',
    input: z.object({ id: Id, kind: z.enum(FORM_KIND_CODES), printer: z.string().trim().min(1, { error: 'Seleccione la impresora.' }).max(200) }).strict(),
    output: z.object({ jobId: z.string().nullable() }),
  }),

  'forms.verifyQr': defineCall({
    summary: 'Verifica el código QR de un formulario impreso contra el registro.',
    access: ['ventanillero', 'supervisor', 'administrador'],
    audit: 'read',
    input: z.object({ payload: z.string().trim().min(1, { error: 'Escanee o pegue el contenido del código QR.' }).max(500) }).strict(),
    output: z.object({ valid: z.boolean(), message: z.string(), number: z.string().nullable(), kind: z.enum(FORM_KIND_CODES).nullable() }),
  }),
} as const;
