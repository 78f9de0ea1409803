import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The migrations shipped with the source tree (development, tests, CLI). */
export const SOURCE_MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
