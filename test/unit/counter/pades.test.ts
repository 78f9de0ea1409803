// The PAdES verifier on the generated corpus (test/support/pades-corpus.ts): each case gets its
// verdict, and hostile bytes get a verdict too, never an exception.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors } from '../../../electron/core/counter/attachments/pades/anchors';
import { verifyPdfSignatures } from '../../../electron/core/counter/attachments/pades/verify';
import { SIGNATURE_VERDICTS } from '../../../shared/contract/signature-report';
import { buildCorpus, CORPUS_NOW, REPRESENTATIVE, testPki, validSigned, type CorpusCase, type TestPki } from '../../support/pades-corpus';

let corpus: CorpusCase[];
let t: TestPki;
const verify = (pdf: Uint8Array, anchors = [t.pki.root.cert]) => verifyPdfSignatures(pdf, { anchors, expectedSigner: REPRESENTATIVE, now: CORPUS_NOW });

beforeAll(async () => {
  t = await testPki();
  corpus = await buildCorpus();
}, 60_000);

describe('corpus verdicts', () => {
  it('every case gets its expected verdict', async () => {
    const got = [];
    for (const c of corpus) {
      const r = await verify(c.pdf);
      got.push({ name: c.name, verdict: r.verdict, revocationUnchecked: r.revocationUnchecked, signatures: c.signatures ? r.signatures.map((s) => s.verdict) : undefined });
    }
    expect(got).toEqual(corpus.map((c) => ({ name: c.name, verdict: c.verdict, revocationUnchecked: c.revocationUnchecked ?? false, signatures: c.signatures })));
  });

  it('a valid signature names the signer, the cédula, the date and the CA', async () => {
    const r = await verify(corpus[0]!.pdf);
    expect(r.summary).toBe('Firma válida de BEGOÑA PEÑA MUÑOZ, C.I. 1714307103, firmada el 10/03/2026, certificado de PRUEBA Entidad de Certificación');
    const s = r.signatures[0]!;
    expect(s.signedAtSource).toBe('sello_de_tiempo');
    expect(s.revocation).toBe('no_revocado');
    expect(s.checks.map((c) => [c.item, c.status])).toEqual([
      ['integridad', 'ok'],
      ['modificaciones', 'ok'],
      ['sello_de_tiempo', 'ok'],
      ['certificado', 'ok'],
      ['cadena', 'ok'],
      ['revocacion', 'ok'],
      ['identidad', 'ok'],
    ]);
  });

  it('the text-only fake and the PDF changed after signing are refused, saying why', async () => {
    const fake = await verify(Buffer.from('%PDF-1.4 /Type /Sig /ByteRange [ ] %%EOF', 'latin1'));
    expect(fake.summary).toBe('Sin firma electrónica');
    const changed = await verify(corpus.find((c) => c.name.startsWith('contenido cambiado'))!.pdf);
    expect(changed.summary).toBe('Documento modificado después de firmar');
    expect(changed.signatures[0]!.checks.find((c) => c.item === 'modificaciones')).toMatchObject({ status: 'falla', detail: 'Se cambió el contenido de la página 1.' });
  });

  it('an allowed update after signing is reported as such', async () => {
    const r = await verify(corpus.find((c) => c.name.startsWith('actualización inocua'))!.pdf);
    expect(r.signatures[0]!.modification).toBe('permitida');
    expect(r.signatures[0]!.checks.find((c) => c.item === 'modificaciones')!.detail).toContain('Se agregaron datos de validación (DSS).');
    const two = await verify(corpus.find((c) => c.name.startsWith('dos firmas'))!.pdf);
    expect(two.signatures[0]!.checks.find((c) => c.item === 'modificaciones')!.detail).toContain('Se agregó otra firma electrónica.');
  });

  it('without installed anchors nothing is valid; an installed intermediate is enough', async () => {
    expect((await verify(corpus[0]!.pdf, [])).verdict).toBe('emisor_no_reconocido');
    expect((await verify(corpus[0]!.pdf, [t.pki.intermediate.cert])).verdict).toBe('valida');
  });

  it('without a representative to compare, a valid signature is valid for anyone', async () => {
    const other = corpus.find((c) => c.name === 'firmado por otra persona')!;
    const r = await verifyPdfSignatures(other.pdf, { anchors: [t.pki.root.cert], expectedSigner: null, now: CORPUS_NOW });
    expect(r.verdict).toBe('valida');
    expect(r.signatures[0]!.signer?.cedula).toBe('0917364229');
  });
});

describe('hostile input', () => {
  const wellFormed = (r: Awaited<ReturnType<typeof verify>>) => {
    expect(SIGNATURE_VERDICTS).toContain(r.verdict);
    expect(r.summary.length).toBeGreaterThan(0);
  };

  it('random bytes, empty files and truncated signed PDFs get a verdict, never an exception', async () => {
    const valid = corpus[0]!.pdf;
    const inputs: Uint8Array[] = [Buffer.alloc(0), Buffer.from('%PDF-'), Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /AcroForm << /Fields [2 0 R] >> >> endobj 2 0 obj << /FT /Sig /V << /ByteRange [0 1 2 99999999999] /Contents <zz> >> >> endobj trailer << /Root 1 0 R >>')];
    for (const cut of [10, 500, Math.floor(valid.length / 2), valid.length - 30]) inputs.push(valid.subarray(0, cut));
    for (const input of inputs) {
      const r = await verify(input);
      wellFormed(r);
      expect(r.verdict).not.toBe('valida');
    }
  });

  it('a changed byte anywhere in the signed bytes is never valid', async () => {
    const valid = await validSigned();
    const text = valid.toString('latin1');
    const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(text)!;
    const [b, c] = [Number(m[1]), Number(m[2])];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        fc.pre(at < b || at >= c);
        const copy = Buffer.from(valid);
        copy[at] = copy[at]! ^ xor;
        const r = await verify(copy);
        wellFormed(r);
        expect(r.verdict).not.toBe('valida');
      }),
      { numRuns: 60 },
    );
  });

  it('a compressed-structure bomb is refused in Spanish', async () => {
    const bomb = zlib.deflateSync(Buffer.alloc(64 * 1_048_576));
    const pdf = Buffer.concat([
      Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`),
      bomb,
      Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
    ]);
    const r = await verify(pdf);
    expect(r.verdict).toBe('invalida');
    expect(r.summary).toContain('demasiado grande');
  });
});

describe('trust anchors from files', () => {
  it('reads PEM and DER files and says in Spanish which file is unusable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anclas-'));
    fs.writeFileSync(path.join(dir, 'raiz.pem'), t.pki.root.pem);
    fs.writeFileSync(path.join(dir, 'sub.cer'), t.pki.intermediate.der);
    fs.writeFileSync(path.join(dir, 'nota.txt'), 'no soy un certificado');
    const anchors = loadTrustAnchors(['raiz.pem', path.join(dir, 'sub.cer'), 'nota.txt', 'falta.pem'], dir);
    expect(anchors.names).toEqual(['PRUEBA Autoridad de Certificación Raíz', 'PRUEBA Autoridad de Certificación Subordinada']);
    expect(anchors.problems).toEqual([
      'Ancla de confianza «nota.txt»: no es un certificado X.509 en formato PEM o DER.',
      'Ancla de confianza «falta.pem»: no se encontró o no se pudo leer el archivo.',
    ]);
  });
});
