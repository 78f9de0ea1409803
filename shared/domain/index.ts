/** Domain core: pure rules shared by the core, the renderer and the tests (docs/architecture.md, Layers). */
export * from './issues';
export * from './dates';
export * from './roles';
export * from './catalogs';
export { checkCedula, cedulaCheckDigit, normalizeCedula, CEDULA_LENGTH, type CedulaCheck } from './cedula';
export {
  checkRuc,
  modulo11CheckDigit,
  passesPrivateWeights,
  passesPublicWeights,
  RUC_KIND_LABELS,
  RUC_LENGTH,
  type RucCheck,
  type RucKind,
  type RucOptions,
} from './ruc';
export * from './nationality';
export * from './passport';
export * from './visa';
export * from './artisan';
export * from './foreigner-code';
export * from './contact';
export * from './printable';
export * from './requirements';
export { CLAVE_PATRONAL_RULE_SETS, CLAVE_PATRONAL_V1, CLAVE_PATRONAL_SEED } from './rule-sets';
export * from './lifecycle';
export * from './intake';
export * from './request-number';
export * from './state-groups';
export * from './outbox';
export * from './request-history';
export { documentsAffectedBy } from './document-checks';
