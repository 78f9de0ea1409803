// Form wording as data. An administrator edits a template and saves it as a new version; the
// request records which version it printed, so a reprint or a paper check uses the same words.
//
// Template language (kept deliberately small so an administrator can't break a form):
// - `{{path}}` inserts a field of the request (see PLACEHOLDERS); anything else is an error.
// - A paragraph may start with a condition marker:
//     `[tercero] …`     printed only when a third party files (Autorización de Retiro de Contraseña);
//     `[sin-tercero] …` printed only when the representative files in person;
//     `[artesano] …`    printed only for a qualified artisan.
//   On the solicitud, [tercero] / [sin-tercero] paragraphs fill the authorization section.
// - A paragraph may open with a bold lead: `**Primera. Clave personal.** Texto…`.
import { checkPrintable } from '../../../shared/domain/printable';
import { FORM_KINDS, type FormKind, type FormTemplate, type PrintableRequest } from './types';
import { channelLabel, clean, formatDate, nationalityLabel, orNotRecorded } from './format';

export type ParagraphCondition = 'tercero' | 'sin-tercero' | 'artesano';
const CONDITIONS: readonly ParagraphCondition[] = ['tercero', 'sin-tercero', 'artesano'];

export interface FilledParagraph {
  /** Null: printed always. */
  condition: ParagraphCondition | null;
  /** Bold opening words, without the asterisks. */
  lead: string | null;
  text: string;
}

type Resolver = (data: PrintableRequest) => string;

/** Every placeholder a template may use, with the exact string it prints. */
export const PLACEHOLDERS: Readonly<Record<string, Resolver>> = {
  number: (d) => clean(d.number),
  'agency.code': (d) => clean(d.agency.code),
  'agency.name': (d) => clean(d.agency.name),
  'agency.provinceName': (d) => clean(d.agency.provinceName),
  attentionDate: (d) => formatDate(d.attentionDate),
  channel: (d) => channelLabel(d.channel),
  'applicantKind.label': (d) => clean(d.applicantKind.label),
  'employer.ruc': (d) => clean(d.employer.ruc),
  'employer.branch': (d) => clean(d.employer.branch),
  'employer.legalName': (d) => clean(d.employer.legalName),
  'representative.names': (d) => clean(d.representative.names),
  'representative.idTypeLabel': (d) => clean(d.representative.idTypeLabel),
  'representative.idNumber': (d) => clean(d.representative.idNumber),
  'representative.nationality': (d) => nationalityLabel(d.representative.nationality),
  'contact.email': (d) => clean(d.contact.email),
  'contact.mobile': (d) => orNotRecorded(d.contact.mobile),
  'contact.address': (d) => orNotRecorded(d.contact.address),
  'thirdParty.names': (d) => clean(required(d.thirdParty, 'thirdParty').names),
  'thirdParty.cedula': (d) => clean(required(d.thirdParty, 'thirdParty').cedula),
  'artisan.number': (d) => clean(required(d.artisan, 'artisan').number),
  'artisan.branch': (d) => clean(required(d.artisan, 'artisan').branch),
  'artisan.expiryDate': (d) => {
    const expiry = required(d.artisan, 'artisan').expiryDate;
    return expiry === null ? 'Indefinida' : formatDate(expiry);
  },
  'clerk.name': (d) => clean(d.clerk.name),
};

/** Placeholders whose value only exists under a condition, and the marker that guarantees it. */
const CONDITIONAL_PREFIXES: readonly { prefix: string; condition: ParagraphCondition; hint: string }[] = [
  { prefix: 'thirdParty.', condition: 'tercero', hint: 'solo existe cuando un tercero presenta el trámite' },
  { prefix: 'artisan.', condition: 'artesano', hint: 'solo existe para artesanos calificados' },
];

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`La solicitud no tiene ${what}; la plantilla no debió pedirlo.`);
  return value;
}

export class TemplateError extends Error {
  constructor(readonly problems: string[], template: Pick<FormTemplate, 'kind' | 'version'>) {
    super(`La plantilla «${String(template.kind)}» v${String(template.version)} no es válida: ${problems.join(' ')}`);
    this.name = 'TemplateError';
  }
}

const MARKER = /^\[([^\]]*)\]\s*/;
const LEAD = /^\*\*(.+?)\*\*\s*/;
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const MAX_TITLE = 90;
const MAX_PARAGRAPH = 1500;
const MAX_PARAGRAPHS = 30;

interface ParsedParagraph {
  condition: ParagraphCondition | null;
  unknownMarker: string | null;
  lead: string | null;
  body: string;
}

