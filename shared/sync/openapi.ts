// The protocol as an OpenAPI 3.1 document, generated from the same zod schemas the desk and the
// stand-in central parse with (zod 4's z.toJSONSchema), so the documentation cannot drift.
// 'input' mode: objects stay open (no additionalProperties: false), as the parsers tolerate
// unknown fields. docs/protocol/openapi.json is this object, written by `npx tsx test/central/write-openapi.ts`.
import { z } from 'zod';
import {
  API_PREFIX,
  Change,
  EmailChallenge,
  EmailChallengeRequest,
  EmailConfirmation,
  EmailConfirmRequest,
  EmployerLookup,
  EnrolRequest,
  ForeignerLookup,
  AffiliateContactQuery,
  AffiliateContactLookup,
  EnrolResponse,
  ErrorResponse,
  HealthResponse,
  MAX_PULL_PAGE,
  MAX_PUSH_BATCH,
  OutboxEvent,
  PROTOCOL_VERSION,
  PullResponse,
  PushEvent,
  PushRequest,
  PushResponse,
  RequestSnapshot,
  VirtualAttachment,
  WorkingResponse,
  VirtualRouting,
  FileStored,
  MAX_FILE_BYTES,
  AUDIT_REFUSALS,
} from './protocol';

const SCHEMAS = {
  HealthResponse,
  EnrolRequest,
  EnrolResponse,
  RequestSnapshot,
  OutboxEvent,
  PushEvent,
  PushRequest,
  PushResponse,
  Change,
  PullResponse,
  WorkingResponse,
  VirtualAttachment,
  FileStored,
  EmployerLookup,
  ForeignerLookup,
  AffiliateContactQuery,
  AffiliateContactLookup,
  EmailChallengeRequest,
  EmailChallenge,
  EmailConfirmRequest,
  EmailConfirmation,
  VirtualRouting,
  ErrorResponse,
};

function components(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'input', uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  const schemas: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(out.schemas)) {
    const { $schema: _drop, $id: _id, ...rest } = schema as Record<string, unknown>;
    schemas[id] = rest;
  }
  // A pushed event's `type` and `payload` are one of the typed outbox events (OutboxEvent, the
  // union the desk's writer is typed by): the document says so, which also puts that schema to use.
  schemas.PushEvent = { allOf: [ref('OutboxEvent'), schemas.PushEvent] };
  return schemas;
}

