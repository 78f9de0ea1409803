/**
 * «Hojas de orientación»: the affiliate password procedures of seeds 000–003, which the affiliate
 * does online, written as the plain-Spanish steps a clerk hands over on paper instead of repeating
 * them aloud. Pure data: every line cites the seed lines it says, so a reviewer can hold the paper
 * against the sources (test/unit/domain/guidance.test.ts checks that every «label» and figure of a
 * step is in the lines it cites).
 *
 * Where the sources differ, the official sheets (000, 001: the government's procedure catalogue)
 * win over the practical guides (002, 003): the birth-date questions allow 5 attempts
 * (`docs/seeds/001_…:15`), not the guide's three (`docs/seeds/002_…:27`); the guide's warning
 * that failing them locks the password (`002_…:28`) is kept. Left out on purpose:
 * - the change link of `000_…:46`, whose host «iesse.gob.ec» is a misprint of iess.gob.ec (the
 *   menu path of the same sheet leads there);
 * - the Skype unlock account of `002_…:36-37`: Microsoft closed Skype in May 2025, and a paper
 *   must not send anyone to a dead channel.
 */

import { readField } from './fields';

export const AFFILIATE_SEEDS = {
  cambio: 'seeds/000_3e85824c094e2ac8.txt',
  generarRecuperar: 'seeds/001_be6632d3648d6043.txt',
  guia: 'seeds/002_7cf0ad12e8c8a3b1.txt',
  cambioGuia: 'seeds/003_5822cc09f164dca0.txt',
} as const;

export const GUIDANCE_PROCEDURES = ['generar_clave', 'recuperar_clave', 'desbloquear_clave', 'cambiar_clave'] as const;
export type GuidanceProcedure = (typeof GUIDANCE_PROCEDURES)[number];

/** The version of the wording below; a paper records it, so its QR is checked against these words. */
export const GUIDANCE_VERSION = 1;

export interface SeedCite {
  readonly file: string;
  readonly lines: readonly [number, number];
}

/**
 * One line of a sheet. `text` may hold {documento} (the applicant's kind of identification, e.g.
 * «número de cédula») and {correo} (their e-mail), filled in by `guidanceText`.
 */
export interface GuidanceLine {
  readonly text: string;
  readonly cites: readonly SeedCite[];
}

/** What the applicant needs; `covers` names what the counter checks of it (cédula, code, e-mail). */
export interface GuidanceRequirement extends GuidanceLine {
  readonly covers: 'identificacion' | 'codigo_extranjero' | 'correo' | 'clave_actual' | 'fecha_nacimiento';
}

export interface GuidanceSheet {
  readonly procedure: GuidanceProcedure;
  /** Short name for the screen and the reports. */
  readonly label: string;
  /** Printed as the sheet's title. */
  readonly title: string;
  readonly purpose: GuidanceLine;
  readonly needs: readonly GuidanceRequirement[];
  readonly steps: readonly GuidanceLine[];
  readonly notes: readonly GuidanceLine[];
}

const s000 = (from: number, to = from): SeedCite => ({ file: AFFILIATE_SEEDS.cambio, lines: [from, to] });
const s001 = (from: number, to = from): SeedCite => ({ file: AFFILIATE_SEEDS.generarRecuperar, lines: [from, to] });
const s002 = (from: number, to = from): SeedCite => ({ file: AFFILIATE_SEEDS.guia, lines: [from, to] });
const s003 = (from: number, to = from): SeedCite => ({ file: AFFILIATE_SEEDS.cambioGuia, lines: [from, to] });
const line = (text: string, ...cites: SeedCite[]): GuidanceLine => ({ text, cites });
const need = (covers: GuidanceRequirement['covers'], text: string, ...cites: SeedCite[]): GuidanceRequirement => ({ covers, text, cites });

const PORTAL_LINK = 'https://app.iess.gob.ec/iess-gestion-desbloqueo-publico-web';

// Lines shared by several sheets.
const PASSWORD_RULES = line('Su clave: entre 6 y 15 caracteres, solo letras y/o números; se escribe con el teclado virtual.', s002(8));
const NEVER_SHARE = line('Su clave es personal: no la comparta con nadie. El IESS nunca le pedirá su clave por correo electrónico ni por ninguna página web.', s003(34));
const NO_COST = line('El trámite no tiene costo y el portal atiende las 24 horas.', s001(62, 68));
const IDENTIFICATION = need('identificacion', 'Su número de cédula de identidad o ciudadanía.', s000(31), s001(10));
const FOREIGNER_CODE = need(
  'codigo_extranjero',
  'Su código de identificación para extranjeros (lo tiene si está registrado o afiliado en el IESS).',
  s000(38),
  s001(10),
);
const ACTIVATION_MAIL = line(
  'Abra su correo electrónico ({correo}): le llega un mensaje con el asunto «ACTIVACIÓN CLAVE». El enlace dura solo 3 minutos: ábralo enseguida.',
  s001(25),
);

