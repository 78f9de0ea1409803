// What a form prints, as plain data: the PDF renderer draws exactly these strings and the QR
// digest is computed over exactly this object, so "the digest covers the printed fields" holds
// by construction and there is one place to read when asking "what is on the paper?".
import { channelLabel, clean, documentCaption, formatDate, nationalityLabel, NOT_RECORDED, orNotRecorded } from './format';
import { fillTemplate, type FilledParagraph } from './templates';
import type { FormKind, FormTemplate, PaperKind, PrintableRequest } from './types';

export interface Field {
  label: string;
  value: string;
  /** Spans both columns of the grid (long values such as the legal name or the address). */
  wide?: boolean;
}

export interface Signer {
  /** Caption under the name, e.g. "Firma del representante legal". */
  role: string;
  name: string;
  /** "C.I. N.º …"; null for a signer identified by role only (the clerk). */
  document: string | null;
}

export type Block =
  | { type: 'section'; title: string }
  | { type: 'fields'; fields: Field[] }
  /** `plain`: left-aligned, closer together — a list of steps to follow, not clauses to sign. */
  | { type: 'paragraphs'; paragraphs: FilledParagraph[]; plain?: true }
  | { type: 'table'; columns: string[]; rows: string[][] }
  /** A visibly void section (crossed box), e.g. the authorization when nobody else files. */
  | { type: 'void'; text: string }
  | { type: 'signatures'; signers: Signer[] };

export interface FormView {
  kind: PaperKind;
  templateVersion: number;
  title: string;
  number: string;
  /**
   * What the number is, next to it on the page ("Solicitud N.º" when absent). Absent on a request's
   * forms, so their digests (computed over this object) stay what their papers carry.
   */
  numberLabel?: string;
  agency: string;
  date: string;
  blocks: Block[];
}

const AUTHORIZATION_TITLE = 'Autorización de Retiro de Contraseña';

export function buildView(kind: FormKind, data: PrintableRequest, template: FormTemplate): FormView {
  if (template.kind !== kind) {
    throw new Error(`Se pidió el formulario «${kind}» con la plantilla de «${template.kind}».`);
  }
  const paragraphs = fillTemplate(template, data);
  const blocks =
    kind === 'solicitud' ? solicitudBlocks(data, paragraphs) : kind === 'acuerdo' ? acuerdoBlocks(data, paragraphs) : comprobanteBlocks(data, paragraphs);
  return {
    kind,
    templateVersion: template.version,
    title: clean(template.title),
    number: clean(data.number),
    agency: `${clean(data.agency.name)} (${clean(data.agency.code)}) · ${clean(data.agency.provinceName)}`,
    date: formatDate(data.attentionDate),
    blocks,
  };
}

function employerFields(data: PrintableRequest): Field[] {
  return [
    { label: 'Razón social', value: clean(data.employer.legalName), wide: true },
    { label: 'RUC', value: clean(data.employer.ruc) },
    { label: 'Sucursal', value: clean(data.employer.branch) },
    { label: 'Tipo de empleador', value: clean(data.applicantKind.label) },
    { label: 'Canal de atención', value: channelLabel(data.channel) },
  ];
}

function representativeFields(data: PrintableRequest): Field[] {
  const r = data.representative;
  return [
    { label: 'Apellidos y nombres', value: clean(r.names), wide: true },
    { label: 'Tipo de documento', value: clean(r.idTypeLabel) },
    { label: 'Número de documento', value: clean(r.idNumber) },
    { label: 'Nacionalidad', value: nationalityLabel(r.nationality) },
  ];
}

function artisanFields(data: PrintableRequest): Field[] {
  if (!data.artisan) return [];
  const a = data.artisan;
  return [
    { label: 'Calificación artesanal N.º', value: clean(a.number) },
    { label: 'Rama artesanal', value: clean(a.branch) },
    { label: 'Vigencia de la calificación', value: a.expiryDate === null ? 'Indefinida' : `Hasta el ${formatDate(a.expiryDate)}` },
  ];
}

function representativeSigner(data: PrintableRequest, role = 'Firma del representante legal'): Signer {
  return { role, name: clean(data.representative.names), document: documentCaption(data.representative.idType, data.representative.idNumber) };
}

function only(paragraphs: FilledParagraph[], keep: (p: FilledParagraph) => boolean): Block[] {
  const selected = paragraphs.filter(keep);
  return selected.length > 0 ? [{ type: 'paragraphs', paragraphs: selected }] : [];
}

