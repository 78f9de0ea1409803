// RFC 3161 timestamp tokens embedded as the signer's unsigned attribute (CAdES-T / PAdES B-T):
// the time a TSA vouches the signature existed. It is verified like any signature — its own
// messageDigest and signature, the imprint of the signature it stamps, the TSA's purpose and a
// chain to the agency's anchors — before its time is believed.
import * as pkijs from 'pkijs';
import { digest, digestName } from './algorithms';
import { hasExtendedKeyUsage, subjectName } from './certificates';
import { buildChain } from './chain';
import { CMS_OID, checkSigner, parseSignedData, unsignedAttribute, type SignerData } from './cms';
import { formatDateTimeEs } from '../../../../../shared/domain/dates';
import { PadesError } from './limits';

const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

export interface TimestampResult {
  ok: boolean;
  /** The TSA's time (genTime), when the token verified. */
  at: number | null;
  detail: string;
}

export function verifyTimestamp(signature: SignerData, anchors: readonly pkijs.Certificate[]): TimestampResult | null {
  const token = unsignedAttribute(signature, CMS_OID.timeStampToken);
  if (!token) return null;
  const fail = (detail: string): TimestampResult => ({ ok: false, at: null, detail });
  let tsa: SignerData;
  let info: pkijs.TSTInfo;
  let infoBytes: Uint8Array;
  try {
    tsa = parseSignedData(token);
    const encap = tsa.signedData.encapContentInfo;
    if (encap.eContentType !== CMS_OID.tstInfo || !encap.eContent) return fail('El sello de tiempo no contiene un TSTInfo.');
    infoBytes = new Uint8Array(encap.eContent.getValue());
    info = pkijs.TSTInfo.fromBER(infoBytes);
  } catch (err) {
    return fail(err instanceof PadesError ? `Sello de tiempo: ${err.message}` : 'El sello de tiempo está dañado.');
  }
  const check = checkSigner(tsa, [infoBytes], CMS_OID.tstInfo);
  if (check.digest !== 'ok' || check.signature !== 'ok') return fail(`El sello de tiempo no es válido: ${check.problems.join(' ')}`);
  const hash = digestName(info.messageImprint.hashAlgorithm.algorithmId);
  if (!hash || hash === 'debil') return fail('El sello de tiempo usa un algoritmo de resumen débil o desconocido.');
  const imprint = digest(hash, [signature.signer.signature.valueBlock.valueHexView]);
  if (!Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(imprint)) return fail('El sello de tiempo no corresponde a esta firma.');
  const cert = tsa.signerCert!;
  if (!hasExtendedKeyUsage(cert, TIME_STAMPING, true)) return fail(`El certificado de «${subjectName(cert)}» no es de una autoridad de sellado de tiempo.`);
  const at = info.genTime.getTime();
  const chain = buildChain(cert, [...tsa.certificates, ...signature.certificates], anchors, at);
  if (chain.status !== 'confiable') return fail(`Autoridad de sellado de tiempo no reconocida: ${chain.detail}`);
  return { ok: true, at, detail: `Sello de tiempo de «${subjectName(cert)}» del ${formatDateTimeEs(at)}.` };
}