const generar: GuidanceSheet = {
  procedure: 'generar_clave',
  label: 'Generar la clave (primera vez)',
  title: 'Cómo generar su clave de afiliado del IESS',
  purpose: line(
    'Con esta clave usted entra por internet a los servicios del IESS para afiliados, jubilados y derechohabientes. Si nunca ha tenido clave, siga estos pasos.',
    s001(5, 8),
    s002(1),
  ),
  needs: [
    IDENTIFICATION,
    FOREIGNER_CODE,
    need('fecha_nacimiento', 'Saber su día y mes de nacimiento, y responder las preguntas de seguridad.', s001(15)),
    need('correo', 'Poder abrir en ese momento su correo electrónico (el anotado arriba).', s001(21, 25)),
  ],
  steps: [
    line('Entre a www.iess.gob.ec y elija «Trámites Virtuales», luego «Asegurados» y luego «Afiliados».', s001(11), s002(4, 5)),
    line(`En el menú de seguridad elija «Generar / Recuperar clave». También puede entrar directamente a ${PORTAL_LINK}`, s001(11), s001(37, 38)),
    line('Escriba su {documento}, marque la casilla «No soy un robot» y haga clic en «BUSCAR».', s001(11, 13)),
    line('Escriba su DÍA y MES de nacimiento, responda las preguntas que aparecen y haga clic en «CONTINUAR». Tiene 5 intentos.', s001(15)),
    line('Si sus datos están bien, haga clic en «ACEPTAR».', s001(17)),
    line('Responda al menos 3 preguntas del banco de 10 preguntas y elija una imagen. Haga clic en «CONTINUAR».', s001(19), s002(7)),
    line('Si el sistema le muestra la casilla del correo vacía, escriba su correo: {correo}. Si ya actualizó sus datos en una oficina del IESS, el mensaje irá al correo que registró allí. Haga clic en «CONTINUAR».', s001(21)),
    line('Si está seguro de sus datos, haga clic en «ACEPTAR».', s001(23)),
    ACTIVATION_MAIL,
    line('En el mensaje haga clic en «CLIC PARA CONTINUAR» y marque «Declaro que toda la información registrada es fidedigna».', s001(27, 29)),
    line('Escriba su nueva clave dos veces, haga clic en «GENERAR» y luego en «FINALIZAR».', s001(31)),
  ],
  notes: [
    PASSWORD_RULES,
    line('Anote en un lugar seguro las respuestas que dio y la imagen que eligió: las necesitará si algún día pierde su clave.', s002(10)),
    line(
      'Extranjeros sin cédula y sin código: se registran en persona en la oficina del IESS más cercana, con fotocopia a color del pasaporte ampliado y copia del contrato de trabajo registrado en el SUT.',
      s002(13, 18),
    ),
    NO_COST,
    NEVER_SHARE,
  ],
};

const recuperar: GuidanceSheet = {
  procedure: 'recuperar_clave',
  label: 'Recuperar la clave (olvidada)',
  title: 'Cómo recuperar su clave de afiliado del IESS',
  purpose: line(
    'Si olvidó su clave, o el sistema le dice que su clave es incorrecta, puede crear una clave nueva por internet siguiendo estos pasos.',
    s002(23, 24),
  ),
  needs: [
    IDENTIFICATION,
    FOREIGNER_CODE,
    need('fecha_nacimiento', 'Saber su día y mes de nacimiento y las respuestas que dio al crear su clave (preguntas de seguridad e imagen).', s001(42), s002(27)),
    need('correo', 'Poder abrir en ese momento su correo electrónico (el anotado arriba).', s001(46, 50)),
  ],
  steps: [
    line('Entre a www.iess.gob.ec y elija «Trámites Virtuales», luego «Asegurados» y luego «Afiliados».', s001(35), s002(25)),
    line(`En el menú de seguridad elija «Generar / Recuperar clave». También puede entrar directamente a ${PORTAL_LINK}`, s001(37, 38)),
    line('Escriba su {documento}, marque la casilla «No soy un robot» y haga clic en «BUSCAR».', s001(40), s002(26)),
    line('Escriba su DÍA y MES de nacimiento, responda sus preguntas de seguridad y haga clic en «CONTINUAR». Tiene 5 intentos.', s001(42)),
    line('Si sus datos están bien, haga clic en «ACEPTAR».', s001(44)),
    line('Si el sistema le muestra la casilla del correo vacía, escriba su correo: {correo}. Si ya actualizó sus datos en una oficina del IESS, el mensaje irá al correo que registró allí. Haga clic en «CONTINUAR».', s001(46), s002(28)),
    line('Si está seguro de sus datos, haga clic en «ACEPTAR».', s001(48)),
    line(ACTIVATION_MAIL.text, s001(50)),
    line('En el mensaje haga clic en «CLIC PARA CONTINUAR» y marque «Declaro que toda la información registrada es fidedigna».', s001(52, 54)),
    line('Escriba su nueva clave dos veces, haga clic en «GENERAR» y luego en «FINALIZAR».', s001(56)),
  ],
  notes: [
    line('Responda con cuidado: si falla los intentos, su clave se bloquea y tendrá que desbloquearla antes de volver a intentar.', s002(28)),
    line('Si ya no puede abrir el correo que registró en el IESS, actualice sus datos de manera presencial en una oficina del IESS.', s001(46)),
    PASSWORD_RULES,
    NO_COST,
    NEVER_SHARE,
  ],
};

