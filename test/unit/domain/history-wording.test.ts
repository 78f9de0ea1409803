// The history a clerk reads: every audited operation and every lifecycle event has Spanish words,
// a document's line names the document and its verdict, and the autosaves of a sitting are one line.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract/calls';
import { ERROR_CODES } from '../../../shared/contract/result';
import { REQUEST_EVENTS } from '../../../shared/domain/lifecycle';
import { AUDITED_CALL_LABELS, auditedCallLabel, EVENT_HISTORY_LABELS, groupedLabel, groupHistory, historyLineLabel, OUTCOME_LABELS } from '../../../shared/domain/history-wording';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** Words, not a code: a capital first, no snake_case, no call name (x.yZ) inside. */
const SPANISH_LINE = /^[A-ZÁÉÍÓÚÑ«](?!.*\b[a-z]+\.[a-z]+[A-Z])[^_]*$/;

/** Audit entries the core writes on its own (appendAudit with a call name of its own). */
function coreAuditCalls(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/appendAudit\([^)]*?call: '([\w.]+)'/gs)) found.add(m[1]!);
        for (const m of text.matchAll(/export const \w+_CALL = '([\w.]+)'/g)) found.add(m[1]!);
      }
    }
  };
  walk(path.join(ROOT, 'electron/core'));
  return [...found];
}

describe('every history line has Spanish words', () => {
  it('each audited call of the contract', () => {
    const audited = Object.entries(contract).filter(([, spec]) => (spec as { audit: string }).audit !== 'none').map(([name]) => name);
    expect(audited.length).toBeGreaterThan(40);
    expect(audited.filter((name) => !AUDITED_CALL_LABELS[name])).toEqual([]);
    for (const name of audited) {
      expect(AUDITED_CALL_LABELS[name]).toMatch(SPANISH_LINE);
      expect(AUDITED_CALL_LABELS[name]).not.toContain(name);
    }
  });

  it('each audit entry the core writes on its own (sync, signatures, schedules, the agency file)', () => {
    const own = coreAuditCalls();
    expect(own).toEqual(expect.arrayContaining(['sync.pull', 'signatures.verdict', 'config.file', 'audit.anchor']));
    expect(own.filter((name) => !AUDITED_CALL_LABELS[name])).toEqual([]);
  });

  it('each lifecycle event and each error code of a refused attempt', () => {
    for (const event of REQUEST_EVENTS) expect(EVENT_HISTORY_LABELS[event]).toMatch(SPANISH_LINE);
    for (const code of ERROR_CODES) expect(OUTCOME_LABELS[code]).toMatch(/^no se aplicó: /);
  });

  it('an unknown operation still reads as Spanish, never as its code', () => {
    expect(auditedCallLabel('forms.somethingNew')).toBe('Cambio registrado');
    expect(auditedCallLabel('forms.verifyQr')).toBe('Formulario impreso verificado por su código QR');
  });
});

describe('a document line names the document and the verdict', () => {
  it('a verdict: «Cédula del representante legal: verificado»', () => {
    const base = auditedCallLabel('requests.verifyDocument');
    expect(historyLineLabel(base, { event: null, documentType: 'cedula_representante', verdict: 'verificado' })).toMatch(/^Cédula del representante legal: verificado$/);
    expect(historyLineLabel(base, { event: null, documentType: 'acuerdo_responsabilidad', verdict: 'rechazado' })).toBe('Acuerdo de Responsabilidad y Uso de la Información: rechazado');
    expect(historyLineLabel(auditedCallLabel('requests.markSignature'), { event: null, documentType: 'solicitud_entrega_clave', verdict: 'desmarcada' })).toBe('Solicitud de entrega de clave: firma retirada');
    // Ticking «Presentado» records «pendiente» too: the line must not read as a step back.
    expect(historyLineLabel(base, { event: null, documentType: 'cedula_representante', verdict: 'pendiente' })).toBe('Cédula del representante legal: por verificar');
  });

  it('a document without a verdict (a scan attached), and an event, which says what happened to the request', () => {
    expect(historyLineLabel(auditedCallLabel('attachments.add'), { event: null, documentType: 'ruc', verdict: null })).toMatch(/^Escaneo adjuntado: /);
    expect(historyLineLabel('x', { event: 'aprobar' })).toBe('Aprobada');
  });
});

describe('autosaves', () => {
  const at = (hh: number, mm: number) => Date.UTC(2026, 10, 20, hh + 5, mm);
  const save = (t: number, actor = 'Ana Lucía Castañeda') => ({ at: t, actor, source: 'user', outcome: 'ok', event: null, call: 'requests.saveDraft' });
  it('33 saves of one sitting are one line with the count and the time span; other lines stay apart', () => {
    const entries = [
      { at: at(10, 0), actor: 'Ana Lucía Castañeda', source: 'user', outcome: 'ok', event: null, call: 'appointments.checkIn' },
      ...Array.from({ length: 33 }, (_, i) => save(at(10, 2) + i * 25_000)),
      { at: at(10, 16), actor: 'Ana Lucía Castañeda', source: 'user', outcome: 'ok', event: 'iniciar_verificacion', call: 'requests.startVerification' },
      save(at(10, 20)),
      save(at(10, 21), 'José Muñoz Quishpe'),
      { ...save(at(10, 22)), outcome: 'conflict' },
    ];
    const lines = groupHistory(entries);
    expect(lines.map((l) => l.count)).toEqual([1, 33, 1, 1, 1, 1]);
    expect(groupedLabel('Datos guardados', lines[1]!)).toBe('Datos guardados (33 veces, de 10:02 a 10:15)');
    expect(groupedLabel('Datos guardados', lines[3]!)).toBe('Datos guardados');
    expect(groupedLabel('Datos guardados', { count: 6, firstAt: at(14, 26), lastAt: at(14, 26) + 40_000 })).toBe('Datos guardados (6 veces, a las 14:26)');
  });

  it('the activity of request_events groups the same way', () => {
    const lines = groupHistory([1, 2, 3].map((i) => ({ at: at(9, i), actor: 'A', source: 'user', outcome: 'ok', event: null, activity: 'datos_guardados' })));
    expect(lines).toHaveLength(1);
    expect(groupedLabel('Datos guardados', { ...lines[0]!, lastAt: Date.UTC(2026, 10, 21, 15, 0) })).toBe('Datos guardados (3 veces, del 20/11/2026 09:01 al 21/11/2026 10:00)');
  });
});
