// The desk's event-signing key. Central checks the transition's role against the actor an event
// names (docs/protocol/README.md «Quién hizo qué»); the signature is what lets it trust that name:
// only this desk, holding the private key in its secrets store, can have sent it. Ed25519 from
// node:crypto (no library needed): small keys and signatures, deterministic, fast to verify.
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { SecretStore } from '../context';
import { eventSigningInput, type PushEvent } from '../../../shared/sync/protocol';

/** PKCS#8 DER of the private key, base64, in the secrets store (never in the database). */
export const SIGNING_KEY_SECRET = 'syncSigningKey';

/**
 * A new key pair for a new enrolment: the public half goes to central; `keep` stores the private
 * half once central accepted the enrolment (a refused one leaves the current key in place).
 */
export function newSigningKey(secrets: SecretStore): { publicKey: string; keep: () => void } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    keep: () => secrets.set(SIGNING_KEY_SECRET, privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')),
  };
}

/**
 * Signs events with the enrolled key; null when this desk has none (enrolled by an older version).
 * Asynchronous: node:crypto signs on libuv's thread pool, so a batch's 500 signatures use every
 * core while this thread goes on (they were a fifth of a push's time, one after the other).
 */
export function eventSigner(secrets: SecretStore): ((e: PushEvent) => Promise<string>) | null {
  const stored = secrets.get(SIGNING_KEY_SECRET);
  if (!stored) return null;
  const key: KeyObject = createPrivateKey({ key: Buffer.from(stored, 'base64'), format: 'der', type: 'pkcs8' });
  return (e) =>
    new Promise((resolve, reject) => sign(null, Buffer.from(eventSigningInput(e), 'utf8'), key, (err, signature) => (err ? reject(err) : resolve(signature.toString('base64')))));
}
