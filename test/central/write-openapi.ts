// Writes docs/protocol/openapi.json from the zod schemas (run after changing shared/sync/protocol.ts).
import fs from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '../../shared/sync/openapi';

export const OPENAPI_FILE = path.resolve(import.meta.dirname, '../../docs/protocol/openapi.json');
export const renderOpenApi = () => `${JSON.stringify(openApiDocument(), null, 2)}\n`;

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  fs.mkdirSync(path.dirname(OPENAPI_FILE), { recursive: true });
  fs.writeFileSync(OPENAPI_FILE, renderOpenApi());
  console.log(`Escrito ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}
