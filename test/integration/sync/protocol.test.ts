// The documented protocol is the one the code speaks: docs/protocol/openapi.json is generated
// from the zod schemas and must be current; unknown fields are tolerated.
import fs from 'node:fs';
import { expect, test } from 'vitest';
import { PullResponse, PushResponse } from '../../../shared/sync/protocol';
import { OPENAPI_FILE, renderOpenApi } from '../../central/write-openapi';

test('docs/protocol/openapi.json is generated from the current schemas (npx tsx test/central/write-openapi.ts)', () => {
  expect(fs.readFileSync(OPENAPI_FILE, 'utf8')).toBe(renderOpenApi());
});

test('every $ref of the OpenAPI document resolves', () => {
  const doc = JSON.parse(renderOpenApi()) as { components: { schemas: Record<string, unknown> } };
  const refs = [...renderOpenApi().matchAll(/"\$ref": "#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  expect(refs.length).toBeGreaterThan(10);
  for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r);
});

test('fields a newer central adds are ignored, not errors', () => {
  const push = PushResponse.parse({ results: [{ key: 'k1', status: 'accepted', serverTime: 1, trace: { id: 'x' } }], version: 2 });
  expect(push).toEqual({ results: [{ key: 'k1', status: 'accepted' }] });
  const pull = PullResponse.parse({
    changes: [{ seq: 3, kind: 'catalog', name: 'x', version: 1, entries: [{ code: 'a', label: 'A', color: 'red' }], signedBy: 'IESS' }],
    nextCursor: 'c3',
    remaining: 0,
    region: 'sierra',
  });
  expect(pull.changes[0]).toEqual({ seq: 3, kind: 'catalog', name: 'x', version: 1, entries: [{ code: 'a', label: 'A' }] });
});
