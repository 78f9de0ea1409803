/**
 * A request's history in words a clerk reads: every operation the audit trail can record has a
 * Spanish line (never a call's code), a lifecycle event says what happened to the request, a
 * document's line names the document and its verdict, and the autosaves of one sitting are one
 * line with how many and when. Pure: the screens (renderer/src/counter/RequestHistory.tsx) and
 * the tests share it, whatever store the lines come from.
 */
import { catalogLabel, DOCUMENT_TYPES } from './catalogs';
import { formatTimeEs, formatDayEs } from './dates';
import { readField } from './fields';
import type { RequestEvent } from './lifecycle';

/** What happened, said of the request (past tense), per lifecycle event. */
export const EVENT_HISTORY_LABELS: Readonly<Record<RequestEvent, string>> = {
  iniciar_verificacion: 'Datos completos: inicio de la verificación de documentos',
  ingreso_virtual: 'Ingresó desde la Ventanilla Virtual',
  imprimir_formularios: 'Formularios impresos',
  enviar_a_revision: 'Enviada a revisión del supervisor',
  aprobar: 'Aprobada',
  devolver: 'Devuelta al ventanillero',
  corregir: 'Corregida: vuelve a la verificación de documentos',
  rechazar: 'Rechazada',
  anular: 'Anulada',
  confirmar_envio: 'Recibida por el IESS',
  rechazo_central: 'Rechazada por el IESS',
  emitir_clave: 'Clave emitida',
  registrar_actualizacion: 'Datos de contacto actualizados (constancia firmada)',
  asignar_codigo: 'Código de identificación para extranjeros asignado por el IESS',
};

/**
 * Every audited operation (the contract's calls whose audit is 'change' or 'read', and those
 * the core records on its own), as a line of history. A test holds this list against the
 * contract, so a new audited call cannot reach a screen as «Operación x.y».
 */
