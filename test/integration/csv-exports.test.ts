// Every CSV the app writes opens safely and correctly in Excel on an es-EC computer: a cell that
// starts like a formula (= + - @, tab, CR) is neutralised, the file is UTF-8 with a byte-order
// mark (so "Muñoz" is not "MuÃ±oz") and fields are separated by ';' (Excel's list separator where
// the decimal mark is a comma). A clerk named =cmd|' /C calc'!A0 used to land as a live formula.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../electron/core/registry';
import { seededDesk, type TestDesk } from '../support/desk';

const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const HOSTILE = "=cmd|' /C calc'!A0";
type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 20 });
  const created = (await desk.core.call('users.create', { username: 'formula', displayName: HOSTILE, role: 'ventanillero', password: 'Temporal.Clave.8253' }, ADMIN)) as R;
  expect(created.ok).toBe(true);
});
afterAll(() => desk.dispose());
const today = () => new Date(desk.clock.now() - 5 * 3_600_000).toISOString().slice(0, 10);

/** The cells of a ';'-separated CSV (quoted fields as RFC 4180 writes them). */
function cells(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') endCell();
    else if (c === '\r' && csv[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV files', () => {
  it("end of day: UTF-8 with BOM, ';' separated, accented names intact, and the formula-like name neutralised", async () => {
    const r = (await desk.core.call('reports.endOfDayFile', { date: today(), format: 'csv' }, SUPERVISOR)) as R;
    expect(r.ok).toBe(true);
    const bytes = Buffer.from((r as { value: { dataBase64: string } }).value.dataBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    const table = cells(csv);
    expect(table[0]).toEqual(['fecha', 'agencia', 'ventanilla', 'ventanillero', 'recibidas', 'aprobadas', 'devueltas', 'rechazadas', 'pendientes', 'formularios_impresos', 'reimpresiones', 'sin_turno_autorizadas', 'hojas_de_orientación', 'actualizaciones_de_contacto', 'registros_de_extranjero']);
    const names = table.slice(1).map((row) => row[3]);
    expect(names).toContain('José Muñoz Quishpe');
    expect(names).toContain(`'${HOSTILE}`);
    // No cell of the file starts like a formula.
    for (const cell of table.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("audit export: UTF-8 with BOM, ';' separated, the same writer", async () => {
    const r = (await desk.core.call('audit.export', { from: today(), to: today() }, ADMIN)) as R;
    expect(r.ok).toBe(true);
    const { csv, rows } = (r as { value: { csv: string; rows: number } }).value;
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const table = cells(csv.slice(1));
    expect(table[0]).toEqual(['secuencia', 'fecha_hora_utc', 'usuario_id', 'usuario', 'operacion', 'objetivo', 'resultado', 'hash']);
    expect(table).toHaveLength(rows + 1);
    expect(table.some((row) => row[3] === 'admin' && row[4] === 'users.create')).toBe(true);
  });
});
