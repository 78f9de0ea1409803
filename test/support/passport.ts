// A passport's machine-readable zone (ICAO 9303 TD3) for the tests: two lines of 44 with every
// check digit computed, so a test can use a passport valid at the date it runs against.

/** ICAO 9303 check digit: weights 7, 3, 1; '<' = 0, A–Z = 10–35. */
export function icaoDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const ch = field[i]!;
    const value = ch === '<' ? 0 : /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * [7, 3, 1][i % 3]!;
  }
  return sum % 10;
}

/** birth and expiry as yymmdd; names in MRZ letters (A–Z and spaces). */
export function td3(p: { surnames: string; givenNames: string; number: string; nationality: string; birth: string; sex: 'F' | 'M' | 'X'; expiry: string; issuer?: string }): string {
  const name = `${p.surnames.replace(/ /g, '<')}<<${p.givenNames.replace(/ /g, '<')}`;
  const line1 = `P<${(p.issuer ?? p.nationality).padEnd(3, '<')}${name}`.padEnd(44, '<').slice(0, 44);
  const doc = p.number.padEnd(9, '<');
  const personal = '<'.repeat(14);
  const part1 = `${doc}${icaoDigit(doc)}`;
  const part2 = `${p.birth}${icaoDigit(p.birth)}`;
  const part3 = `${p.expiry}${icaoDigit(p.expiry)}${personal}${icaoDigit(personal)}`;
  const composite = icaoDigit(part1 + part2 + part3);
  const line2 = `${part1}${p.nationality.padEnd(3, '<')}${part2}${p.sex === 'X' ? '<' : p.sex}${part3}${composite}`;
  return `${line1}\n${line2}`;
}