function solicitudBlocks(data: PrintableRequest, paragraphs: FilledParagraph[]): Block[] {
  const isAuthorization = (p: FilledParagraph) => p.condition === 'tercero' || p.condition === 'sin-tercero';
  const blocks: Block[] = [
    { type: 'section', title: 'Datos del empleador' },
    { type: 'fields', fields: [...employerFields(data), ...artisanFields(data)] },
    { type: 'section', title: 'Representante legal' },
    { type: 'fields', fields: representativeFields(data) },
    { type: 'section', title: 'Datos de contacto' },
    {
      type: 'fields',
      fields: [
        { label: 'Correo electrónico (aquí se envía la clave)', value: clean(data.contact.email) },
        { label: 'Teléfono celular', value: orNotRecorded(data.contact.mobile) },
        { label: 'Dirección', value: orNotRecorded(data.contact.address), wide: true },
      ],
    },
    { type: 'section', title: 'Declaración' },
    ...only(paragraphs, (p) => !isAuthorization(p)),
    { type: 'section', title: AUTHORIZATION_TITLE },
  ];
  const authorization = paragraphs.filter(isAuthorization);
  if (data.thirdParty) {
    blocks.push(
      { type: 'fields', fields: [
        { label: 'Apellidos y nombres del tercero autorizado', value: clean(data.thirdParty.names) },
        { label: 'Cédula del tercero autorizado', value: clean(data.thirdParty.cedula) },
      ] },
      ...only(authorization, () => true),
    );
  } else {
    // The void text comes from the template; "NO APLICA" only if an administrator left it empty.
    const text = authorization.map((p) => (p.lead ? `${p.lead} ${p.text}` : p.text)).join(' ');
    blocks.push({ type: 'void', text: text || 'NO APLICA' });
  }
  const signers = [representativeSigner(data)];
  if (data.thirdParty) {
    signers.push({ role: 'Firma del tercero autorizado', name: clean(data.thirdParty.names), document: documentCaption('cedula', data.thirdParty.cedula) });
  }
  blocks.push({ type: 'signatures', signers });
  return blocks;
}

function acuerdoBlocks(data: PrintableRequest, paragraphs: FilledParagraph[]): Block[] {
  return [
    { type: 'fields', fields: [
      { label: 'Empleador (razón social)', value: clean(data.employer.legalName), wide: true },
      { label: 'RUC', value: clean(data.employer.ruc) },
      { label: 'Sucursal', value: clean(data.employer.branch) },
      { label: 'Representante legal', value: clean(data.representative.names) },
      { label: clean(data.representative.idTypeLabel), value: clean(data.representative.idNumber) },
    ] },
    ...only(paragraphs, () => true),
    { type: 'signatures', signers: [representativeSigner(data)] },
  ];
}

function comprobanteBlocks(data: PrintableRequest, paragraphs: FilledParagraph[]): Block[] {
  const filedBy = data.thirdParty
    ? `${clean(data.thirdParty.names)} (tercero autorizado, C.I. N.º ${clean(data.thirdParty.cedula)})`
    : `${clean(data.representative.names)} (representante legal, personalmente)`;
  // The papers printed with this comprobante are signed after it is printed: said so, not «No verificado».
  const documents = data.documents.map((d) => [clean(d.label), clean(d.presentationLabel), d.verified ? '✓ Verificado' : d.signedHere === true ? 'Se firma en ventanilla' : 'No verificado']);
  return [
    { type: 'fields', fields: [
      { label: 'Trámite', value: 'Generación de clave patronal de acceso al portal IESS', wide: true },
      { label: 'Empleador (razón social)', value: clean(data.employer.legalName), wide: true },
      { label: 'RUC', value: clean(data.employer.ruc) },
      { label: 'Sucursal', value: clean(data.employer.branch) },
      { label: 'Representante legal', value: clean(data.representative.names) },
      { label: clean(data.representative.idTypeLabel), value: clean(data.representative.idNumber) },
      { label: 'Presentado por', value: filedBy, wide: true },
      { label: 'Correo registrado', value: clean(data.contact.email) },
      { label: 'Canal de atención', value: channelLabel(data.channel) },
    ] },
    { type: 'section', title: 'Documentos recibidos y verificados' },
    documents.length > 0
      ? { type: 'table', columns: ['Documento', 'Forma de presentación', 'Verificación'], rows: documents }
      : { type: 'void', text: `Sin documentos registrados (${NOT_RECORDED.toLowerCase()}).` },
    ...only(paragraphs, () => true),
    { type: 'signatures', signers: [{ role: 'Servidor(a) de atención que recibe', name: clean(data.clerk.name), document: null }] },
  ];
}