const desbloquear: GuidanceSheet = {
  procedure: 'desbloquear_clave',
  label: 'Desbloquear la clave',
  title: 'Cómo desbloquear su clave de afiliado del IESS',
  purpose: line(
    'Si se equivoca 3 veces al escribir su clave, el sistema la bloquea automáticamente. Para volver a usarla, desbloquéela siguiendo estos pasos.',
    s002(29, 30),
  ),
  needs: [
    IDENTIFICATION,
    FOREIGNER_CODE,
    need('correo', 'Poder abrir en ese momento su correo electrónico (el anotado arriba).', s002(34)),
  ],
  steps: [
    line('Entre a www.iess.gob.ec.', s002(31)),
    line('Elija «Trámites Virtuales», luego «Asegurados», luego «Afiliados» y luego «Desbloqueo de clave».', s002(32)),
    line('Escriba su {documento} y haga clic en «Desbloquear».', s002(33)),
    line('Abra su correo electrónico ({correo}): le llega un mensaje con un enlace para desbloquear la clave. El enlace dura solo 3 minutos: ábralo enseguida.', s002(34)),
    line('Al abrir el enlace, una página le confirma que su clave de acceso al IESS ha sido desbloqueada.', s002(35)),
  ],
  notes: [
    line('Si además olvidó su clave, después de desbloquearla siga los pasos para recuperarla: en ventanilla le entregan la hoja de orientación con esos pasos.', s002(24)),
    PASSWORD_RULES,
    NEVER_SHARE,
  ],
};

const cambiar: GuidanceSheet = {
  procedure: 'cambiar_clave',
  label: 'Cambiar la clave',
  title: 'Cómo cambiar su clave de afiliado del IESS',
  purpose: line(
    'Si recuerda su clave y quiere cambiarla por una nueva, hágalo por internet siguiendo estos pasos. Es recomendable cambiarla de vez en cuando.',
    s000(5, 7),
    s003(28),
  ),
  needs: [
    IDENTIFICATION,
    FOREIGNER_CODE,
    need('clave_actual', 'Su clave actual de afiliado.', s000(32), s003(30)),
  ],
  steps: [
    line('Entre a www.iess.gob.ec y elija «Trámites Virtuales», luego «Asegurados» y luego «Afiliados».', s000(11), s000(44), s003(13, 14)),
    line('En el menú de seguridad elija «Cambio de Clave».', s000(45), s003(15)),
    line('Escriba su {documento} y su clave actual.', s000(47), s003(16)),
    line('Marque la casilla «He leído y acepto el acuerdo de uso de la clave» y haga clic en «Cambiar Clave».', s000(48), s003(16)),
    line('Escriba su nueva clave en la primera casilla, repítala en la segunda y haga clic en «Aceptar».', s000(49), s003(17)),
    line('Revise su correo electrónico ({correo}): allí recibe el aviso de su nueva clave.', s003(18)),
  ],
  notes: [
    line('También puede cambiarla desde cualquier servicio del portal: haga clic en su nombre, arriba a la derecha, y elija «Cambio de clave».', s000(51)),
    line('Si no recuerda su clave actual no puede cambiarla. Siga los pasos para recuperarla: en ventanilla le entregan la hoja de orientación con esos pasos.', s003(30)),
    PASSWORD_RULES,
    line('El trámite no tiene costo y el portal atiende las 24 horas.', s000(57, 63)),
    NEVER_SHARE,
  ],
};

export const GUIDANCE_SHEETS: Readonly<Record<GuidanceProcedure, GuidanceSheet>> = {
  generar_clave: generar,
  recuperar_clave: recuperar,
  desbloquear_clave: desbloquear,
  cambiar_clave: cambiar,
};

export const GUIDANCE_LABELS: Readonly<Record<GuidanceProcedure, string>> = {
  generar_clave: generar.label,
  recuperar_clave: recuperar.label,
  desbloquear_clave: desbloquear.label,
  cambiar_clave: cambiar.label,
};

/** How the applicant identifies on the portal: the affiliate's cédula, or the IESS code for a foreigner without one. */
export const GUIDANCE_ID_TYPES = ['cedula', 'codigo_extranjero'] as const;
export type GuidanceIdType = (typeof GUIDANCE_ID_TYPES)[number];

export const GUIDANCE_ID_LABELS: Readonly<Record<GuidanceIdType, string>> = {
  cedula: 'Cédula de identidad',
  codigo_extranjero: 'Código de identificación para extranjeros',
};

/** {documento} and {correo} filled in for this applicant; total over any input, as every domain export. */
export function guidanceText(text: string, applicant: { idType: GuidanceIdType; email: string }): string {
  if (typeof text !== 'string') return '';
  const email = readField(applicant, 'email');
  const document = readField(applicant, 'idType') === 'codigo_extranjero' ? 'código de identificación para extranjeros' : 'número de cédula';
  return text.replaceAll('{documento}', document).replaceAll('{correo}', typeof email === 'string' ? email : '');
}
