/**
 * Rule sets, pure data. Every rule cites the lines of the procedure sheet it encodes, so a
 * reviewer can hold the rule against the source; when IESS changes the procedure, add a new
 * version with its own effectiveFrom instead of editing this one.
 */
import type { Citation, Condition, RuleSet } from './requirements';

export const CLAVE_PATRONAL_SEED = 'seeds/004_b3a097c2fb3b9007.txt';

function seed(from: number, to: number = from): Citation {
  return { file: CLAVE_PATRONAL_SEED, lines: [from, to] };
}

/** `all` of nothing holds: a document that is always required in its channel. */
const ALWAYS: Condition = { all: [] };
const PRESENCIAL: Condition = { fact: 'channel', is: 'presencial' };
const VIRTUAL: Condition = { fact: 'channel', is: 'virtual' };
const THIRD_PARTY: Condition = { fact: 'viaThirdParty', is: true };
const HAS_CEDULA: Condition = { fact: 'representativeHasCedula', is: true };
const NO_CEDULA: Condition = { fact: 'representativeHasCedula', is: false };
const FOREIGN: Condition = { fact: 'representativeIsForeign', is: true };
const ARTISAN: Condition = { fact: 'artisan', is: true };

function inChannel(channel: Condition, condition: Condition): Condition {
  return condition === ALWAYS ? channel : { all: [channel, condition] };
}

