// The foreigner's registration in words, for the supervisor's review (renderer/src/supervisor/ReviewScreen.tsx).
import { isoToEs } from '../../../shared/domain/dates';
import { SEXES } from '../../../shared/domain/foreigner-registration';
import { nationalityName } from '../../../shared/domain/nationality';
import type { RequestDetail } from './useRequest';

/** The foreigner's data as the supervisor reads them in the review (renderer/src/supervisor/ReviewScreen.tsx). */
export function foreignerSummary(detail: RequestDetail): [string, string][] {
  const d = detail.foreignerRegistration?.data;
  if (!d) return [];
  return [
    ['Extranjero', d.names ?? ''],
    ['Pasaporte', `${d.passportNumber ?? ''} · caduca ${isoToEs(d.passportExpiryDate ?? '')}`],
    ['Nacionalidad', `${d.nationality ?? ''} — ${nationalityName(d.nationality ?? '') ?? ''}`],
    ['Nacimiento · sexo', `${isoToEs(d.birthDate ?? '')} · ${SEXES.find((x) => x.code === d.sex)?.label ?? '—'}`],
    ['RUC del empleador', d.employerRuc ?? ''],
    ['Contrato SUT', `N.º ${d.contractNumber ?? ''} del ${isoToEs(d.contractDate ?? '')} · ${d.position ?? ''} · inicio ${isoToEs(d.startDate ?? '')}`],
    ['Código IESS', detail.foreignerRegistration?.foreignerCode ?? 'Pendiente'],
  ];
}
