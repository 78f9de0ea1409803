import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeStorageSecretStore } from '../../electron/hosts/desktop/secrets';
import { fileSecretStore, SECRETS_FILE } from '../../electron/hosts/common/secrets-file';
import { silentLogger } from '../../electron/core/context';
import { tempDir } from '../support/desk';

const dirs: string[] = [];
const dir = () => {
  const d = tempDir('vp-secrets-');
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const keychain = {
  isEncryptionAvailable: () => true,
  encryptString: (plain: string) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
  decryptString: (data: Buffer) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString(),
};

describe('secret stores', () => {
  it('browser host: keeps secrets in an owner-only file and says it is not encrypted', () => {
    const d = dir();
    const store = fileSecretStore(d);
    store.set('centralToken', 'tok-123');
    expect(store.encrypted).toBe(false);
    expect(store.get('centralToken')).toBe('tok-123');
    if (process.platform !== 'win32') expect(fs.statSync(path.join(d, SECRETS_FILE)).mode & 0o777).toBe(0o600);
    store.delete('centralToken');
    expect(store.get('centralToken')).toBeNull();
  });

  it('desktop: encrypts with safeStorage so the plain secret never reaches the disk', () => {
    const d = dir();
    const store = safeStorageSecretStore(keychain, d, silentLogger);
    store.set('centralToken', 'tok-secreto-456');
    expect(store.encrypted).toBe(true);
    expect(fs.readFileSync(path.join(d, SECRETS_FILE), 'utf8')).not.toContain('tok-secreto-456');
    expect(safeStorageSecretStore(keychain, d, silentLogger).get('centralToken')).toBe('tok-secreto-456');
  });

  it('desktop without a keyring: falls back to the owner-only file and logs the warning', () => {
    const log = { ...silentLogger, warn: vi.fn() };
    const store = safeStorageSecretStore({ ...keychain, isEncryptionAvailable: () => false }, dir(), log);
    expect(store.encrypted).toBe(false);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('unencrypted'), expect.objectContaining({ warning: expect.stringContaining('sin cifrar') }));
  });
});
