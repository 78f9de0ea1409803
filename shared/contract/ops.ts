// Over 400 lines on purpose: agencia.json's one schema (screen, file and CLI) lives with its calls.
// Calls of installation and operation (README, «Instalación y operación»): the agency configuration (also kept as the
// file agencia.json in the data directory, which IT may deploy), backups, the support
// diagnostic and the update status. The same AgencyConfig schema validates the screen's input
// and the file, so both give the same Spanish messages.
import { z } from 'zod';
import { ROLE_GROUPS } from '../domain/roles';
import { compileWholeMatch } from '../domain/foreigner-code';
import { REQUEST_STATES } from '../domain/lifecycle';
import { HOUR_PATTERN, SHEET_OPENING_HOURS, type Weekday } from '../domain/opening-hours';
import { CentralUrl, Empty, IsoDate, printableText } from './common';
import { defineCall } from './define';


export const AGENCY_CONFIG_FILE = 'agencia.json';

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what}: ingrese un número.` })
    .int({ error: `${what}: debe ser un número entero.` })
    .min(min, { error: `${what}: el mínimo es ${min}.` })
    .max(max, { error: `${what}: el máximo es ${max}.` });

/** https only: the update feed and central carry code and personal data (no plain http, no file:). */
const HttpsUrl = (what: string) =>
  z
    .string({ error: `${what}: ingrese una dirección https://.` })
    .trim()
    .max(300, { error: `${what}: la dirección no puede superar 300 caracteres.` })
    .pipe(z.url({ protocol: /^https$/, error: `${what}: debe ser una dirección https:// válida, por ejemplo https://servicios.iess.gob.ec/ventanilla.` }));

const SlaMinutes = (what: string) => wholeNumber(what, 1, 7 * 24 * 60);

const MAX_PATTERN_LENGTH = 100;
const MAX_REPEAT = 100;

/**
 * Why a configured regular expression may not be used, or null if it may. It must compile as the
 * domain runs it (RE2, whole match: see compileWholeMatch in shared/domain/foreigner-code.ts),
 * must not accept an empty code and must not repeat anything more than 100 times. RE2 runs in
 * linear time, so no shape of pattern can block the desk; what only a backtracking engine can
 * run (back-references, lookarounds) is refused with its own reason.
 */
