import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskFields, maskText } from '../../../electron/core/ops/mask';
import { fileLogger } from '../../../electron/hosts/common/log';

// Real-looking data: valid check digits, Ecuadorian names with particles and accents.
const CEDULA = '1710034065';
const RUC_PERSONA = '1710034065001';
const RUC_EMPRESA = '1790016919001';
const RUC_PUBLICO = '1760001550001';

describe('maskText', () => {
  it('masks cédulas (with or without the hyphen), natural-person RUCs, e-mails and names', () => {
    const text = `Solicitud de María José Pérez de la Torre, C.I. ${CEDULA} / 171003406-5, RUC ${RUC_PERSONA}, correo maria.perez@gmail.com, cel. 0991234567`;
    const masked = maskText(text);
    expect(masked).not.toMatch(/1710034065|171003406-5|maria\.perez|Pérez|María|0991234567/);
    expect(masked).toContain('[cédula]');
    expect(masked).toContain('[ruc]');
    expect(masked).toContain('[correo]');
    expect(masked).toContain('[nombre]');
  });

  it('keeps what support needs: company and public-body RUCs, ids, numbers, English messages', () => {
    const text = `employer ${RUC_EMPRESA} and ${RUC_PUBLICO}; request 0192f0a4-7c3e-7b1a-9d2e-1a2b3c4d5e6f took 1234 ms at 1763650000000123`;
    expect(maskText(text)).toBe(text);
    expect(maskText('backup failed')).toBe('backup failed');
  });

  it('masks UPPER-CASE names as printed on IESS documents', () => {
    expect(maskText('representante JUAN CARLOS ÑAUPARI QUISPE firmó')).toBe('representante [nombre] firmó');
  });
});

describe('maskText: what the adversarial review slipped past it', () => {
  it.each([
    ['a spaced cédula', 'cliente 171 003 4065 en ventanilla', '[cédula]'],
    ['a cédula in groups of 3', 'C.I. 171 003 406 5', '[cédula]'],
    ['a dotted cédula', 'cédula 1.710.034.065 registrada', '[cédula]'],
    ['a dotted cédula with its hyphen', 'cédula 17.100.340-65', '[cédula]'],
    ['a spaced natural-person RUC', 'RUC 1710034065 001', '[ruc]'],
    ['a full-width cédula', 'cédula １７１００３４０６５', '[cédula]'],
    ['a cédula in Arabic-Indic digits', 'cédula ١٧١٠٠٣٤٠٦٥', '[cédula]'],
    ['a mobile with the country code', 'llamar al +593 99 123 4567 hoy', '[teléfono]'],
    ['a mobile with 00593', 'llamar al 00593 991234567', '[teléfono]'],
    ['a mobile in groups', 'cel. 099 123 4567', '[teléfono]'],
    ['a mobile with hyphens', 'cel. 099-123-4567', '[teléfono]'],
    ['a landline', 'teléfono (02) 234 5678', '[teléfono]'],
    ['a full-width mobile', 'cel. ０９９１２３４５６７', '[cédula]'],
    ['a passport number', 'passport AB1234567 expired', '[pasaporte]'],
    ['a lower-case passport after its keyword', 'pasaporte nro. ab12345 caducado', '[pasaporte]'],
    ['an upper-case document number', 'document X12345678 refused', '[pasaporte]'],
  ])('masks %s', (_, text, mask) => {
    const masked = maskText(text);
    expect(masked).toContain(mask);
    // No run of four or more digits, in any script, survives.
    expect(masked.replace(/[\s.\-()]/g, '')).not.toMatch(/\p{Nd}{4}/u);
  });

  it('masks lower-case names, with their accents or without', () => {
    for (const text of ['intake saved for rosa elena guamán chicaiza', 'llamar a ana lucía cevallos mañana', 'representante maria jose perez de la torre firmó']) {
      const masked = maskText(text);
      expect(masked, text).toContain('[nombre]');
      expect(masked, text).not.toMatch(/rosa|elena|guam|chicaiza|lucía|cevallos|maria|jose|perez|torre/);
    }
    expect(maskText('intake saved for rosa elena guamán chicaiza')).toBe('intake saved for [nombre]');
  });

  it('still keeps what support needs: English messages, ISO times, hashes, UUIDs, company RUCs, counts', () => {
    const text = `sync failed at 2026-11-20T14:00:05.123Z after 3 attempts; request 0192f0a4-7c3e-7b1a-9d2e-1a2b3c4d5e6f, employer ${RUC_EMPRESA}, sha 9f86d081884c7d659a2feaa0c55ad015, 1234 ms, HTTP 413, server page codes`;
    expect(maskText(text)).toBe(text);
  });
});

describe('maskFields', () => {
  it('hides personal fields whatever their value, and masks free text everywhere else', () => {
    const out = maskFields({
      cedula: CEDULA,
      representativeNames: 'Ana Lucía Cevallos',
      email: 'ana@empresa.ec',
      phone: '022345678',
      nested: { note: `llamar a Ana Lucía Cevallos ${CEDULA}`, ok: true, count: 3 },
      error: new Error(`UNIQUE constraint failed: ${CEDULA}`),
    });
    expect(JSON.stringify(out)).not.toMatch(/1710034065|Cevallos|ana@|022345678/);
    expect(out).toMatchObject({ cedula: '[oculto]', email: '[oculto]', nested: { ok: true, count: 3 } });
  });
});

describe('fileLogger', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-log-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('writes masked JSON lines to <dataDir>/logs and rotates by size', async () => {
    const log = fileLogger({ dataDir, host: 'prueba', size: '2K', keep: 2 });
    for (let i = 0; i < 40; i++) {
      log.info('intake saved for Rosa Elena Guamán Chicaiza', { i, cedula: CEDULA, detail: `ruc ${RUC_PERSONA} mail rosa.guaman@hotmail.com` });
    }
    log.error('sync failed', { error: new Error(`central rejected ${CEDULA}`) });
    await log.close();
    const files = fs.readdirSync(path.join(dataDir, 'logs')).sort();
    expect(files).toEqual(['prueba.log', 'prueba.log.1', 'prueba.log.2']);
    const all = files.map((f) => fs.readFileSync(path.join(dataDir, 'logs', f), 'utf8')).join('');
    expect(all).not.toMatch(/1710034065|Guamán|Rosa|rosa\.guaman|hotmail/);
    const last = fs.readFileSync(path.join(dataDir, 'logs', 'prueba.log'), 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ level: 'error', host: 'prueba', message: 'sync failed', error: { message: 'central rejected [cédula]' } });
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dataDir, 'logs', 'prueba.log')).mode & 0o777).toBe(0o600);
  });
});
