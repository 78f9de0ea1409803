// Secrets of the desktop app, encrypted with Electron's safeStorage (DPAPI on Windows, Keychain
// on macOS, the desktop keyring on Linux) and kept in the data directory's owner-only file.
import type { SafeStorage } from 'electron';
import type { Logger, SecretStore } from '../../core/context';
import { fileSecretStore, PLAINTEXT_WARNING } from '../common/secrets-file';

export function safeStorageSecretStore(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>, dataDir: string, log: Logger): SecretStore {
  if (!safeStorage.isEncryptionAvailable()) {
    // e.g. a Linux desktop without a keyring: say so, keep working with the owner-only file.
    log.warn('safeStorage unavailable: secrets stored unencrypted', { warning: PLAINTEXT_WARNING });
    return fileSecretStore(dataDir);
  }
  return fileSecretStore(
    dataDir,
    {
      encode: (plain) => safeStorage.encryptString(plain).toString('base64'),
      decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
    },
    true,
  );
}
