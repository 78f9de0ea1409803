// The protocol as an OpenAPI 3.1 document, generated from the same zod schemas the desk and the
// stand-in central parse with (zod 4's z.toJSONSchema), so the documentation cannot drift.
// 'input' mode: objects stay open (no additionalProperties: false), as the parsers tolerate
// unknown fields. docs/protocol/openapi.json is this object, written by `npx tsx test/central/write-openapi.ts`.
import { z } from 'zod';
import {
  API_PREFIX,
  Change,
  EmployerLookup,
  EnrolRequest,
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
} from './protocol';

const SCHEMAS = { HealthResponse, EnrolRequest, EnrolResponse, RequestSnapshot, OutboxEvent, PushEvent, PushRequest, PushResponse, Change, PullResponse, VirtualAttachment, EmployerLookup, ErrorResponse };

function components(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'input', uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  const schemas: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(out.schemas)) {
    const { $schema: _drop, $id: _id, ...rest } = schema as Record<string, unknown>;
    schemas[id] = rest;
  }
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
    },
    servers: [{ url: 'http://127.0.0.1:8787', description: 'Servicios centrales de prueba (npm run central)' }],
    components: {
      schemas: components(),
      securitySchemes: { deviceToken: { type: 'http', scheme: 'bearer', description: 'Token entregado al enrolar la estación.' } },
    },
    paths: {
      [`${API_PREFIX}/health`]: { get: { operationId: 'health', summary: 'Estado del servicio y versión del protocolo.', responses: { '200': { description: 'En servicio.', ...json('HealthResponse') } } } },
      [`${API_PREFIX}/enrol`]: {
        post: {
          operationId: 'enrol',
          summary: 'Enrola una estación para una agencia con un código de un solo uso; devuelve el token.',
          requestBody: { required: true, ...json('EnrolRequest') },
          responses: { '200': { description: 'Estación enrolada.', ...json('EnrolResponse') }, '400': error('Datos inválidos.'), '403': error('Código inválido, usado o de otra agencia.') },
        },
      },
      [`${API_PREFIX}/events`]: {
        post: {
          operationId: 'pushEvents',
          summary: `Envía hasta ${MAX_PUSH_BATCH} eventos en orden. Cada clave de idempotencia se aplica una sola vez; la respuesta trae un resultado por evento (accepted, duplicate, rejected con motivo), en cualquier orden.`,
          security: [{ deviceToken: [] }],
          requestBody: { required: true, ...json('PushRequest') },
          responses: { '200': { description: 'Resultado por evento.', ...json('PushResponse') }, '400': error('Lote inválido.'), '401': error('Estación no enrolada.'), '413': error('Lote demasiado grande.'), ...transient },
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
      [`${API_PREFIX}/employers/{ruc}`]: {
        get: {
          operationId: 'lookupEmployer',
          summary: 'Consulta el registro de empleadores por RUC.',
          security: [{ deviceToken: [] }],
          parameters: [{ name: 'ruc', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{13}$' } }],
          responses: { '200': { description: 'Resultado de la consulta (found = false si no existe).', ...json('EmployerLookup') }, '401': error('Estación no enrolada.'), ...transient },
        },
      },
    },
  };
}
