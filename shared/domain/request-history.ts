/**
 * What happens to a request, as its history records it: one activity per thing done at a desk
 * (or received from central), named for what it is in the procedure, never for the call that did
 * it. The label is the history's wording when the activity did not move the request; when it did,
 * the lifecycle event says it (EVENT_HISTORY_LABELS in the screens). Each call that acts on a
 * request declares its activity in the contract (shared/contract/define.ts `history`), so renaming
 * a call changes nothing here.
 */
import type { CatalogEntry, DocumentStatusCode, PaperOrigin, SignatureVerdict } from './catalogs';

export const REQUEST_ACTIVITIES = [
  { code: 'turno_atendido', label: 'Llegada del turno' },
  { code: 'atencion_sin_turno', label: 'Atención sin turno autorizada' },
  /** Opened by someone: not shown; bulk approval asks whether the supervisor opened it. */
  { code: 'vista', label: 'Solicitud abierta' },
  { code: 'datos_guardados', label: 'Datos guardados' },
  { code: 'verificacion_iniciada', label: 'Inicio de la verificación' },
  { code: 'documento_revisado', label: 'Documento verificado o rechazado' },
  { code: 'firma_marcada', label: 'Firma marcada' },
  /** How a signed paper came: brought signed by the applicant, or printed here (docs/seeds/004_…:35-41). */
  { code: 'origen_formulario', label: 'Cómo llegó un formulario firmado' },
  /** The active e-mail (docs/seeds/004_…:43): a code sent, a code typed, or why it was not proven. */
  { code: 'correo_codigo_enviado', label: 'Código de verificación enviado al correo' },
  { code: 'correo_codigo_comprobado', label: 'Comprobación del código enviado al correo' },
  { code: 'correo_no_verificado', label: 'Correo registrado como no verificado' },
  { code: 'cambio_estado', label: 'Cambio de estado' },
  { code: 'escaneo_adjuntado', label: 'Escaneo adjuntado' },
  { code: 'firma_electronica_consultada', label: 'Verificación de la firma electrónica de un escaneo' },
  /** The verdict an approval rested on, one line per e-signed document. */
  { code: 'firma_electronica_verificada', label: 'Firma electrónica verificada' },
  { code: 'formularios_impresos', label: 'Formularios impresos' },
  /** The comprobante alone, for a request whose signed papers all came signed (DOMAIN §5.3). */
  { code: 'comprobante_impreso', label: 'Comprobante de recepción impreso' },
  { code: 'formularios_consultados', label: 'Consulta de los formularios impresos' },
  { code: 'formulario_enviado_impresora', label: 'Formulario enviado a la impresora' },
  { code: 'formulario_verificado_qr', label: 'Formulario impreso verificado por su código QR' },
  { code: 'escaneos_revisados', label: 'Revisión de los escaneos' },
  { code: 'aprobada', label: 'Aprobada' },
  { code: 'aprobada_en_lote', label: 'Aprobada en lote' },
  { code: 'devuelta', label: 'Devuelta al ventanillero' },
  { code: 'rechazada', label: 'Rechazada' },
  { code: 'reasignada', label: 'Reasignada a otro ventanillero' },
  /** What a pull brought: another desk's change, a virtual request, or a change not applied. */
  { code: 'sincronizacion', label: 'Cambio recibido por sincronización (otra estación o el IESS)' },
  /** Central's own decision (receipt, rejection, key issued), at the time central took it. */
  { code: 'decision_iess', label: 'Decisión del IESS' },
  /** A decision taken at another desk of the agency, relayed by central with its reason. */
  { code: 'decision_otra_estacion', label: 'Decisión de otra estación de la agencia' },
] as const satisfies readonly CatalogEntry[];
export type RequestActivity = (typeof REQUEST_ACTIVITIES)[number]['code'];

/** Recorded for their own purpose, not lines of the history a person reads. */
export const HIDDEN_ACTIVITIES = ['vista'] as const satisfies readonly RequestActivity[];

/** A handwritten signature marked on a printed form, or the mark taken back. */
export const SIGNATURE_MARKS = [
  { code: 'marcada', label: 'Firma marcada' },
  { code: 'desmarcada', label: 'Firma retirada' },
] as const satisfies readonly CatalogEntry[];
export type SignatureMark = (typeof SIGNATURE_MARKS)[number]['code'];

/** How an e-signature verdict was qualified: its revocation unchecked, and accepted under the agency's exception. */
export const VERDICT_QUALIFIERS = [
  { code: 'revocacion_no_comprobada', label: 'revocación no comprobada' },
  { code: 'excepcion', label: 'revocación no comprobada (aprobada por la excepción configurada por la agencia)' },
] as const satisfies readonly CatalogEntry[];
export type VerdictQualifier = (typeof VERDICT_QUALIFIERS)[number]['code'];

/** The verdict an activity gave about one document: its checklist status, a signature mark, its e-signature's verdict, or how the paper came. */
export type DocumentVerdict = DocumentStatusCode | SignatureMark | SignatureVerdict | PaperOrigin;
