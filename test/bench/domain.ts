// Domain core throughput: identity checks run on every keystroke and every imported row, the
// requirement rules on every screen refresh; both must be far from being a bottleneck.
import {
  APPLICANT_KINDS,
  CHANNELS,
  checkCedula,
  checkRuc,
  requiredDocuments,
  type RequirementProfile,
} from '../../shared/domain';
import { throughput, type Metric, type MetricFactory } from './harness';

const SAMPLE_SIZE = 4096;

/** Deterministic pseudo-random digits (LCG) so every run measures the same inputs. */
function digitSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % 10;
  };
}

function cedulaCheck(first9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const product = Number(first9[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function validCedula(next: () => number): string {
  const province = String(1 + ((next() * 10 + next()) % 24)).padStart(2, '0');
  let first9 = `${province}${next() % 6}`;
  while (first9.length < 9) first9 += String(next());
  return `${first9}${cedulaCheck(first9)}`;
}

/** ~70 % valid; the rest are the mistakes clerks make: check digit, length, separators, letters. */
function cedulaMix(): string[] {
  const next = digitSource(17);
  return Array.from({ length: SAMPLE_SIZE }, (_, i) => {
    const cedula = validCedula(next);
    switch (i % 10) {
      case 7: return `${cedula.slice(0, 9)}${(Number(cedula[9]) + 1) % 10}`;
      case 8: return cedula.slice(0, 9);
      case 9: return i % 20 === 9 ? `${cedula.slice(0, 9)}-${cedula[9]}` : `${cedula.slice(0, 4)}O${cedula.slice(5)}`;
      default: return cedula;
    }
  });
}

/** Natural, public and private RUCs (real vectors plus generated natural ones) and mistakes. */
function rucMix(): string[] {
  const next = digitSource(29);
  const companies = ['1792060346001', '0992397535001', '0190115798001', '1760001550001', '0160000510001', '1768152130001'];
  return Array.from({ length: SAMPLE_SIZE }, (_, i) => {
    const natural = `${validCedula(next)}001`;
    switch (i % 10) {
      case 0: case 1: case 2: return companies[i % companies.length] ?? natural;
      case 3: return '1792060347001'; // company RUC failing both weight sets: SRI warning
      case 8: return `${natural.slice(0, 12)}`;
      case 9: return `${natural.slice(0, 10)}000`;
      default: return natural;
    }
  });
}

function profileMix(): RequirementProfile[] {
  const profiles: RequirementProfile[] = [];
  for (const { code: applicantKind } of APPLICANT_KINDS) {
    for (const { code: channel } of CHANNELS) {
      for (const viaThirdParty of [false, true]) {
        const foreign = applicantKind === 'natural_extranjera';
        profiles.push({
          applicantKind,
          channel,
          viaThirdParty,
          representativeIsForeign: foreign,
          representativeHasCedula: !foreign || viaThirdParty,
          artisan: applicantKind === 'natural_ecuatoriana' && viaThirdParty,
          date: '2026-06-15',
        });
      }
    }
  }
  return profiles;
}

function opsMetric(name: string, target: number, minMs: number, op: (i: number) => boolean): Metric {
  return {
    name,
    unit: 'ops/s',
    target: { op: '>=', value: target },
    run() {
      let accepted = 0;
      const opsPerSecond = throughput((i) => {
        if (op(i)) accepted++;
      }, minMs);
      return { value: Math.round(opsPerSecond), detail: `${accepted} accepted answers` };
    },
  };
}

export const domainMetrics: MetricFactory = (opts) => {
  const minMs = opts.smoke ? 20 : 1000;
  const cedulas = cedulaMix();
  const rucs = rucMix();
  const profiles = profileMix();
  const mask = SAMPLE_SIZE - 1;
  return [
    opsMetric('domain.checkCedula', 1_000_000, minMs, (i) => checkCedula(cedulas[i & mask]).ok),
    opsMetric('domain.checkRuc', 1_000_000, minMs, (i) => checkRuc(rucs[i & mask]).ok),
    opsMetric('domain.requiredDocuments', 200_000, minMs, (i) => requiredDocuments(profiles[i % profiles.length] ?? profiles[0]!).ok),
  ];
};
