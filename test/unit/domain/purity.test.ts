import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as domain from '../../../shared/domain';

const DOMAIN_DIR = fileURLToPath(new URL('../../../shared/domain/', import.meta.url));
const sources = readdirSync(DOMAIN_DIR)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => [file, readFileSync(DOMAIN_DIR + file, 'utf8')] as const);

describe('shared/domain stays pure', () => {
  // i18n-iso-countries: its locale-free entry and the Spanish names only (nationality.ts);
  // re2js: a linear-time regular-expression engine (foreigner-code.ts).
  it.each(sources)('%s imports only zod, mrz, i18n-iso-countries, re2js and its own modules', (_, text) => {
    const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
    for (const specifier of specifiers) {
      expect(specifier).toMatch(/^(?:\.\/[\w-]+|zod|mrz|re2js|i18n-iso-countries\/index\.js|i18n-iso-countries\/langs\/es\.json)$/);
    }
    expect(text).not.toMatch(/\bimport\s*\(|\brequire\s*\(/);
  });

  it.each(sources)('%s never reads the clock or randomness and has no any', (_, text) => {
    expect(text).not.toMatch(/new Date\(\s*\)|Date\.now|performance\.|Math\.random/);
    expect(text).not.toMatch(/:\s*any\b|as any\b|<any>/);
  });

  it('exports the public API from index.ts', () => {
    for (const name of [
      'checkCedula', 'checkRuc', 'checkPassportMrz', 'comparePassport', 'checkVisa', 'checkForeignerCode',
      'checkArtisanQualification', 'checkEmail', 'checkMobile', 'checkPersonName', 'searchKey',
      'requiredDocuments', 'RequirementProfileSchema', 'selectRuleSet', 'transition', 'applyEvent',
      'canFire', 'availableEvents', 'ROLES', 'PROVINCES', 'REJECTION_REASONS', 'RETURN_REASONS',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
