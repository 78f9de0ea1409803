// A foreigner's registration (shared/domain/foreigner-registration.ts) taken through the counter as
// a clerk does it, up to its printed Solicitud: for tests whose subject starts after that (sending
// the paper to a printer, reviewing it). test/integration/foreign-registration.test.ts walks the
// same steps one by one with their checks.
import type { RequestDetail } from '../../shared/contract/counter';
import { TINY_JPEG, TINY_PDF } from './images';
import { td3 } from './passport';

export const FOREIGNER = {
  mrz: td3({ surnames: 'MUELLER', givenNames: 'JOSE ANDRES', number: 'C01X00T47', nationality: 'D', birth: '880203', sex: 'M', expiry: '350115' }),
  passportNumber: 'C01X00T47',
  passportExpiryDate: '2035-01-15',
  nationality: 'D',
  names: 'Müller José Andrés',
  birthDate: '1988-02-03',
  sex: 'M',
  employerRuc: '1792060346001',
  contractNumber: 'SUT-2024-884512',
  contractDate: '2024-01-10',
  position: 'Ingeniero de procesos',
  startDate: '2024-02-01',
} as const;

type Call = <T = unknown>(name: string, input: unknown) => Promise<T>;

/** Walk-in, data, both scans verified, the Solicitud printed: the request in `pendiente_firma`. */
export async function printedForeignerRegistration(call: Call): Promise<{ id: string; version: number }> {
  const { requestId: id } = await call<{ requestId: string }>('appointments.walkIn', {
    reason: 'Trabajador extranjero sin turno en línea',
    supervisorUsername: 'supervisora',
    supervisorPassword: 'Super.Demo.2026',
    requestType: 'registro_extranjero',
  });
  let { version } = await call<RequestDetail>('requests.get', { id });
  version = (await call<{ version: number }>('requests.saveForeignerRegistration', { id, version, data: FOREIGNER })).version;
  await call('requests.startForeignerVerification', { id, version });
  await call('attachments.add', { requestId: id, documentType: 'copia_pasaporte', fileName: 'pasaporte color.jpg', dataBase64: TINY_JPEG.toString('base64') });
  await call('attachments.add', { requestId: id, documentType: 'contrato_sut', fileName: 'contrato SUT.pdf', dataBase64: TINY_PDF.toString('base64') });
  version = (await call<RequestDetail>('requests.get', { id })).version;
  for (const documentType of ['copia_pasaporte', 'contrato_sut']) {
    version = (await call<{ version: number }>('requests.verifyDocument', { id, version, documentType, presented: true, presentedAs: null, checks: {}, status: 'verificado', rejectionReason: null, note: null })).version;
  }
  version = (await call<{ version: number }>('forms.printForeignerRequest', { id, version })).version;
  return { id, version };
}
