// The forms' QR symbols are qrcode's own, module for module: qrMatrix (electron/core/forms/marks.ts)
// encodes with a fixed mask and applies the mask qrcode would have chosen itself. Compared here
// with qrcode's unassisted choice over payloads of every shape the forms print and many others.
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrMatrix, qrSegments } from '../../../electron/core/forms/marks';
import { QR_PREFIX } from '../../../electron/core/forms/digest';
import { PAPER_KINDS } from '../../../electron/core/forms/types';

function qrcodeOwn(payload: string): { size: number; dark: string } {
  const { size, data } = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
  return { size, dark: Array.from(data, (b) => (b ? '1' : '0')).join('') };
}
function ours(payload: string): { size: number; dark: string } {
  const m = qrMatrix(payload);
  let dark = '';
  for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) dark += m.dark(r, c) ? '1' : '0';
  return { size: m.size, dark };
}

/** A deterministic stream of pseudo-random numbers (the cases are the same on every run). */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

describe('qrMatrix draws the symbol qrcode would, with the same mask', () => {
  it('for the payloads of the printed forms (number, id, kind, version, digest)', () => {
    const rnd = lcg(7);
    const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
    const masks = new Set<number>();
    for (let i = 0; i < 600; i++) {
      const number = `CAU-${['UIO', 'GYE', 'CUE'][i % 3]}-2026-${i % 4 === 0 ? `${String(i % 90).padStart(2, '0')}-` : ''}${String(Math.floor(rnd() * 999_999)).padStart(6, '0')}`;
      // As qrPayloadFor writes it (electron/core/forms/digest.ts): the digest is 16 hex digits.
      const id = `${hex(8)}-${hex(4)}-7${hex(3)}-${'89ab'[i % 4]}${hex(3)}-${hex(12)}`;
      const payload = [QR_PREFIX, number, id, PAPER_KINDS[i % PAPER_KINDS.length], `v${1 + (i % 12)}`, hex(16)].join('|');
      const expected = qrcodeOwn(payload);
      expect(ours(payload), payload).toEqual(expected);
      masks.add(QRCode.create(payload, { errorCorrectionLevel: 'M' }).maskPattern as number);
    }
    // The comparison reached more than one of qrcode's choices.
    expect(masks.size).toBeGreaterThan(3);
  });

  it('for texts of every length up to version 15, in every mode (digits, letters, bytes, accents)', () => {
    const rnd = lcg(11);
    const alphabets = ['0123456789', '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:', 'abcdefghijklmnñopqrstuvwxyz|-_áéíóú0123456789'];
    const sizes = new Set<number>();
    for (let i = 0; i < 400; i++) {
      const alphabet = alphabets[i % alphabets.length]!;
      const length = 1 + Math.floor(rnd() * 300);
      let text = '';
      for (let k = 0; k < length; k++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const expected = qrcodeOwn(text);
      sizes.add(expected.size);
      expect(ours(text), text).toEqual(expected);
    }
    expect(sizes.size).toBeGreaterThan(10);
  });

  it('with the segments qrcode chooses, for mixed texts of every version class (1–9, 10–26, 27–40)', () => {
    // Runs of digits, capitals and other characters of random lengths: the choices between
    // keeping a run's mode and widening it, ties included, and the estimated version's class.
    const rnd = lcg(23);
    const classes = ['0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:', 'abcdefxyz|_ñáé€'];
    const described = (segments: Array<{ mode: { id: string }; data: Uint8Array | string }>) =>
      segments.map((s) => `${s.mode.id}:${typeof s.data === 'string' ? s.data : Buffer.from(s.data).toString('hex')}`).join(' ');
    const versions = new Set<number>();
    let merged = 0;
    for (let i = 0; i < 1500; i++) {
      const length = 2 + Math.floor([40, 400, 1300][i % 3]! * rnd());
      let text = '';
      while (text.length < length) {
        const alphabet = classes[Math.floor(rnd() * classes.length)]!;
        const run = 1 + Math.floor(rnd() * rnd() * 9);
        for (let k = 0; k < run; k++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      }
      const own = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: 0 });
      const segments = qrSegments(text);
      const ours = QRCode.create(segments, { errorCorrectionLevel: 'M', maskPattern: 0 });
      expect(described(ours.segments as never), text).toBe(described(own.segments as never));
      expect(ours.version).toBe(own.version);
      versions.add(own.version);
      if (Array.isArray(segments) && segments.length < text.length) merged++;
    }
    expect(Math.min(...versions)).toBeLessThan(10);
    expect(Math.max(...versions)).toBeGreaterThan(26);
    expect(merged).toBeGreaterThan(100);
  });
});