export const AUDITED_CALL_LABELS: Readonly<Record<string, string>> = {
  // The request itself.
  'appointments.checkIn': 'Llegada del turno',
  'appointments.markNoShow': 'Turno marcado «No asistió»',
  'appointments.walkIn': 'Atención sin turno autorizada',
  'appointments.today': 'Consulta de los turnos del día',
  'requests.list': 'Consulta de la lista de solicitudes',
  'requests.get': 'Solicitud abierta',
  'requests.myOpen': 'Consulta de las solicitudes abiertas',
  'requests.findOpenByEmployer': 'Búsqueda de otras solicitudes del mismo empleador',
  'requests.workStart': 'Solicitud abierta para atenderla (en atención)',
  'requests.workEnd': 'Fin de la atención de la solicitud',
  'requests.saveContactUpdate': 'Datos de contacto guardados',
  'requests.completeContactUpdate': 'Actualización de datos de contacto registrada',
  'requests.saveForeignerRegistration': 'Datos del extranjero guardados',
  'requests.startForeignerVerification': 'Datos del extranjero comprobados: inicio de la verificación de documentos',
  'requests.saveDraft': 'Datos guardados',
  'requests.startVerification': 'Inicio de la verificación',
  'requests.verifyDocument': 'Documento revisado',
  'requests.markSignature': 'Firma marcada o retirada',
  'requests.setPaperOrigin': 'Cómo llegó un formulario firmado',
  'requests.sendEmailCode': 'Código de verificación enviado al correo',
  'requests.confirmEmailCode': 'Comprobación del código enviado al correo',
  'requests.recordEmailUnverified': 'Correo registrado como no verificado',
  'requests.transition': 'Cambio de estado',
  'attachments.add': 'Escaneo adjuntado',
  'attachments.get': 'Escaneo consultado',
  'attachments.verifySignature': 'Verificación de la firma electrónica de un escaneo',
  'signatures.verdict': 'Firma electrónica verificada',
  'forms.print': 'Formularios impresos',
  'forms.printConstancia': 'Constancia de actualización de datos de contacto impresa',
  'forms.printForeignerRequest': 'Solicitud de registro de extranjero impresa',
  'forms.printForeignerReceipt': 'Comprobante de registro de extranjero impreso',
  'forms.printReceipt': 'Comprobante de recepción impreso',
  'forms.get': 'Consulta de los formularios impresos',
  'forms.sendToPrinter': 'Formulario enviado a la impresora',
  'forms.verifyQr': 'Formulario impreso verificado por su código QR',
  'forms.printGuidance': 'Hoja de orientación impresa',
  'forms.reprintGuidance': 'Hoja de orientación reimpresa',
  'forms.sendGuidanceToPrinter': 'Hoja de orientación enviada a la impresora',
  'forms.publishTemplate': 'Nueva versión de la redacción de un formulario',
  // The supervisor's.
  'queues.list': 'Consulta de una cola de trabajo',
  'review.scans': 'Revisión de los escaneos',
  'review.approve': 'Aprobada',
  'review.bulkApprove': 'Aprobada en lote',
  'review.return': 'Devuelta al ventanillero',
  'review.reject': 'Rechazada',
  'review.reassign': 'Reasignada a otro ventanillero',
  'reports.endOfDayFile': 'Reporte de cierre del día descargado',
  'day.close': 'Día cerrado por el supervisor',
  'search.requests': 'Búsqueda de solicitudes',
  // Synchronisation with central.
  'sync.pull': 'Cambio recibido por sincronización (otra estación o el IESS)',
  'sync.retry': 'Reintento de los envíos al IESS',
  'sync.enrol': 'Estación enrolada en los servicios del IESS',
  'sync.unenrol': 'Enrolamiento de la estación retirado',
  'sync.lookupEmployer': 'Consulta del registro de empleadores del IESS',
  'sync.lookupAffiliateContact': 'Consulta de los datos de contacto registrados en el IESS (enmascarados)',
  'sync.lookupForeigner': 'Consulta del registro de extranjeros del IESS',
  'audit.anchor': 'Registro de auditoría confirmado con el IESS',
  // Accounts and security.
  'setup.createAdmin': 'Configuración inicial de la estación',
  'session.login': 'Inicio de sesión',
  'session.logout': 'Cierre de sesión',
  'session.lock': 'Sesión bloqueada',
  'session.idleLock': 'Sesión bloqueada por inactividad',
  'session.expire': 'Sesión terminada al cumplir su tiempo máximo',
  'session.unlock': 'Sesión desbloqueada',
  'account.changePassword': 'Cambio de contraseña',
  'users.list': 'Consulta de los usuarios',
  'users.create': 'Usuario creado',
  'users.update': 'Usuario modificado',
  'users.setDisabled': 'Usuario deshabilitado o habilitado',
  'users.resetPassword': 'Contraseña temporal asignada',
  'audit.export': 'Registro de auditoría exportado',
  'settings.update': 'Parámetros de seguridad cambiados',
  'retention.purge': 'Depuración de datos personales vencidos',
  'retention.scheduled': 'Depuración programada de datos personales vencidos',
  // Operations.
  'config.update': 'Configuración de la agencia cambiada',
  'config.reload': 'Configuración de la agencia vuelta a leer',
  'config.file': 'Configuración de la agencia aplicada desde agencia.json',
  'backup.run': 'Respaldo realizado',
  'backup.scheduled': 'Respaldo programado realizado',
  'backup.scheduleRestore': 'Restauración de un respaldo preparada',
  'backup.cancelRestore': 'Restauración preparada anulada',
  'backup.restored': 'Respaldo restaurado',
  'app.installUpdate': 'Actualización de la aplicación instalada',
};

/** A line for any operation: its words, or a Spanish stand-in (never the call's code). */
export function auditedCallLabel(call: string | null | undefined): string {
  return own(AUDITED_CALL_LABELS, call) ?? 'Cambio registrado';
}

/** The table's entry for `key` when `key` is a string it holds: lines come from records, read defensively. */
function own(table: Readonly<Record<string, string>>, key: unknown): string | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Why an attempt was not applied, per error code of the contract (shared/contract/result.ts). */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  conflict: 'no se aplicó: la solicitud había cambiado o su estado no lo permite',
  invalid_input: 'no se aplicó: datos incompletos o inválidos',
  forbidden: 'no se aplicó: sin permiso',
  not_found: 'no se aplicó: no encontrada',
  unavailable: 'no se aplicó: servicio no disponible',
  unknown_call: 'no se aplicó: operación desconocida',
  unauthenticated: 'no se aplicó: sesión no activa',
  locked_out: 'no se aplicó: cuenta bloqueada',
  authorization_failed: 'no se aplicó: autorización rechazada',
  session_locked: 'no se aplicó: sesión bloqueada',
  password_change_required: 'no se aplicó: debía cambiar la contraseña',
  setup_required: 'no se aplicó: estación sin configurar',
  internal: 'no se aplicó: error interno',
};

export const outcomeLabel = (outcome: string): string => own(OUTCOME_LABELS, outcome) ?? 'no se aplicó';

