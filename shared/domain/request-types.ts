/**
 * The request types as data (docs/architecture.md, «Where does a new request type go»). Each type
 * brings its label, the schema of what it keeps in `requests.details`, its rules (each citing the
 * line of the official sheet it encodes, checked by test/unit/domain/request-types.test.ts), the
 * papers it prints, whether a supervisor reviews it, the lifecycle transitions it uses (a subset
 * of lifecycle.ts TRANSITIONS) and the columns the end-of-day report shows for it. The codes are
 * the vocabulary REQUEST_TYPES of catalogs.ts; the core, the schema's enum, the contract and the
 * screens read them from here.
 */
import { z } from 'zod';
import { catalogCodes, REQUEST_TYPES, type RequestType } from './catalogs';
import { ContactUpdateDetailsSchema } from './contact-update';
import { ForeignerRegistrationDetailsSchema } from './foreigner-registration';
import type { RequestEvent, RequestState } from './lifecycle';
import type { Citation } from './requirements';
import { CLAVE_PATRONAL_V1 } from './rule-sets';

export type { RequestType };
export const REQUEST_TYPE_CODES = catalogCodes(REQUEST_TYPES);
export const DEFAULT_REQUEST_TYPE: RequestType = 'clave_patronal';

export const AFFILIATE_SEED_001 = 'seeds/001_be6632d3648d6043.txt';
export const AFFILIATE_SEED_002 = 'seeds/002_7cf0ad12e8c8a3b1.txt';

/** A rule of a type: what it asks, in words, and the sheet line it comes from. */
export interface TypeRule {
  readonly id: string;
  readonly text: string;
  readonly citation: Citation;
  /** A few words of the cited lines, which the test finds there (accents and case as in the sheet). */
  readonly quote: string;
}

/** One printed paper of a type. */
export interface TypeForm {
  readonly code: string;
  readonly label: string;
}

export interface ReportColumn {
  /** The end-of-day row's key (shared/contract/supervisor.ts DayClerkRow) this column reads. */
  readonly key: string;
  readonly label: string;
}

export interface RequestTypeSpec {
  readonly code: RequestType;
  readonly label: string;
  /** For narrow lists and filters. */
  readonly shortLabel: string;
  /** Offered on the screens (a type declared but not yet built is not). */
  readonly available: boolean;
  /** What it keeps in `requests.details` beyond the employer intake (null: the employer intake's own). */
  readonly details: z.ZodType | null;
  readonly rules: readonly TypeRule[];
  readonly forms: readonly TypeForm[];
  readonly supervisorReview: boolean;
  /** Whether the counter takes and proves the e-mail (readiness.ts: submission and approval want it). */
  readonly emailAtCounter: boolean;
  /** The transitions (from, event) this type's requests may take; the core refuses any other. */
  readonly transitions: readonly (readonly [RequestState, RequestEvent])[];
  readonly reportColumns: readonly ReportColumn[];
}

const at = (file: string, from: number, to = from): Citation => ({ file, lines: [from, to] });

/** Every transition of the employer procedure (lifecycle.ts), before this registry existed. */
const CLAVE_PATRONAL_TRANSITIONS = [
  ['borrador', 'iniciar_verificacion'],
  ['borrador', 'ingreso_virtual'],
  ['borrador', 'anular'],
  ['en_verificacion', 'imprimir_formularios'],
  ['en_verificacion', 'enviar_a_revision'],
  ['en_verificacion', 'rechazar'],
  ['en_verificacion', 'anular'],
  ['pendiente_firma', 'imprimir_formularios'],
  ['pendiente_firma', 'enviar_a_revision'],
  ['pendiente_firma', 'rechazar'],
  ['pendiente_firma', 'anular'],
  ['pendiente_revision', 'aprobar'],
  ['pendiente_revision', 'devolver'],
  ['pendiente_revision', 'rechazar'],
  ['pendiente_revision', 'anular'],
  ['aprobada', 'confirmar_envio'],
  ['aprobada', 'rechazo_central'],
  ['enviada', 'emitir_clave'],
  ['enviada', 'rechazo_central'],
  ['devuelta', 'corregir'],
  ['devuelta', 'rechazar'],
  ['devuelta', 'anular'],
] as const satisfies readonly (readonly [RequestState, RequestEvent])[];

