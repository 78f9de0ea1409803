import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REQUEST_TYPES } from '../../../shared/domain/catalogs';
import { checkContactUpdate, ContactUpdateDetailsSchema, maskEmail, maskPhone } from '../../../shared/domain/contact-update';
import { checkLandline } from '../../../shared/domain/contact';
import { REQUEST_EVENTS, TRANSITIONS, type RequestEvent, type RequestState } from '../../../shared/domain/lifecycle';
import { DAY_FIGURE_COLUMNS } from '../../../shared/contract/supervisor';
import { AVAILABLE_REQUEST_TYPES, REQUEST_TYPE_CODES, REQUEST_TYPE_REGISTRY, typeAllows } from '../../../shared/domain/request-types';

const seedText = (file: string) => readFileSync(fileURLToPath(new URL(`../../../docs/${file}`, import.meta.url)), 'utf8').split('\n');
const ALL = REQUEST_TYPE_CODES.map((c) => REQUEST_TYPE_REGISTRY[c]);

describe('request type registry', () => {
  it('has one entry per code of the REQUEST_TYPES vocabulary, with that code and a Spanish label', () => {
    expect(Object.keys(REQUEST_TYPE_REGISTRY).sort()).toEqual(REQUEST_TYPES.map((t) => t.code).sort());
    for (const t of REQUEST_TYPES) {
      expect(REQUEST_TYPE_REGISTRY[t.code].code).toBe(t.code);
      expect(REQUEST_TYPE_REGISTRY[t.code].label).toBe(t.label);
    }
  });

  it('cites, for every rule of every type, lines that exist in the sheet and contain its quote', () => {
    for (const type of ALL) {
      expect(type.rules.length, type.code).toBeGreaterThan(0);
      for (const rule of type.rules) {
        const lines = seedText(rule.citation.file);
        const [from, to] = rule.citation.lines;
        expect(from, `${type.code} ${rule.id}`).toBeGreaterThanOrEqual(1);
        expect(to, `${type.code} ${rule.id}`).toBeLessThanOrEqual(lines.length);
        expect(from).toBeLessThanOrEqual(to);
        const cited = lines.slice(from - 1, to).join(' ');
        expect(cited.trim(), `${rule.id} cites an empty line`).not.toBe('');
        if (rule.quote) expect(cited, `${rule.id}: «${rule.quote}» not in ${rule.citation.file}:${from}`).toContain(rule.quote);
      }
    }
  });

  it('gives clave_patronal exactly the lifecycle it had before the registry', () => {
    const before: [RequestState, RequestEvent][] = [];
    for (const [from, events] of Object.entries(TRANSITIONS) as [RequestState, Partial<Record<RequestEvent, unknown>>][]) {
      for (const event of REQUEST_EVENTS) if (events[event] && event !== 'registrar_actualizacion' && event !== 'asignar_codigo') before.push([from, event]);
    }
    const key = (p: readonly [string, string]) => p.join('>');
    expect(REQUEST_TYPE_REGISTRY.clave_patronal.transitions.map(key).sort()).toEqual(before.map(key).sort());
  });

  it('lists for each type only transitions the lifecycle has', () => {
    for (const type of ALL) {
      for (const [from, event] of type.transitions) {
        expect((TRANSITIONS[from] as Partial<Record<RequestEvent, unknown>>)[event], `${type.code}: ${from} ${event}`).toBeDefined();
      }
    }
  });

  it('lets only a type without supervisor review close at the counter, and only the reviewed ones go to review', () => {
    expect(typeAllows('actualizacion_contacto', 'pendiente_firma', 'registrar_actualizacion')).toBe(true);
    expect(typeAllows('clave_patronal', 'pendiente_firma', 'registrar_actualizacion')).toBe(false);
    expect(typeAllows('actualizacion_contacto', 'pendiente_firma', 'enviar_a_revision')).toBe(false);
    for (const type of ALL) {
      const reviews = type.transitions.some(([, e]) => e === 'enviar_a_revision');
      if (type.transitions.length > 0) expect(reviews, type.code).toBe(type.supervisorReview);
    }
  });

  it('names as report columns only end-of-day columns, with their labels', () => {
    const columns = new Map<string, string>(DAY_FIGURE_COLUMNS.map(([k, l]) => [k, l]));
    for (const type of ALL) for (const c of type.reportColumns) expect(columns.get(c.key), `${type.code} ${c.key}`).toBe(c.label);
    expect(REQUEST_TYPE_REGISTRY.actualizacion_contacto.reportColumns.map((c) => c.key)).toEqual(['contactUpdates']);
  });

  it('offers on the screens the three procedures, in the registry’s order', () => {
    expect(AVAILABLE_REQUEST_TYPES.map((t) => t.code)).toEqual(['clave_patronal', 'actualizacion_contacto', 'registro_extranjero']);
  });

  it('ends only a foreigner’s registration with central’s code, and only after review', () => {
    expect(typeAllows('registro_extranjero', 'enviada', 'asignar_codigo')).toBe(true);
    expect(typeAllows('registro_extranjero', 'enviada', 'emitir_clave')).toBe(false);
    expect(typeAllows('clave_patronal', 'enviada', 'asignar_codigo')).toBe(false);
    expect(typeAllows('registro_extranjero', 'pendiente_firma', 'registrar_actualizacion')).toBe(false);
    expect(typeAllows('registro_extranjero', 'en_verificacion', 'enviar_a_revision')).toBe(false);
    expect(REQUEST_TYPE_REGISTRY.registro_extranjero.emailAtCounter).toBe(false);
  });
});

