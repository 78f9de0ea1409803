// npm run forms:sample -- --out DIR: the three forms for a demo request with a third party and
// the three without one, to look at and to hand to the people who approve the wording.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoRequest, DEMO_PRINTED_AT } from './demo';
import { DEFAULT_TEMPLATES } from './templates';
import { renderAll } from './render';

export async function writeSamples(outDir: string): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const withThirdParty of [true, false]) {
    const forms = await renderAll(demoRequest(withThirdParty), DEFAULT_TEMPLATES, { printedAt: DEMO_PRINTED_AT });
    for (const form of forms) {
      const file = path.join(outDir, `${form.kind}-${withThirdParty ? 'con-tercero' : 'sin-tercero'}.pdf`);
      fs.writeFileSync(file, form.pdf);
      written.push(file);
    }
  }
  return written;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const outDir = path.resolve(values.out ?? 'formularios-de-muestra');
  const files = await writeSamples(outDir);
  console.log(`Formularios de muestra escritos en ${outDir}:`);
  for (const file of files) console.log(`  ${path.basename(file)}`);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
