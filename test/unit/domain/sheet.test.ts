// The official sheet (docs/seeds/004_…), requirement line by requirement line: each is cited by a
// rule, a precondition or the scan policy of shared/domain/rule-sets.ts, and what it says holds
// in the rules. The behaviour through the core and central is in test/integration/fidelity.test.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AgencyConfig,
} from '../../../shared/contract/ops';
import {
  applyEvent,
  CLAVE_PATRONAL_PRECONDITIONS,
  CLAVE_PATRONAL_V1,
  REJECTION_REASONS,
  requiredDocuments,
  type Readiness,
  type RequirementProfile,
} from '../../../shared/domain';
import { EmployerLookup, VirtualRouting } from '../../../shared/sync/protocol';
import { GOOD } from '../ops/fixtures';

const SEED = readFileSync(fileURLToPath(new URL('../../../docs/seeds/004_b3a097c2fb3b9007.txt', import.meta.url)), 'utf8').split('\n');
const line = (n: number) => SEED[n - 1] ?? '';

/** The sheet's requirement lines: presencial 35–43, virtual 45–57, alternatives 63–71, artisan 75–77, attachments 102–104. */
const REQUIREMENT_LINES = [35, 36, 37, 38, 39, 40, 41, 43, 45, 49, 50, 51, 52, 53, 55, 57, 63, 64, 65, 66, 67, 68, 69, 70, 71, 75, 76, 77, 102, 104];

const citations = [
  ...CLAVE_PATRONAL_V1.rules.map((r) => ({ id: r.id, lines: r.citation.lines })),
  ...CLAVE_PATRONAL_PRECONDITIONS.map((p) => ({ id: `precondicion.${p.id}`, lines: p.citation.lines })),
  { id: 'scanPolicy', lines: CLAVE_PATRONAL_V1.scanPolicy.citation.lines },
];
const citing = (n: number) => citations.filter((c) => c.lines[0] <= n && n <= c.lines[1]).map((c) => c.id);

const base: RequirementProfile = {
  applicantKind: 'juridica_privada',
  channel: 'presencial',
  viaThirdParty: false,
  representativeHasCedula: true,
  representativeIsForeign: false,
  artisan: false,
  date: '2026-06-15',
};
const docs = (p: Partial<RequirementProfile>) => {
  const r = requiredDocuments({ ...base, ...p });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.documents;
};
const types = (p: Partial<RequirementProfile>) => docs(p).map((d) => d.documentType);

describe('every requirement line of the sheet has a cited rule', () => {
  it.each(REQUIREMENT_LINES)('line %i is cited', (n) => {
    expect(line(n).trim(), `line ${n} is text`).not.toBe('');
    expect(citing(n), `line ${n}: «${line(n).slice(0, 80)}»`).not.toEqual([]);
  });

  it('every citation points at text of the sheet (no rule cites a blank range)', () => {
    for (const c of citations) {
      const text = SEED.slice(c.lines[0] - 1, c.lines[1]).join(' ').trim();
      expect(text, c.id).not.toBe('');
    }
  });
});

