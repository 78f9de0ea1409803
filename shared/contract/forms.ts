// Calls of the printed forms: generate, archive and print the Solicitud (with its
// Autorización de Retiro), the Acuerdo de Responsabilidad and the Comprobante; check a paper's
// QR code against the record; and the administrator's versions of the wording.
import { z } from 'zod';
import { checkCedula } from '../domain/cedula';
import { checkEmail, checkPersonName } from '../domain/contact';
import { GUIDANCE_ID_TYPES, GUIDANCE_PROCEDURES } from '../domain/guidance';
import { ROLE_GROUPS } from '../domain/roles';
import { catalogCodes, catalogLabels, PRINTED_FORMS } from '../domain/catalogs';
import { REQUEST_STATES } from '../domain/lifecycle';
import { Id } from './common';
import { defineCall } from './define';
import { foreignerFormCalls } from './foreigner';

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

const kindList = FORM_KIND_CODES.join(', ');

/**
 * A template version as an administrator writes it: the JSON file imported on the Operación
 * screen, and the input of `forms.publishTemplate` in the CLI. The core assigns the version
 * (the next one); a file may state it, and then it must be that one. What the words may say
 * ({{placeholders}}, [conditions], **leads**) is checked by the core's template validation.
 */
export const TemplateFile = z
  .object(
    {
      kind: z.enum(FORM_KIND_CODES, { error: `Campo «kind»: indique el formulario (${kindList}).` }),
      version: z
        .number({ error: 'Campo «version»: debe ser un número entero (o quítelo: se usa la siguiente versión).' })
        .int({ error: 'Campo «version»: debe ser un número entero.' })
        .min(2, { error: 'Campo «version»: la versión 1 viene con la aplicación; las nuevas empiezan en 2.' })
        .max(999_999, { error: 'Campo «version»: número demasiado grande.' })
        .optional(),
      title: z
        .string({ error: 'Campo «title»: escriba el título del formulario entre comillas.' })
        .max(500, { error: 'Campo «title»: el título no puede superar 500 caracteres.' }),
      paragraphs: z
        .array(
          z
            .string({ error: (iss) => `Campo «paragraphs»: el párrafo ${Number(iss.path?.at(-1) ?? 0) + 1} debe ser un texto entre comillas.` })
            .max(5000, { error: (iss) => `Campo «paragraphs»: el párrafo ${Number(iss.path?.at(-1) ?? 0) + 1} no puede superar 5000 caracteres.` }),
          { error: 'Campo «paragraphs»: debe ser una lista de párrafos: ["Primer párrafo…", "Segundo…"].' },
        )
        .max(100, { error: 'Campo «paragraphs»: demasiados párrafos (máximo 100).' }),
    },
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys'
          ? `Campos no reconocidos: ${iss.keys.map((k) => `«${k}»`).join(', ')}. Use solo «kind», «version», «title» y «paragraphs».`
          : iss.code === 'invalid_type'
            ? 'El archivo debe contener un objeto JSON con «kind», «title» y «paragraphs».'
            : undefined,
    },
  )
  .strict();
export type TemplateFile = z.infer<typeof TemplateFile>;

/**
 * Reads the text of a JSON file (a template on the screen, any --file in the CLI): a byte-order
 * mark (Windows Notepad) is fine; broken JSON gets the line and column in Spanish instead of
 * the engine's English.
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, message: 'El archivo está vacío.' };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (err) {
    const position = /position (\d+)/.exec(err instanceof Error ? err.message : '');
    if (!position) return { ok: false, message: 'El archivo no es un JSON válido: revise comillas, comas, corchetes y llaves.' };
    const before = body.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return { ok: false, message: `El archivo no es un JSON válido (línea ${line}, columna ${column}): revise comillas, comas, corchetes y llaves cerca de ahí.` };
  }
}

export const TemplateVersion = z.object({
  version: z.number().int(),
  title: z.string(),
  paragraphs: z.array(z.string()),
  /** Null for version 1, which ships with the application. */
  createdAt: z.number().nullable(),
  createdBy: z.string().nullable(),
});
export type TemplateVersion = z.infer<typeof TemplateVersion>;

/** Outcome of checking a paper's QR code. */
export const QR_OUTCOMES = ['autentico', 'alterado', 'desconocido', 'no_reconocido'] as const;
export type QrOutcome = (typeof QR_OUTCOMES)[number];

export const PrintedForm = z.object({
  kind: z.enum(FORM_KIND_CODES),
  title: z.string(),
  templateVersion: z.number().int(),
  sha256: z.string(),
  /** The PDF itself, for the in-app preview and the browser's print dialog. */
  pdfBase64: z.string(),
});

/**
 * The applicant's data a clerk types for a «Hoja de orientación»: the identification the portal
 * asks for (cédula with its check digit, or the foreigner code, checked by the core against the
 * agency's configured pattern), the names and the e-mail where the portal's link will arrive.
 */
