// A passport's machine-readable zone (ICAO 9303 TD3) for the tests: two lines of 44 with every
// check digit computed, so a test can use a passport valid at the date it runs against. The
// demo seed composes its foreigners' passports with the same function (db/seed/generate.ts).
export { icaoDigit, td3 } from '../../db/seed/generate';