export function unsafePatternReason(source: string): string | null {
  if (/\\(?:[1-9]|k<)/.test(source)) return 'no se permiten referencias a grupos anteriores (\\1, \\k<…>).';
  if (/\(\?(?:=|!|<=|<!)/.test(source)) return 'no se permiten búsquedas hacia adelante o hacia atrás ((?=…), (?!…), (?<=…), (?<!…)).';
  for (const m of source.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
    if (Number(m[1]) > MAX_REPEAT || (m[2] !== undefined && m[2] !== '' && Number(m[2]) > MAX_REPEAT)) return `las repeticiones no pueden superar ${MAX_REPEAT}.`;
  }
  const re = compileWholeMatch(source);
  if (re === null) return 'no es una expresión regular válida; por ejemplo [A-Z0-9]{6,20}.';
  if (re.matches('')) return 'no puede aceptar un código vacío.';
  return null;
}

/** A regular expression an administrator configures (agencia.json), checked by unsafePatternReason. */
const SafePattern = (what: string) =>
  z
    .string({ error: `${what}: ingrese una expresión regular, por ejemplo [A-Z0-9]{6,20}.` })
    .trim()
    .min(1, { error: `${what}: ingrese una expresión regular, por ejemplo [A-Z0-9]{6,20}.` })
    .max(MAX_PATTERN_LENGTH, { error: `${what}: no puede superar ${MAX_PATTERN_LENGTH} caracteres.` })
    .superRefine((source, ctx) => {
      const problem = unsafePatternReason(source);
      if (problem) ctx.addIssue({ code: 'custom', message: `${what}: ${problem}` });
    });

export const AgencyConfig = z
  .object({
    agency: z
      .object({
        code: z
          .string({ error: 'Código de agencia: ingrese de 2 a 6 letras, por ejemplo UIO.' })
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{2,6}$/, { error: 'Código de agencia: debe tener de 2 a 6 letras, por ejemplo UIO.' }),
        name: z
          .string({ error: 'Nombre de la agencia: ingrese el nombre.' })
          .trim()
          .min(3, { error: 'Nombre de la agencia: ingrese al menos 3 caracteres.' })
          .max(120, { error: 'Nombre de la agencia: no puede superar 120 caracteres.' })
          .superRefine(printableText('Nombre de la agencia')),
        provinceCode: z
          .string({ error: 'Provincia: ingrese el código de dos dígitos, por ejemplo "17".' })
          .regex(/^(0[1-9]|1\d|2[0-4]|30)$/, { error: 'Provincia: código no válido; use el de dos dígitos, por ejemplo "17" (Pichincha).' }),
      })
      .strict(),
    centralUrl: CentralUrl().nullable(),
    updateUrl: HttpsUrl('Dirección de actualizaciones').nullable(),
    sla: z
      .object({
        warnMinutes: SlaMinutes('Plazo de aviso (minutos)'),
        breachMinutes: SlaMinutes('Plazo vencido (minutos)'),
        /** Minutes a request may stay in one queue state; states not listed use breachMinutes. */
        byState: z.partialRecord(z.enum(REQUEST_STATES, { error: 'Plazo por estado: estado de solicitud desconocido.' }), SlaMinutes('Plazo por estado (minutos)')).default({}),
      })
      .strict()
      .refine((s) => s.warnMinutes < s.breachMinutes, { error: 'Plazo de aviso: debe ser menor que el plazo vencido.', path: ['warnMinutes'] }),
    caps: z
      .object({
        maxPendingReview: wholeNumber('Máximo de solicitudes pendientes de revisión', 1, 10_000),
        attachmentMaxMB: z
          .number({ error: 'Tamaño máximo de adjunto (MB): ingrese un número.' })
          .min(0.5, { error: 'Tamaño máximo de adjunto (MB): el mínimo es 0,5.' })
          .max(50, { error: 'Tamaño máximo de adjunto (MB): el máximo es 50.' }),
      })
      .strict(),
    idleLockMinutes: wholeNumber('Bloqueo por inactividad (minutos)', 1, 120),
    backup: z
      .object({
        /** Absolute folder on this machine (checked by the core: shared/ cannot know the OS). */
        dir: z.string().trim().max(400, { error: 'Carpeta de respaldos: la ruta no puede superar 400 caracteres.' }).nullable(),
        everyHours: wholeNumber('Respaldo automático cada (horas)', 1, 168),
        keep: wholeNumber('Respaldos que se conservan', 1, 365),
      })
      .strict(),
    /**
     * Format of the IESS code for foreigners without cédula (whole match, after upper-casing and
     * removing spaces and dashes); null: the built-in assumption, [A-Z0-9]{6,20}.
     */
    foreignerCodePattern: SafePattern('Formato del código de extranjero').nullable().default(null),
    /**
     * Electronic signatures of Ventanilla Virtual documents (docs/signatures.md): the trust
     * anchors, certificate files (PEM or DER) of the accredited CAs that IT installs on this
     * machine (absolute paths, or names inside the data directory), and whether a valid
     * signature whose revocation could not be checked may still be approved (audited).
     */
    signatures: z
      .object({
        trustAnchors: z
          .array(
            z
              .string({ error: 'Anclas de confianza: cada una es la ruta de un archivo de certificado.' })
              .trim()
              .min(1, { error: 'Anclas de confianza: una ruta está vacía.' })
              .max(400, { error: 'Anclas de confianza: una ruta no puede superar 400 caracteres.' }),
            { error: 'Anclas de confianza: indique una lista de archivos de certificado.' },
          )
          .max(50, { error: 'Anclas de confianza: como máximo 50 archivos.' }),
        allowUncheckedRevocation: z.boolean({ error: 'Aprobar con revocación no comprobada: indique true o false.' }),
      })
      .strict()
      .default({ trustAnchors: [], allowUncheckedRevocation: false }),
    /**
     * When the agency attends (Ecuador time); an attention outside them is flagged to the clerk
     * and in the day's report. Default: the sheet's CAU hours (docs/seeds/004_…:118).
     */
    openingHours: z
      .object({
        days: z
          .array(z.number({ error: 'Días de atención: use números del 1 (lunes) al 7 (domingo).' }).int().min(1, { error: 'Días de atención: use números del 1 (lunes) al 7 (domingo).' }).max(7, { error: 'Días de atención: use números del 1 (lunes) al 7 (domingo).' }), {
            error: 'Días de atención: indique una lista, por ejemplo [1, 2, 3, 4, 5] (lunes a viernes).',
          })
          .min(1, { error: 'Días de atención: indique al menos un día.' })
          .max(7)
          .transform((days) => [...new Set(days)].sort((a, b) => a - b) as Weekday[]),
        open: z.string({ error: 'Hora de apertura: use HH:MM, por ejemplo 08:00.' }).regex(HOUR_PATTERN, { error: 'Hora de apertura: use HH:MM (24 horas), por ejemplo 08:00.' }),
        close: z.string({ error: 'Hora de cierre: use HH:MM, por ejemplo 17:00.' }).regex(HOUR_PATTERN, { error: 'Hora de cierre: use HH:MM (24 horas), por ejemplo 17:00.' }),
        closedDates: z.array(IsoDate, { error: 'Días no laborables: indique una lista de fechas aaaa-mm-dd.' }).max(366, { error: 'Días no laborables: como máximo 366 fechas.' }).default([]),
      })
      .strict()
      .refine((h) => h.open < h.close, { error: 'Hora de cierre: debe ser posterior a la de apertura.', path: ['close'] })
      .default(SHEET_OPENING_HOURS),
  })
  .strict();