export const GuidanceApplicant = z
  .object({
    procedure: z.enum(GUIDANCE_PROCEDURES, { error: 'Elija el trámite de la hoja de orientación.' }),
    idType: z.enum(GUIDANCE_ID_TYPES, { error: 'Elija cómo se identifica el solicitante: cédula o código de extranjero.' }),
    idNumber: z
      .string({ error: 'Ingrese la identificación del solicitante.' })
      .trim()
      .min(1, { error: 'Ingrese la identificación del solicitante.' })
      .max(40, { error: 'La identificación no puede superar 40 caracteres.' }),
    names: z
      .string({ error: 'Ingrese los nombres y apellidos del solicitante.' })
      .max(200, { error: 'Los nombres no pueden superar 200 caracteres.' })
      .superRefine((value, ctx) => {
        const check = checkPersonName(value);
        for (const e of check.errors) ctx.addIssue({ code: 'custom', message: e.message });
      }),
    email: z
      .string({ error: 'Ingrese el correo electrónico del solicitante.' })
      .max(254, { error: 'El correo electrónico no puede superar 254 caracteres.' })
      .superRefine((value, ctx) => {
        const check = checkEmail(value);
        // The domain's wording speaks of the employer key; here the portal's link is what arrives.
        for (const e of check.errors) ctx.addIssue({ code: 'custom', message: e.code === 'email.required' ? 'Ingrese el correo electrónico: allí llega el enlace del IESS.' : e.message });
      }),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.idType !== 'cedula') return;
    const check = checkCedula(value.idNumber);
    for (const e of check.errors) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: e.message });
  });
export type GuidanceApplicant = z.infer<typeof GuidanceApplicant>;

const PrintedGuidance = z.object({
  /** The sheet (its QR, reprints and printer jobs name it). */
  id: Id,
  number: z.string(),
  procedure: z.enum(GUIDANCE_PROCEDURES),
  reprint: z.boolean(),
  form: z.object({ kind: z.literal('orientacion'), title: z.string(), templateVersion: z.number().int(), sha256: z.string(), pdfBase64: z.string() }),
});

const PrintedConstancia = z.object({
  version: z.number().int(),
  state: z.enum(REQUEST_STATES),
  reprint: z.boolean(),
  form: z.object({ kind: z.literal('constancia_contacto'), title: z.string(), templateVersion: z.number().int(), sha256: z.string(), pdfBase64: z.string() }),
});

