// The intake draft's schema on its own: the counter's screens check the draft they keep locally
// with it (renderer/src/counter/intake/localDraft.ts) at start, and importing it from the
// counter's contract built all of that capability's call schemas before the first screen
// (test/unit/renderer/startup-imports.test.ts). shared/contract/counter.ts re-exports it.
import { z } from 'zod';
import { APPLICANT_KINDS, catalogCodes as codes, FOREIGNER_REGISTRATIONS, REPRESENTATIVE_ID_TYPES } from '../domain/catalogs';
import type { IntakeDraft } from '../domain/intake';

const Text = (max: number) => z.string().max(max, { error: `Máximo ${max} caracteres.` });
/** A draft accepts incomplete values; checkIntake decides when it is complete. */
export const IntakeDraftSchema = z
  .object({
    applicantKind: z.enum(codes(APPLICANT_KINDS)).nullable(),
    employerRuc: Text(20),
    employerBranch: Text(4),
    employerLegalName: Text(200),
    representativeIdType: z.enum(codes(REPRESENTATIVE_ID_TYPES)).nullable(),
    representativeIdNumber: Text(30),
    representativeNames: Text(160),
    representativeNationality: Text(3),
    passportExpiryDate: Text(10),
    foreignerRegistration: z.enum(codes(FOREIGNER_REGISTRATIONS)).nullable(),
    foreignerCode: Text(40),
    visaCategory: Text(40),
    visaNumber: Text(40),
    visaIssueDate: Text(10),
    visaExpiryDate: Text(10),
    email: Text(254),
    mobile: Text(20),
    address: Text(300),
    viaThirdParty: z.boolean(),
    thirdPartyNames: Text(160),
    thirdPartyCedula: Text(20),
    artisan: z.boolean(),
    artisanNumber: Text(40),
    artisanBranch: Text(80),
    artisanIssueDate: Text(10),
    artisanExpiryDate: Text(10),
  })
  .partial()
  .strict() satisfies z.ZodType<IntakeDraft>;