export type AgencyConfig = z.infer<typeof AgencyConfig>;
export type AgencyConfigInput = z.input<typeof AgencyConfig>;

/** State of agencia.json compared with what the desk applied. */
export const CONFIG_FILE_STATES = ['ausente', 'aplicado', 'pendiente', 'invalido'] as const;

export const BackupSummary = z.object({
  name: z.string(),
  createdAt: z.number(),
  files: z.number().int(),
  bytes: z.number().int(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
});
export type BackupSummary = z.infer<typeof BackupSummary>;

export const LastBackup = z.object({
  at: z.number(),
  ok: z.boolean(),
  trigger: z.enum(['manual', 'programado']),
  name: z.string().nullable(),
  /** Spanish, already free of personal data. */
  error: z.string().nullable(),
});
export type LastBackup = z.infer<typeof LastBackup>;

/** What a backup says of itself (its manifest), shown before restoring it. */
export const BackupInfo = z.object({
  /** The backup folder's name. */
  name: z.string(),
  createdAt: z.number(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  agencyCode: z.string().nullable(),
  files: z.number().int(),
  bytes: z.number().int(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

/** What the backup's database holds (null: the table does not exist in that version). */
export const BackupContents = z.object({
  requests: z.number().int().nullable(),
  users: z.number().int().nullable(),
  attachments: z.number().int(),
  forms: z.number().int(),
  auditEntries: z.number().int().nullable(),
  /** Last audited act (ms): how recent the data is. */
  lastActivityAt: z.number().nullable(),
});
export type BackupContents = z.infer<typeof BackupContents>;

export const BackupCheck = z.object({
  ok: z.boolean(),
  /** One Spanish line per check, in order: manifest, files, integrity, schema, audit chain. */
  checks: z.array(
    z.object({
      label: z.string(),
      ok: z.boolean(),
      detail: z.string(),
      /** The audit trail could not be checked: it was signed with a key this desk never had. */
      unverifiable: z.boolean().optional(),
    }),
  ),
  /**
   * Every check passed except the audit trail's, which is "no verificable" here (a backup from
   * another machine): it may be restored only when the administrator accepts that explicitly.
   */
  auditUnverifiable: z.boolean().optional(),
  /** Null when the folder has no valid manifest. */
  backup: BackupInfo.nullable().optional(),
  /** Null when the database could not be read. */
  contents: BackupContents.nullable().optional(),
});
export type BackupCheck = z.infer<typeof BackupCheck>;

/** The word an administrator types to confirm a restore. */
export const RESTORE_CONFIRMATION = 'RESTAURAR';

/** Which backup: one of the configured folder's list (by name), or any folder (full path). */
export const BackupSource = z
  .object({
    name: z.string().regex(/^respaldo-[0-9TZ-]+$/, { error: 'Nombre de respaldo no válido.' }).optional(),
    path: z
      .string({ error: 'Escriba la ruta completa de la carpeta del respaldo.' })
      .trim()
      .min(1, { error: 'Escriba la ruta completa de la carpeta del respaldo.' })
      .max(400, { error: 'La ruta no puede superar 400 caracteres.' })
      .optional(),
  })
  .strict()
  .refine((s) => (s.name === undefined) !== (s.path === undefined), { error: 'Elija un respaldo de la lista o escriba la ruta de su carpeta (uno de los dos).' });
export type BackupSource = z.infer<typeof BackupSource>;

/** A restore staged from the screen, applied when the app next starts. */
export const PendingRestore = z.object({
  backup: BackupInfo,
  stagedAt: z.number(),
  /** Username of the administrator who scheduled it. */
  stagedBy: z.string(),
  /** Spanish: why the last start could not apply it (it is tried again at the next start). */
  failure: z.string().nullable(),
});
export type PendingRestore = z.infer<typeof PendingRestore>;

export const LastRestore = z.object({
  /** When it was applied. */
  at: z.number(),
  backup: BackupInfo,
  stagedBy: z.string(),
  /** Where the data it replaced was kept (folder name inside the data directory). */
  previousDir: z.string().nullable(),
  /** The administrator accepted restoring it although its audit trail could not be verified here. */
  auditUnverifiable: z.boolean().optional(),
});
export type LastRestore = z.infer<typeof LastRestore>;

export const UPDATE_STATES = ['no_disponible', 'sin_configurar', 'al_dia', 'buscando', 'descargando', 'lista', 'error'] as const;
export type UpdateState = (typeof UPDATE_STATES)[number];

export const UpdateStatus = z.object({
  currentVersion: z.string(),
  state: z.enum(UPDATE_STATES),
  availableVersion: z.string().nullable(),
  percent: z.number().nullable(),
  checkedAt: z.number().nullable(),
  /** Spanish, for the status bar tooltip and the operations screen. */
  message: z.string().nullable(),
  /** The renderer reported an intake in progress: an update waits until it is saved or closed. */
  unsavedWork: z.boolean(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const opsCalls = {
  'config.get': defineCall({
    summary: 'Configuración de la agencia (agencia.json): código, nombre, provincia, direcciones, plazos, topes, bloqueo y respaldos.',
    access: ROLE_GROUPS.admin,
    audit: 'none',
    input: Empty,
    output: z.object({
      config: AgencyConfig,
      file: z.object({ name: z.string(), state: z.enum(CONFIG_FILE_STATES), errors: z.array(z.string()) }),
    }),
  }),

  'config.update': defineCall({
    summary: 'Cambia la configuración de la agencia y la guarda también en agencia.json.',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: AgencyConfig,
    output: z.object({ config: AgencyConfig }),
  }),

  'config.reload': defineCall({
    summary: 'Vuelve a leer agencia.json y lo aplica si es válido (si no, no cambia nada).',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: Empty,
    output: z.object({ config: AgencyConfig }),
  }),

  'backup.run': defineCall({
    summary: 'Respalda ahora la base de datos, los adjuntos y los formularios en la carpeta de respaldos.',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: Empty,
    output: BackupSummary,
  }),

  'backup.list': defineCall({
    summary: 'Respaldos en la carpeta configurada, el último resultado y la programación.',
    access: ROLE_GROUPS.admin,
    audit: 'none',
    input: Empty,
    output: z.object({
      dir: z.string().nullable(),
      everyHours: z.number().int(),
      keep: z.number().int(),
      last: LastBackup.nullable(),
      items: z.array(BackupSummary),
      /** A restore scheduled for the next start, if any. */
      pendingRestore: PendingRestore.nullable(),
      lastRestore: LastRestore.nullable(),
    }),
  }),

  'backup.verify': defineCall({
    summary: 'Verifica un respaldo (hashes, integridad de SQLite, cadena de auditoría y versión) y dice qué contiene, sin restaurar nada.',
    access: ROLE_GROUPS.admin,
    audit: 'none',
    input: BackupSource,
    output: BackupCheck,
  }),

  'backup.scheduleRestore': defineCall({
    summary: 'Prepara la restauración de un respaldo verificado; se aplica al volver a abrir la aplicación (los datos actuales se conservan aparte).',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: z
      .object({
        source: BackupSource,
        confirmation: z
          .string({ error: `Para confirmar, escriba ${RESTORE_CONFIRMATION}.` })
          .refine((v) => v.trim().toUpperCase() === RESTORE_CONFIRMATION, { error: `Para confirmar, escriba ${RESTORE_CONFIRMATION}.` }),
        /** The administrator accepts a backup whose audit trail is "no verificable" on this desk. */
        acceptUnverifiableAudit: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ report: BackupCheck, pending: PendingRestore }),
  }),

  'backup.cancelRestore': defineCall({
    summary: 'Anula la restauración preparada antes de que se aplique.',
    access: ROLE_GROUPS.admin,
    audit: 'change',
    input: Empty,
    output: z.object({ cancelled: z.boolean() }),
  }),

  'config.intakeRules': defineCall({
    summary: 'Reglas de la agencia para la atención (formato del código de extranjero, horario de atención), para validar mientras se escribe.',
    access: ROLE_GROUPS.everyone,
    audit: 'none',
    input: Empty,
    output: z.object({
      foreignerCodePattern: z.string().nullable(),
      /** When the agency attends: the screens flag an attention outside them. */
      openingHours: z.object({ days: z.array(z.number().int()), open: z.string(), close: z.string(), closedDates: z.array(z.string()) }),
    }),
  }),

  'diagnostics.copy': defineCall({
    summary: 'Texto de diagnóstico para soporte (versiones, sistema, conteos, últimos errores), sin datos personales.',
    access: ROLE_GROUPS.everyone,
    audit: 'none',
    input: Empty,
    output: z.object({ text: z.string() }),
  }),

  'app.updateStatus': defineCall({
    summary: 'Versión en uso y estado de la actualización automática.',
    access: ROLE_GROUPS.everyone,
    audit: 'none',
    input: Empty,
    output: UpdateStatus,
  }),

  'app.setUnsavedWork': defineCall({
    summary: 'La pantalla avisa si hay una atención en curso sin guardar: mientras la haya, no se instala ninguna actualización.',
    // State of the window, not of a person: the screen that just signed out, or whose session
    // was locked or ended, must still be able to say "nothing unsaved" (else updates wait until
    // a restart). Only the app's own window can call at all (IPC sender check, launch token).
    access: 'public',
    audit: 'none',
    input: z.object({ unsaved: z.boolean() }).strict(),
    output: z.object({}),
  }),

  'app.installUpdate': defineCall({
    summary: 'Reinicia la aplicación para instalar la actualización descargada (se niega si hay trabajo sin guardar).',
    access: ROLE_GROUPS.everyone,
    audit: 'change',
    input: Empty,
    output: z.object({ version: z.string() }),
  }),
} as const;