function parseParagraph(raw: string): ParsedParagraph {
  let rest = raw.trim();
  let condition: ParagraphCondition | null = null;
  let unknownMarker: string | null = null;
  const marker = MARKER.exec(rest);
  if (marker) {
    const name = (marker[1] ?? '').trim();
    if ((CONDITIONS as readonly string[]).includes(name)) condition = name as ParagraphCondition;
    else unknownMarker = name;
    rest = rest.slice(marker[0].length);
  }
  let lead: string | null = null;
  const bold = LEAD.exec(rest);
  if (bold) {
    lead = bold[1] ?? null;
    rest = rest.slice(bold[0].length);
  }
  return { condition, unknownMarker, lead, body: rest };
}

/** Names of the placeholders in a text, in order, as written (trimmed). */
function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** One problem of a template: the field it is about (`title`, `paragraphs.2`, …) and a Spanish sentence. */
export interface TemplateIssue {
  path: string;
  message: string;
}

/** Problems of a template in Spanish, for the administrator's screen; empty when it can be saved. */
export function validateTemplate(template: FormTemplate): string[] {
  return templateIssues(template).map((i) => i.message);
}

/** validateTemplate's problems with the field each one is about, so a screen can point at it. */
export function templateIssues(template: FormTemplate): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const problem = (path: string, message: string) => void issues.push({ path, message });
  if (!(FORM_KINDS as readonly string[]).includes(template.kind)) {
    problem('kind', `El tipo de formulario «${String(template.kind)}» no existe (use: ${FORM_KINDS.join(', ')}).`);
  }
  if (!Number.isInteger(template.version) || template.version < 1) {
    problem('version', 'La versión debe ser un número entero mayor o igual a 1.');
  }
  const title = typeof template.title === 'string' ? template.title.trim() : '';
  if (title === '') problem('title', 'El título no puede estar vacío.');
  else if (title.length > MAX_TITLE) problem('title', `El título tiene ${title.length} caracteres; el máximo es ${MAX_TITLE}.`);
  if (title.includes('{') || title.includes('}')) problem('title', 'El título no admite marcadores ni llaves.');
  // What the forms cannot print (shared/domain/printable.ts) is refused at import, not at the counter.
  const titleUnprintable = checkPrintable(title, { label: 'Título' });
  if (titleUnprintable) problem('title', titleUnprintable.message);
  if (!Array.isArray(template.paragraphs) || template.paragraphs.length === 0) {
    problem('paragraphs', 'La plantilla debe tener al menos un párrafo.');
    return issues;
  }
  if (template.paragraphs.length > MAX_PARAGRAPHS) {
    problem('paragraphs', `La plantilla tiene ${template.paragraphs.length} párrafos; el máximo es ${MAX_PARAGRAPHS}.`);
  }
  const conditionsSeen = new Set<ParagraphCondition | null>();
  template.paragraphs.forEach((raw, index) => {
    const path = `paragraphs.${index}`;
    const where = `Párrafo ${index + 1}:`;
    if (typeof raw !== 'string' || raw.trim() === '') {
      problem(path, `${where} está vacío.`);
      return;
    }
    if (raw.length > MAX_PARAGRAPH) problem(path, `${where} tiene ${raw.length} caracteres; el máximo es ${MAX_PARAGRAPH}.`);
    const unprintable = checkPrintable(raw.replace(/\s+/g, ' '), { label: `Párrafo ${index + 1}` });
    if (unprintable) problem(path, unprintable.message);
    const parsed = parseParagraph(raw);
    conditionsSeen.add(parsed.condition);
    if (parsed.unknownMarker !== null) {
      problem(path, `${where} la condición [${parsed.unknownMarker}] no existe (use: ${CONDITIONS.map((c) => `[${c}]`).join(', ')}).`);
    }
    if (parsed.body.trim() === '') problem(path, `${where} no tiene texto.`);
    for (const name of placeholdersIn(raw)) {
      if (!Object.hasOwn(PLACEHOLDERS, name)) {
        problem(path, `${where} el marcador {{${name}}} no existe. Marcadores válidos: ${Object.keys(PLACEHOLDERS).map((p) => `{{${p}}}`).join(', ')}.`);
        continue;
      }
      const conditional = CONDITIONAL_PREFIXES.find((c) => name.startsWith(c.prefix));
      if (conditional && parsed.condition !== conditional.condition) {
        problem(path, `${where} el marcador {{${name}}} ${conditional.hint}: úselo solo en párrafos que empiecen con [${conditional.condition}].`);
      }
    }
    // Braces left after removing the valid syntax are a typo ({{nombre}, {name}}) that would print raw.
    const leftover = raw.replace(PLACEHOLDER, '');
    if (leftover.includes('{') || leftover.includes('}')) {
      problem(path, `${where} tiene llaves sin cerrar o sueltas; los marcadores se escriben así: {{employer.legalName}}.`);
    }
    if (parsed.body.includes('**')) problem(path, `${where} la negrita (**…**) solo se admite al inicio del párrafo.`);
  });
  if (template.kind === 'solicitud') {
    if (!conditionsSeen.has('tercero')) {
      problem('paragraphs', 'La solicitud necesita al menos un párrafo [tercero] para la sección «Autorización de Retiro de Contraseña».');
    }
    if (!conditionsSeen.has('sin-tercero')) {
      problem('paragraphs', 'La solicitud necesita un párrafo [sin-tercero] con el texto que anula la autorización cuando no hay tercero.');
    }
  }
  if (!conditionsSeen.has(null)) problem('paragraphs', 'La plantilla necesita al menos un párrafo sin condición.');
  return issues;
}

