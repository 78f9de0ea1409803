// The envelope every call answers with. Nothing else crosses the boundary: no exception, stack
// or SQL text, only a stable code and a Spanish message a person can act on.

export const ERROR_CODES = [
  'invalid_input',
  'unknown_call',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'locked_out',
  /** Someone else's credentials, asked for inside a session (a supervisor's authorization), were refused. */
  'authorization_failed',
  'session_locked',
  'password_change_required',
  'setup_required',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, '' for the whole input. */
  path: string;
  message: string;
}

export interface CallError {
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CallError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, fields?: FieldIssue[]): Result<never> =>
  fields ? { ok: false, error: { code, message, fields } } : { ok: false, error: { code, message } };

/** Default Spanish wording per code, used when a handler gives none more specific. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  invalid_input: 'Los datos ingresados no son válidos.',
  unknown_call: 'La operación solicitada no existe.',
  unauthenticated: 'Su sesión no está activa. Ingrese nuevamente con su usuario y contraseña.',
  forbidden: 'Su rol no tiene permiso para realizar esta operación.',
  not_found: 'El registro solicitado no existe.',
  conflict: 'La operación no se puede realizar en el estado actual del registro.',
  locked_out: 'La cuenta está bloqueada temporalmente por intentos fallidos.',
  authorization_failed: 'La autorización no es válida: revise el usuario y la contraseña de quien autoriza.',
  session_locked: 'La sesión está bloqueada por inactividad. Ingrese su contraseña para continuar.',
  password_change_required: 'Debe cambiar la contraseña temporal antes de continuar.',
  setup_required: 'Primero debe crearse el usuario administrador.',
  unavailable: 'El servicio no está disponible en este momento. Intente nuevamente.',
  internal: 'Ocurrió un error interno. Intente nuevamente; si persiste, comuníquese con soporte técnico.',
};
