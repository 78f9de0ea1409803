// Layout regressions: every page of the six sample forms, rendered by poppler at 50 dpi in grey,
// against committed reference images. Regenerate them (after looking at them!) with
//   UPDATE_FORM_REFERENCES=1 npx vitest run test/integration/forms/visual.test.ts
import fs from 'node:fs';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { demoRequest, DEMO_PRINTED_AT } from '../../../electron/core/forms/demo';
import { DEFAULT_TEMPLATES, FORM_KINDS, renderForm, type FormKind, type PrintableRequest } from '../../../electron/core/forms';
import { renderPages } from './poppler';

const REFERENCE_DIR = path.join(import.meta.dirname, 'reference');
const UPDATE = process.env.UPDATE_FORM_REFERENCES === '1';
const DPI = 50;
/** Share of pixels allowed to differ: anti-aliasing noise, far below one changed word or QR. */
const MAX_DIFF_RATIO = 0.001;

interface Diff {
  differing: number;
  ratio: number;
}

function compare(actualPng: Buffer, referencePng: Buffer): Diff {
  const actual = PNG.sync.read(actualPng);
  const reference = PNG.sync.read(referencePng);
  if (actual.width !== reference.width || actual.height !== reference.height) {
    return { differing: Number.POSITIVE_INFINITY, ratio: Number.POSITIVE_INFINITY };
  }
  const differing = pixelmatch(actual.data, reference.data, undefined, actual.width, actual.height, { threshold: 0.1 });
  return { differing, ratio: differing / (actual.width * actual.height) };
}

function referenceName(kind: FormKind, third: boolean, page: number): string {
  return `${kind}-${third ? 'con' : 'sin'}-tercero-p${page}.png`;
}

async function pagesOf(kind: FormKind, data: PrintableRequest): Promise<Buffer[]> {
  return renderPages(await renderForm(kind, data, DEFAULT_TEMPLATES[kind], { printedAt: DEMO_PRINTED_AT }), DPI);
}

describe('rendered pages match the reference images', () => {
  for (const kind of FORM_KINDS) {
    for (const third of [true, false]) {
      it(`${kind} ${third ? 'con' : 'sin'} tercero`, async () => {
        const pages = await pagesOf(kind, demoRequest(third));
        expect(pages.length).toBeGreaterThan(0);
        pages.forEach((png, i) => {
          const file = path.join(REFERENCE_DIR, referenceName(kind, third, i + 1));
          if (UPDATE) {
            fs.mkdirSync(REFERENCE_DIR, { recursive: true });
            fs.writeFileSync(file, png);
          }
          expect(fs.existsSync(file), `falta la imagen de referencia ${file}; genérela con UPDATE_FORM_REFERENCES=1`).toBe(true);
          const diff = compare(png, fs.readFileSync(file));
          expect(diff.ratio, `${path.basename(file)}: ${diff.differing} píxeles distintos`).toBeLessThanOrEqual(MAX_DIFF_RATIO);
        });
        // No stale extra page in the references (a form that used to take two pages).
        expect(fs.existsSync(path.join(REFERENCE_DIR, referenceName(kind, third, pages.length + 1)))).toBe(false);
      });
    }
  }

  it('notices a one-field change (the comparison can fail)', async () => {
    const data = demoRequest(true);
    data.employer.branch = '0002';
    const [page] = await pagesOf('solicitud', data);
    const diff = compare(page!, fs.readFileSync(path.join(REFERENCE_DIR, referenceName('solicitud', true, 1))));
    expect(diff.ratio).toBeGreaterThan(MAX_DIFF_RATIO);
  });
});
