// Secrets of the browser host and the CLI: an owner-only (0600) JSON file in the data directory.
// Not encrypted — there is no OS keychain we can reach from plain Node without a native add-on —
// and said so plainly: the Electron host uses safeStorage instead (electron-host/secrets.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../../core/context';

export const SECRETS_FILE = 'secretos.json';
export const PLAINTEXT_WARNING =
  'Aviso: en la versión de navegador los secretos (como el token de sincronización) se guardan sin cifrar, ' +
  'en un archivo legible solo por el usuario del sistema. Use la aplicación de escritorio en producción.';

type Codec = { encode(plain: string): string; decode(stored: string): string };
const PLAIN: Codec = { encode: (s) => s, decode: (s) => s };

/** A JSON file of name → stored value; `codec` is where the Electron host plugs in safeStorage. */
export function fileSecretStore(dataDir: string, codec: Codec = PLAIN, encrypted = false): SecretStore {
  const file = path.join(dataDir, SECRETS_FILE);
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const write = (values: Record<string, string>) => {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(values), { mode: 0o600 });
    fs.renameSync(tmp, file);
  };
  return {
    encrypted,
    get: (name) => {
      const stored = read()[name];
      return stored === undefined ? null : codec.decode(stored);
    },
    set: (name, value) => write({ ...read(), [name]: codec.encode(value) }),
    delete: (name) => {
      const values = read();
      delete values[name];
      write(values);
    },
    list: (prefix) => Object.keys(read()).filter((name) => name.startsWith(prefix)),
  };
}