// Wordings already found valid, by content: every print fills the same few templates, and
// re-running every check of templateIssues (regexes over each paragraph) was a few percent of
// a print. Keyed by what the checks read, so an edited template object is checked afresh.
const validWordings = new Set<string>();
const VALID_LIMIT = 256;

function assertValid(template: FormTemplate): void {
  const key = JSON.stringify([template.kind, template.version, template.title, template.paragraphs]);
  if (validWordings.has(key)) return;
  const problems = validateTemplate(template);
  if (problems.length > 0) throw new TemplateError(problems, template);
  if (validWordings.size >= VALID_LIMIT) validWordings.clear();
  validWordings.add(key);
}

function applies(condition: ParagraphCondition | null, data: PrintableRequest): boolean {
  switch (condition) {
    case null:
      return true;
    case 'tercero':
      return data.thirdParty !== null;
    case 'sin-tercero':
      return data.thirdParty === null;
    case 'artesano':
      return data.artisan !== null;
  }
}

/**
 * The template's paragraphs that apply to this request, placeholders replaced. Throws a
 * TemplateError (Spanish) for an invalid template: a raw {{placeholder}} never reaches paper.
 */
export function fillTemplate(template: FormTemplate, data: PrintableRequest): FilledParagraph[] {
  assertValid(template);
  const filled: FilledParagraph[] = [];
  for (const raw of template.paragraphs) {
    const parsed = parseParagraph(raw);
    if (!applies(parsed.condition, data)) continue;
    const substitute = (text: string) =>
      clean(text.replace(PLACEHOLDER, (_match, name: string) => {
        const key = name.trim();
        const resolve = Object.hasOwn(PLACEHOLDERS, key) ? PLACEHOLDERS[key] : undefined;
        // validateTemplate already refused unknown names; this keeps the type checker honest.
        if (!resolve) throw new TemplateError([`el marcador {{${name}}} no existe.`], template);
        return resolve(data);
      }));
    filled.push({ condition: parsed.condition, lead: parsed.lead === null ? null : substitute(parsed.lead), text: substitute(parsed.body) });
  }
  return filled;
}

// --- Default wording (version 1) ----------------------------------------------------------
// The official IESS wording is not public; these cover the clauses it names and
// are meant to be replaced by the administrator with a new version when the institution says so.

const SOLICITUD_V1: FormTemplate = {
  kind: 'solicitud',
  version: 1,
  title: 'Solicitud de entrega de clave patronal',
  paragraphs: [
    'Yo, {{representative.names}}, con {{representative.idTypeLabel}} N.º {{representative.idNumber}}, en calidad de representante legal de {{employer.legalName}}, RUC {{employer.ruc}}, sucursal {{employer.branch}}, solicito al Instituto Ecuatoriano de Seguridad Social la entrega de la clave patronal de acceso al portal del IESS, que se enviará al correo electrónico {{contact.email}}.',
    'Declaro que la información de esta solicitud es verdadera y que los documentos presentados son auténticos, y asumo la responsabilidad legal por su contenido.',
    '[artesano] El empleador es artesano calificado por la Junta Nacional de Defensa del Artesano, calificación N.º {{artisan.number}}, rama {{artisan.branch}}, vigente hasta: {{artisan.expiryDate}}.',
    '[tercero] Yo, {{representative.names}}, representante legal de {{employer.legalName}}, autorizo a {{thirdParty.names}}, con cédula N.º {{thirdParty.cedula}}, a presentar esta solicitud y a realizar en mi nombre el retiro de la clave patronal. Sé que la clave se enviará únicamente al correo electrónico registrado del empleador. La persona autorizada presenta su cédula original.',
    '[sin-tercero] NO APLICA — el representante legal retira personalmente.',
  ],
};