describe('contact update intake', () => {
  const good = { affiliateKind: 'afiliado', idType: 'cedula', idNumber: '1714307103', names: 'María José Pérez', email: 'maria@gmail.com', mobile: '099 123 4567', landline: '(02) 234-5678' } as const;

  it('normalizes a complete intake with the employer intake checks', () => {
    const r = checkContactUpdate(good);
    expect(r.ok).toBe(true);
    expect(r.normalized).toEqual({ ...good, mobile: '0991234567', landline: '022345678' });
  });

  it('refuses a cédula with a wrong check digit, naming the field', () => {
    const r = checkContactUpdate({ ...good, idNumber: '1714307104' });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.field)).toEqual(['idNumber']);
  });

  it('accepts a foreigner code by the agency pattern and refuses one that does not match it', () => {
    expect(checkContactUpdate({ ...good, idType: 'codigo_extranjero', idNumber: 'ext-123456' }).normalized?.idNumber).toBe('EXT123456');
    expect(checkContactUpdate({ ...good, idType: 'codigo_extranjero', idNumber: 'EXT123456' }, { foreignerCodePattern: '[0-9]{8}' }).errors[0]?.field).toBe('idNumber');
  });

  it('requires the e-mail (where the activation link arrives) and the mobile; the landline is optional', () => {
    const r = checkContactUpdate({ ...good, email: '', mobile: '', landline: '' });
    expect(r.errors.map((e) => e.field).sort()).toEqual(['email', 'mobile']);
    expect(r.errors.find((e) => e.field === 'email')?.issue.message).toContain('ACTIVACIÓN CLAVE');
    expect(checkContactUpdate({ ...good, landline: '' }).normalized?.landline).toBe('');
  });

  it('warns of a misspelt e-mail domain without blocking', () => {
    const r = checkContactUpdate({ ...good, email: 'maria@gmial.com' });
    expect(r.ok).toBe(true);
    expect(r.warnings[0]?.issue.code).toBe('email.domain_typo');
  });

  it('asks who the person is: affiliate, retiree or beneficiary', () => {
    expect(checkContactUpdate({ ...good, affiliateKind: null }).errors[0]?.field).toBe('affiliateKind');
    expect(ContactUpdateDetailsSchema.safeParse({ affiliateKind: 'empleador' }).success).toBe(false);
  });

  it('reads Ecuadorian landlines and refuses mobiles and short numbers there', () => {
    expect(checkLandline('+593 7 283 1234').normalized).toBe('072831234');
    expect(checkLandline('0991234567').ok).toBe(false);
    expect(checkLandline('2345678').ok).toBe(false);
    expect(checkLandline('012345678').ok).toBe(false);
  });

  it('masks what central shows back', () => {
    expect(maskEmail('juan.perez@gmail.com')).toBe('j***@g***.com');
    expect(maskEmail('maria@iess.gob.ec')).toBe('m***@i***.ec');
    expect(maskPhone('0991234512')).toBe('09******12');
    for (const bad of [null, 'sin-arroba', '@gmail.com', 'x@']) expect(maskEmail(bad)).toBe('***');
    for (const bad of [null, 12345, '123']) expect(maskPhone(bad)).toBe('***');
  });
});