export const REQUEST_TYPE_REGISTRY = {
  clave_patronal: {
    code: 'clave_patronal',
    label: 'Generación de clave patronal de acceso al portal IESS',
    shortLabel: 'Clave patronal',
    available: true,
    details: null,
    // The requirement rules are the rule sets of rule-sets.ts (conditions by profile); listed here by id and citation.
    rules: CLAVE_PATRONAL_V1.rules.map((r) => ({ id: r.id, text: r.sheet?.reference ?? r.id, citation: r.citation, quote: '' })),
    forms: [
      { code: 'solicitud', label: 'Solicitud de entrega de clave patronal' },
      { code: 'acuerdo', label: 'Acuerdo de Responsabilidad y Uso de la Información' },
      { code: 'comprobante', label: 'Comprobante de recepción' },
    ],
    supervisorReview: true,
    emailAtCounter: true,
    transitions: CLAVE_PATRONAL_TRANSITIONS,
    reportColumns: [
      { key: 'received', label: 'Recibidas' },
      { key: 'approved', label: 'Aprobadas' },
      { key: 'returned', label: 'Devueltas' },
      { key: 'rejected', label: 'Rechazadas' },
      { key: 'printedForms', label: 'Formularios impresos' },
    ],
  },
  actualizacion_contacto: {
    code: 'actualizacion_contacto',
    label: 'Actualización presencial de datos de contacto',
    shortLabel: 'Datos de contacto',
    available: true,
    details: ContactUpdateDetailsSchema,
    rules: [
      {
        id: 'contacto.beneficiarios',
        text: 'La atienden afiliados, jubilados y derechohabientes del IESS.',
        citation: at(AFFILIATE_SEED_001, 8),
        quote: 'afiliados, jubilados y/o derechohabientes',
      },
      {
        id: 'contacto.cedula',
        text: 'Se identifica con su cédula de identidad o ciudadanía original (se valida el dígito verificador).',
        citation: at(AFFILIATE_SEED_001, 10),
        quote: 'Cédula de identidad o ciudadanía',
      },
      {
        id: 'contacto.codigo_extranjero',
        text: 'Un extranjero sin cédula, registrado o afiliado en el IESS, se identifica con su código de identificación para extranjeros.',
        citation: at(AFFILIATE_SEED_001, 10),
        quote: 'Código de identificación para extranjeros',
      },
      {
        id: 'contacto.presencial',
        text: 'La actualización de datos se hace de manera presencial; con ella el portal envía a este correo el enlace para generar o recuperar la clave.',
        citation: at(AFFILIATE_SEED_001, 21),
        quote: 'actualización de datos de manera presencial',
      },
      {
        id: 'contacto.correo_activo',
        text: 'El correo debe estar activo: el enlace «ACTIVACIÓN CLAVE» llega ahí y dura 3 minutos (se comprueba con un código cuando hay conexión).',
        citation: at(AFFILIATE_SEED_001, 25),
        quote: 'ACTIVACIÓN CLAVE',
      },
      {
        id: 'contacto.campos',
        text: 'Se registran correo electrónico, teléfono móvil y teléfono fijo.',
        citation: at(AFFILIATE_SEED_002, 7),
        quote: 'correo electrónico, número de teléfono móvil y número de teléfono fijo',
      },
    ],
    forms: [{ code: 'constancia_contacto', label: 'Constancia de actualización de datos de contacto' }],
    // The sheets ask for no review (docs/domain.md, «Actualización de datos de contacto»): audited and on the end-of-day report.
    supervisorReview: false,
    emailAtCounter: true,
    transitions: [
      ['borrador', 'iniciar_verificacion'],
      ['borrador', 'anular'],
      ['en_verificacion', 'imprimir_formularios'],
      ['en_verificacion', 'anular'],
      ['pendiente_firma', 'imprimir_formularios'],
      ['pendiente_firma', 'registrar_actualizacion'],
      ['pendiente_firma', 'anular'],
    ],
    reportColumns: [
      { key: 'contactUpdates', label: 'Actualizaciones de contacto' },
    ],
  },
  registro_extranjero: {
    code: 'registro_extranjero',
    label: 'Registro de extranjero sin cédula',
    shortLabel: 'Registro de extranjero',
    available: true,
    details: ForeignerRegistrationDetailsSchema,
    rules: [
      {
        id: 'extranjero.sin_cedula',
        text: 'Lo hace el extranjero que viene a trabajar en el Ecuador y no tiene cédula ecuatoriana (visa de contrato o documentos en trámite); quien tiene cédula lo hace en línea.',
        citation: at(AFFILIATE_SEED_002, 13, 14),
        quote: 'no tienes cédula de identidad ecuatoriana',
      },
      {
        id: 'extranjero.presencial',
        text: 'El extranjero sin cédula hace el trámite personalmente en la oficina del IESS más cercana a su provincia: firma a mano la solicitud en ventanilla.',
        citation: at(AFFILIATE_SEED_002, 14),
        quote: 'el trámite se realizará personalmente',
      },
      {
        id: 'extranjero.pasaporte',
        text: 'Fotocopia a color del pasaporte, ampliada: se escanea; los datos se leen de la zona de lectura mecánica (MRZ) y el pasaporte no debe estar caducado.',
        citation: at(AFFILIATE_SEED_002, 17),
        quote: 'Fotocopia a color del pasaporte ampliado',
      },
      {
        id: 'extranjero.contrato_sut',
        text: 'Copia del contrato de trabajo registrado en el Sistema Único de Trabajo (SUT): se escanea y se registran el RUC del empleador, el número y la fecha del contrato, el cargo y la fecha de inicio.',
        citation: at(AFFILIATE_SEED_002, 18),
        quote: 'Contrato de Trabajo registrado en el Sistema Único de Trabajo',
      },
      {
        id: 'extranjero.codigo',
        text: 'El resultado es el código de identificación para extranjeros que asigna el IESS; con él genera luego su clave de afiliado en el portal.',
        citation: at(AFFILIATE_SEED_001, 10),
        quote: 'Código de identificación para extranjeros',
      },
      {
        id: 'extranjero.empleador',
        text: 'El código permite al empleador dar el aviso de entrada del trabajador extranjero al IESS.',
        citation: at(AFFILIATE_SEED_002, 12),
        quote: 'el empleador pueda emitir un aviso de ingreso al IESS',
      },
    ],
    forms: [
      { code: 'solicitud_extranjero', label: 'Solicitud de registro de extranjero' },
      { code: 'comprobante_extranjero', label: 'Comprobante de registro de extranjero' },
    ],
    supervisorReview: true,
    // The e-mail is given later, online, with the code (002:7): nothing at the counter asks for it.
    emailAtCounter: false,
    transitions: [
      ['borrador', 'iniciar_verificacion'],
      ['borrador', 'anular'],
      ['en_verificacion', 'imprimir_formularios'],
      ['en_verificacion', 'rechazar'],
      ['en_verificacion', 'anular'],
      ['pendiente_firma', 'imprimir_formularios'],
      ['pendiente_firma', 'enviar_a_revision'],
      ['pendiente_firma', 'rechazar'],
      ['pendiente_firma', 'anular'],
      ['pendiente_revision', 'aprobar'],
      ['pendiente_revision', 'devolver'],
      ['pendiente_revision', 'rechazar'],
      ['pendiente_revision', 'anular'],
      ['aprobada', 'confirmar_envio'],
      ['aprobada', 'rechazo_central'],
      ['enviada', 'asignar_codigo'],
      ['enviada', 'rechazo_central'],
      ['devuelta', 'corregir'],
      ['devuelta', 'rechazar'],
      ['devuelta', 'anular'],
    ],
    reportColumns: [
      { key: 'received', label: 'Recibidas' },
      { key: 'approved', label: 'Aprobadas' },
      { key: 'returned', label: 'Devueltas' },
      { key: 'rejected', label: 'Rechazadas' },
      { key: 'foreignerRegistrations', label: 'Registros de extranjero' },
    ],
  },
} as const satisfies { readonly [T in RequestType]: RequestTypeSpec & { code: T } };

