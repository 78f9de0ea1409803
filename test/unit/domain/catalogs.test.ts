import { describe, expect, it } from 'vitest';
import {
  APPLICANT_KINDS,
  catalogLabel,
  DOCUMENT_TYPES,
  PROVINCES,
  provinceName,
  REJECTION_REASONS,
  RETURN_REASONS,
  VISA_CATEGORIES,
  type CatalogEntry,
} from '../../../shared/domain';

const catalogs: Record<string, readonly CatalogEntry[]> = {
  PROVINCES,
  APPLICANT_KINDS,
  DOCUMENT_TYPES,
  VISA_CATEGORIES,
  REJECTION_REASONS,
  RETURN_REASONS,
};

describe('catalogs', () => {
  it.each(Object.entries(catalogs))('%s has unique stable codes and Spanish labels', (_, catalog) => {
    const codes = catalog.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const { code, label } of catalog) {
      expect(code).toMatch(/^(?:\d{2}|[a-z][a-z0-9_]*)$/);
      expect(label.trim()).toBe(label);
      expect(label.length).toBeGreaterThan(2);
    }
  });

  it('has the 24 provinces plus 30 of DOMAIN §9', () => {
    expect(PROVINCES).toHaveLength(25);
    expect(provinceName(17)).toBe('Pichincha');
    expect(provinceName(23)).toBe('Santo Domingo de los Tsáchilas');
    expect(provinceName(30)).toBe('Ecuatorianos registrados en el exterior');
    expect(provinceName(25)).toBeNull();
    expect(provinceName(50)).toBeNull();
  });

  it('has the four applicant kinds of the seed (line 15)', () => {
    expect(APPLICANT_KINDS.map((k) => k.label)).toEqual([
      'Persona Jurídica - Privada',
      'Persona Jurídica - Pública',
      'Persona Natural - Ecuatoriana',
      'Persona Natural - Extranjera',
    ]);
  });

  it('has the reasons a supervisor needs, with "otro" demanding a note', () => {
    const rejection = REJECTION_REASONS.map((r) => r.code);
    const devolution = RETURN_REASONS.map((r) => r.code);
    expect(rejection).toEqual(expect.arrayContaining(['representante_no_acreditado', 'ruc_inactivo', 'solicitud_no_generada_portal', 'documento_caducado', 'otro']));
    expect(devolution).toEqual(expect.arrayContaining(['documento_ilegible', 'cedula_no_coincide', 'firma_faltante', 'correo_invalido', 'otro']));
    expect(REJECTION_REASONS.find((r) => r.code === 'otro')?.requiresNote).toBe(true);
    expect(RETURN_REASONS.find((r) => r.code === 'otro')?.requiresNote).toBe(true);
    expect(catalogLabel(RETURN_REASONS, 'firma_faltante')).toBe('Falta una firma obligatoria');
    expect(catalogLabel(RETURN_REASONS, 'no_existe')).toBeNull();
  });
});
