// Calls of «Registro de extranjero sin cédula» (shared/domain/foreigner-registration.ts): the
// counter's intake and the start of its checklist (merged into counterCalls), and its two papers
// (merged into formCalls). The documents are verified, scanned, signed and sent to review with
// the counter's own calls (requests.verifyDocument, attachments.add, requests.markSignature,
// requests.transition); the supervisor reviews it with review.*.
import { z } from 'zod';
import { ROLE_GROUPS } from '../domain/roles';
import { REQUEST_STATES } from '../domain/lifecycle';
import { ForeignerRegistrationDraftSchema } from '../domain/foreigner-registration';
import { Id } from './common';
import { defineCall } from './define';

const Version = z.number().int().min(1);
const Saved = z.object({ version: z.number().int(), updatedAt: z.number() });
const ReprintReason = z.string().trim().min(5, { error: 'Indique el motivo de la reimpresión (al menos 5 caracteres).' }).max(300);

/** What requests.get adds for this type: the draft as stored, and the code central assigned. */
export const ForeignerRegistrationView = z.object({
  data: ForeignerRegistrationDraftSchema,
  /** The foreigner's identification code, once central assigned it (null until then). */
  foreignerCode: z.string().nullable(),
});

export const foreignerCounterCalls = {
  'requests.saveForeignerRegistration': defineCall({
    summary: 'Guarda los datos de un registro de extranjero sin cédula (pasaporte, empleador y contrato del SUT) mientras se escriben.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'datos_guardados',
    input: z.object({ id: Id, version: Version, data: ForeignerRegistrationDraftSchema }).strict(),
    output: Saved,
  }),

  'requests.startForeignerVerification': defineCall({
    summary: 'Comprueba los datos del extranjero y abre la verificación de sus documentos (copia del pasaporte, contrato del SUT, solicitud).',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'cambio_estado',
    input: z.object({ id: Id, version: Version }).strict(),
    output: z.object({ version: z.number().int(), state: z.enum(REQUEST_STATES) }),
  }),
} as const;

const PrintedPaper = <K extends string>(kind: K) =>
  z.object({
    version: z.number().int(),
    state: z.enum(REQUEST_STATES),
    reprint: z.boolean(),
    form: z.object({ kind: z.literal(kind), title: z.string(), templateVersion: z.number().int(), sha256: z.string(), pdfBase64: z.string() }),
  });

export const foreignerFormCalls = {
  'forms.printForeignerRequest': defineCall({
    summary: 'Imprime la «Solicitud de registro de extranjero» (con el consentimiento LOPDP) para la firma a mano del extranjero (primera impresión o reimpresión con motivo).',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'formularios_impresos',
    input: z.object({ id: Id, version: Version, reprintReason: ReprintReason.optional() }).strict(),
    output: PrintedPaper('solicitud_extranjero'),
  }),

  'forms.printForeignerReceipt': defineCall({
    summary: 'Imprime el «Comprobante de registro de extranjero»: lo recibido y, cuando el IESS lo asignó, el código de identificación para extranjeros.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'formularios_impresos',
    input: z.object({ id: Id, reprintReason: ReprintReason.optional() }).strict(),
    output: PrintedPaper('comprobante_extranjero'),
  }),
} as const;
