// Whether an attention falls within the agency's opening hours, on Ecuador's clock.
import { describe, expect, it } from 'vitest';
import { attentionTiming, describeOpeningHours, SHEET_OPENING_HOURS } from '../../../shared/domain/opening-hours';

/** An instant given as Ecuador clock time (UTC−5). */
const quito = (y: number, m: number, d: number, h: number, min = 0) => Date.UTC(y, m - 1, d, h + 5, min);

describe('opening hours', () => {
  it("the sheet's hours by default: Monday to Friday, 08:00 to 17:00 (docs/seeds/004_…:118)", () => {
    expect(describeOpeningHours(SHEET_OPENING_HOURS)).toBe('lunes a viernes de 08:00 a 17:00');
    // Friday 20/11/2026.
    expect(attentionTiming(quito(2026, 11, 20, 8, 0), SHEET_OPENING_HOURS)).toEqual({ within: true });
    expect(attentionTiming(quito(2026, 11, 20, 16, 59), SHEET_OPENING_HOURS)).toEqual({ within: true });
    expect(attentionTiming(quito(2026, 11, 20, 7, 59), SHEET_OPENING_HOURS)).toMatchObject({ within: false, reason: 'fuera_de_horario', message: 'Fuera del horario de atención de la agencia (lunes a viernes de 08:00 a 17:00).' });
    expect(attentionTiming(quito(2026, 11, 20, 17, 0), SHEET_OPENING_HOURS)).toMatchObject({ within: false, reason: 'fuera_de_horario' });
    // Saturday 21/11/2026 at 10:00 in Quito (15:00 UTC, still Saturday either way).
    expect(attentionTiming(quito(2026, 11, 21, 10), SHEET_OPENING_HOURS)).toMatchObject({ within: false, reason: 'dia_no_laborable', message: expect.stringContaining('El sábado no es día de atención') });
  });

  it('reads the Ecuador day, not the UTC one: Friday 20:30 in Quito is already Saturday in UTC', () => {
    expect(attentionTiming(quito(2026, 11, 20, 20, 30), SHEET_OPENING_HOURS)).toMatchObject({ reason: 'fuera_de_horario' });
    expect(attentionTiming(quito(2026, 11, 22, 20, 30), { ...SHEET_OPENING_HOURS, days: [7] , open: '08:00', close: '21:00' })).toEqual({ within: true });
  });

  it('a mall agency with its own hours and holidays (agencia.json openingHours)', () => {
    const mall = { days: [1, 2, 3, 4, 5, 6, 7] as const, open: '10:00', close: '20:00', closedDates: ['2026-12-25'] };
    const hours = { ...mall, days: [...mall.days] };
    expect(describeOpeningHours(hours)).toBe('lunes a domingo de 10:00 a 20:00');
    expect(attentionTiming(quito(2026, 11, 22, 19, 30), hours)).toEqual({ within: true });
    expect(attentionTiming(quito(2026, 12, 25, 12), hours)).toMatchObject({ within: false, reason: 'dia_no_laborable', message: expect.stringContaining('El 25/12/2026 es un día no laborable') });
    expect(describeOpeningHours({ ...hours, days: [1, 3, 6] })).toBe('lunes, miércoles y sábado de 10:00 a 20:00');
  });
});