/** A document's checklist verdict (or signature mark), as its history line says it. */
const VERDICT_WORDS: Readonly<Record<string, string>> = {
  verificado: 'verificado',
  rechazado: 'rechazado',
  // Ticking «Presentado» records this verdict as well as undoing a verdict: neutral words for both.
  pendiente: 'por verificar',
  marcada: 'firma marcada',
  desmarcada: 'firma retirada',
  traido: 'traído firmado por el solicitante',
  impreso: 'se imprime en ventanilla',
};

/** «Cédula del representante legal: verificado»; null when the line is not about a document. */
export function documentVerdictLabel(documentType: string | null | undefined, verdict: string | null | undefined): string | null {
  if (typeof documentType !== 'string' || documentType === '') return null;
  const document = catalogLabel(DOCUMENT_TYPES, documentType) ?? documentType;
  return typeof verdict === 'string' && verdict !== '' ? `${document}: ${own(VERDICT_WORDS, verdict) ?? verdict}` : document;
}

/** What a line says: its event; else its document and verdict; else what was done (`base`), of which document. */
export function historyLineLabel(base: string, line: { event: string | null; documentType?: string | null; verdict?: string | null }): string {
  const event = readField(line, 'event');
  const documentType = readField(line, 'documentType');
  const verdict = readField(line, 'verdict');
  const what = typeof base === 'string' ? base : 'Cambio registrado';
  if (typeof event === 'string' && event !== '') return own(EVENT_HISTORY_LABELS, event) ?? what;
  const document = documentVerdictLabel(documentType as string | null, null);
  if (document === null) return what;
  return typeof verdict === 'string' && verdict !== '' ? documentVerdictLabel(documentType as string, verdict)! : `${what}: ${document}`;
}

/** What a line needs to be grouped: when, who, what, and whether it was applied. */
export interface GroupableLine {
  at: number;
  actor: string | null;
  source: string;
  outcome: string;
  event: string | null;
  /** The audited call (this version's history) or the activity (request_events). */
  call?: string | null;
  activity?: string | null;
}

/** The draft saved while typing: many per intake, one line per sitting. */
export const isAutosave = (line: Pick<GroupableLine, 'call' | 'activity' | 'event' | 'outcome'>): boolean =>
  readField(line, 'event') === null &&
  readField(line, 'outcome') === 'ok' &&
  (readField(line, 'call') === 'requests.saveDraft' || readField(line, 'activity') === 'datos_guardados');

export interface HistoryLine<T> {
  entry: T;
  /** How many entries this line stands for (autosaves of one sitting), 1 otherwise. */
  count: number;
  firstAt: number;
  lastAt: number;
}

/** Consecutive autosaves of the same person become one line; everything else stays as it is. */
export function groupHistory<T extends GroupableLine>(entries: readonly T[]): HistoryLine<T>[] {
  const lines: HistoryLine<T>[] = [];
  if (!Array.isArray(entries)) return lines;
  for (const entry of entries as readonly T[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const last = lines.at(-1);
    if (last && isAutosave(entry) && isAutosave(last.entry) && last.entry.actor === entry.actor && last.entry.source === entry.source) {
      last.count += 1;
      last.lastAt = entry.at;
      continue;
    }
    lines.push({ entry, count: 1, firstAt: entry.at, lastAt: entry.at });
  }
  return lines;
}

/** «Datos guardados (33 veces, de 10:02 a 10:15)»; across days, with the dates. */
export function groupedLabel(label: string, line: Pick<HistoryLine<unknown>, 'count' | 'firstAt' | 'lastAt'>): string {
  const { count, firstAt, lastAt } = { count: readField(line, 'count'), firstAt: readField(line, 'firstAt'), lastAt: readField(line, 'lastAt') };
  if (typeof label !== 'string') return 'Cambio registrado';
  if (typeof count !== 'number' || count <= 1 || typeof firstAt !== 'number' || typeof lastAt !== 'number' || !Number.isFinite(firstAt) || !Number.isFinite(lastAt)) return label;
  line = { count, firstAt, lastAt };
  const sameDay = formatDayEs(line.firstAt) === formatDayEs(line.lastAt);
  if (sameDay && formatTimeEs(line.firstAt) === formatTimeEs(line.lastAt)) return `${label} (${line.count} veces, a las ${formatTimeEs(line.firstAt)})`;
  const span = sameDay ? `de ${formatTimeEs(line.firstAt)} a ${formatTimeEs(line.lastAt)}` : `del ${formatDayEs(line.firstAt)} ${formatTimeEs(line.firstAt)} al ${formatDayEs(line.lastAt)} ${formatTimeEs(line.lastAt)}`;
  return `${label} (${line.count} veces, ${span})`;
}
