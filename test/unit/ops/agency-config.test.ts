import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeIssue, readAgencyConfigFile, validateAgencyConfig } from '../../../electron/core/ops/agency-config';
import { GOOD } from './fixtures';


const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-config-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const messages = (raw: unknown) => {
  const r = validateAgencyConfig(raw, dataDir);
  return r.ok ? [] : r.errors.map(describeIssue);
};

describe('agency configuration', () => {
  it('accepts a complete configuration', () => {
    expect(validateAgencyConfig(GOOD, dataDir)).toMatchObject({ ok: true, config: { agency: { code: 'UIO' } } });
  });

  it('accepts plain http to central only on this computer (the stand-in central the desk enrolled with)', () => {
    for (const url of ['http://127.0.0.1:8787', 'http://localhost:8787/', 'http://[::1]:8787']) {
      expect(validateAgencyConfig({ ...GOOD, centralUrl: url }, dataDir)).toMatchObject({ ok: true });
    }
    expect(messages({ ...GOOD, centralUrl: 'http://127.0.0.1.example.com' })[0]).toContain('solo se admite hacia este mismo equipo');
  });

  it.each([
    [{ ...GOOD, centralUrl: 'http://servicios.iess.gob.ec' }, 'centralUrl', 'https://'],
    [{ ...GOOD, updateUrl: 'ftp://x' }, 'updateUrl', 'https://'],
    [{ ...GOOD, agency: { ...GOOD.agency, code: 'U1' } }, 'agency.code', 'Código de agencia'],
    [{ ...GOOD, agency: { ...GOOD.agency, provinceCode: '27' } }, 'agency.provinceCode', 'Provincia'],
    [{ ...GOOD, idleLockMinutes: 0 }, 'idleLockMinutes', 'Bloqueo por inactividad'],
    [{ ...GOOD, caps: { ...GOOD.caps, attachmentMaxMB: 80 } }, 'caps.attachmentMaxMB', 'máximo es 50'],
    [{ ...GOOD, sla: { ...GOOD.sla, warnMinutes: 90 } }, 'sla.warnMinutes', 'menor que el plazo vencido'],
    [{ ...GOOD, sla: { ...GOOD.sla, byState: { en_la_luna: 5 } } }, 'sla.byState', 'desconocid'],
    [{ ...GOOD, backup: { ...GOOD.backup, dir: 'respaldos' } }, 'backup.dir', 'ruta completa'],
    [{ ...GOOD, backup: { ...GOOD.backup, dir: path.join(dataDir, 'respaldos') } }, 'backup.dir', 'dentro del directorio de datos'],
    [{ ...GOOD, extra: true }, '', ''],
  ])('names the field in Spanish: %#', (raw, field, words) => {
    const [first] = messages(raw);
    expect(first).toBeDefined();
    if (field) expect(first).toContain(`Campo "${field}`);
    expect(first).toContain(words);
  });

  it('reads agencia.json: missing, broken JSON (with its line), invalid, valid (with a BOM)', () => {
    expect(readAgencyConfigFile(dataDir).state).toBe('ausente');
    const file = path.join(dataDir, 'agencia.json');
    fs.writeFileSync(file, '{\n  "agency": {\n    "code": "UIO",\n  }\n}');
    const broken = readAgencyConfigFile(dataDir);
    expect(broken.state === 'invalido' && broken.errors[0]!.message).toMatch(/no es un JSON válido \(revise la línea 4\)/);
    fs.writeFileSync(file, JSON.stringify({ ...GOOD, idleLockMinutes: 500 }));
    const invalid = readAgencyConfigFile(dataDir);
    expect(invalid.state === 'invalido' && invalid.errors.map(describeIssue)).toEqual(['Campo "idleLockMinutes": Bloqueo por inactividad (minutos): el máximo es 120.']);
    fs.writeFileSync(file, `\uFEFF${JSON.stringify(GOOD)}`);
    expect(readAgencyConfigFile(dataDir).state).toBe('valido');
  });
});