const ACUERDO_V1: FormTemplate = {
  kind: 'acuerdo',
  version: 1,
  title: 'Acuerdo de Responsabilidad y Uso de la Información',
  paragraphs: [
    'Yo, {{representative.names}}, con {{representative.idTypeLabel}} N.º {{representative.idNumber}}, en calidad de representante legal de {{employer.legalName}}, RUC {{employer.ruc}} (en adelante, «el empleador»), al recibir la clave patronal de acceso al portal del Instituto Ecuatoriano de Seguridad Social (IESS), acepto las siguientes condiciones:',
    '**Primera. Clave personal e intransferible.** La clave patronal es personal e intransferible. Me comprometo a custodiarla y a no cederla, prestarla ni revelarla a terceros. Si permito que otra persona la use en nombre del empleador, lo hago bajo mi exclusiva responsabilidad.',
    '**Segunda. Responsabilidad por las transacciones.** Soy responsable de todas las transacciones, declaraciones y registros que se realicen en el portal del IESS con la clave patronal del empleador —entre ellos avisos de entrada y salida, novedades de los trabajadores y actualización de datos—, que se tendrán por realizados por el empleador.',
    '**Tercera. Medios electrónicos y notificaciones.** Acepto el uso de medios electrónicos en mis trámites con el IESS y que las notificaciones se envíen al correo electrónico registrado {{contact.email}}, conforme a los artículos 49 y 50 de la Ley de Comercio Electrónico, Firmas Electrónicas y Mensajes de Datos. Me obligo a mantener ese correo activo y a actualizarlo en el IESS si cambia.',
    '**Cuarta. Confidencialidad.** Guardaré reserva sobre la información de afiliados, trabajadores y empleadores a la que acceda con la clave, y la usaré únicamente para cumplir las obligaciones del empleador con el IESS.',
    '**Quinta. Clave comprometida.** Si sospecho que la clave fue conocida por personas no autorizadas o usada indebidamente, me obligo a cambiarla de inmediato en el portal del IESS y a informarlo al IESS. Hasta que la cambie, respondo por su uso.',
    '**Sexta. Protección de datos personales.** Conforme a la Ley Orgánica de Protección de Datos Personales (LOPDP), consiento que el IESS trate los datos personales de este trámite (nombres, documento de identidad, nacionalidad, correo electrónico, teléfono y dirección) con las finalidades de verificar mi identidad y representación, generar y entregar la clave patronal, enviarme notificaciones y atender consultas sobre el trámite. Los datos se conservarán solo el tiempo que exijan esas finalidades y las obligaciones legales del IESS. Puedo ejercer ante el IESS mis derechos de acceso, rectificación y actualización, eliminación, oposición y portabilidad.',
    '**Séptima. Aceptación.** He leído este acuerdo, lo acepto y lo firmo en {{agency.name}}, el {{attentionDate}}.',
  ],
};

const COMPROBANTE_V1: FormTemplate = {
  kind: 'comprobante',
  version: 1,
  title: 'Comprobante de recepción',
  paragraphs: [
    'El IESS recibió la solicitud de entrega de clave patronal N.º {{number}} de {{employer.legalName}}, RUC {{employer.ruc}}, con los documentos detallados arriba.',
    '**Próximo paso.** La clave se enviará al correo registrado {{contact.email}} cuando la solicitud sea aprobada. Revise también la carpeta de correo no deseado. El IESS nunca le pedirá la clave por teléfono ni por correo: no la comparta.',
    '**Consulta del estado.** Para conocer el estado de su trámite, indique el número de solicitud {{number}} en cualquier Centro de Atención Universal del IESS o presente este comprobante.',
    '**Conserve este comprobante.** Su código QR permite comprobar que corresponde al trámite registrado.',
  ],
};

/** Frozen: callers copy a default to make the next version, they never edit it in place. */
function frozen(template: FormTemplate): FormTemplate {
  Object.freeze(template.paragraphs);
  return Object.freeze(template);
}

export const DEFAULT_TEMPLATES: Readonly<Record<FormKind, FormTemplate>> = Object.freeze({
  solicitud: frozen(SOLICITUD_V1),
  acuerdo: frozen(ACUERDO_V1),
  comprobante: frozen(COMPROBANTE_V1),
});
