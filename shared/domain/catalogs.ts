/**
 * Catalogs: stable snake_case codes (stored, synced, keyed on by tests) with Spanish labels
 * (shown). Adding an entry is adding data; never rename a code that has been stored.
 */

export interface CatalogEntry<C extends string = string> {
  readonly code: C;
  readonly label: string;
}

/**
 * The well-formed entries of a catalog. The functions below are total (test/unit/domain/totality):
 * given anything that is not a catalog they answer with nothing instead of throwing.
 */
function entriesOf<C extends string>(catalog: readonly CatalogEntry<C>[]): CatalogEntry<C>[] {
  if (!Array.isArray(catalog)) return [];
  return (catalog as readonly unknown[]).filter(
    (entry): entry is CatalogEntry<C> => typeof entry === 'object' && entry !== null && typeof (entry as Partial<CatalogEntry>).code === 'string' && typeof (entry as Partial<CatalogEntry>).label === 'string',
  );
}

/** Looks up a label; unknown codes come back as null so callers decide how to show them. */
export function catalogLabel(catalog: readonly CatalogEntry[], code: unknown): string | null {
  return entriesOf(catalog).find((entry) => entry.code === code)?.label ?? null;
}

/**
 * A catalog's codes as a non-empty tuple, the shape `z.enum` and drizzle's `{ enum }` take: the
 * other layers derive their enums from here instead of copying the codes.
 */
export function catalogCodes<C extends string>(catalog: readonly [CatalogEntry<C>, ...CatalogEntry<C>[]]): [C, ...C[]] {
  return entriesOf(catalog).map((entry) => entry.code) as [C, ...C[]];
}

/** Code → label, for screens that index labels by a typed code. */
export function catalogLabels<C extends string>(catalog: readonly CatalogEntry<C>[]): Readonly<Record<C, string>> {
  return Object.fromEntries(entriesOf(catalog).map((entry) => [entry.code, entry.label])) as Record<C, string>;
}

/** Whether `code` is one of the catalog's codes (for values from outside the program). */
export function isCatalogCode<C extends string>(catalog: readonly CatalogEntry<C>[], code: unknown): code is C {
  return typeof code === 'string' && entriesOf(catalog).some((entry) => entry.code === code);
}

// --- Provinces: first two digits of cédula and RUC (DOMAIN §9) ---------------------------

export const PROVINCES = [
  { code: '01', label: 'Azuay' },
  { code: '02', label: 'Bolívar' },
  { code: '03', label: 'Cañar' },
  { code: '04', label: 'Carchi' },
  { code: '05', label: 'Cotopaxi' },
  { code: '06', label: 'Chimborazo' },
  { code: '07', label: 'El Oro' },
  { code: '08', label: 'Esmeraldas' },
  { code: '09', label: 'Guayas' },
  { code: '10', label: 'Imbabura' },
  { code: '11', label: 'Loja' },
  { code: '12', label: 'Los Ríos' },
  { code: '13', label: 'Manabí' },
  { code: '14', label: 'Morona Santiago' },
  { code: '15', label: 'Napo' },
  { code: '16', label: 'Pastaza' },
  { code: '17', label: 'Pichincha' },
  { code: '18', label: 'Tungurahua' },
  { code: '19', label: 'Zamora Chinchipe' },
  { code: '20', label: 'Galápagos' },
  { code: '21', label: 'Sucumbíos' },
  { code: '22', label: 'Orellana' },
  { code: '23', label: 'Santo Domingo de los Tsáchilas' },
  { code: '24', label: 'Santa Elena' },
  { code: '30', label: 'Ecuatorianos registrados en el exterior' },
] as const satisfies readonly CatalogEntry[];

export type ProvinceCode = (typeof PROVINCES)[number]['code'];

/** Indexed by the numeric province code so identity checks avoid a search on the hot path. */
const PROVINCE_BY_NUMBER: ReadonlyArray<string | undefined> = PROVINCES.reduce<
  Array<string | undefined>
>((table, province) => {
  table[Number(province.code)] = province.label;
  return table;
}, []);

export function provinceName(code: number): string | null {
  return typeof code === 'number' ? (PROVINCE_BY_NUMBER[code] ?? null) : null;
}

