// Intake refuses what the printed forms cannot represent faithfully, naming the field, and
// accepts every Latin-script name and address the forms do print (test/integration/forms/
// unprintable.test.ts reads such a form back with pdftotext).
import fs from 'node:fs';
import path from 'node:path';
import { create, type Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { checkIntake, type IntakeDraft } from '../../../shared/domain/intake';
import { checkPersonName } from '../../../shared/domain/contact';
import { isPrintableCodePoint } from '../../../shared/domain/printable';
import { accountCalls } from '../../../shared/contract/accounts';
import { AgencyConfig } from '../../../shared/contract/ops';
import { NATURAL_INTAKE } from '../../support/intake';
import { GOOD } from '../ops/fixtures';

const OPTIONS = { attentionDate: '2026-03-16' };
const check = (draft: Partial<IntakeDraft>) => checkIntake({ ...NATURAL_INTAKE, ...draft } as IntakeDraft, OPTIONS);
const messagesOf = (draft: Partial<IntakeDraft>, field: keyof IntakeDraft) =>
  check(draft)
    .errors.filter((e) => e.field === field)
    .map((e) => e.issue.message);

// What the adversarial review typed: each prints as empty boxes, reversed, unjoined or nothing.
const UNPRINTABLE: [string, string][] = [
  ['Chinese', '王 小明'],
  ['Devanagari', 'राम शर्मा'],
  ['Thai', 'สมชาย ใจดี'],
  ['Arabic', 'محمد علي'],
  ['Hebrew', 'דוד כהן'],
  ['a control character', 'Peña\u0007 Muñoz'],
  ['a right-to-left override', 'Peña \u202eMuñoz'],
  ['a zero-width joiner', 'Peña Mu\u200dñoz'],
  ['an emoji', 'Peña Muñoz 😀'],
];

describe('intake refuses what the forms cannot print', () => {
  it.each(UNPRINTABLE)("a representative's name in %s: refused, naming the field and the way out (the MRZ's Latin letters)", (_, name) => {
    const messages = messagesOf({ representativeNames: name, employerLegalName: 'Comercial Andina Cía. Ltda.', applicantKind: 'juridica_privada', employerRuc: '1792060346001' }, 'representativeNames');
    expect(messages[0]).toMatch(/^Nombres del representante legal: los formularios impresos no pueden representar .+\. Escríbalos con el alfabeto latino, como en la zona de lectura mecánica \(MRZ\) del pasaporte\.$/);
  });

  it.each(UNPRINTABLE)('a legal name, an address and a third party with %s: refused, each naming its field', (_, text) => {
    expect(messagesOf({ employerLegalName: `Comercial ${text}` }, 'employerLegalName')[0]).toMatch(/^Razón social: los formularios impresos no pueden representar /);
    expect(messagesOf({ address: `Calle ${text} 4-52` }, 'address')[0]).toMatch(/^Dirección del empleador: los formularios impresos no pueden representar /);
    expect(messagesOf({ viaThirdParty: true, thirdPartyNames: text, thirdPartyCedula: '0602910945' }, 'thirdPartyNames')[0]).toMatch(/^Nombres del tercero autorizado: /);
  });

  it('says which characters, visibly: a Chinese name shows its letters, a control character its code', () => {
    expect(messagesOf({ representativeNames: '王 小明' }, 'representativeNames')[0]).toContain('«王» (U+738B), «小» (U+5C0F) y «明» (U+660E)');
    expect(messagesOf({ representativeNames: 'Peña\u0007 Muñoz' }, 'representativeNames')[0]).toContain('un carácter invisible o de control (U+0007)');
  });

  it('checkPersonName alone refuses non-Latin scripts too (a virtual request from central goes through it)', () => {
    for (const [, name] of UNPRINTABLE) expect(checkPersonName(name).ok, name).toBe(false);
  });

  it('accepts Latin-script names and addresses of every kind the forms print', () => {
    for (const name of ['Peña Muñoz Begoña', "O'Connor Zoë", 'Nguyễn Thị Minh Khai', 'Łukasz Żółć', 'Ørsted Åse', 'Dvořák Šťastný', 'Jose\u0301 Mun\u0303oz']) {
      const r = check({ representativeNames: name, employerLegalName: 'Comercial Andina Cía. Ltda.', applicantKind: 'juridica_privada', employerRuc: '1792060346001' });
      expect(r.errors.filter((e) => e.field === 'representativeNames'), name).toEqual([]);
    }
    expect(check({ address: 'Av. 10 de Agosto N24-15 y Cordero, edificio «Ñucanchik», of. 3 — Quito' }).errors).toEqual([]);
  });
});

describe('other text that is printed is refused at its door too', () => {
  it("a user's display name (the clerk signs the comprobante) and the agency's name (every header)", () => {
    const user = accountCalls['users.create'].input.safeParse({ username: 'wang', displayName: '王小明', role: 'ventanillero', password: 'Temporal.Clave.8253' });
    expect(user.error?.issues).toMatchObject([{ path: ['displayName'], message: expect.stringMatching(/^Nombre completo: los formularios impresos no pueden representar «王»/) }]);
    const agency = AgencyConfig.safeParse({ ...GOOD, agency: { ...GOOD.agency, name: 'CAU Quito \u202eNorte' } });
    expect(agency.error?.issues).toMatchObject([{ path: ['agency', 'name'], message: expect.stringMatching(/^Nombre de la agencia: .*U\+202E/) }]);
    expect(accountCalls['users.create'].input.safeParse({ username: 'jose', displayName: 'José Muñoz Quishpe', role: 'ventanillero', password: 'Temporal.Clave.8253' }).success).toBe(true);
  });
});

describe('the repertoire and the embedded fonts agree', () => {
  const fontsDir = path.resolve(import.meta.dirname, '../../../build/fonts');
  const face = (file: string) => create(fs.readFileSync(path.join(fontsDir, file))) as Font;
  it('both embedded faces have a glyph for every character intake accepts', () => {
    const faces = [face('DejaVuSans.ttf'), face('DejaVuSans-Bold.ttf')];
    const missing: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (isPrintableCodePoint(cp) && !faces.every((f) => f.hasGlyphForCodePoint(cp))) missing.push(cp.toString(16));
    }
    expect(missing).toEqual([]);
  });
});