const ref = (id: keyof typeof SCHEMAS) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: keyof typeof SCHEMAS) => ({ content: { 'application/json': { schema: ref(id) } } });
const error = (description: string) => ({ description, ...json('ErrorResponse') });
const retryAfter = { 'Retry-After': { description: 'Segundos (o fecha HTTP) que la estación debe esperar antes de reintentar.', schema: { type: 'string' } } };
const transient = {
  '429': { ...error('Demasiadas solicitudes: reintentar después de Retry-After.'), headers: retryAfter },
  '500': error('Error interno. El envío pudo haberse aplicado: reintentar con las mismas claves de idempotencia.'),
  '503': { ...error('No disponible: reintentar después de Retry-After.'), headers: retryAfter },
};

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ventanilla Patronal ↔ servicios centrales del IESS',
      version: `${PROTOCOL_VERSION}.0.0`,
      description:
        'Protocolo de sincronización de las estaciones de ventanilla con los servicios centrales. Versionado en la ruta ' +
        `(${API_PREFIX}); los campos desconocidos se ignoran en ambos sentidos. Ver docs/protocol/README.md.`,
      // The protocol is the IESS's; the document describes it for the desks and is not published under an open licence.
      license: { name: 'Uso interno del IESS', url: 'https://www.iess.gob.ec/' },
    },
    servers: [{ url: 'http://127.0.0.1:8787', description: 'Servicios centrales de prueba (npm run central)' }],
    components: {
      schemas: components(),
      securitySchemes: { deviceToken: { type: 'http', scheme: 'bearer', description: 'Token entregado al enrolar la estación.' } },
    },
    paths: {
      [`${API_PREFIX}/health`]: {
        get: {
          operationId: 'health',
          summary: 'Estado del servicio y versión del protocolo.',
          // Public: a desk checks the service before it is enrolled.
          security: [],
          responses: { '200': { description: 'En servicio.', ...json('HealthResponse') }, '429': transient['429'], '503': transient['503'] },
        },
      },
      [`${API_PREFIX}/enrol`]: {
        post: {
          operationId: 'enrol',
          summary: 'Enrola una estación para una agencia con un código de un solo uso; devuelve el token.',
          // Public: the one-time code is the credential; the token comes in the answer.
          security: [],
          requestBody: { required: true, ...json('EnrolRequest') },
          responses: {
            '200': { description: 'Estación enrolada, con su código de estación (y, si reemplaza a otra, dónde sigue su numeración).', ...json('EnrolResponse') },
            '400': error('Datos inválidos.'),
            '403': error('Código inválido, usado o de otra agencia.'),
            '409': error('La agencia no tiene estaciones libres: se requiere un código de reemplazo.'),
          },
        },
      },
      [`${API_PREFIX}/events`]: {
        post: {
          operationId: 'pushEvents',
          summary: `Envía hasta ${MAX_PUSH_BATCH} eventos en orden. Cada clave de idempotencia se aplica una sola vez; la respuesta trae un resultado por evento (accepted, duplicate, rejected con motivo), en cualquier orden.`,
          security: [{ deviceToken: [] }],
          requestBody: { required: true, ...json('PushRequest') },
          responses: {
            '200': { description: 'Resultado por evento, y la cabecera de auditoría que el IESS conserva para la estación.', ...json('PushResponse') },
            '400': error('Lote inválido.'),
            '401': error('Estación no enrolada, o reemplazada por otra.'),
            '409': error(
              `No se aplicó nada del lote por la evidencia de auditoría (error.code ${AUDIT_REFUSALS.join(', ')}; error.anchorSeq es la entrada que el IESS conserva): ` +
                'el registro retrocedió o se bifurcó, o el IESS pide la entrada de la estación en anchorSeq como auditProof para comparar.',
            ),
            '413': error('Lote demasiado grande.'),
            ...transient,
          },
        },
      },
      [`${API_PREFIX}/changes`]: {
        get: {
          operationId: 'pullChanges',
          summary: `Cambios decididos fuera de esta estación, por cursor, hasta ${MAX_PULL_PAGE} por página: solicitudes de otras estaciones de la agencia, decisiones del IESS, solicitudes de la Ventanilla Virtual con sus adjuntos, turnos del día y catálogos.`,
          security: [{ deviceToken: [] }],
          parameters: [
            { name: 'cursor', in: 'query', required: false, description: 'El nextCursor de la página anterior (vacío al empezar).', schema: { type: 'string' } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_PULL_PAGE } },
          ],
          responses: { '200': { description: 'Una página de cambios.', ...json('PullResponse') }, '401': error('Estación no enrolada.'), ...transient },
        },
      },
      [`${API_PREFIX}/working`]: {
        get: {
          operationId: 'workingMarkers',
          summary:
            'Quién está atendiendo qué solicitud en las demás estaciones de la agencia (eventos request.working vigentes, sin los de la estación que pregunta). ' +
            'Aviso, no bloqueo: cada marca vence en «until» si no se renueva.',
          security: [{ deviceToken: [] }],
          responses: { '200': { description: 'Las marcas vigentes y la hora del IESS.', ...json('WorkingResponse') }, '401': error('Estación no enrolada.'), ...transient },
        },
      },
      [`${API_PREFIX}/files/{sha256}`]: {
        parameters: [{ name: 'sha256', in: 'path', required: true, description: 'SHA-256 del contenido, en hexadecimal.', schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } }],
        put: {
          operationId: 'storeFile',
          summary: `Entrega al IESS el contenido de un escaneo o de un formulario archivado (hasta ${MAX_FILE_BYTES / 1_048_576} MB), antes del evento cuya ficha lo lista. Idempotente: el mismo contenido se guarda una vez.`,
          security: [{ deviceToken: [] }],
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          responses: {
            '200': { description: 'El IESS conserva el archivo.', ...json('FileStored') },
            '400': error('El contenido no corresponde a su SHA-256.'),
            '401': error('Estación no enrolada.'),
            '413': error('Archivo demasiado grande.'),
            ...transient,
          },
        },
        get: {
          operationId: 'fetchFile',
          summary: 'Devuelve el contenido de un archivo de la agencia (la estación que reemplaza a otra recupera así los escaneos y formularios de su estación).',
          security: [{ deviceToken: [] }],
          responses: {
            '200': { description: 'El contenido, tal como se entregó.', content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
            '401': error('Estación no enrolada.'),
            '404': error('El IESS no tiene ese archivo de esta agencia.'),
            ...transient,
          },
        },
      },
      [`${API_PREFIX}/employers/{ruc}`]: {
        get: {
          operationId: 'lookupEmployer',
          summary: 'Consulta el registro de empleadores por RUC.',
          security: [{ deviceToken: [] }],
          parameters: [{ name: 'ruc', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{13}$' } }],
          responses: { '200': { description: 'Resultado de la consulta (found = false si no existe).', ...json('EmployerLookup') }, '401': error('Estación no enrolada.'), ...transient },
        },
      },
      [`${API_PREFIX}/foreigners/{passport}`]: {
        get: {
          operationId: 'lookupForeigner',
          summary: 'Si un extranjero sin cédula está registrado o afiliado en el IESS, y su código de identificación (ficha 004, línea 63).',
          security: [{ deviceToken: [] }],
          parameters: [
            { name: 'passport', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z0-9]{3,20}$' } },
            { name: 'nationality', in: 'query', required: true, description: 'Código OACI del pasaporte (COL, VEN, D…).', schema: { type: 'string', pattern: '^[A-Z]{1,3}$' } },
          ],
          responses: { '200': { description: 'registered = false si no consta.', ...json('ForeignerLookup') }, '401': error('Estación no enrolada.'), ...transient },
        },
      },
      [`${API_PREFIX}/affiliate-contacts/lookup`]: {
        post: {
          operationId: 'lookupAffiliateContact',
          summary: 'Los datos de contacto que el IESS tiene del afiliado (ficha 001, línea 21: actualización presencial), enmascarados: correo «j***@g***.com», celular «09******12». POST: la identificación no va en la URL.',
          security: [{ deviceToken: [] }],
          requestBody: { required: true, ...json('AffiliateContactQuery') },
          responses: { '200': { description: 'found=false si el IESS no tiene datos registrados.', ...json('AffiliateContactLookup') }, '400': error('Identificación inválida.'), '401': error('Estación no enrolada.'), ...transient },
        },
      },
      [`${API_PREFIX}/email-verifications`]: {
        post: {
          operationId: 'startEmailVerification',
          summary: 'Envía un código corto al correo del empleador o representante (ficha 004, línea 43: correo activo). Pocos intentos, vence en minutos.',
          security: [{ deviceToken: [] }],
          requestBody: { required: true, ...json('EmailChallengeRequest') },
          responses: { '200': { description: 'Código enviado: id de la verificación, vencimiento e intentos.', ...json('EmailChallenge') }, '400': error('Correo inválido.'), '401': error('Estación no enrolada.'), ...transient },
        },
      },
      [`${API_PREFIX}/email-verifications/{id}/confirm`]: {
        post: {
          operationId: 'confirmEmailVerification',
          summary: 'Comprueba el código que el solicitante leyó en su correo.',
          security: [{ deviceToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json('EmailConfirmRequest') },
          responses: { '200': { description: 'verificado, codigo_incorrecto (cuenta un intento), vencido o bloqueado.', ...json('EmailConfirmation') }, '404': error('La verificación no existe.'), '401': error('Estación no enrolada.'), ...transient },
        },
      },
      [`${API_PREFIX}/virtual-routing`]: {
        put: {
          operationId: 'setVirtualRouting',
          summary: 'Provincias de la Ventanilla Virtual que atiende la agencia de la estación (agencia.json); el IESS direcciona a ella solo esas (ficha 004, línea 45).',
          security: [{ deviceToken: [] }],
          requestBody: { required: true, ...json('VirtualRouting') },
          responses: { '200': { description: 'Lo que el IESS registró.', ...json('VirtualRouting') }, '400': error('Provincias inválidas.'), '401': error('Estación no enrolada.'), ...transient },
        },
      },
    },
  };
}