// --- Applicants, channels, request types (DOMAIN §1) -------------------------------------

export const APPLICANT_KINDS = [
  { code: 'juridica_privada', label: 'Persona Jurídica - Privada' },
  { code: 'juridica_publica', label: 'Persona Jurídica - Pública' },
  { code: 'natural_ecuatoriana', label: 'Persona Natural - Ecuatoriana' },
  { code: 'natural_extranjera', label: 'Persona Natural - Extranjera' },
] as const satisfies readonly CatalogEntry[];
export type ApplicantKind = (typeof APPLICANT_KINDS)[number]['code'];

export const CHANNELS = [
  { code: 'presencial', label: 'Presencial (ventanilla)' },
  { code: 'virtual', label: 'Ventanilla Virtual' },
] as const satisfies readonly CatalogEntry[];
export type Channel = (typeof CHANNELS)[number]['code'];

/**
 * The procedures a request may be (the vocabulary); what each one brings — rules, intake, forms,
 * review, lifecycle, report columns — is the registry in request-types.ts.
 */
export const REQUEST_TYPES = [
  { code: 'clave_patronal', label: 'Generación de clave patronal de acceso al portal IESS' },
  { code: 'actualizacion_contacto', label: 'Actualización presencial de datos de contacto' },
  { code: 'registro_extranjero', label: 'Registro de extranjero sin cédula' },
] as const satisfies readonly CatalogEntry[];
export type RequestType = (typeof REQUEST_TYPES)[number]['code'];

// --- Documents ----------------------------------------------------------------------------

export const DOCUMENT_TYPES = [
  { code: 'solicitud_entrega_clave', label: 'Solicitud de entrega de clave' },
  {
    code: 'autorizacion_retiro_contrasena',
    label: 'Autorización de Retiro de Contraseña (sección de la solicitud)',
  },
  { code: 'cedula_representante', label: 'Cédula del representante legal' },
  { code: 'cedula_tercero_autorizado', label: 'Cédula del tercero autorizado' },
  { code: 'acuerdo_responsabilidad', label: 'Acuerdo de Responsabilidad y Uso de la Información' },
  { code: 'codigo_extranjero', label: 'Código de identificación para extranjeros' },
  { code: 'pasaporte', label: 'Pasaporte' },
  { code: 'visa', label: 'Visa' },
  { code: 'calificacion_artesanal', label: 'Calificación artesanal' },
  { code: 'ruc', label: 'Registro Único de Contribuyentes (RUC)' },
  // «Registro de extranjero sin cédula» (shared/domain/foreigner-registration.ts, docs/seeds/002_7cf0ad12e8c8a3b1.txt:14–18).
  { code: 'copia_pasaporte', label: 'Fotocopia a color del pasaporte, ampliada' },
  { code: 'contrato_sut', label: 'Copia del contrato de trabajo registrado en el SUT' },
  { code: 'solicitud_registro_extranjero', label: 'Solicitud de registro de extranjero' },
] as const satisfies readonly CatalogEntry[];
export type DocumentType = (typeof DOCUMENT_TYPES)[number]['code'];

/** The forms the counter prints for the applicant to sign (seed 004; DOMAIN §5). */
export const PRINTED_FORMS = [
  { code: 'solicitud', label: 'Solicitud de entrega de clave patronal' },
  { code: 'acuerdo', label: 'Acuerdo de Responsabilidad y Uso de la Información' },
  { code: 'comprobante', label: 'Comprobante de recepción' },
] as const satisfies readonly CatalogEntry[];
export type FormKind = (typeof PRINTED_FORMS)[number]['code'];

export const PRESENTATIONS = [
  { code: 'original', label: 'Original (se exhibe)' },
  { code: 'copia', label: 'Copia' },
  { code: 'copia_simple', label: 'Copia simple' },
  { code: 'entrega_en_ventanilla', label: 'Se entrega en ventanilla' },
  { code: 'escaneo', label: 'Escaneado y cargado en la Ventanilla Virtual' },
] as const satisfies readonly CatalogEntry[];
export type Presentation = (typeof PRESENTATIONS)[number]['code'];

export const SIGNATURE_KINDS = [
  { code: 'manuscrita', label: 'Firma manuscrita' },
  { code: 'electronica', label: 'Firma electrónica' },
] as const satisfies readonly CatalogEntry[];
export type SignatureKind = (typeof SIGNATURE_KINDS)[number]['code'];

