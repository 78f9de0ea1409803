// Signature and digest algorithms the verifier accepts, checked with Node's own crypto (the same
// OpenSSL primitives WebCrypto wraps, but synchronous and without key import round-trips). One
// place decides the policy: SHA-1 and MD5 are refused, as pyHanko and the EU DSS do by default.
import { createHash, createPublicKey, verify, constants, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const WEAK_DIGESTS = new Set(['1.3.14.3.2.26', '1.2.840.113549.2.5']);

const RSA = '1.2.840.113549.1.1.1';
const RSA_PSS = '1.2.840.113549.1.1.10';
const SIGNATURES: Record<string, { kind: 'rsa' | 'ecdsa'; hash: string }> = {
  '1.2.840.113549.1.1.11': { kind: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa', hash: 'sha512' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'sha512' },
};
const WEAK_SIGNATURES = new Set(['1.2.840.113549.1.1.5', '1.2.840.113549.1.1.4', '1.2.840.10045.4.1']);

export type Verified = 'ok' | 'falla' | 'debil' | 'no_soportado';

/** Node's hash name for a digest OID; 'debil' for SHA-1/MD5; null when unknown. */
export function digestName(oid: string): string | 'debil' | null {
  if (WEAK_DIGESTS.has(oid)) return 'debil';
  return DIGESTS[oid] ?? null;
}

export function digest(hash: string, pieces: readonly Uint8Array[]): Buffer {
  const h = createHash(hash);
  for (const p of pieces) h.update(p);
  return h.digest();
}

// Public keys by their DER: the same CA keys come back in every signature, and importing one
// costs more than the verification itself. Bounded, and only keys (no personal data).
const keyCache = new Map<string, KeyObject>();
export function publicKeyOf(cert: pkijs.Certificate): KeyObject {
  const der = Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  const id = der.toString('base64');
  let key = keyCache.get(id);
  if (!key) {
    key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    if (keyCache.size >= 256) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(id, key);
  }
  return key;
}

/**
 * Verifies `signature` over `data` with the certificate's key. `algorithm` is the signature
 * algorithm identifier; a CMS signer may name plain rsaEncryption, whose hash is then the
 * signer's digest algorithm (`digestOid`).
 */
export function verifySignature(cert: pkijs.Certificate, algorithm: pkijs.AlgorithmIdentifier, data: Uint8Array, signature: Uint8Array, digestOid?: string): Verified {
  const oid = algorithm.algorithmId;
  if (WEAK_SIGNATURES.has(oid)) return 'debil';
  let key: KeyObject;
  try {
    key = publicKeyOf(cert);
  } catch {
    return 'no_soportado';
  }
  try {
    if (oid === RSA) {
      const hash = digestOid ? digestName(digestOid) : null;
      if (hash === 'debil') return 'debil';
      if (!hash) return 'no_soportado';
      return verify(hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature) ? 'ok' : 'falla';
    }
    if (oid === RSA_PSS) {
      const params = new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams as asn1js.Sequence });
      const hash = digestName(params.hashAlgorithm.algorithmId);
      if (hash === 'debil') return 'debil';
      if (!hash) return 'no_soportado';
      return verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength }, signature) ? 'ok' : 'falla';
    }
    const known = SIGNATURES[oid];
    if (!known) return 'no_soportado';
    if (known.kind === 'ecdsa') return verify(known.hash, data, { key, dsaEncoding: 'der' }, signature) ? 'ok' : 'falla';
    return verify(known.hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature) ? 'ok' : 'falla';
  } catch {
    // A key that does not fit the algorithm (an EC key named as RSA) is a failed signature.
    return 'falla';
  }
}

/** The issuer's signature on a certificate or CRL (their to-be-signed bytes and signature). */
export function verifySignedBy(issuer: pkijs.Certificate, signed: { tbsView: Uint8Array; signatureAlgorithm: pkijs.AlgorithmIdentifier; signatureValue: asn1js.BitString }): Verified {
  return verifySignature(issuer, signed.signatureAlgorithm, signed.tbsView, signed.signatureValue.valueBlock.valueHexView);
}