describe('what each line says holds in the rules', () => {
  it('35: the employer registration comes first — a precondition checked against central, and a catalogued rejection', () => {
    expect(line(35)).toMatch(/deberá haber realizado el trámite de registro de empleador/);
    expect(CLAVE_PATRONAL_PRECONDITIONS.find((p) => p.id === 'registro_empleador')?.citation.lines).toEqual([35, 35]);
    expect(EmployerLookup.shape.registered).toBeDefined();
    expect(REJECTION_REASONS.map((r) => r.code)).toContain('empleador_no_registrado');
  });

  it('35–37: the employer generates the Solicitud and delivers it signed by hand — brought signed, or printed here', () => {
    expect(line(35)).toMatch(/generar la solicitud de entrega de clave/);
    expect(line(37)).toMatch(/forma manuscrita es imprescindible/);
    const solicitud = docs({}).find((d) => d.documentType === 'solicitud_entrega_clave')!;
    expect(solicitud).toMatchObject({ signature: 'manuscrita', signer: 'representante_legal', origins: ['traido', 'impreso'] });
    // Brought signed, it goes to review without printing.
    const brought: Readiness = {
      documents: docs({}).map((d) => ({ documentType: d.documentType, label: d.label, verified: true, signature: d.signature, signatureMarked: true, origin: d.origins.length ? 'traido' : null, origins: d.origins })),
      email: 'gerencia@empresa.com.ec',
      emailProof: 'verificado',
    };
    expect(applyEvent('en_verificacion', 'enviar_a_revision', { actor: 'ventanillero', channel: 'presencial', attentionDate: '2026-06-15', readiness: brought }).ok).toBe(true);
  });

  it('38: a third party — the Autorización de Retiro in the Solicitud, signed by the third party, and the third party\'s original cédula; papers only brought', () => {
    expect(line(38)).toMatch(/Autorización de Retiro de Contraseña.*tercero autorizado deberá presentar su cédula original/);
    const d = docs({ viaThirdParty: true });
    expect(d.find((x) => x.documentType === 'autorizacion_retiro_contrasena')).toMatchObject({ signer: 'tercero_autorizado', partOf: 'solicitud_entrega_clave', origins: ['traido'] });
    expect(d.find((x) => x.documentType === 'cedula_tercero_autorizado')).toMatchObject({ presentation: 'original' });
    for (const paper of ['solicitud_entrega_clave', 'acuerdo_responsabilidad']) expect(d.find((x) => x.documentType === paper)?.origins).toEqual(['traido']);
  });

  it('39: the representative\'s cédula, shown in person', () => {
    expect(docs({}).find((d) => d.documentType === 'cedula_representante')).toMatchObject({ presentation: 'original' });
  });

  it('40–41: the Acuerdo, delivered duly signed by hand', () => {
    expect(line(40)).toMatch(/debidamente suscrito/);
    expect(docs({}).find((d) => d.documentType === 'acuerdo_responsabilidad')).toMatchObject({ signature: 'manuscrita', origins: ['traido', 'impreso'] });
  });

  it('43: an active e-mail — no presencial request goes to review without its proof or the recorded reason', () => {
    expect(line(43)).toMatch(/cuenta de correo electrónico activa/);
    expect(CLAVE_PATRONAL_PRECONDITIONS.find((p) => p.id === 'correo_activo')?.citation.lines).toEqual([43, 43]);
    const ready: Readiness = { documents: [{ documentType: 'cedula_representante', label: 'Cédula', verified: true, signature: null, signatureMarked: false }], email: 'a@b.ec', emailProof: null };
    const r = applyEvent('pendiente_firma', 'enviar_a_revision', { actor: 'ventanillero', channel: 'presencial', attentionDate: '2026-06-15', readiness: ready });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['lifecycle.email_unproven']);
  });

  it('45: virtual requests are routed — agencia.json says which provinces this agency attends, and central is told', () => {
    expect(line(45)).toMatch(/direccionado a las Coordinaciones Provinciales o Direcciones Nacionales/);
    expect(CLAVE_PATRONAL_PRECONDITIONS.find((p) => p.id === 'ruteo_virtual')?.citation.lines).toEqual([45, 45]);
    expect(AgencyConfig.parse(GOOD).virtual).toBeNull();
    expect(AgencyConfig.parse({ ...GOOD, virtual: { attends: true, provinces: ['17', '15'] } }).virtual).toEqual({ attends: true, provinces: ['17', '15'] });
    expect(AgencyConfig.safeParse({ ...GOOD, virtual: { attends: true, provinces: [] } }).error?.issues[0]?.message).toMatch(/al menos una provincia/);
    expect(AgencyConfig.safeParse({ ...GOOD, virtual: { attends: true, provinces: ['99'] } }).success).toBe(false);
    expect(VirtualRouting.safeParse({ attends: false, provinces: [] }).success).toBe(true);
  });

  it('49–57: virtual — RUC, Solicitud and Acuerdo e-signed, cédula; all scanned', () => {
    expect(types({ channel: 'virtual' })).toEqual(['ruc', 'solicitud_entrega_clave', 'cedula_representante', 'acuerdo_responsabilidad']);
    for (const d of docs({ channel: 'virtual' })) expect(d.presentation).toBe('escaneo');
  });

  it('63: the foreigner code only for a foreigner without cédula registered or affiliated in the IESS', () => {
    expect(line(63)).toMatch(/que no tienen cédula de identidad, siempre y cuando se encuentren registrados o afiliados en el IESS/);
    const foreigner = { representativeIsForeign: true, representativeHasCedula: false };
    expect(types({ ...foreigner, representativeIessRegistered: true })).toContain('codigo_extranjero');
    expect(types({ ...foreigner, representativeIessRegistered: false })).not.toContain('codigo_extranjero');
    expect(types({ ...foreigner })).not.toContain('codigo_extranjero');
    expect(types({ representativeIsForeign: true, representativeHasCedula: true, representativeIessRegistered: true })).not.toContain('codigo_extranjero');
  });

  it('61–71: passport and visa are alternatives to the cédula — a foreigner with a cédula identifies with it', () => {
    expect(line(61)).toMatch(/Requisitos alternativos/);
    expect(types({ representativeIsForeign: true, representativeHasCedula: true })).toEqual(['solicitud_entrega_clave', 'cedula_representante', 'acuerdo_responsabilidad']);
    expect(types({ representativeIsForeign: true, representativeHasCedula: false })).toEqual(['solicitud_entrega_clave', 'acuerdo_responsabilidad', 'pasaporte', 'visa']);
  });

  it('75–77: the artisan qualification, a simple copy at the counter', () => {
    expect(docs({ artisan: true }).find((d) => d.documentType === 'calificacion_artesanal')).toMatchObject({ presentation: 'copia_simple' });
  });

  it('102–104: virtual attachments JPG or PDF, 1 MB', () => {
    expect(docs({ channel: 'virtual' })[0]?.scan).toEqual({ formats: ['jpg', 'pdf'], maxBytes: 1_048_576 });
  });
});