export const SIGNERS = [
  { code: 'representante_legal', label: 'Representante legal' },
  { code: 'tercero_autorizado', label: 'Tercero autorizado' },
] as const satisfies readonly CatalogEntry[];
export type Signer = (typeof SIGNERS)[number]['code'];

/** Where a document of the checklist stands: the clerk's (or the back office's) verdict. */
export const DOCUMENT_STATUSES = [
  { code: 'pendiente', label: 'Pendiente' },
  { code: 'verificado', label: 'Verificado' },
  { code: 'rechazado', label: 'Rechazado' },
] as const satisfies readonly CatalogEntry[];
export type DocumentStatusCode = (typeof DOCUMENT_STATUSES)[number]['code'];

/** A turno of the day: waiting, attended (its request was opened), or the person did not come. */
export const APPOINTMENT_STATUSES = [
  { code: 'pendiente', label: 'Pendiente' },
  { code: 'atendido', label: 'Atendido' },
  { code: 'no_asistio', label: 'No asistió' },
] as const satisfies readonly CatalogEntry[];
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number]['code'];

/**
 * The verdict of an electronic signature on a scan (and of the document), in the order a
 * supervisor reads them (Ventanilla Virtual: seed 004 lines 51 and 57):
 * - valida: intact, unmodified (or only allowed updates), certificate valid at signing time,
 *   chained to an installed trust anchor, not revoked, by the expected person;
 * - modificado: the bytes do not match what was signed, or a later update changed the content;
 * - invalida: the signature itself does not verify or cannot be read (damaged, weak algorithm);
 * - caducado_revocado: the certificate was expired at signing time, or is revoked;
 * - emisor_no_reconocido: the certificate does not chain to an anchor installed by IT;
 * - otra_persona: a valid signature, but not of the request's legal representative;
 * - sin_firma: the PDF holds no signature the desk can read (text that only looks like one).
 */
export const E_SIGNATURE_VERDICTS = [
  { code: 'valida', label: 'Firma válida' },
  { code: 'modificado', label: 'Documento modificado después de firmar' },
  { code: 'invalida', label: 'Firma electrónica no válida' },
  { code: 'caducado_revocado', label: 'Certificado caducado o revocado' },
  { code: 'emisor_no_reconocido', label: 'Emisor no reconocido' },
  { code: 'otra_persona', label: 'Firma de otra persona' },
  { code: 'sin_firma', label: 'Sin firma electrónica' },
] as const satisfies readonly CatalogEntry[];
export type SignatureVerdict = (typeof E_SIGNATURE_VERDICTS)[number]['code'];