export const CLAVE_PATRONAL_V1: RuleSet = {
  id: 'clave_patronal',
  version: 1,
  // (assumption) the seed carries no date; v1 covers every attention recorded by this app.
  effectiveFrom: '2020-01-01',
  requestType: 'clave_patronal',
  scanPolicy: { formats: ['jpg', 'pdf'], maxBytes: 1_048_576, citation: seed(102, 104) },
  rules: [
    // Trámite resuelto en ventanilla (presencial), seed lines 31–43.
    {
      id: 'presencial.solicitud',
      documentType: 'solicitud_entrega_clave',
      when: inChannel(PRESENCIAL, ALWAYS),
      presentation: 'entrega_en_ventanilla',
      signature: 'manuscrita',
      signer: 'representante_legal',
      citation: seed(35, 37),
      sheet: { reference: 'Ficha del trámite, requisito 1', quote: ['Solicitud de entrega de clave: Previo a la solicitud de la clave de empleador, deberá haber realizado el trámite de registro de empleador, y generar la solicitud de entrega de clave.', 'Entregue el documento en ventanilla universal.', 'La suscripción del documento de forma manuscrita es imprescindible.'] },
    },
    {
      id: 'presencial.autorizacion_retiro',
      documentType: 'autorizacion_retiro_contrasena',
      when: inChannel(PRESENCIAL, THIRD_PARTY),
      // A section of the solicitud: delivered and signed by hand with it (lines 36–37).
      presentation: 'entrega_en_ventanilla',
      signature: 'manuscrita',
      signer: 'representante_legal',
      citation: seed(36, 38),
      sheet: { reference: 'Ficha del trámite, nota del requisito 1', quote: ['En caso que el trámite sea ingresado por un tercero, deberá registrar la información de "Autorización de Retiro de Contraseña" en la solicitud de entrega de clave'] },
    },
    {
      id: 'presencial.cedula_tercero',
      documentType: 'cedula_tercero_autorizado',
      when: inChannel(PRESENCIAL, THIRD_PARTY),
      presentation: 'original',
      signature: null,
      signer: null,
      citation: seed(38),
      sheet: { reference: 'Ficha del trámite, nota del requisito 1', quote: ['el tercero autorizado deberá presentar su cédula original en el Centro de Atención Universal.'] },
    },
    {
      id: 'presencial.cedula_representante',
      documentType: 'cedula_representante',
      when: inChannel(PRESENCIAL, HAS_CEDULA),
      presentation: 'original',
      signature: null,
      signer: null,
      citation: seed(39),
      sheet: { reference: 'Ficha del trámite, requisito 2', quote: ['Cédula: El representante legal deberá presentar el documento en ventanilla universal.'] },
    },
    {
      id: 'presencial.acuerdo',
      documentType: 'acuerdo_responsabilidad',
      when: inChannel(PRESENCIAL, ALWAYS),
      presentation: 'entrega_en_ventanilla',
      signature: 'manuscrita',
      signer: 'representante_legal',
      citation: seed(40, 41),
      sheet: { reference: 'Ficha del trámite, requisito 3', quote: ['Acuerdo de Responsabilidad y Uso de la información: Entregue el documento, debidamente suscrito.', 'La suscripción del documento de forma manuscrita es imprescindible.'] },
    },
    {
      id: 'presencial.codigo_extranjero',
      documentType: 'codigo_extranjero',
      when: inChannel(PRESENCIAL, NO_CEDULA),
      presentation: 'copia',
      signature: null,
      signer: null,
      citation: seed(63, 64),
      sheet: { reference: 'Ficha del trámite, requisito alternativo 1', quote: ['Código de identificación para extranjeros: Aplica únicamente para ciudadanos extranjeros que no tienen cédula de identidad, siempre y cuando se encuentren registrados o afiliados en el IESS, a través de un código de identificación.', 'Presencial: El representante legal deberá entregar copia del documento en ventanilla universal.'] },
    },
    {
      id: 'presencial.pasaporte',
      documentType: 'pasaporte',
      when: inChannel(PRESENCIAL, FOREIGN),
      presentation: 'original',
      signature: null,
      signer: null,
      citation: seed(66, 67),
      sheet: { reference: 'Ficha del trámite, requisito alternativo 2', quote: ['Pasaporte: Aplica únicamente para ciudadanos extranjeros.', 'Presencial: El afiliado extranjero deberá presentar el original de su documento.'] },
    },
    {
      id: 'presencial.visa',
      documentType: 'visa',
      when: inChannel(PRESENCIAL, FOREIGN),
      presentation: 'original',
      signature: null,
      signer: null,
      citation: seed(69, 70),
      sheet: { reference: 'Ficha del trámite, requisito alternativo 3', quote: ['Visa: Aplica únicamente para ciudadanos extranjeros.', 'Presencial: El afiliado extranjero deberá presentar el original de la visa del país de origen.'] },
    },
    {
      id: 'presencial.calificacion_artesanal',
      documentType: 'calificacion_artesanal',
      when: inChannel(PRESENCIAL, ARTISAN),
      presentation: 'copia_simple',
      signature: null,
      signer: null,
      citation: seed(75, 76),
      sheet: { reference: 'Ficha del trámite, requisito adicional 1', quote: ['Calificación Artesanal: Aplica únicamente para artesanos calificados.', 'Presencial: Presente copia simple del documento.'] },
    },
    // Trámite por Ventanilla Virtual, seed lines 45–57; attachments per lines 102–104.
    {
      id: 'virtual.ruc',
      documentType: 'ruc',
      when: inChannel(VIRTUAL, ALWAYS),
      presentation: 'escaneo',
      signature: null,
      signer: null,
      citation: seed(49),
      sheet: { reference: 'Ficha del trámite, Ventanilla Virtual, requisito 1', quote: ['Registro Único de Contribuyentes: Escanee y cargue el documento en la página web del IESS (www.iess.gob.ec), en la opción "Ventanilla Virtual".'] },
    },
    {
      id: 'virtual.solicitud',
      documentType: 'solicitud_entrega_clave',
      when: inChannel(VIRTUAL, ALWAYS),
      presentation: 'escaneo',
      signature: 'electronica',
      signer: 'representante_legal',
      citation: seed(50, 51),
      sheet: { reference: 'Ficha del trámite, Ventanilla Virtual, requisito 2', quote: ['Solicitud de entrega de clave, previo a la solicitud de la clave de empleador, deberá haber realizado el trámite de registro de empleador, y generar la solicitud de entrega de clave.', 'la suscripción del documento de forma electrónica es imprescindible.'] },
    },
    {
      id: 'virtual.cedula_representante',
      documentType: 'cedula_representante',
      when: inChannel(VIRTUAL, HAS_CEDULA),
      presentation: 'escaneo',
      signature: null,
      signer: null,
      citation: seed(52),
      sheet: { reference: 'Ficha del trámite, Ventanilla Virtual, requisito 3', quote: ['Cédula: Escanee y cargue el documento en la página web del IESS (www.iess.gob.ec), en la opción "Ventanilla Virtual".'] },
    },
    {
      id: 'virtual.acuerdo',
      documentType: 'acuerdo_responsabilidad',
      when: inChannel(VIRTUAL, ALWAYS),
      presentation: 'escaneo',
      signature: 'electronica',
      signer: 'representante_legal',
      citation: seed(53, 57),
      sheet: { reference: 'Ficha del trámite, Ventanilla Virtual, requisito 4', quote: ['Acuerdo de Responsabilidad y Uso de la información: Escanee y cargue el documento en la página web del IESS (www.iess.gob.ec), en la opción "Ventanilla Virtual".', 'La suscripción del documento de forma electrónica es imprescindible.'] },
    },
    {
      id: 'virtual.codigo_extranjero',
      documentType: 'codigo_extranjero',
      when: inChannel(VIRTUAL, NO_CEDULA),
      presentation: 'escaneo',
      signature: null,
      signer: null,
      citation: seed(63, 65),
      sheet: { reference: 'Ficha del trámite, requisito alternativo 1', quote: ['Código de identificación para extranjeros: Aplica únicamente para ciudadanos extranjeros que no tienen cédula de identidad, siempre y cuando se encuentren registrados o afiliados en el IESS, a través de un código de identificación.', 'Virtual: Escanee y cargue el documento en la página web del IESS (www.iess.gob.ec), en la opción "Ventanilla Virtual".'] },
    },
    {
      id: 'virtual.pasaporte',
      documentType: 'pasaporte',
      when: inChannel(VIRTUAL, FOREIGN),
      presentation: 'escaneo',
      signature: null,
      signer: null,
      citation: seed(66, 68),
      sheet: { reference: 'Ficha del trámite, requisito alternativo 2', quote: ['Pasaporte: Aplica únicamente para ciudadanos extranjeros.', 'Virtual: Escanee y cargue el documento en la página web del IESS (www.iess.gob.ec), en la opción "Ventanilla Virtual".'] },
    },
    {
      id: 'virtual.visa',
      documentType: 'visa',
      when: inChannel(VIRTUAL, FOREIGN),
      presentation: 'escaneo',
      signature: null,
      signer: null,
      citation: seed(69, 71),
      sheet: { reference: 'Ficha del trámite, requisito alternativo 3', quote: ['Visa: Aplica únicamente para ciudadanos extranjeros.', 'Virtual: Escanee y cargue el documento en la página web del IESS (www.iess.gob.ec), en la opción "Ventanilla Virtual".'] },
    },
    {
      id: 'virtual.calificacion_artesanal',
      documentType: 'calificacion_artesanal',
      when: inChannel(VIRTUAL, ARTISAN),
      presentation: 'escaneo',
      signature: null,
      signer: null,
      citation: seed(75, 77),
      sheet: { reference: 'Ficha del trámite, requisito adicional 1', quote: ['Calificación Artesanal: Aplica únicamente para artesanos calificados.', 'Virtual: Escanee y cargue el documento en la página web del IESS (www.iess.gob.ec), en la opción "Ventanilla Virtual".'] },
    },
  ],
};

/** Every version of the clave patronal rules; requiredDocuments picks by date. */
export const CLAVE_PATRONAL_RULE_SETS: readonly RuleSet[] = [CLAVE_PATRONAL_V1];