export const formCalls = {
  'forms.printConstancia': defineCall({
    summary: 'Imprime la «Constancia de actualización de datos de contacto» para la firma del afiliado (primera impresión o reimpresión con motivo).',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'formularios_impresos',
    input: z
      .object({
        id: Id,
        version: z.number().int().min(1),
        reprintReason: z.string().trim().min(5, { error: 'Indique el motivo de la reimpresión (al menos 5 caracteres).' }).max(300).optional(),
      })
      .strict(),
    output: PrintedConstancia,
  }),

  'forms.print': defineCall({
    summary: 'Genera y archiva los tres formularios de la solicitud (primera impresión o reimpresión con motivo).',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'formularios_impresos',
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

  'forms.printReceipt': defineCall({
    summary: 'Imprime solo el «Comprobante de recepción» de una solicitud cuyos papeles firmados llegaron todos firmados (primera impresión o reimpresión con motivo).',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'comprobante_impreso',
    input: z
      .object({
        id: Id,
        reprintReason: z.string().trim().min(5, { error: 'Indique el motivo de la reimpresión (al menos 5 caracteres).' }).max(300).optional(),
      })
      .strict(),
    output: z.object({ reprint: z.boolean(), form: PrintedForm.extend({ kind: z.literal('comprobante') }) }),
  }),

  'forms.get': defineCall({
    summary: 'Papeles archivados de una solicitud, de cualquier tipo de trámite (la última impresión de cada uno).',
    access: ROLE_GROUPS.counter,
    audit: 'read',
    history: 'formularios_consultados',
    input: z.object({ id: Id }).strict(),
    output: z.object({
      forms: z.array(PrintedForm.extend({ kind: z.enum(REQUEST_PAPER_KIND_CODES) })),
      /** Every print of the request's first paper (the Solicitud, the constancia, the foreigner's Solicitud). */
      prints: z.array(z.object({ at: z.number(), actor: z.string().nullable(), reprint: z.boolean(), reason: z.string().nullable() })),
    }),
  }),

  'forms.printers': defineCall({
    summary: 'Impresoras del sistema operativo disponibles en esta estación.',
    access: ROLE_GROUPS.counter,
    audit: 'none',
    input: z.object({}).strict(),
    output: z.object({ printers: z.array(z.object({ name: z.string(), isDefault: z.boolean() })), available: z.boolean() }),
  }),

  'forms.sendToPrinter': defineCall({
    summary: 'Envía un formulario archivado de un trámite (la constancia de una actualización de contacto, la solicitud o el comprobante de un registro de extranjero) a una impresora del sistema.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    history: 'formulario_enviado_impresora',
    input: z.object({ id: Id, kind: z.enum(REQUEST_PAPER_KIND_CODES), printer: z.string().trim().min(1, { error: 'Seleccione la impresora.' }).max(200) }).strict(),
    output: z.object({ jobId: z.string().nullable() }),
  }),

  'forms.verifyQr': defineCall({
    summary: 'Verifica el código QR de un formulario impreso contra el registro.',
    access: ROLE_GROUPS.everyone,
    audit: 'read',
    history: 'formulario_verificado_qr',
    input: z
      .object({
        payload: z
          .string({ error: 'Escanee o pegue el contenido del código QR.' })
          .trim()
          .min(1, { error: 'Escanee o pegue el contenido del código QR.' })
          .max(500, { error: 'El contenido escaneado es demasiado largo para ser un código QR de un formulario.' }),
      })
      .strict(),
    output: z.object({
      valid: z.boolean(),
      outcome: z.enum(QR_OUTCOMES),
      /** One Spanish sentence for the clerk. */
      message: z.string(),
      /** As read from the QR (null when it is not one of ours). */
      number: z.string().nullable(),
      kind: z.enum(PAPER_KIND_CODES).nullable(),
      templateVersion: z.number().int().nullable(),
      /** The request the QR names, when it exists in this agency. */
      request: z.object({ id: Id, state: z.enum(REQUEST_STATES) }).nullable(),
      /** Only for an authentic paper: what the record printed, and every print of that form. */
      printed: z
        .object({
          employerLegalName: z.string(),
          employerRuc: z.string(),
          representativeNames: z.string(),
          representativeId: z.string(),
          thirdPartyNames: z.string().nullable(),
          prints: z.array(z.object({ at: z.number(), actor: z.string().nullable(), reprint: z.boolean(), reason: z.string().nullable() })),
        })
        .nullable(),
      /** Only for an authentic «Hoja de orientación»: which procedure, for whom, and every print. */
      guidance: z
        .object({
          procedureLabel: z.string(),
          names: z.string(),
          identification: z.string(),
          prints: z.array(z.object({ at: z.number(), actor: z.string().nullable(), reprint: z.boolean(), reason: z.string().nullable() })),
        })
        .nullable(),
    }),
  }),

  'forms.printGuidance': defineCall({
    summary: 'Genera, archiva y registra una hoja de orientación de un trámite de clave de afiliado (seeds 000–003) con los datos del solicitante.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    input: GuidanceApplicant,
    output: PrintedGuidance,
  }),

  'forms.reprintGuidance': defineCall({
    summary: 'Reimprime una hoja de orientación de esta agencia: los mismos bytes que la primera vez.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    input: z.object({ id: Id }).strict(),
    output: PrintedGuidance,
  }),

  'forms.sendGuidanceToPrinter': defineCall({
    summary: 'Envía una hoja de orientación archivada a una impresora del sistema.',
    access: ROLE_GROUPS.counter,
    audit: 'change',
    input: z.object({ id: Id, printer: z.string().trim().min(1, { error: 'Seleccione la impresora.' }).max(200) }).strict(),
    output: z.object({ jobId: z.string().nullable() }),
  }),

  'forms.templates': defineCall({
    summary: 'Versiones de la redacción de cada formulario (la más nueva es la que se imprime).',
    access: ROLE_GROUPS.admin,
    audit: 'none',
    input: z.object({}).strict(),
    output: z.object({
      templates: z.array(z.object({ kind: z.enum(FORM_KIND_CODES), label: z.string(), current: z.number().int(), versions: z.array(TemplateVersion) })),
    }),
  }),

  'forms.checkTemplate': defineCall({
    summary: 'Revisa una nueva versión de plantilla sin publicarla y la muestra con una solicitud de muestra.',
    access: ROLE_GROUPS.admin,
    audit: 'none',
    input: TemplateFile,
    output: z.object({
      kind: z.enum(FORM_KIND_CODES),
      label: z.string(),
      /** The version it would become, and the one it replaces. */
      version: z.number().int(),
      currentVersion: z.number().int(),
      changes: z.object({ title: z.boolean(), added: z.number().int(), removed: z.number().int() }),
      previews: z.array(z.object({ label: z.string(), pdfBase64: z.string() })),
    }),
  }),

  'forms.publishTemplate': defineCall({
    summary: 'Publica una nueva versión de la redacción de un formulario (las ya impresas no cambian).',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: TemplateFile,
    output: z.object({ kind: z.enum(FORM_KIND_CODES), label: z.string(), version: z.number().int(), createdAt: z.number() }),
  }),
  ...foreignerFormCalls,
} as const;