export const SCAN_FORMATS = ['jpg', 'pdf'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

// --- Visa categories (Ley Orgánica de Movilidad Humana, residencia temporal y permanente) ----

export interface VisaCategory extends CatalogEntry {
  readonly residence: 'temporal' | 'permanente';
}

export const VISA_CATEGORIES = [
  { code: 'temporal_trabajo', label: 'Residencia temporal - Trabajador', residence: 'temporal' },
  { code: 'temporal_jubilado', label: 'Residencia temporal - Jubilado o pensionista', residence: 'temporal' },
  { code: 'temporal_inversionista', label: 'Residencia temporal - Inversionista', residence: 'temporal' },
  {
    code: 'temporal_profesional',
    label: 'Residencia temporal - Profesional, técnico, tecnólogo o artesano',
    residence: 'temporal',
  },
  { code: 'temporal_rentista', label: 'Residencia temporal - Rentista', residence: 'temporal' },
  {
    code: 'temporal_cientifico',
    label: 'Residencia temporal - Científico, investigador o académico',
    residence: 'temporal',
  },
  {
    code: 'temporal_deportista_artista',
    label: 'Residencia temporal - Deportista, artista o gestor cultural',
    residence: 'temporal',
  },
  { code: 'temporal_religioso', label: 'Residencia temporal - Religioso o voluntario religioso', residence: 'temporal' },
  { code: 'temporal_voluntario', label: 'Residencia temporal - Voluntario', residence: 'temporal' },
  { code: 'temporal_estudiante', label: 'Residencia temporal - Estudiante', residence: 'temporal' },
  { code: 'temporal_convenio', label: 'Residencia temporal - Por convenio', residence: 'temporal' },
  {
    code: 'temporal_proteccion_internacional',
    label: 'Residencia temporal - Protección internacional',
    residence: 'temporal',
  },
  { code: 'temporal_amparo', label: 'Residencia temporal - Amparo', residence: 'temporal' },
  { code: 'permanente', label: 'Residencia permanente', residence: 'permanente' },
] as const satisfies readonly VisaCategory[];
export type VisaCategoryCode = (typeof VISA_CATEGORIES)[number]['code'];

// --- Reasons a supervisor (or clerk) gives -------------------------------------------------

export interface ReasonEntry extends CatalogEntry {
  /** 'otro' and similar open reasons need a written note to be actionable. */
  readonly requiresNote: boolean;
  /** Offered only for requests of this channel. */
  readonly channel?: Channel;
}

/** Rechazo: the request ends; the applicant has to start over (new turno). */
export const REJECTION_REASONS = [
  { code: 'representante_no_acreditado', label: 'Quien se presenta no acredita ser el representante legal', requiresNote: false },
  { code: 'identidad_no_coincide', label: 'La persona no coincide con el documento de identidad presentado', requiresNote: false },
  { code: 'documento_adulterado', label: 'Documento con indicios de alteración o falsificación', requiresNote: true },
  { code: 'documento_caducado', label: 'Documento de identidad, visa o calificación artesanal caducados', requiresNote: false },
  { code: 'ruc_inactivo', label: 'RUC inactivo, suspendido o inexistente en el SRI', requiresNote: false },
  { code: 'empleador_no_registrado', label: 'El empleador no ha completado el registro de empleador en el IESS', requiresNote: false },
  { code: 'solicitud_no_generada_portal', label: 'La solicitud de entrega de clave no fue generada en el portal IESS', requiresNote: false },
  { code: 'sin_correo_activo', label: 'No cuenta con un correo electrónico activo del empleador o representante legal', requiresNote: false },
  { code: 'tercero_no_autorizado', label: 'El tercero no consta en la Autorización de Retiro de Contraseña', requiresNote: false },
  { code: 'requisitos_incompletos', label: 'No presenta todos los requisitos', requiresNote: true },
  { code: 'solicitud_duplicada', label: 'Ya existe otra solicitud en trámite para el mismo empleador', requiresNote: false },
  { code: 'desistimiento', label: 'El solicitante desiste del trámite', requiresNote: false },
  { code: 'otro', label: 'Otro motivo (detallar en la observación)', requiresNote: true },
] as const satisfies readonly ReasonEntry[];
export type RejectionReason = (typeof REJECTION_REASONS)[number]['code'];

/** Devolución: the supervisor sends the request back to the clerk to fix something. */
export const RETURN_REASONS = [
  { code: 'documento_ilegible', label: 'Documento ilegible (fotocopia o escaneo)', requiresNote: false },
  { code: 'cedula_no_coincide', label: 'El número de cédula registrado no coincide con el documento', requiresNote: false },
  { code: 'datos_empleador_incorrectos', label: 'RUC, sucursal o razón social mal registrados', requiresNote: false },
  { code: 'nombres_mal_escritos', label: 'Nombres del representante o del tercero mal escritos', requiresNote: false },
  { code: 'firma_faltante', label: 'Falta una firma obligatoria', requiresNote: false },
  { code: 'firma_electronica_invalida', label: 'La firma electrónica no es válida o no se puede verificar', requiresNote: false },
  { code: 'documento_faltante', label: 'Falta un documento requerido', requiresNote: false },
  { code: 'documento_caducado', label: 'Un documento registrado está caducado', requiresNote: false },
  { code: 'verificacion_incompleta', label: 'Un documento no fue verificado correctamente', requiresNote: false },
  { code: 'correo_invalido', label: 'El correo electrónico es inválido o está mal escrito', requiresNote: false },
  { code: 'archivo_no_admitido', label: 'Archivo que no es JPG o PDF, o que supera 1 MB', requiresNote: false },
  { code: 'otro', label: 'Otro motivo (detallar en la observación)', requiresNote: true },
] as const satisfies readonly ReasonEntry[];
export type ReturnReason = (typeof RETURN_REASONS)[number]['code'];

/** How the representative identifies: cédula, or a foreigner's passport or IESS code. */
export const REPRESENTATIVE_ID_TYPES = [
  { code: 'cedula', label: 'Cédula' },
  { code: 'pasaporte', label: 'Pasaporte' },
  { code: 'codigo_extranjero', label: 'Código de identificación para extranjeros' },
] as const satisfies readonly CatalogEntry[];
export type RepresentativeIdType = (typeof REPRESENTATIVE_ID_TYPES)[number]['code'];

/**
 * A foreigner without cédula presents the IESS foreigner code only when registered or affiliated
 * in the IESS (docs/seeds/004_…:63). Central answers the question when online; offline the clerk
 * records what the applicant says, marked as not consulted.
 */
export const FOREIGNER_REGISTRATIONS = [
  { code: 'registrado', label: 'Registrado o afiliado en el IESS: presenta el código' },
  { code: 'no_registrado', label: 'No registrado en el IESS (consultado al IESS)' },
  { code: 'no_registrado_sin_consulta', label: 'No registrado (sin consulta al IESS)' },
] as const satisfies readonly CatalogEntry[];
export type ForeignerRegistration = (typeof FOREIGNER_REGISTRATIONS)[number]['code'];

/**
 * Who made a signed paper: the employer generates the Solicitud and brings it signed, and
 * delivers the Acuerdo "debidamente suscrito" (docs/seeds/004_…:35-41); printing them at the
 * counter for a representative who is present is this app's convenience.
 */
export const PAPER_ORIGINS = [
  { code: 'traido', label: 'Traído firmado por el solicitante' },
  { code: 'impreso', label: 'Se imprime en ventanilla y se firma aquí' },
] as const satisfies readonly CatalogEntry[];
export type PaperOrigin = (typeof PAPER_ORIGINS)[number]['code'];

/** Why an e-mail could not be proven active at the counter (docs/seeds/004_…:43). */
export const EMAIL_UNVERIFIED_REASONS = [
  { code: 'sin_conexion', label: 'Sin conexión con el IESS: no se pudo enviar el código', requiresNote: false },
  { code: 'no_recibe', label: 'El solicitante no puede recibir el correo ahora (sin teléfono o sin acceso)', requiresNote: false },
  { code: 'codigo_no_llega', label: 'El código no llegó al correo', requiresNote: false },
  { code: 'otro', label: 'Otro motivo (detallar en la observación)', requiresNote: true },
] as const satisfies readonly ReasonEntry[];
export type EmailUnverifiedReason = (typeof EMAIL_UNVERIFIED_REASONS)[number]['code'];

/** Why the clerk refuses one document at the counter (the request itself may go on). */
export const DOCUMENT_REJECTION_REASONS = [
  { code: 'ilegible', label: 'Ilegible o en mal estado', requiresNote: false },
  { code: 'caducado', label: 'Caducado a la fecha de atención', requiresNote: false },
  { code: 'no_coincide', label: 'Los datos no coinciden con los registrados', requiresNote: false },
  { code: 'no_es_original', label: 'Se exige el original y se presentó una copia', requiresNote: false },
  // Each signature is asked in one channel only (docs/seeds/004_…:37, 51): the other one's
  // reason is not offered (documentRejectionReasons).
  { code: 'sin_firma', label: 'Falta la firma manuscrita', requiresNote: false, channel: 'presencial' },
  { code: 'sin_firma_electronica', label: 'Falta la firma electrónica', requiresNote: false, channel: 'virtual' },
  { code: 'indicios_alteracion', label: 'Indicios de alteración', requiresNote: true },
  { code: 'otro', label: 'Otro motivo (detallar en la observación)', requiresNote: true },
] as const satisfies readonly ReasonEntry[];
export type DocumentRejectionReason = (typeof DOCUMENT_REJECTION_REASONS)[number]['code'];

/** The reasons a document of a request in `channel` can be refused for. */
export function documentRejectionReasons(channel: Channel): ReasonEntry[] {
  return DOCUMENT_REJECTION_REASONS.filter((r) => !('channel' in r) || r.channel === channel);
}