/** The type's entry; anything that is not a type's code reads as the default type. */
export function requestTypeSpec(code: RequestType): RequestTypeSpec {
  return REQUEST_TYPE_REGISTRY[isRequestType(code) ? code : DEFAULT_REQUEST_TYPE];
}

export function isRequestType(value: unknown): value is RequestType {
  return typeof value === 'string' && (REQUEST_TYPE_CODES as readonly string[]).includes(value);
}

/** The types the screens offer, in the registry's order. */
export const AVAILABLE_REQUEST_TYPES: readonly RequestTypeSpec[] = REQUEST_TYPE_CODES.map((c) => REQUEST_TYPE_REGISTRY[c]).filter((t) => t.available);

export const REQUEST_TYPE_LABELS: Readonly<Record<RequestType, string>> = Object.fromEntries(REQUEST_TYPE_CODES.map((c) => [c, REQUEST_TYPE_REGISTRY[c].shortLabel])) as Record<RequestType, string>;

/** Whether a request of `type` may take `event` from `from` (on top of the lifecycle's own guards). */
export function typeAllows(type: RequestType, from: RequestState, event: RequestEvent): boolean {
  if (!isRequestType(type)) return false;
  return REQUEST_TYPE_REGISTRY[type].transitions.some(([f, e]) => f === from && e === event);
}
