// The «Hojas de orientación» against the affiliate seeds 000–003: every line cites lines that
// exist, and every button or menu name in «…», every figure and every address a step prints is in
// the lines it cites — so a paper never tells an applicant something the sources do not say.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AFFILIATE_SEEDS, GUIDANCE_PROCEDURES, GUIDANCE_SHEETS, guidanceText, type GuidanceLine, type SeedCite } from '../../../shared/domain/guidance';

const seedLines = new Map<string, string[]>(
  Object.values(AFFILIATE_SEEDS).map((file) => [file, readFileSync(fileURLToPath(new URL(`../../../docs/${file}`, import.meta.url)), 'utf8').split('\n')]),
);

/** Accents, case, quote styles and spacing do not matter when holding a step against its source. */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[«»"'“”‘’]/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();

function cited(cites: readonly SeedCite[]): string {
  return cites
    .map((c) => {
      const lines = seedLines.get(c.file);
      if (!lines) throw new Error(`cita a un archivo que no es de 000–003: ${c.file}`);
      return lines.slice(c.lines[0] - 1, c.lines[1]).join('\n');
    })
    .join('\n');
}

const NUMBER_WORDS: Record<string, string> = { '3': 'tres', '4': 'cuatro', '5': 'cinco', '6': 'seis', '10': 'diez' };

const allLines = GUIDANCE_PROCEDURES.flatMap((procedure) => {
  const sheet = GUIDANCE_SHEETS[procedure];
  const lines: [string, GuidanceLine][] = [
    [`${procedure} · propósito`, sheet.purpose],
    ...sheet.needs.map((l, i) => [`${procedure} · requisito ${i + 1}`, l] as [string, GuidanceLine]),
    ...sheet.steps.map((l, i) => [`${procedure} · paso ${i + 1}`, l] as [string, GuidanceLine]),
    ...sheet.notes.map((l, i) => [`${procedure} · nota ${i + 1}`, l] as [string, GuidanceLine]),
  ];
  return lines;
});

describe('guidance sheets cite seeds 000–003', () => {
  it('has the four procedures, each with steps', () => {
    expect(GUIDANCE_PROCEDURES).toEqual(['generar_clave', 'recuperar_clave', 'desbloquear_clave', 'cambiar_clave']);
    for (const p of GUIDANCE_PROCEDURES) expect(GUIDANCE_SHEETS[p].steps.length).toBeGreaterThanOrEqual(5);
  });

  it.each(allLines)('%s cites lines that exist', (_, line) => {
    expect(line.cites.length).toBeGreaterThan(0);
    for (const c of line.cites) {
      const lines = seedLines.get(c.file);
      expect(lines, c.file).toBeDefined();
      expect(Number.isInteger(c.lines[0]) && c.lines[0] >= 1).toBe(true);
      expect(c.lines[1]).toBeGreaterThanOrEqual(c.lines[0]);
      expect(c.lines[1]).toBeLessThanOrEqual(lines!.length);
      expect(cited([c]).trim(), `${c.file}:${c.lines.join('-')} está vacía`).not.toBe('');
    }
  });

  it.each(allLines)('%s says only what its lines say («labels», figures, addresses)', (_, line) => {
    const source = fold(cited(line.cites));
    for (const [, label] of line.text.matchAll(/«([^»]+)»/g)) expect(source, `«${label}»`).toContain(fold(label!));
    for (const [, n] of line.text.matchAll(/(?<![\w.])(\d+)(?![\w.])/g)) {
      const spelled = NUMBER_WORDS[n!];
      expect(new RegExp(`(?<!\\d)${n}(?!\\d)`).test(source) || (spelled !== undefined && source.includes(spelled)), `«${n}» en ${line.text}`).toBe(true);
    }
    for (const [address] of line.text.matchAll(/(?:https?:\/\/)?[a-z]+\.iess\.gob\.ec(?:[\w/.-]*[\w/])?/g)) expect(source, address).toContain(fold(address));
  });

  it('keeps the facts the counter is asked about on the right sheets', () => {
    const text = (p: (typeof GUIDANCE_PROCEDURES)[number]) => {
      const s = GUIDANCE_SHEETS[p];
      return [s.purpose, ...s.needs, ...s.steps, ...s.notes].map((l) => l.text).join('\n');
    };
    // The portal's password rules on every sheet; 3-minute links where a link is sent.
    for (const p of GUIDANCE_PROCEDURES) expect(text(p)).toContain('entre 6 y 15 caracteres, solo letras y/o números');
    for (const p of ['generar_clave', 'recuperar_clave', 'desbloquear_clave'] as const) expect(text(p)).toContain('dura solo 3 minutos');
    expect(text('desbloquear_clave')).toContain('3 veces');
    expect(text('generar_clave')).toMatch(/fotocopia a color del pasaporte ampliado.*registrado en el SUT/);
    // Nothing sends anyone to the closed Skype channel or to the misprinted iesse.gob.ec host.
    for (const p of GUIDANCE_PROCEDURES) expect(text(p)).not.toMatch(/skype|iesse/i);
  });

  it('fills in the applicant’s identification and e-mail, and nothing else is left in braces', () => {
    const filled = guidanceText('Escriba su {documento}; correo {correo}.', { idType: 'codigo_extranjero', email: 'ana@correo.ec' });
    expect(filled).toBe('Escriba su código de identificación para extranjeros; correo ana@correo.ec.');
    for (const [, line] of allLines) expect(guidanceText(line.text, { idType: 'cedula', email: 'x@y.ec' })).not.toMatch(/[{}]/);
  });
});
